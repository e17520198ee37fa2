import type { Client } from "pg";
import type { DataSource, EntityManager } from "typeorm";
import { CoalescingLoop } from "../../common/coalescing-loop";
import { toIsoDate } from "../../common/dates";
import { logger } from "../../common/log";
import { dialectOf, runInTransaction } from "../../common/transaction";
import type { FanOut, PublishedEvent } from "./fan-out";
import { OutboxEvent } from "./outbox-event.entity";
import { OUTBOX_CHANNEL, onOutboxCommit } from "./outbox.writer";

/** One advisory lock key for "draining the outbox": one replica publishes at a time, in id order. */
const DRAIN_LOCK = 0x63670001;

export interface PublisherOptions {
  /** How often to look for events without a wake-up (other replicas on SQLite, a missed NOTIFY). */
  pollMs: number;
  /** Rows per drain transaction. */
  batch: number;
  /** Published rows older than this are deleted (webhook deliveries keep their own copy of the payload). */
  retainHours: number;
  /** PostgreSQL URL for LISTEN (its own connection: a pooled one would be returned mid-listen). */
  listenUrl: string | null;
}

/**
 * A consumer of drained events besides the fan-out (the webhook dispatcher): `inTransaction` runs in the drain's
 * transaction, so what it writes commits exactly when the events are marked published; `afterCommit` then wakes it.
 */
export interface OutboxConsumer {
  inTransaction(em: EntityManager, events: readonly PublishedEvent[]): Promise<void>;
  afterCommit(): void;
}

const toEvent = (r: OutboxEvent): PublishedEvent => ({
  id: String(r.id),
  type: r.type,
  occurredAt: new Date(r.occurredAt).toISOString(),
  subjectType: r.subjectType,
  subjectId: r.subjectId,
  dueOn: r.dueOn,
  audience: r.audience,
});

/**
 * Drains the outbox into the fan-out: unpublished rows by increasing id, published, then marked — in one
 * transaction, so a crash between the two publishes them again (at-least-once; consumers drop repeats by id).
 * On PostgreSQL a transaction-scoped advisory lock lets one replica drain at a time (the others find it taken and
 * try again on their next wake-up), and every replica drains what any replica committed: the wake-ups are this
 * process's commits, NOTIFY from the others, and a poll as the fallback.
 */
export class OutboxPublisher {
  private readonly loop = new CoalescingLoop("outbox drain", (stopped) => this.drain(stopped));
  private listener: Client | null = null;
  private unhook: (() => void) | null = null;
  private lastCleanup = 0;
  private readonly consumers = new Set<OutboxConsumer>();

  constructor(
    private readonly ds: DataSource,
    private readonly fanOut: FanOut,
    private readonly options: PublisherOptions,
  ) {}

  async start(): Promise<void> {
    this.unhook = onOutboxCommit(this.ds, () => this.wake());
    if (this.options.listenUrl && dialectOf(this.ds) === "postgres") {
      // Loaded here: a server on SQLite never loads pg (about 3 MB of heap, issue 10's memory target).
      const pg = await import("pg");
      const client = new pg.default.Client({ connectionString: this.options.listenUrl });
      client.on("notification", () => this.wake());
      client.on("error", (err) => logger.error({ err: err.message }, "outbox LISTEN connection failed; polling"));
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.listener = client;
    }
    this.loop.every(this.options.pollMs).wake();
  }

  /** Adds a consumer of every drained batch; returns its removal. */
  addConsumer(consumer: OutboxConsumer): () => void {
    this.consumers.add(consumer);
    return () => this.consumers.delete(consumer);
  }

  /** Asks for a drain; calls during one run it once more afterwards (nothing committed meanwhile is left behind). */
  wake(): void {
    this.loop.wake();
  }

  /** Drains until nothing is left (or another replica holds the lock). Resolves when idle. */
  drainNow(): Promise<void> {
    return this.loop.drainNow();
  }

  /** Batch after batch until one is short; each committed batch wakes the consumers. */
  private async drain(stopped: () => boolean): Promise<void> {
    let published: number;
    do {
      published = await this.drainOnce();
      if (published > 0) for (const c of this.consumers) c.afterCommit();
    } while (published === this.options.batch && !stopped());
    await this.cleanup();
  }

  private async drainOnce(): Promise<number> {
    return runInTransaction(this.ds, async (em) => {
      if (!(await this.lock(em))) return 0;
      const rows = await em
        .getRepository(OutboxEvent)
        .createQueryBuilder("o")
        .where("o.published_at IS NULL")
        .orderBy("o.id", "ASC")
        .limit(this.options.batch)
        .getMany();
      const events = rows.map(toEvent);
      for (const event of events) await this.fanOut.publish(event);
      if (rows.length) {
        for (const c of this.consumers) await c.inTransaction(em, events);
        await em
          .createQueryBuilder()
          .update(OutboxEvent)
          .set({ publishedAt: new Date() })
          .whereInIds(rows.map((r) => r.id))
          .execute();
      }
      return rows.length;
    });
  }

  private async lock(em: EntityManager): Promise<boolean> {
    if (dialectOf(this.ds) !== "postgres") return true; // SQLite: one writer per database file already
    const [row] = (await em.query(`SELECT pg_try_advisory_xact_lock(${DRAIN_LOCK}) AS locked`)) as {
      locked: boolean;
    }[];
    return row?.locked === true;
  }

  private async cleanup(): Promise<void> {
    const now = Date.now();
    if (now - this.lastCleanup < 3_600_000) return;
    this.lastCleanup = now;
    const before = new Date(now - this.options.retainHours * 3_600_000);
    await this.ds
      .createQueryBuilder()
      .delete()
      .from(OutboxEvent)
      // A timed event is its own dedupe record: kept until the date it announces has passed.
      .where("published_at IS NOT NULL AND published_at < :before", { before })
      .andWhere("(due_on IS NULL OR due_on < :today)", { today: toIsoDate(new Date(now)) })
      .execute();
  }

  async stop(): Promise<void> {
    this.unhook?.();
    await this.loop.stop();
    if (this.listener) await this.listener.end().catch(() => undefined);
  }
}
