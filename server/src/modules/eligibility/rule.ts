import type { EligibilityAction, EligibilityReasonCode, Severity } from "../../domain/enums";
import type { DecisionFacts } from "./facts";

/** A rule of the rule book; `F` is what it reads (the full DecisionFacts unless it needs less). */
export interface Rule<F = DecisionFacts> {
  /** Id in RULES.md, e.g. "R11b". */
  id: string;
  code: EligibilityReasonCode;
  severity: Severity;
  /** Partner Center page the rule comes from (the brief's source). */
  source: string;
  /** True when the rule fires, i.e. the reason applies. */
  fires(facts: F): boolean;
  /** Rules skipped when a gating rule fired (RULES.md: R7 gates the CSP-to-CSP rules). */
  skipWhen?: (facts: F) => boolean;
}

export interface Reason {
  ruleId: string;
  code: EligibilityReasonCode;
  severity: Severity;
  source: string;
}

/** What a list of rules says about some facts. */
export interface Verdict {
  eligible: boolean;
  blocking: Reason[];
  advisories: Reason[];
}

/** The verdict of an action's rules. */
export interface Decision extends Verdict {
  action: EligibilityAction;
}
