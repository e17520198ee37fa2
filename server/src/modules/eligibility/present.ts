import type { Locale } from "../../common/locale";
import { formatInstant, type Instant } from "../../common/instants";
import { userError, type UserError } from "../../common/user-error";
import { ruleMessage } from "./messages";
import type { Decision, Reason, Verdict } from "./rule";
import { EligibilityDecision, EligibilityReason, RefundableSeatWindow } from "./eligibility.types";

/**
 * Presented reasons by language and rule id: a reason's answer depends on nothing else, and a page of decisions
 * gives the same few hundreds of times (issue 10). Frozen, as every decision that gives one shares it.
 */
const presentedReasons = new Map<Locale, Map<string, EligibilityReason>>();

function reasonType(r: Reason, locale: Locale): EligibilityReason {
  let byRule = presentedReasons.get(locale);
  if (!byRule) presentedReasons.set(locale, (byRule = new Map()));
  const known = byRule.get(r.ruleId);
  // A rule id names one rule: should two books ever differ under one id, the other is presented afresh.
  if (
    known &&
    known.code === r.code &&
    known.severity === r.severity &&
    known.source === r.source.url &&
    known.sourceTitle === r.source.title
  )
    return known;
  const presented = Object.freeze(
    Object.assign(new EligibilityReason(), {
      code: r.code,
      ruleId: r.ruleId,
      severity: r.severity,
      source: r.source.url,
      sourceTitle: r.source.title,
      message: ruleMessage(r.ruleId, locale),
    }),
  );
  if (!known) byRule.set(r.ruleId, presented);
  return presented;
}

const presentReasons = (reasons: readonly Reason[], locale: Locale): EligibilityReason[] =>
  reasons.length === 0 ? [] : reasons.map((r) => reasonType(r, locale));

const instantText = (t: Instant | null): string | null => (t === null ? null : formatInstant(t));

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
  return Object.assign(new EligibilityDecision(), {
    action: d.action,
    eligible: d.eligible,
    blocking: presentReasons(d.blocking, locale),
    advisories: presentReasons(d.advisories, locale),
    asOf,
    at: formatInstant(at ?? Date.parse(`${asOf}T00:00:00Z`)),
    ruleBook: d.ruleBook,
    eligibleUntil: instantText(d.eligibleUntil),
    becomesEligibleAt: instantText(d.becomesEligibleAt),
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
