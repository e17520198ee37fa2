import { randomUUID } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import { logger } from "../../common/log";
import { runInTransaction } from "../../data-source";
import { SyncPhase, SyncRunKind, SyncRunStatus } from "../../domain/enums";
import { beyondRetention } from "../../partner-center/audit-records";
import { SyncFailure, type SyncProgress, type SyncReport } from "../../partner-center/sync";
import type { ClientStats } from "../../partner-center/client";
import type { UpstreamPort } from "../../upstream/upstream";
import { SyncPhaseProgress, SyncRun } from "./sync-run.entity";
import { tryAcquireSyncLock, type SyncLock } from "./sync-lock";

// Runs Partner Center syncs in the background of the API process: the full sync startSync asks for, and the
// scheduled incremental sync (audit records since the last checkpoint → refresh the customers they name). Every
// run is a sync_run row, written as it goes (at most every PROGRESS_EVERY_MS), and runs under the sync lock, so
// replicas never sync twice at once: a replica that cannot take the lock skips its turn.

const PROGRESS_EVERY_MS = 500;
const MAX_ERROR_LENGTH = 2000;

/** The message of a failure, without stack or SQL (a sync run's `error` is shown to admins). */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0]!.slice(0, MAX_ERROR_LENGTH);
}

function phaseList(run: SyncRun, phase: SyncPhase, done: number, total: number): SyncPhaseProgress[] {
  const others = run.phases.filter((p) => p.phase !== phase);
  const at = run.phases.findIndex((p) => p.phase === phase);
  const entry = Object.assign(new SyncPhaseProgress(), { phase, done, total });
  if (at < 0) return [...others, entry];
  const list = [...run.phases];
  list[at] = entry;
  return list;
}

/** Closes RUNNING rows left by a process that stopped (only called while holding the lock: nobody else runs). */
export async function closeInterrupted(em: EntityManager, now: Date): Promise<void> {
  await em
    .getRepository(SyncRun)
    .update(
      { status: SyncRunStatus.RUNNING },
      { status: SyncRunStatus.FAILED, finishedAt: now, error: "interrupted: the process running it stopped" },
    );
}

export function newRun(kind: SyncRunKind, now: Date, startedByUserId: string | null, resumeFrom: string | null) {
  return Object.assign(new SyncRun(), {
    id: randomUUID(),
    kind,
    status: SyncRunStatus.RUNNING,
    phase: null,
    phases: [],
    customers: 0,
    subscriptions: 0,
    resellers: 0,
    transfers: 0,
    changed: 0,
    calls: 0,
    retries: 0,
    throttled: 0,
    startedAt: now,
    finishedAt: null,
    heartbeatAt: now,
    error: null,
    resumeFrom,
    auditUntil: null,
    startedByUserId,
  } satisfies Omit<SyncRun, never>);
}

/** Opens a run: closes interrupted ones and inserts the RUNNING row (call while holding the lock). */
export async function openRun(em: EntityManager, run: SyncRun): Promise<SyncRun> {
  await closeInterrupted(em, run.startedAt);
  await em.getRepository(SyncRun).insert(run);
  return run;
}

export interface IncrementalOutcome {
  /** The run, or null when it did not run: another replica holds the lock, or there is no checkpoint yet. */
  run: SyncRun | null;
  skipped: string | null;
}

export class SyncCoordinator {
  private readonly background = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly ds: DataSource,
    readonly upstream: UpstreamPort,
  ) {}

  /** Resolves when every run started by this process has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  private track(work: Promise<void>): void {
    this.background.add(work);
    void work.finally(() => this.background.delete(work));
  }

  /** Runs the full sync of an opened run in the background; releases the lock at the end. */
  launchFull(run: SyncRun, lock: SyncLock): void {
    this.track(this.runFull(run, lock));
  }

  private async runFull(run: SyncRun, lock: SyncLock): Promise<void> {
    const writer = new ProgressWriter(this.ds, run, () => this.upstream.callStats());
    try {
      const report = await this.upstream.fullSync(this.ds, {
        resumeFrom: run.resumeFrom,
        onProgress: (p) => writer.progress(p),
      });
      if (report) writer.counts(report);
      // Succeeded: resumeFrom keeps where this run started (null for a run from the top).
      await writer.finish(SyncRunStatus.SUCCEEDED, null, { resumeFrom: run.resumeFrom });
    } catch (error) {
      if (error instanceof SyncFailure) writer.counts(error.report);
      const resumeFrom = error instanceof SyncFailure ? error.resumeFrom : writer.resumeFrom;
      logger.warn({ syncRun: run.id, err: describe(error) }, "Partner Center sync failed");
      await writer.finish(SyncRunStatus.FAILED, describe(error), { resumeFrom }).catch((e: unknown) => {
        logger.error({ syncRun: run.id, err: describe(e) }, "could not record the sync run's failure");
      });
    } finally {
      await lock.release();
    }
  }

  /**
   * One incremental sync: audit records since the last checkpoint (the end of the last incremental run's window,
   * or the start of the last successful full sync), then a refresh of each customer they name. Skips when another
   * run holds the lock (another replica's turn) or when no full sync has succeeded yet.
   */
  async runIncremental(now: Date = new Date()): Promise<IncrementalOutcome> {
    if (this.upstream.kind === "sandbox") return { run: null, skipped: "sandbox: nothing upstream" };
    const lock = await tryAcquireSyncLock(this.ds);
    if (!lock) return { run: null, skipped: "another sync is running" };
    try {
      const since = await lastCheckpoint(this.ds);
      if (!since) return { run: null, skipped: "no full sync has succeeded yet" };
      const run = await runInTransaction(this.ds, (em) =>
        openRun(em, newRun(SyncRunKind.INCREMENTAL, now, null, null)),
      );
      const writer = new ProgressWriter(this.ds, run, () => this.upstream.callStats());
      try {
        if (beyondRetention(since, now)) {
          throw new Error(
            `the last checkpoint (${since.toISOString()}) is older than the 90 days of audit records Partner Center keeps: run a full sync`,
          );
        }
        writer.phase(SyncPhase.AUDIT_RECORDS, 0, 1);
        const customers = (await this.upstream.changedCustomers(since, now)) ?? [];
        writer.phase(SyncPhase.AUDIT_RECORDS, 1, 1);
        writer.phase(SyncPhase.REFRESH, 0, customers.length);
        let changed = 0;
        for (const [i, id] of customers.entries()) {
          const result = await this.upstream.refresh(this.ds, "customer", id);
          changed += result?.changed ?? 0;
          writer.counts({ customers: i + 1, subscriptions: 0, resellers: 0, transfers: 0, changed, skipped: [] });
          writer.phase(SyncPhase.REFRESH, i + 1, customers.length);
        }
        await writer.finish(SyncRunStatus.SUCCEEDED, null, { auditUntil: now });
      } catch (error) {
        logger.warn({ syncRun: run.id, err: describe(error) }, "incremental Partner Center sync failed");
        await writer.finish(SyncRunStatus.FAILED, describe(error), {});
      }
      return { run: await this.ds.getRepository(SyncRun).findOneByOrFail({ id: run.id }), skipped: null };
    } finally {
      await lock.release();
    }
  }

  /** Runs the incremental sync every `minutes` (0: never). Each replica ticks; the lock lets one of them run. */
  schedule(minutes: number): void {
    if (minutes <= 0 || this.upstream.kind === "sandbox") return;
    this.timer = setInterval(() => {
      this.track(
        this.runIncremental().then(
          (o) => {
            if (o.run) logger.info({ syncRun: o.run.id, status: o.run.status }, "incremental Partner Center sync");
          },
          (e: unknown) => logger.error({ err: describe(e) }, "incremental Partner Center sync could not start"),
        ),
      );
    }, minutes * 60_000);
    this.timer.unref();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.idle();
  }
}

