import { useState } from "react";
import { useProvenanceQuery } from "../graphql/generated";
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
