import { formatParams, oneOf, text, type ParamChanges } from "../../lib/url-params";

/** The look-aheads offered: a week, a month, a quarter. */
export const RENEWAL_WINDOWS = ["7", "30", "90"] as const;
export type RenewalWindow = (typeof RENEWAL_WINDOWS)[number];
export const DEFAULT_WINDOW: RenewalWindow = "30";

/** /renewals: the look-ahead in days (30 when absent) and the page cursor. */
export const renewalParams = {
  within: oneOf(RENEWAL_WINDOWS),
  after: text,
};

export const renewalsUrl = (params?: ParamChanges<typeof renewalParams>) =>
  `/renewals${formatParams(renewalParams, params)}`;
