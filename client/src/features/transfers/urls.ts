import { TRANSFER_DIRECTION_VALUES, TRANSFER_STATUS_VALUES } from "../../graphql/generated";
import { listPagingParams } from "../../lib/list-paging";
import { formatParams, idList, listOf, oneOf, text, type ParamChanges, isoDate } from "../../lib/url-params";

/** /transfers: statuses (one canonical order: one cache entry per set), direction, one customer, sort and page. */
export const transferListParams = {
  status: listOf(TRANSFER_STATUS_VALUES),
  direction: oneOf(TRANSFER_DIRECTION_VALUES),
  customerId: text,
  /** Pending transfers whose time to answer ends before this date (the dashboard's "expiring" card). */
  expires: isoDate,
  ...listPagingParams,
};

/** The parameters that filter the transfer list (what a saved view keeps, with the sort). */
export const TRANSFER_FILTER_KEYS = ["status", "direction", "customerId", "expires"] as const;

const WIZARD_STEPS = ["customer", "reseller", "subscriptions", "review"] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** /transfers/new: the step, the customer, the reseller (providers), the chosen subscriptions, a search, a page. */
export const transferWizardParams = {
  step: oneOf(WIZARD_STEPS),
  customerId: text,
  resellerId: text,
  ids: idList,
  q: text,
  after: text,
};

export const transferListUrl = (params?: ParamChanges<typeof transferListParams>) =>
  `/transfers${formatParams(transferListParams, params)}`;
export const transferUrl = (transferId: string) => `/transfers/${encodeURIComponent(transferId)}`;
export const transferWizardUrl = (params?: ParamChanges<typeof transferWizardParams>) =>
  `/transfers/new${formatParams(transferWizardParams, params)}`;
