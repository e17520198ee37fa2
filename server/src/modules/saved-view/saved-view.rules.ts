import { CustomerSortField } from "../customer/customer.types";
import { PartnershipSortField } from "../partner/partner.types";
import { ProviderRequestSortField } from "../provider-request/provider-request.types";
import { SubscriptionSortField } from "../subscription/subscription.types";
import { TransferSortField } from "../transfer/transfer.types";
import { SavedViewList } from "./saved-view-list";

export { SavedViewList };

/** The most views one user keeps per list: the menu stays short and the list stays one bounded read. */
export const MAX_VIEWS_PER_LIST = 30;
export const MAX_VIEW_NAME = 100;
export const MAX_VIEW_FILTER = 2000;

/** Each list's sort keys, so a saved sort is one the list accepts. */
const SORT_FIELDS: Record<SavedViewList, readonly string[]> = {
  CUSTOMERS: Object.values(CustomerSortField),
  SUBSCRIPTIONS: Object.values(SubscriptionSortField),
  RESELLERS: Object.values(PartnershipSortField),
  TRANSFERS: Object.values(TransferSortField),
  REQUESTS: Object.values(ProviderRequestSortField),
};

/** A sort saved as FIELD:ASC or FIELD:DESC with a field the list sorts on. */
export function isSortOf(list: SavedViewList, orderBy: string): boolean {
  const [field, direction, ...rest] = orderBy.split(":");
  return rest.length === 0 && (direction === "ASC" || direction === "DESC") && SORT_FIELDS[list].includes(field ?? "");
}

/**
 * A filter saved as the SPA writes it in the URL: name=value pairs of short letter-only names, none of them paging
 * or sorting (a view is a filter and a sort; it always opens on its first page).
 */
export function isFilterQuery(filter: string): boolean {
  // No control characters (code points below 32, and DEL) and no fragment.
  if (filter.length > MAX_VIEW_FILTER || [...filter].some((c) => c.charCodeAt(0) < 32 || c === "\u007f" || c === "#"))
    return false;
  const params = new URLSearchParams(filter);
  for (const key of params.keys()) {
    if (!/^[a-zA-Z]{1,30}$/.test(key) || ["after", "before", "sort", "page", "size"].includes(key)) return false;
  }
  return true;
}
