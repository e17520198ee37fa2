/** The URL keys of the subscription list (filters, action, page): links from other screens use these. */
export const SUBSCRIPTION_LIST_KEYS = [
  "status",
  "channel",
  "offerKind",
  "termEndsAfter",
  "termEndsBefore",
  "search",
  "customer",
  "reseller",
  "action",
  "for",
  "after",
] as const;

export type SubscriptionListParams = Partial<Record<(typeof SUBSCRIPTION_LIST_KEYS)[number], string>>;

export function subscriptionListUrl(params: SubscriptionListParams = {}): string {
  const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
  const query = search.toString();
  return query ? `/subscriptions?${query}` : "/subscriptions";
}
