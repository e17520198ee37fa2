import { PARTNERSHIP_STATUS_VALUES, type PartnershipFilter, type PartnershipStatus } from "../../graphql/generated";
import { flag, formatParams, oneOf, text, type Param, type ParamChanges } from "../../lib/url-params";
import { listPagingParams } from "../../lib/list-paging";

/** The status choices of the partnership lists; "current" (the default) hides ended partnerships. */
export const STATUS_CHOICES = ["current", ...PARTNERSHIP_STATUS_VALUES, "all"] as const;
export type StatusChoice = (typeof STATUS_CHOICES)[number];

const statusChoice: Param<StatusChoice> = {
  parse: (raw) => ((STATUS_CHOICES as readonly string[]).includes(raw) ? (raw as StatusChoice) : "current"),
  format: (choice) => (choice === "current" ? "" : choice),
};

/** /providers (a reseller's providers): status, name or Partner ID search, page cursor. */
export const providerListParams = { status: statusChoice, search: text, after: text };
/** /resellers (a provider's resellers): the same, "only compliance issues", sort and page N of M. */
export const resellerListParams = { status: statusChoice, search: text, issues: flag, ...listPagingParams };
/** The parameters that filter the reseller list (what a saved view keeps, with the sort). */
export const RESELLER_FILTER_KEYS = ["status", "search", "issues"] as const;

export const providerListUrl = (params?: ParamChanges<typeof providerListParams>) =>
  `/providers${formatParams(providerListParams, params)}`;
export const resellerListUrl = (params?: ParamChanges<typeof resellerListParams>) =>
  `/resellers${formatParams(resellerListParams, params)}`;

export function partnershipFilter(choice: StatusChoice, search: string, issues?: boolean): PartnershipFilter {
  const filter: PartnershipFilter = {};
  const status: PartnershipStatus[] | null =
    choice === "current" ? ["ACTIVE", "INVITED"] : choice === "all" ? null : [choice];
  if (status) filter.status = status;
  if (search) filter.search = search;
  if (issues) filter.hasComplianceIssues = true;
  return filter;
}

/** /resellers/:resellerId (providers): one reseller's page; the id is the reseller's Partner id. */
export const resellerPageParams = {
  tab: oneOf(["customers", "subscriptions", "requests"] as const),
  ...listPagingParams,
};
export const resellerUrl = (resellerId: string, params?: ParamChanges<typeof resellerPageParams>) =>
  `/resellers/${encodeURIComponent(resellerId)}${formatParams(resellerPageParams, params)}`;
