import type { ApolloCache } from "@apollo/client";
import type { TransferStatus } from "../../graphql/generated";
import { useI18n } from "../../lib/i18n";
import "./messages";
import "./transfers.css";

/** A pending transfer with this many days left, or fewer, needs attention. */
export const URGENT_DAYS = 7;

const STATUS_CLASS: Record<TransferStatus, string> = {
  PENDING: "badge-warn",
  ACCEPTED: "badge-ok",
  COMPLETED: "badge-ok",
  REJECTED: "badge-no",
  WITHDRAWN: "badge-neutral",
  EXPIRED: "badge-neutral",
};

export function TransferStatusBadge({ status }: { status: TransferStatus }) {
  const { t } = useI18n();
  return <span className={`badge ${STATUS_CLASS[status]}`}>{t(`transfers.status.${status}`)}</span>;
}

/** "n days left" for a pending transfer (urgent at 7 days or fewer); nothing otherwise. */
export function ExpiryCountdown({ daysLeft, large = false }: { daysLeft: number | null; large?: boolean }) {
  const { t } = useI18n();
  if (daysLeft === null) return null;
  const urgent = daysLeft <= URGENT_DAYS;
  const text = daysLeft <= 0 ? t("transfers.daysLeft.last") : t("transfers.daysLeft", { count: daysLeft });
  return (
    <span
      className={`xfer-countdown${urgent ? " xfer-countdown-urgent" : ""}${large ? " xfer-countdown-large" : ""}`}
      data-urgent={urgent || undefined}
    >
      {urgent && <span aria-hidden="true">⚠ </span>}
      {text}
      {urgent && <span className="sr-only"> ({t("transfers.daysLeft.urgent")})</span>}
    </span>
  );
}

/**
 * After a transfer is created or changes state, lists elsewhere (transfers, transfer eligibility, the network's
 * subscriptions, dashboard totals) are stale: drop them from the cache so they load again when next shown, with
 * no page reload. The screen the user is on refetches its own query by name.
 */
export function evictTransferDependents(cache: ApolloCache) {
  for (const fieldName of ["transfers", "transferEligibility", "subscriptions", "networkSummary"]) {
    cache.evict({ id: "ROOT_QUERY", fieldName });
  }
  cache.gc();
}
