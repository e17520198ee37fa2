import type { Instant } from "../../common/instants";
import type { EligibilityAction, EligibilityReasonCode, RuleBook, Severity } from "../../domain/enums";
import type { DecisionFacts } from "./facts";

/** The Microsoft Learn page of Partner Center documentation a rule comes from. */
export interface RuleSource {
  url: string;
  /** A short title of the page, to show beside the link. */
  title: string;
}

/** A rule of the rule book; `F` is what it reads (the full DecisionFacts unless it needs less). */
export interface Rule<F = DecisionFacts> {
  /** Id in the rule book (docs/rules.md), e.g. "R11b". */
  id: string;
  code: EligibilityReasonCode;
  severity: Severity;
  /** The Partner Center page the rule comes from (rules/sources.ts). */
  source: RuleSource;
  /** True when the rule fires, i.e. the reason applies. */
  fires(facts: F): boolean;
  /** Rules skipped when a gating rule fired (R7 gates the CSP-to-CSP rules). */
  skipWhen?: (facts: F) => boolean;
  /**
   * Rule book V2: the instants at which this rule's answer can change (RULES.md "v2: the decision"); only rules
   * that read the decision's instant have them.
   */
  instants?: (facts: F) => readonly Instant[];
}

export interface Reason {
  ruleId: string;
  code: EligibilityReasonCode;
  severity: Severity;
  source: RuleSource;
}

/** What a list of rules says about some facts. */
export interface Verdict {
  eligible: boolean;
  blocking: Reason[];
  advisories: Reason[];
}

export interface RefundableSeats {
  /** Seats that can be removed now (RefundableQuantity.totalQuantity). */
  quantity: number;
  /** Each window still open: its seats and its last instant (RefundableQuantityDetail). */
  details: { quantity: number; allowedUntil: Instant }[];
}

/** The verdict of an action's rules. */
export interface Decision extends Verdict {
  action: EligibilityAction;
  ruleBook: RuleBook;
  /** V2, when eligible: the last instant until which it stays eligible; null when it always stays so (and under V1). */
  eligibleUntil: Instant | null;
  /** V2, when not eligible: the first instant at which it becomes eligible; null when time alone will not do it. */
  becomesEligibleAt: Instant | null;
  /** V2 CHANGE_QUANTITY: the seats whose reduction window is open as of the decision's instant. */
  refundable: RefundableSeats | null;
}
