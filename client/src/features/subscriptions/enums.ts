import type { EligibilityAction, OfferKind, SalesChannel, SubscriptionStatus } from "../../graphql/generated";

/** The enums the subscription screens filter and label by, in display order. */
export const SUBSCRIPTION_STATUSES: readonly SubscriptionStatus[] = [
  "ACTIVE",
  "SUSPENDED",
  "EXPIRED",
  "DISABLED",
  "DELETED",
];
export const SALES_CHANNELS: readonly SalesChannel[] = [
  "CSP",
  "EA",
  "MICROSOFT_DIRECT",
  "OPEN",
  "ADVISOR",
  "THIRD_PARTY_NON_CSP",
];
export const OFFER_KINDS: readonly OfferKind[] = ["LICENSE_BASED", "USAGE_BASED"];
/** The actions a subscription row can be checked for. */
export const ROW_ACTIONS: readonly EligibilityAction[] = ["SUPPORT", "CANCEL", "SUSPEND", "REACTIVATE", "TRANSFER"];

const STATUS_CLASS: Record<SubscriptionStatus, string> = {
  ACTIVE: "badge-ok",
  SUSPENDED: "badge-warn",
  EXPIRED: "badge-neutral",
  DISABLED: "badge-neutral",
  DELETED: "badge-no",
};

export const statusBadgeClass = (status: SubscriptionStatus) => `badge ${STATUS_CLASS[status]}`;

/** Parses a comma-separated URL value into the allowed enum values (unknown ones are dropped). */
export function parseList<T extends string>(value: string, allowed: readonly T[]): T[] {
  if (!value) return [];
  const wanted = new Set(value.split(","));
  return allowed.filter((v) => wanted.has(v));
}

export function parseOne<T extends string>(value: string, allowed: readonly T[]): T | null {
  return (allowed as readonly string[]).includes(value) ? (value as T) : null;
}
