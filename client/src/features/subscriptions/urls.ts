import {
  ELIGIBILITY_ACTION_VALUES,
  OFFER_KIND_VALUES,
  SALES_CHANNEL_VALUES,
  SUBSCRIPTION_STATUS_VALUES,
  type EligibilityAction,
  type SubscriptionStatus,
} from "../../graphql/generated";
import { formatParams, isoDate, listOf, oneOf, text, type Param, type ParamChanges } from "../../lib/url-params";
import { listPagingParams } from "../../lib/list-paging";

/** The actions a subscription row can be checked for (every eligibility action about an existing subscription). */
export const ROW_ACTIONS = ELIGIBILITY_ACTION_VALUES.filter(
  (a): a is Exclude<EligibilityAction, "ORDER" | "REMOVE_RELATIONSHIP"> => a !== "ORDER" && a !== "REMOVE_RELATIONSHIP",
);
export type RowAction = (typeof ROW_ACTIONS)[number];

/** Without a status in the URL the list shows live subscriptions. */
const DEFAULT_STATUSES: readonly SubscriptionStatus[] = ["ACTIVE", "SUSPENDED"];

const statusList = listOf(SUBSCRIPTION_STATUS_VALUES);
/** `status=ACTIVE,EXPIRED`; none in the URL means the live ones, `status=any` every status (an empty list). */
const statusParam: Param<SubscriptionStatus[]> = {
  parse: (raw) => (raw === "any" ? [] : raw ? statusList.parse(raw) : [...DEFAULT_STATUSES]),
  format: (list) => (list.length ? statusList.format(list) : "any"),
};

/** /subscriptions: filters, the action each row is checked for (and, for transfers, the reseller), page cursor. */
export const subscriptionListParams = {
  status: statusParam,
  channel: listOf(SALES_CHANNEL_VALUES),
  offerKind: oneOf(OFFER_KIND_VALUES),
  termEndsAfter: isoDate,
  termEndsBefore: isoDate,
  search: text,
  customer: text,
  reseller: text,
  action: oneOf(ROW_ACTIONS),
  for: text,
  ...listPagingParams,
};

/** The parameters that filter the list ("Clear filters" resets them). */
export const SUBSCRIPTION_FILTER_KEYS = [
  "status",
  "channel",
  "offerKind",
  "termEndsAfter",
  "termEndsBefore",
  "search",
  "reseller",
  "customer",
] as const;

export const subscriptionListUrl = (params?: ParamChanges<typeof subscriptionListParams>) =>
  `/subscriptions${formatParams(subscriptionListParams, params)}`;

/** /subscriptions/:id: one subscription's panel (seats, auto-renew, renewal planner). */
export const subscriptionUrl = (id: string) => `/subscriptions/${encodeURIComponent(id)}`;
