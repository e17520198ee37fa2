import {
  BillingCycle,
  CommerceModel,
  EligibilityReasonCode as Code,
  OfferKind,
  ProductType,
  Severity,
  SubscriptionStatus,
  TermDuration,
} from "../../../domain/enums";
import { endOfDate, type Instant } from "../../../common/instants";
import { HOUR_MS, SECOND_MS, SEAT_REDUCTION_WINDOW_HOURS } from "../../../domain/policy";
import type { DecisionFacts, SubscriptionFacts, Tranche } from "../facts";
import type { RefundableSeats, Rule } from "../rule";
import { PARTNER_CENTER } from "./sources";

// Rule book V2: the new-commerce lifecycle actions CHANGE_QUANTITY, SET_AUTO_RENEW and SCHEDULE_CHANGE
// (R15m, R42–R50), and the refundable seats Partner Center reports (RefundableQuantity).

const WINDOW_MS = SEAT_REDUCTION_WINDOW_HOURS * HOUR_MS;

const seatProducts: readonly ProductType[] = [ProductType.LICENSE, ProductType.SOFTWARE_SUBSCRIPTION];

/** Seat counts can change on new-commerce and legacy licences and on software subscriptions. */
const supportsQuantityChange = (s: SubscriptionFacts): boolean =>
  s.offerKind === OfferKind.LICENSE_BASED && seatProducts.includes(s.productType);

/** A tranche whose 168-hour window contains `at` (a tranche dated after `at` does not exist yet). */
const inWindow = (t: Tranche, at: Instant): boolean => t.purchasedAt <= at && at <= t.purchasedAt + WINDOW_MS;

/** Seats that could be removed as of `at` by their windows alone (not capped: R43 keeps the count ≥ 1). */
const seatsInWindow = (s: SubscriptionFacts, at: Instant): number =>
  s.tranches.filter((t) => inWindow(t, at)).reduce((sum, t) => sum + t.quantity, 0);

/** RULES.md "v2: the decision": refundableQuantity and refundableDetails as of the decision's instant. */
export function refundableSeats(s: SubscriptionFacts, at: Instant): RefundableSeats {
  if (!supportsQuantityChange(s)) return { quantity: 0, details: [] };
  if (s.commerceModel === CommerceModel.LEGACY) return { quantity: Math.max(s.quantity - 1, 0), details: [] };
  const byDeadline = new Map<Instant, number>();
  for (const t of s.tranches) {
    if (!inWindow(t, at)) continue;
    const until = t.purchasedAt + WINDOW_MS;
    byDeadline.set(until, (byDeadline.get(until) ?? 0) + t.quantity);
  }
  const details = [...byDeadline.entries()]
    .sort(([a], [b]) => a - b)
    .map(([allowedUntil, quantity]) => ({ quantity, allowedUntil }));
  const total = details.reduce((sum, d) => sum + d.quantity, 0);
  return { quantity: Math.max(Math.min(total, s.quantity - 1), 0), details };
}

export const R15m_needsActive: Rule = {
  id: "R15m",
  code: Code.SUBSCRIPTION_NOT_ACTIVE,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.createSubscription,
  fires: (f) => f.subscription !== null && f.subscription.status !== SubscriptionStatus.ACTIVE,
};

export const R42_quantityChangeNotSupported: Rule = {
  id: "R42",
  code: Code.QUANTITY_CHANGE_NOT_SUPPORTED,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.changeQuantity,
  fires: (f) => f.subscription !== null && !supportsQuantityChange(f.subscription),
};

/** The quantity a request asks for: the new total (CHANGE_QUANTITY) or the next term's (SCHEDULE_CHANGE). */
const requestedQuantity = (f: DecisionFacts): number | null => {
  if (f.subscription === null) return null;
  if (f.quantity !== null) return f.quantity;
  if (f.change !== null) return f.change.quantity ?? f.subscription.quantity;
  return null;
};

export const R43_quantityOutOfRange: Rule = {
  id: "R43",
  code: Code.QUANTITY_OUT_OF_RANGE,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.errorCodes,
  fires: (f) => {
    const q = requestedQuantity(f);
    if (q === null) return false;
    const max = f.subscription?.maxQuantity ?? null;
    return q < 1 || (max !== null && q > max);
  },
};

