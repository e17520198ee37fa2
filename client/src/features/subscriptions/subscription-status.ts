import type { SubscriptionStatus } from "../../graphql/generated";

const STATUS_CLASS: Record<SubscriptionStatus, string> = {
  ACTIVE: "badge-ok",
  SUSPENDED: "badge-warn",
  EXPIRED: "badge-neutral",
  DISABLED: "badge-neutral",
  DELETED: "badge-no",
};

/** The badge classes of a subscription's status (the customer page's and the subscription list's). */
export const statusBadgeClass = (status: SubscriptionStatus) => `badge ${STATUS_CLASS[status]}`;
