import { In, LessThan, type DataSource, type EntityManager } from "typeorm";
import { dateOf, fromDate, type Instant } from "../../common/instants";
import { logger } from "../../common/log";
import { forUpdate } from "../../common/lookup";
import { dialectOf, runInTransaction } from "../../common/transaction";
import { HOUR_MS, TRANSFER_OPEN_HOURS } from "../../domain/policy";
import { RuleBook, SalesChannel, SubscriptionStatus, TransferStatus } from "../../domain/enums";
import { AuditOutcome } from "../audit/audit-event.entity";
import { AuditRecorder } from "../audit/audit-recorder";
import { auditEvents, writeAuditEvents, type AuditActor } from "../audit/audit.writer";
import { CustomerSubscription } from "../subscription/customer-subscription.entity";
import { Transfer } from "../transfer/transfer.entity";
import { TERM_PRODUCTS, termEnd, transferExpired } from "./renewal";

// The sandbox's clock: at each tick, subscriptions whose term is over renew or expire and pending transfers past
// their 30 days expire, so the demo network stays alive from day to day. Each change is one transaction with its
// audit event (a system actor). On PostgreSQL every change transaction first takes one advisory transaction lock
// (pg_try_advisory_xact_lock): when another replica holds it, this replica's tick stops and leaves the work to it;
// the row is read again, locked, and re-checked, so a change is never applied twice. SQLite is one process.

export interface SchedulerOptions {
  ruleBook: RuleBook;
  /** Rows of each kind handled per tick (the next tick goes on). */
  batchSize?: number;
}

export interface TickReport {
  at: string;
  renewed: number;
  expired: number;
  transfersExpired: number;
  /** Another replica held the scheduler lock: this tick stopped early. */
  yielded: boolean;
}

/** The audit log's actor for what time does: no user, no token, a label, accountable to the partners concerned. */
const SYSTEM: AuditActor = { userId: null, apiTokenId: null, label: null, partnerId: null };
const SYSTEM_LABEL = "channelgate scheduler (system)";
/** pg_try_advisory_xact_lock(key1, key2): "cg" and the scheduler's number. */
const LOCK_KEYS = [0x6367, 1] as const;

type Outcome = "done" | "nothing" | "busy";

