import { useEffect, useState } from "react";
import { DataState } from "../../components/DataState";
import {
  useSettingsStartSyncMutation,
  useSettingsSyncRunsQuery,
  type SettingsSyncRunRowFragment,
} from "../../graphql/generated";
import { useI18n } from "../../lib/i18n";
import { useViewer } from "../shell/viewer";
import { SettingsNav } from "./SettingsNav";
import "./sync-messages";
import "./settings.css";

/** How many runs the page shows (the newest). */
const RUNS = 10;
/** While a run is RUNNING, its progress is polled this often. */
export const SYNC_POLL_MS = 2000;

/**
 * /settings/partner-center-sync — the home partner's sync runs (GLOBAL_ADMIN, ADMIN_AGENT): the last runs with their
 * progress (polled every 2 s while one runs), and Start (or Resume after a failure) for the roles that may.
 */
export function SyncView() {
  const { t } = useI18n();
  const viewer = useViewer();
  if (!viewer.permissions.canViewSync) {
    return (
      <section className="settings" aria-labelledby="sync-title">
        <h1 id="sync-title">{t("sync.title")}</h1>
        <p className="notice">{t("sync.notAllowed", { role: t(`role.${viewer.user.role}`) })}</p>
      </section>
    );
  }
  return <SyncRuns />;
}

function SyncRuns() {
  const { t, formatDate } = useI18n();
  const viewer = useViewer();
  const list = useSettingsSyncRunsQuery({ variables: { first: RUNS }, fetchPolicy: "cache-and-network" });
  const runs = (list.data ?? list.previousData)?.syncRuns.nodes ?? [];
  const running = runs.some((r) => r.status === "RUNNING");
  const { startPolling, stopPolling } = list;
  useEffect(() => {
    if (running) startPolling(SYNC_POLL_MS);
    else stopPolling();
    return () => stopPolling();
  }, [running, startPolling, stopPolling]);

  const [startSync] = useSettingsStartSyncMutation();
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const lastFull = runs.find((r) => r.kind === "FULL");
  const canResume = lastFull?.status === "FAILED" && lastFull.resumeFrom !== null;

  async function start(resume: boolean) {
    setPending(true);
    setErrors([]);
    setNotice(null);
    try {
      const payload = (await startSync({ variables: { input: { resume } } })).data?.startSync;
      if (payload?.userErrors.length) setErrors(payload.userErrors.map((e) => e.message));
      else if (payload?.syncRun) {
        setNotice(t("sync.started"));
        await list.refetch();
      }
    } catch (error) {
      setErrors([error instanceof Error ? error.message : String(error)]);
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="settings cust" aria-labelledby="sync-title">
      <SettingsNav />
      <div className="page-head">
        <h1 id="sync-title">{t("sync.title")}</h1>
        {viewer.permissions.canStartSync && (
          <div className="actions">
            {canResume && (
              <button
                type="button"
                className="secondary"
                disabled={pending || running}
                onClick={() => void start(true)}
              >
                {t("sync.resume")}
              </button>
            )}
            <button type="button" disabled={pending || running} onClick={() => void start(false)}>
              {pending ? t("sync.starting") : t("sync.start")}
            </button>
          </div>
        )}
      </div>
      <p className="hint">{t("sync.intro", { partner: viewer.partner.name })}</p>
      {errors.length > 0 && (
        <div role="alert" className="error">
          {errors.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      )}
      <p role="status" className={notice ? "success" : "sr-only"}>
        {notice ?? ""}
      </p>
      <DataState
        loading={list.loading && runs.length === 0}
        error={list.error}
        hasData={runs.length > 0}
        empty={runs.length === 0}
        emptyText={t("sync.empty")}
        onRetry={() => void list.refetch()}
      >
        {runs.length > 0 && (
          <table className="data-table">
            <caption className="sr-only">{t("sync.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("sync.col.started")}</th>
                <th scope="col">{t("sync.col.kind")}</th>
                <th scope="col">{t("sync.col.status")}</th>
                <th scope="col">{t("sync.col.progress")}</th>
                <th scope="col">{t("sync.col.calls")}</th>
                <th scope="col">{t("sync.col.finished")}</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <RunRow key={run.id} run={run} formatDate={formatDate} />
              ))}
            </tbody>
          </table>
        )}
      </DataState>
    </section>
  );
}

function RunRow({ run, formatDate }: { run: SettingsSyncRunRowFragment; formatDate: (iso: string) => string }) {
  const { t } = useI18n();
  const at = (iso: string) => `${formatDate(iso)} ${new Date(iso).toISOString().slice(11, 19)} UTC`;
  return (
    <tr data-testid={`sync-run-${run.id}`}>
      <td>{at(run.startedAt)}</td>
      <td>{t(`sync.kind.${run.kind}`)}</td>
      <td>
        <span className={`badge status-${run.status.toLowerCase()}`}>{t(`sync.status.${run.status}`)}</span>
        {run.error && <p className="error">{run.error}</p>}
        {run.status === "FAILED" && run.resumeFrom && (
          <p className="hint">{t("sync.resumeFrom", { id: run.resumeFrom })}</p>
        )}
      </td>
      <td>
        <ul className="plain">
          {run.phases.map((p) => (
            <li key={p.phase}>
              {t("sync.phaseProgress", { phase: t(`sync.phase.${p.phase}`), done: p.done, total: p.total })}
              {p.total > 0 && <progress max={p.total} value={p.done} aria-label={t(`sync.phase.${p.phase}`)} />}
            </li>
          ))}
        </ul>
        <span className="hint">{t("sync.changed", { count: run.changed })}</span>
      </td>
      <td>{t("sync.calls", { calls: run.calls, retries: run.retries, throttled: run.throttled })}</td>
      <td>{run.finishedAt ? at(run.finishedAt) : "—"}</td>
    </tr>
  );
}
