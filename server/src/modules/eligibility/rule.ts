import type { EligibilityAction, EligibilityReasonCode, Severity } from "../../domain/enums";
import type { DecisionFacts } from "./facts";

/** The Microsoft Learn page of Partner Center documentation a rule comes from. */
export interface RuleSource {
  url: string;
  /** A short title of the page, to show beside the link. */
  title: string;
}

export interface Rule {
  /** Id in the rule book (docs/rules.md), e.g. "R11b". */
  id: string;
  code: EligibilityReasonCode;
  severity: Severity;
  /** The Partner Center page the rule comes from (rules/sources.ts). */
  source: RuleSource;
  /** True when the rule fires, i.e. the reason applies. */
  fires(facts: DecisionFacts): boolean;
  /** Rules skipped when a gating rule fired (R7 gates the CSP-to-CSP rules). */
  skipWhen?: (facts: DecisionFacts) => boolean;
}

export interface Reason {
  ruleId: string;
  code: EligibilityReasonCode;
  severity: Severity;
  source: RuleSource;
}

export interface Decision {
  action: EligibilityAction;
  eligible: boolean;
  blocking: Reason[];
  advisories: Reason[];
}