export class LifecycleScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<TickReport> | null = null;
  private readonly batchSize: number;

  constructor(
    private readonly ds: DataSource,
    private readonly options: SchedulerOptions,
  ) {
    this.batchSize = options.batchSize ?? 500;
  }

  /** Ticks now and then every `intervalMs`; a tick never overlaps the previous one. */
  start(intervalMs: number): void {
    if (this.timer) return;
    const run = () => {
      if (this.running) return;
      this.running = this.tick(new Date()).finally(() => (this.running = null));
      this.running.then(
        (report) => {
          if (report.renewed + report.expired + report.transfersExpired > 0)
            logger.info({ scheduler: report }, "time moved");
        },
        (error: unknown) =>
          logger.error({ err: error instanceof Error ? error.message : error }, "scheduler tick failed"),
      );
    };
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
    run();
  }

  /** Stops the interval and waits for a running tick. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One pass as of `now`: terms that are over, then transfers past their 30 days. */
  async tick(now: Date): Promise<TickReport> {
    const at = fromDate(now);
    const report: TickReport = { at: now.toISOString(), renewed: 0, expired: 0, transfersExpired: 0, yielded: false };
    for (const id of await this.dueSubscriptions(at)) {
      let kind: "renew" | "expire" | null = null;
      const outcome = await this.change(async (em) => {
        kind = await this.endTerm(em, id, at);
        return kind ? "done" : "nothing";
      });
      if (outcome === "busy") return { ...report, yielded: true };
      if (outcome === "done" && kind === "renew") report.renewed++;
      if (outcome === "done" && kind === "expire") report.expired++;
    }
    for (const id of await this.dueTransfers(at)) {
      const outcome = await this.change((em) => this.expireTransfer(em, id, at));
      if (outcome === "busy") return { ...report, yielded: true };
      if (outcome === "done") report.transfersExpired++;
    }
    return report;
  }

  /** CSP subscriptions with a term, ACTIVE or SUSPENDED, whose end date is before the tick's date: a superset. */
  private async dueSubscriptions(at: Instant): Promise<string[]> {
    const rows = await this.ds.getRepository(CustomerSubscription).find({
      select: { id: true },
      where: {
        channel: SalesChannel.CSP,
        status: In([SubscriptionStatus.ACTIVE, SubscriptionStatus.SUSPENDED]),
        productType: In([...TERM_PRODUCTS]),
        commitmentEndDate: LessThan(dateOf(at)),
      },
      order: { commitmentEndDate: "ASC", id: "ASC" },
      take: this.batchSize,
    });
    return rows.map((r) => r.id);
  }

  /** PENDING transfers created more than 720 hours before the tick (a superset of the expired ones under V1). */
  private async dueTransfers(at: Instant): Promise<string[]> {
    const rows = await this.ds.getRepository(Transfer).find({
      select: { id: true },
      where: { status: TransferStatus.PENDING, createdAt: LessThan(new Date(at - TRANSFER_OPEN_HOURS * HOUR_MS)) },
      order: { createdAt: "ASC", id: "ASC" },
      take: this.batchSize,
    });
    return rows.map((r) => r.id);
  }

  /** One change in one transaction, after the run-once lock on PostgreSQL. */
  private change(work: (em: EntityManager) => Promise<Outcome>): Promise<Outcome> {
    return runInTransaction(this.ds, async (em) => {
      if (dialectOf(this.ds) === "postgres") {
        const rows: { locked: boolean }[] = await em.query("SELECT pg_try_advisory_xact_lock($1, $2) AS locked", [
          ...LOCK_KEYS,
        ]);
        if (!rows[0]?.locked) return "busy";
      }
      return work(em);
    });
  }

  /** Renews or expires one subscription, read again (locked) and re-decided; audited as the system. */
  private async endTerm(em: EntityManager, id: string, at: Instant): Promise<"renew" | "expire" | null> {
    const qb = em.getRepository(CustomerSubscription).createQueryBuilder("s").where("s.id = :id", { id });
    const before = await forUpdate(qb, dialectOf(this.ds) === "postgres").getOne();
    if (!before) return null;
    const end = termEnd(before, at);
    if (!end) return null;
    const changes = end.kind === "renew" ? end.changes : { status: SubscriptionStatus.EXPIRED, scheduledChange: null };
    const result = await em
      .createQueryBuilder()
      .update(CustomerSubscription)
      .set({ ...changes, updatedAt: new Date(), version: () => "version + 1" })
      .where({ id, version: before.version })
      .execute();
    if (result.affected !== 1) return null; // changed meanwhile (SQLite has no row lock): the next tick re-decides
    const after = await em.getRepository(CustomerSubscription).findOneByOrFail({ id });
    const partners = [before.transactingPartnerId, before.resellerOfRecordId].filter((p): p is string => !!p);
    const audit = new AuditRecorder().actedFor(SYSTEM_LABEL, partners);
    audit.change("CustomerSubscription", before, after);
    const operation = end.kind === "renew" ? "scheduler.renewSubscription" : "scheduler.expireSubscription";
    await this.audit(em, audit, operation);
    return end.kind;
  }

  private async expireTransfer(em: EntityManager, id: string, at: Instant): Promise<Outcome> {
    const qb = em.getRepository(Transfer).createQueryBuilder("t").where("t.id = :id", { id });
    const before = await forUpdate(qb, dialectOf(this.ds) === "postgres").getOne();
    if (!before || !transferExpired(before, at, this.options.ruleBook)) return "nothing";
    const result = await em
      .createQueryBuilder()
      .update(Transfer)
      .set({ status: TransferStatus.EXPIRED, respondedAt: new Date(at), version: () => "version + 1" })
      .where({ id, version: before.version, status: TransferStatus.PENDING })
      .execute();
    if (result.affected !== 1) return "nothing";
    const after = await em.getRepository(Transfer).findOneByOrFail({ id });
    const partners = [before.sourcePartnerId, before.targetPartnerId, before.resellerId].filter(
      (p): p is string => !!p,
    );
    const audit = new AuditRecorder().actedFor(SYSTEM_LABEL, partners);
    audit.change("Transfer", before, after);
    await this.audit(em, audit, "scheduler.expireTransfer");
    return "done";
  }

  private audit(em: EntityManager, audit: AuditRecorder, operation: string): Promise<void> {
    return writeAuditEvents(
      em,
      auditEvents(audit, operation, SYSTEM, {
        outcome: AuditOutcome.ACCEPTED,
        committed: true,
        answer: {},
        requestId: null,
      }),
    );
  }
}
