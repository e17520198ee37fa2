import { useEffect, useState } from "react";
import { useNetworkSyncStatusQuery, useProvenanceQuery } from "../graphql/generated";
import { useI18n, type Translate } from "../lib/i18n";
import "../features/settings/sync-messages";

/** A record a sync has not written for this long is shown as stale. */
export const STALE_AFTER_MS = 24 * 3_600_000;

/** "5 min ago", "3 h ago", "2 d ago". */
export function ago(t: Translate, iso: string, now: number = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  if (minutes < 1) return t("ago.justNow");
  if (minutes < 60) return t("ago.minutes", { n: minutes });
  if (minutes < 48 * 60) return t("ago.hours", { n: Math.floor(minutes / 60) });
  return t("ago.days", { n: Math.floor(minutes / 1440) });
}

/**
 * "Synced 5 min ago" (or "Stale: synced 2 d ago") for a record a Partner Center sync wrote, from its provenance
 * (`source`, `syncedAt`). Nothing for channelgate's own records (the sandbox, mutations), or while it loads.
 */
export function SyncedIndicator({ id }: { id: string }) {
  const { t } = useI18n();
  // "Now" of the first render: the text does not tick while the page stays open (a reload refreshes it).
  const [now] = useState(() => Date.now());
  const { data } = useProvenanceQuery({ variables: { id }, errorPolicy: "all", fetchPolicy: "cache-and-network" });
  const node = data?.node;
  const syncedAt = node && "syncedAt" in node ? node.syncedAt : null;
  const source = node && "source" in node ? node.source : null;
  if (!source || typeof syncedAt !== "string") return null;
  const stale = now - Date.parse(syncedAt) > STALE_AFTER_MS;
  const text = stale
    ? t("provenance.stale", { ago: ago(t, syncedAt, now) })
    : t("provenance.synced", { ago: ago(t, syncedAt, now) });
  return (
    <span
      className={stale ? "badge provenance stale" : "badge provenance"}
      title={new Date(syncedAt).toISOString()}
      data-testid="synced-indicator"
    >
      {text}
    </span>
  );
}

/** The network badge's status refreshes this often (a sync run is at least minutes apart). */
const NETWORK_POLL_MS = 120_000;
/** Its "N min ago" moves on this often while the page stays open. */
const NETWORK_TICK_MS = 60_000;

/**
 * "Partner Center data synced 5 min ago" (or stale: past the server's SYNC_STALE_AFTER_MINUTES, or never synced) for
 * the whole network, from `viewer.syncStatus`: when a successful sync run last confirmed it. Shown on the dashboard
 * and the customer and subscription lists; nothing in the sandbox, for a partner channelgate holds alone, or while
 * it loads.
 */
export function NetworkSyncIndicator({ block = false }: { block?: boolean }) {
  const { t } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), NETWORK_TICK_MS);
    return () => clearInterval(timer);
  }, []);
  const { data } = useNetworkSyncStatusQuery({
    errorPolicy: "all",
    fetchPolicy: "cache-and-network",
    pollInterval: NETWORK_POLL_MS,
  });
  const status = data?.viewer.syncStatus;
  if (!status || status.upstream !== "PARTNER_CENTER") return null;
  const at = typeof status.lastSyncedAt === "string" ? status.lastSyncedAt : null;
  if (at === null && !status.stale) return null;
  const text =
    at === null
      ? t("provenance.network.never")
      : t(status.stale ? "provenance.network.stale" : "provenance.network.synced", { ago: ago(t, at, now) });
  const title =
    at === null
      ? t("provenance.network.neverTitle")
      : t("provenance.network.title", { at: new Date(at).toISOString(), minutes: status.staleAfterMinutes });
  const badge = (
    <span
      className={status.stale ? "badge provenance stale" : "badge provenance"}
      title={title}
      role="status"
      data-testid="network-sync-indicator"
    >
      {text}
    </span>
  );
  // On its own line under a page title (the dashboard); inline in a sentence or a page head otherwise.
  return block ? <div className="network-sync">{badge}</div> : badge;
}
