import { listPagingParams } from "../../lib/list-paging";
import { OFFER_KIND_VALUES, SALES_CHANNEL_VALUES, TERM_DURATION_VALUES } from "../../graphql/generated";
import { digits, formatParams, listOf, oneOf, text, type ParamChanges, flag } from "../../lib/url-params";

/** /customers: filters, page cursor and the open panel ("create" a customer, "request" a relationship). */
export const customerListParams = {
  q: text,
  country: text,
  channels: listOf(SALES_CHANNEL_VALUES),
  nonCsp: oneOf(["yes", "no"] as const),
  reseller: text,
  /** Only customers with a relationship request still waiting (the dashboard's card). */
  requested: flag,
  ...listPagingParams,
  panel: oneOf(["create", "request"] as const),
};

/** The parameters that filter the customer list (what a saved view keeps, with the sort). */
export const CUSTOMER_FILTER_KEYS = ["q", "country", "channels", "nonCsp", "reseller", "requested"] as const;

/**
 * /customers/:customerId: the subscriptions' channel filter and page, the reseller a transfer decision is for, the
 * open panel, the provider request being handled, and the order form's prefill (`offerName`, `offerId`,
 * `offerKind`, `quantity`, `term`, `reseller`: a provider following a reseller's request).
 */
export const customerPageParams = {
  channel: oneOf(SALES_CHANNEL_VALUES),
  after: text,
  transferReseller: text,
  panel: oneOf(["order", "register"] as const),
  request: text,
  offerName: text,
  offerId: text,
  offerKind: oneOf(OFFER_KIND_VALUES),
  quantity: digits,
  term: oneOf(TERM_DURATION_VALUES),
  reseller: text,
};

export const customerListUrl = (params?: ParamChanges<typeof customerListParams>) =>
  `/customers${formatParams(customerListParams, params)}`;

/** The customer's page; `subscriptionId` scrolls to (and marks) one of its subscriptions. */
export const customerUrl = (
  customerId: string,
  params?: ParamChanges<typeof customerPageParams>,
  subscriptionId?: string,
) =>
  `/customers/${encodeURIComponent(customerId)}${formatParams(customerPageParams, params)}${
    subscriptionId ? `#sub-${subscriptionId}` : ""
  }`;

/** The API returns the acceptance link as a path on its own origin; the customer needs the whole address. */
export function absoluteUrl(path: string, origin: string = window.location.origin): string {
  return new URL(path, origin).href;
}
