import type { ProviderRequestAction, ProviderRequestStatus, RequestsRowFragment } from "../../graphql/generated";
import { useI18n, type Locale, type Translate } from "../../lib/i18n";
import type { ViewerPermissions } from "../shell/viewer";
import { customerUrl } from "../customers/urls";
import { transferWizardUrl } from "../transfers/urls";
import { describePlan } from "../subscriptions/sections/lifecycle";
import { subscriptionUrl } from "../subscriptions/urls";
import "../subscriptions/lifecycle-messages";
import "../subscriptions/messages";
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
export function requestWhat(t: Translate, r: RequestRow, locale: Locale = "en"): string {
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
  const subject = r.subscription
    ? `${r.subscription.offerName} (${r.subscription.offerId})`
    : t("requests.what.subscriptionGone");
  const asked = lifecycleWhat(t, r, locale);
  return asked ? `${subject} · ${asked}` : subject;
}

/** The V2 lifecycle value asked for: "to 12 seats", "turn auto-renew off", "at renewal: 20 seats, 1 year, …". */
function lifecycleWhat(t: Translate, r: RequestRow, locale: Locale): string | null {
  if (r.action === "CHANGE_QUANTITY" && r.quantity !== null) return t("requests.what.toSeats", { count: r.quantity });
  if (r.action === "SET_AUTO_RENEW" && r.autoRenew !== null)
    return t(r.autoRenew ? "requests.what.autoRenewOn" : "requests.what.autoRenewOff");
  if (r.action === "SCHEDULE_CHANGE" && r.scheduledChange && r.subscription)
    return t("requests.what.atRenewal", { what: describePlan(t, locale, r.subscription, r.scheduledChange) });
  if (r.action === "CANCEL_SCHEDULED_CHANGE" && r.subscription?.scheduledChange)
    return t("requests.what.removeScheduled", {
      what: describePlan(t, locale, r.subscription, r.subscription.scheduledChange),
    });
  if (r.action === "CANCEL_SCHEDULED_CHANGE") return t("requests.action.CANCEL_SCHEDULED_CHANGE");
  return null;
}

const LIFECYCLE_ACTIONS: readonly ProviderRequestAction[] = [
  "CHANGE_QUANTITY",
  "SET_AUTO_RENEW",
  "SCHEDULE_CHANGE",
  "CANCEL_SCHEDULED_CHANGE",
];

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
  // Seats, auto-renew and scheduled changes are made on the subscription's panel.
  if (LIFECYCLE_ACTIONS.includes(r.action) && r.subscription) return subscriptionUrl(r.subscription.id);
  return customerUrl(r.customer.id, { request: r.id }, r.subscription?.id);
}
