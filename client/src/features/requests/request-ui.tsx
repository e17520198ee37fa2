import type {
  ProviderRequestAction,
  ProviderRequestDirection,
  ProviderRequestStatus,
  RequestsRowFragment,
} from "../../graphql/generated";
import { useI18n, type Translate } from "../../lib/i18n";
import type { ViewerPermissions } from "../shell/viewer";
import "./messages";

export type RequestRow = RequestsRowFragment;

export const REQUEST_STATUSES: readonly ProviderRequestStatus[] = ["OPEN", "FULFILLED", "DECLINED", "WITHDRAWN"];
export const REQUEST_DIRECTIONS: readonly ProviderRequestDirection[] = ["RECEIVED", "SENT"];

/**
 * Queries an answer changes: the list (a filtered one loses the row), the request on a "Do it" page and the
 * navigation's count. Other screens' request lists fetch again whenever they are shown.
 */
export const REQUEST_QUERIES = ["RequestsList", "RequestsHandling", "ShellOpenRequests"];

const STATUS_CLASS: Record<ProviderRequestStatus, string> = {
  OPEN: "badge-warn",
  FULFILLED: "badge-ok",
  DECLINED: "badge-no",
  WITHDRAWN: "badge-neutral",
};

export function RequestStatusBadge({ status }: { status: ProviderRequestStatus }) {
  const { t } = useI18n();
  return <span className={`badge ${STATUS_CLASS[status]}`}>{t(`requests.status.${status}`)}</span>;
}

/** The role the server requires to send, answer or withdraw a request for this action (as its mutation). */
export const roleMayHandle = (permissions: ViewerPermissions, action: ProviderRequestAction) =>
  action === "TRANSFER" ? permissions.canTransfer : permissions.canOrder;

/** What is asked, in a line: "Microsoft 365 E3 (CFQ7TTC0LFLX:0001) · 10 licences · 1 year" or the subscription. */
export function requestWhat(t: Translate, r: RequestRow): string {
  if (r.action === "ORDER") {
    return [
      `${r.offerName ?? "—"}${r.offerId ? ` (${r.offerId})` : ""}`,
      r.offerKind === "USAGE_BASED"
        ? t("requests.what.usage")
        : t("requests.what.quantity", { count: r.quantity ?? 1 }),
      r.termDuration ? t(`requests.term.${r.termDuration}`) : null,
    ]
      .filter(Boolean)
      .join(" · ");
  }
  return r.subscription
    ? `${r.subscription.offerName} (${r.subscription.offerId})`
    : t("requests.what.subscriptionGone");
}

/** The page where the provider does what a request asks, prefilled; null when the customer is out of sight. */
export function doItUrl(r: RequestRow): string | null {
  if (!r.customer) return null;
  const customer = `/customers/${encodeURIComponent(r.customer.id)}`;
  if (r.action === "ORDER") {
    const params = new URLSearchParams({ panel: "order", request: r.id });
    if (r.offerName) params.set("offerName", r.offerName);
    if (r.offerId) params.set("offerId", r.offerId);
    if (r.offerKind) params.set("offerKind", r.offerKind);
    if (r.quantity) params.set("quantity", String(r.quantity));
    if (r.termDuration) params.set("term", r.termDuration);
    params.set("reseller", r.reseller.id);
    return `${customer}?${params.toString()}`;
  }
  if (r.action === "TRANSFER") {
    const params = new URLSearchParams({ customerId: r.customer.id, resellerId: r.reseller.id });
    if (r.subscription) params.set("ids", r.subscription.id);
    return `/transfers/new?${params.toString()}`;
  }
  const params = new URLSearchParams({ request: r.id });
  return `${customer}?${params.toString()}${r.subscription ? `#sub-${r.subscription.id}` : ""}`;
}