export const R44_seatReductionWindowClosed: Rule = {
  id: "R44",
  code: Code.SEAT_REDUCTION_WINDOW_CLOSED,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.createSubscription,
  fires: (f) => {
    const s = f.subscription;
    if (s === null || f.quantity === null) return false;
    if (s.commerceModel !== CommerceModel.NEW_COMMERCE || !supportsQuantityChange(s)) return false;
    if (f.quantity >= s.quantity) return false;
    return s.quantity - f.quantity > seatsInWindow(s, f.at);
  },
  instants: (f) =>
    (f.subscription?.tranches ?? []).flatMap((t) => [t.purchasedAt, t.purchasedAt + WINDOW_MS + SECOND_MS]),
};

/** Any immediate mid-term change deletes the change saved for renewal (CANCEL, CHANGE_QUANTITY, SET_AUTO_RENEW off). */
export const R45_scheduledChangesDeleted: Rule = {
  id: "R45",
  code: Code.SCHEDULED_CHANGES_WILL_BE_DELETED,
  severity: Severity.ADVISORY,
  source: PARTNER_CENTER.createSubscription,
  fires: (f) => {
    const s = f.subscription;
    if (s === null || s.scheduledChange === null) return false;
    if (f.quantity !== null) return f.quantity !== s.quantity;
    if (f.autoRenew !== null) return f.autoRenew === false;
    return true; // CANCEL
  },
};

const autoRenewProducts: readonly ProductType[] = [...seatProducts, ProductType.MARKETPLACE_SAAS];

export const R46_autoRenewNotApplicable: Rule = {
  id: "R46",
  code: Code.AUTO_RENEW_NOT_APPLICABLE,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.updateAutoRenew,
  fires: (f) =>
    f.subscription !== null &&
    !(
      f.subscription.commerceModel === CommerceModel.NEW_COMMERCE &&
      autoRenewProducts.includes(f.subscription.productType)
    ),
};

/** From 00:00 UTC the day after the end date the renewal is queued: auto-renew and scheduled changes are read-only. */
export const R47_termEnded: Rule = {
  id: "R47",
  code: Code.SUBSCRIPTION_TERM_ENDED,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.createSubscription,
  fires: (f) => f.subscription !== null && f.at > endOfDate(f.subscription.commitmentEndDate),
  instants: (f) => (f.subscription ? [endOfDate(f.subscription.commitmentEndDate) + SECOND_MS] : []),
};

export const R48_scheduledChangeNotSupported: Rule = {
  id: "R48",
  code: Code.SCHEDULED_CHANGE_NOT_SUPPORTED,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.scheduledChanges,
  fires: (f) =>
    f.subscription !== null &&
    !(f.subscription.commerceModel === CommerceModel.NEW_COMMERCE && seatProducts.includes(f.subscription.productType)),
};

export const R49_scheduledChangeNeedsAutoRenew: Rule = {
  id: "R49",
  code: Code.SCHEDULED_CHANGE_REQUIRES_AUTO_RENEW,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.scheduledChanges,
  fires: (f) => f.subscription !== null && !f.subscription.autoRenew,
};

/** The six (term, billing) plans Partner Center sells: billing never longer than the term (error 900270). */
export const ALLOWED_BILLING_PLANS: readonly (readonly [TermDuration, BillingCycle])[] = [
  [TermDuration.P1M, BillingCycle.MONTHLY],
  [TermDuration.P1Y, BillingCycle.MONTHLY],
  [TermDuration.P1Y, BillingCycle.ANNUAL],
  [TermDuration.P3Y, BillingCycle.MONTHLY],
  [TermDuration.P3Y, BillingCycle.ANNUAL],
  [TermDuration.P3Y, BillingCycle.TRIENNIAL],
];

export const isAllowedBillingPlan = (term: TermDuration | null, billing: BillingCycle | null): boolean =>
  ALLOWED_BILLING_PLANS.some(([t, b]) => t === term && b === billing);

export const R50_billingPlanNotAllowed: Rule = {
  id: "R50",
  code: Code.BILLING_PLAN_NOT_ALLOWED,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.createSubscription,
  fires: (f) => {
    const s = f.subscription;
    if (s === null || f.change === null) return false;
    return !isAllowedBillingPlan(f.change.termDuration ?? s.termDuration, f.change.billingCycle ?? s.billingCycle);
  },
};
