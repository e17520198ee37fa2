import type { EligibilityAction, EligibilityReasonCode, Severity } from "../../domain/enums";
import type { DecisionFacts } from "./facts";

export interface Rule {
  /** Id in RULES.md, e.g. "R11b". */
  id: string;
  code: EligibilityReasonCode;
  severity: Severity;
  /** Partner Center page the rule comes from (the brief's source). */
  source: string;
  /** True when the rule fires, i.e. the reason applies. */
  fires(facts: DecisionFacts): boolean;
  /** Rules skipped when a gating rule fired (RULES.md: R7 gates the CSP-to-CSP rules). */
  skipWhen?: (facts: DecisionFacts) => boolean;
}

export interface Reason {
  ruleId: string;
  code: EligibilityReasonCode;
  severity: Severity;
  source: string;
}

export interface Decision {
  action: EligibilityAction;
  eligible: boolean;
  blocking: Reason[];
  advisories: Reason[];
}
