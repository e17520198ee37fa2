import { useEffect, useRef } from "react";
import { useApolloClient, useSubscription } from "@apollo/client/react";
import { LiveEventsDocument, type LiveEventType } from "../graphql/generated";

/**
 * Which screens' queries (by operation name) each live event makes stale. The shell refetches those that are on
 * screen when an event arrives; the others are fetched as usual when next shown.
 */
export const STALE_QUERIES: Record<LiveEventType, readonly string[]> = {
  TRANSFER_CREATED: ["TransferList", "TransferDetail", "DashboardPendingTransfers", "DashboardSummary"],
  TRANSFER_ACCEPTED: [
    "TransferList",
    "TransferDetail",
    "DashboardPendingTransfers",
    "DashboardSummary",
    "SubscriptionsList",
    "CustomerSubscriptions",
    "CustomerPage",
  ],
  TRANSFER_REJECTED: ["TransferList", "TransferDetail", "DashboardPendingTransfers", "DashboardSummary"],
  TRANSFER_WITHDRAWN: ["TransferList", "TransferDetail", "DashboardPendingTransfers", "DashboardSummary"],
  TRANSFER_EXPIRED: ["TransferList", "TransferDetail", "DashboardPendingTransfers", "DashboardSummary"],
  TRANSFER_EXPIRING: ["TransferList", "TransferDetail", "DashboardPendingTransfers"],
  RELATIONSHIP_ACCEPTED: ["CustomerList", "CustomerPage", "DashboardSummary", "DashboardResellers"],
  SUBSCRIPTION_CHANGED: [
    "SubscriptionsList",
    "CustomerSubscriptions",
    "CustomerPage",
    "DashboardSummary",
    "DashboardResellers",
    "DashboardTermsEnding",
    "DashboardMultiChannel",
  ],
  PROVIDER_REQUEST_OPENED: ["ShellOpenRequests", "RequestsList", "CustomerOpenProviderRequests", "DashboardSummary"],
  PROVIDER_REQUEST_RESOLVED: [
    "ShellOpenRequests",
    "RequestsList",
    "RequestsHandling",
    "CustomerOpenProviderRequests",
    "DashboardSummary",
  ],
  CANCELLATION_WINDOW_CLOSING: ["SubscriptionsList", "CustomerSubscriptions"],
  TERM_ENDING: ["DashboardTermsEnding"],
};

/** The query names a burst of events makes stale (an accepted transfer changes many subscriptions at once). */
export function staleQueries(types: readonly LiveEventType[]): Set<string> {
  return new Set(types.flatMap((t) => STALE_QUERIES[t] ?? []));
}

/** Events arriving within this window are answered with one refetch. */
const BURST_MS = 250;

/**
 * Keeps the signed-in screens current from live events: the request badge, the dashboard's counts, transfer and
 * subscription pages. Refetches only active queries the events make stale. If the socket cannot be opened or
 * fails, nothing changes: screens fetch on navigation as they always did.
 */
export function useLiveEvents(enabled: boolean): void {
  const client = useApolloClient();
  const pending = useRef<LiveEventType[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useSubscription(LiveEventsDocument, {
    skip: !enabled,
    onData: ({ data }) => {
      const event = data.data?.events;
      if (!event) return;
      pending.current.push(event.type);
      if (timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = null;
        const names = staleQueries(pending.current.splice(0));
        void client.refetchQueries({
          include: "active",
          onQueryUpdated: (query) => (query.queryName !== undefined && names.has(query.queryName) ? true : false),
        });
      }, BURST_MS);
    },
    // The fallback is the app as it was: no live updates, no error shown.
    onError: () => undefined,
  });
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
}
