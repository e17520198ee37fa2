import { SubscriptionStatus } from "./enums";

// "Live" subscriptions: held by the customer, and billed or billable (ACTIVE, or SUSPENDED until cancelled).
// The predicate and its SQL twin live together so that code and queries cannot drift apart.

export const LIVE_SUBSCRIPTION_STATUSES: readonly SubscriptionStatus[] = [
  SubscriptionStatus.ACTIVE,
  SubscriptionStatus.SUSPENDED,
];

export function isLiveSubscription(s: { status: SubscriptionStatus }): boolean {
  return LIVE_SUBSCRIPTION_STATUSES.includes(s.status);
}

/** SQL twin of isLiveSubscription on a customer_subscription alias: `s.status IN ('ACTIVE', 'SUSPENDED')`. */
export function liveSubscriptionSql(alias: string): string {
  return `${alias}.status IN (${LIVE_SUBSCRIPTION_STATUSES.map((s) => `'${s}'`).join(", ")})`;
}
