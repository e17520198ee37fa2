import type { DataSource } from "typeorm";
import { paginate, type Page, type PageArgs } from "../../common/connection";
import { ensureThat } from "../../common/ensure";
import { badInput, forbidden } from "../../common/errors";
import { userError, UserErrorCode } from "../../common/user-error";
import { requireViewer, type RequestContext } from "../../context";
import { SyncRunKind, SyncRunStatus, Upstream } from "../../domain/enums";
import { mutate, type ServiceContext } from "../../service-context";
import { createUpstream, type UpstreamPort } from "../../upstream/upstream";
import type { AppConfig } from "../../config";
import { SyncRun } from "./sync-run.entity";
import { closeInterrupted, lastCheckpoint, newRun, SyncCoordinator } from "./sync-runner";
import { tryAcquireSyncLock } from "./sync-lock";
import { StartSyncPayload, SyncStatus, type StartSyncInput } from "./sync.types";

// Partner Center sync runs for the API: start a full sync (startSync), list and read runs. A deployment syncs one
// Partner Center account, its home partner's (PARTNER_CENTER_TENANT_ID): only that partner's admins see or start
// its runs. In the sandbox there is nothing upstream, so there is nothing to start.

const coordinators = new WeakMap<DataSource, SyncCoordinator>();

/** The sync coordinator of an app's data source (startApp creates it with the configured upstream). */
export function registerSyncCoordinator(
  ds: DataSource,
  config: Pick<AppConfig, "upstream" | "partnerCenter">,
  upstream?: UpstreamPort,
): SyncCoordinator {
  const coordinator = new SyncCoordinator(ds, upstream ?? createUpstream(config));
  coordinators.set(ds, coordinator);
  return coordinator;
}

export function syncCoordinatorOf(ds: DataSource): SyncCoordinator | null {
  return coordinators.get(ds) ?? null;
}

/** Newest first; the cursor carries the start instant as an ISO string. */
const newestFirst = {
  column: "r.started_at",
  idColumn: "r.id",
  direction: "DESC" as const,
  value: (r: SyncRun) => r.startedAt.toISOString(),
  id: (r: SyncRun) => r.id,
  toParameter: (v: string | number) => {
    const date = new Date(String(v));
    if (Number.isNaN(date.getTime())) throw badInput("after", "is not a cursor returned by this list");
    return date;
  },
};

/** Sync runs belong to the home partner: refused to another partner's users (a provider's resellers, say). */
function ensureHomePartner(s: ServiceContext): void {
  const home = s.config.upstream === "partner-center" ? s.config.partnerCenter?.tenantId : undefined;
  if (home !== undefined && s.actor.id !== home) throw forbidden(s.t("SYNC_HOME_PARTNER_ONLY"));
}

export class SyncService {
  /**
   * How current the viewer's partner network is. One deployment syncs one Partner Center account, so a successful
   * run confirms every partner it imported at once: the run's instant is their "last confirmed", read from the
   * sync_run rows (no data row is rewritten to move it, so a sync that changes nothing still writes no data row).
   * A partner whose row is channelgate's own (no Partner Center provenance) has nothing confirmed.
   */
  async status(s: ServiceContext): Promise<SyncStatus> {
    const staleAfterMinutes = s.config.syncStaleAfterMinutes;
    if (s.upstream.kind === "sandbox") {
      return Object.assign(new SyncStatus(), {
        upstream: Upstream.SANDBOX,
        lastSyncedAt: null,
        stale: false,
        staleAfterMinutes,
      });
    }
    const imported = s.actor.source !== null && s.actor.source !== undefined;
    const lastSyncedAt = imported ? await lastCheckpoint(s.em) : null;
    const stale = lastSyncedAt === null || Date.now() - lastSyncedAt.getTime() > staleAfterMinutes * 60_000;
    return Object.assign(new SyncStatus(), {
      upstream: Upstream.PARTNER_CENTER,
      lastSyncedAt,
      stale: imported && stale,
      staleAfterMinutes,
    });
  }

  list(s: ServiceContext, page: PageArgs): Promise<Page<SyncRun>> {
    ensureHomePartner(s);
    return paginate(s.em.getRepository(SyncRun).createQueryBuilder("r"), page, newestFirst);
  }

  async get(s: ServiceContext, id: string): Promise<SyncRun | null> {
    ensureHomePartner(s);
    return s.em.getRepository(SyncRun).findOneBy({ id: String(id) });
  }

  /**
   * Starts a full sync in the background and answers its RUNNING run. The sync lock is taken before the run's
   * row is written and handed to the background run once the row is committed; refused (another run holds the
   * lock, nothing to resume, the sandbox), the lock is released and nothing is written.
   */
  async start(ctx: RequestContext, input: StartSyncInput): Promise<StartSyncPayload> {
    requireViewer(ctx);
    const coordinator = syncCoordinatorOf(ctx.dataSource);
    const upstreamRuns = ctx.config.upstream === "partner-center" && coordinator !== null;
    const lock = upstreamRuns ? await tryAcquireSyncLock(ctx.dataSource) : null;
    let launched = false;
    try {
      const payload = await mutate(ctx, StartSyncPayload, async (s) => {
        ensureThat(upstreamRuns, () => userError(null, UserErrorCode.INVALID_STATE, s.t("SYNC_NOTHING_UPSTREAM")));
        ensureHomePartner(s);
        ensureThat(lock !== null, () => userError(null, UserErrorCode.CONFLICT, s.t("SYNC_ALREADY_RUNNING")));
        const now = new Date();
        // Holding the lock: a RUNNING row now is an interrupted run (its resume point is kept).
        await closeInterrupted(s.em, now);
        let resumeFrom: string | null = null;
        if (input.resume) {
          const last = await s.em
            .getRepository(SyncRun)
            .findOne({ where: { kind: SyncRunKind.FULL }, order: { startedAt: "DESC", id: "DESC" } });
          ensureThat(last?.status === SyncRunStatus.FAILED && last.resumeFrom !== null, () =>
            userError("resume", UserErrorCode.INVALID_STATE, s.t("SYNC_NOTHING_TO_RESUME")),
          );
          resumeFrom = last.resumeFrom;
        }
        const run = newRun(SyncRunKind.FULL, now, s.viewer.user.id, resumeFrom);
        await s.em.getRepository(SyncRun).insert(run);
        return { syncRun: run };
      });
      if (payload.syncRun && payload.userErrors.length === 0 && lock && coordinator) {
        coordinator.launchFull(payload.syncRun, lock);
        launched = true;
      }
      return payload;
    } finally {
      if (!launched) await lock?.release();
    }
  }
}

export const syncService = new SyncService();