/** Where the next incremental sync starts, or null before the first successful full sync. */
export async function lastCheckpoint(ds: DataSource | EntityManager): Promise<Date | null> {
  const last = await ds
    .getRepository(SyncRun)
    .createQueryBuilder("r")
    .where("r.status = :ok", { ok: SyncRunStatus.SUCCEEDED })
    .orderBy("r.started_at", "DESC")
    .limit(1)
    .getOne();
  if (!last) return null;
  // A full sync read everything as of its start; an incremental one read the audit records up to auditUntil.
  return last.kind === SyncRunKind.FULL ? last.startedAt : (last.auditUntil ?? last.startedAt);
}

/** Writes a run's progress to its row, at most every PROGRESS_EVERY_MS, one write at a time. */
class ProgressWriter {
  resumeFrom: string | null;
  private lastWrite = 0;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly ds: DataSource,
    private readonly run: SyncRun,
    private readonly currentStats: () => ClientStats | null,
  ) {
    this.resumeFrom = run.resumeFrom;
    this.statsAtStart = currentStats();
  }

  private readonly statsAtStart: ClientStats | null;

  progress(p: SyncProgress): void {
    this.resumeFrom = p.resumeFrom;
    this.counts(p.report);
    this.phase(p.phase, p.done, p.total);
  }

  counts(r: SyncReport): void {
    Object.assign(this.run, {
      customers: r.customers,
      subscriptions: r.subscriptions,
      resellers: r.resellers,
      transfers: r.transfers,
      changed: r.changed,
    });
  }

  phase(phase: SyncPhase, done: number, total: number): void {
    const changedPhase = this.run.phase !== phase;
    this.run.phase = phase;
    this.run.phases = phaseList(this.run, phase, done, total);
    if (changedPhase || Date.now() - this.lastWrite >= PROGRESS_EVERY_MS) this.write({});
  }

  private stats(): Pick<SyncRun, "calls" | "retries" | "throttled"> {
    const now = this.currentStats();
    if (!now || !this.statsAtStart) return { calls: 0, retries: 0, throttled: 0 };
    return {
      calls: now.calls - this.statsAtStart.calls,
      retries: now.retries - this.statsAtStart.retries,
      throttled: now.throttled - this.statsAtStart.throttled,
    };
  }

  private write(extra: Partial<SyncRun>): Promise<void> {
    this.lastWrite = Date.now();
    const now = new Date();
    const set: Partial<SyncRun> = {
      phase: this.run.phase,
      phases: this.run.phases,
      customers: this.run.customers,
      subscriptions: this.run.subscriptions,
      resellers: this.run.resellers,
      transfers: this.run.transfers,
      changed: this.run.changed,
      ...this.stats(),
      heartbeatAt: now,
      resumeFrom: this.resumeFrom,
      ...extra,
    };
    this.chain = this.chain
      .then(() =>
        runInTransaction(this.ds, (em) => em.getRepository(SyncRun).update({ id: this.run.id }, set as never)),
      )
      .then(
        () => undefined,
        (e: unknown) => logger.warn({ syncRun: this.run.id, err: describe(e) }, "could not record sync progress"),
      );
    return this.chain;
  }

  async finish(status: SyncRunStatus, error: string | null, extra: Partial<SyncRun>): Promise<void> {
    if (extra.resumeFrom !== undefined) this.resumeFrom = extra.resumeFrom;
    await this.write({ ...extra, status, error, finishedAt: new Date() });
  }
}
