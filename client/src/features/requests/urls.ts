import { PROVIDER_REQUEST_DIRECTION_VALUES, PROVIDER_REQUEST_STATUS_VALUES } from "../../graphql/generated";
import { formatParams, oneOf, text, type ParamChanges } from "../../lib/url-params";
import { listPagingParams } from "../../lib/list-paging";

/**
 * /requests: status, direction (RECEIVED by a provider, SENT by a reseller), one reseller (a provider's view, from
 * the reseller's page), sort and page.
 */
export const requestListParams = {
  status: oneOf(PROVIDER_REQUEST_STATUS_VALUES),
  direction: oneOf(PROVIDER_REQUEST_DIRECTION_VALUES),
  reseller: text,
  ...listPagingParams,
};

/** The parameters that filter the request list (what a saved view keeps, with the sort). */
export const REQUEST_FILTER_KEYS = ["status", "direction", "reseller"] as const;

export const requestListUrl = (params?: ParamChanges<typeof requestListParams>) =>
  `/requests${formatParams(requestListParams, params)}`;
