import type { Locale } from "../../common/locale";
import { formatInstant, type Instant } from "../../common/instants";
import { userError, type UserError } from "../../common/user-error";
import { ruleMessage } from "./messages";
import type { Decision, Reason, Verdict } from "./rule";
import { EligibilityDecision, EligibilityReason, RefundableSeatWindow } from "./eligibility.types";

const reasonType = (r: Reason, locale: Locale): EligibilityReason =>
  Object.assign(new EligibilityReason(), {
    code: r.code,
    ruleId: r.ruleId,
    severity: r.severity,
    source: r.source.url,
    sourceTitle: r.source.title,
    message: ruleMessage(r.ruleId, locale),
  });

/** Blocking reasons of a decision as user errors, each on the input field `fieldOf` names for its rule. */
export function decisionErrors(
  decision: Pick<Verdict, "blocking">,
  fieldOf: string | null | ((ruleId: string) => string | null),
  locale: Locale,
): UserError[] {
  const field = typeof fieldOf === "function" ? fieldOf : () => fieldOf;
  return decision.blocking.map((r) => userError(field(r.ruleId), r.code, ruleMessage(r.ruleId, locale), r.ruleId));
}

/** The engine's decision as the GraphQL type, with messages in the request's language. */
export function presentDecision(d: Decision, asOf: string, locale: Locale, at?: Instant): EligibilityDecision {
  const instant = (t: Instant | null) => (t === null ? null : formatInstant(t));
  return Object.assign(new EligibilityDecision(), {
    action: d.action,
    eligible: d.eligible,
    blocking: d.blocking.map((r) => reasonType(r, locale)),
    advisories: d.advisories.map((r) => reasonType(r, locale)),
    asOf,
    at: formatInstant(at ?? Date.parse(`${asOf}T00:00:00Z`)),
    ruleBook: d.ruleBook,
    eligibleUntil: instant(d.eligibleUntil),
    becomesEligibleAt: instant(d.becomesEligibleAt),
    refundableQuantity: d.refundable?.quantity ?? null,
    refundableDetails:
      d.refundable?.details.map((w) =>
        Object.assign(new RefundableSeatWindow(), {
          quantity: w.quantity,
          allowedUntil: formatInstant(w.allowedUntil),
        }),
      ) ?? null,
  });
}
