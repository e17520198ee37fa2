import type { ProviderRequestAction, ProviderRequestStatus, RequestsRowFragment } from "../../graphql/generated";
import { useI18n, type Translate } from "../../lib/i18n";
import type { ViewerPermissions } from "../shell/viewer";
import { customerUrl } from "../customers/urls";
import { transferWizardUrl } from "../transfers/urls";
import "./messages";

export type RequestRow = RequestsRowFragment;

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
        : // Singular for exactly 1: the plural rule of both UI languages (English, pt-PT; CLDR "one").
          t((r.quantity ?? 1) === 1 ? "requests.what.quantity.one" : "requests.what.quantity", {
            count: r.quantity ?? 1,
          }),
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
  if (r.action === "ORDER") {
    return customerUrl(r.customer.id, {
      panel: "order",
      request: r.id,
      offerName: r.offerName,
      offerId: r.offerId,
      offerKind: r.offerKind,
      quantity: r.quantity ? String(r.quantity) : null,
      term: r.termDuration,
      reseller: r.reseller.id,
    });
  }
  if (r.action === "TRANSFER") {
    return transferWizardUrl({
      customerId: r.customer.id,
      resellerId: r.reseller.id,
      ids: r.subscription ? [r.subscription.id] : null,
    });
  }
  return customerUrl(r.customer.id, { request: r.id }, r.subscription?.id);
}
