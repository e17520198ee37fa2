import { PROVIDER_REQUEST_DIRECTION_VALUES, PROVIDER_REQUEST_STATUS_VALUES } from "../../graphql/generated";
import { formatParams, oneOf, text, type ParamChanges } from "../../lib/url-params";

/** /requests: status, direction (RECEIVED by a provider, SENT by a reseller) and page cursor. */
export const requestListParams = {
  status: oneOf(PROVIDER_REQUEST_STATUS_VALUES),
  direction: oneOf(PROVIDER_REQUEST_DIRECTION_VALUES),
  after: text,
};

export const requestListUrl = (params?: ParamChanges<typeof requestListParams>) =>
  `/requests${formatParams(requestListParams, params)}`;
