import { randomUUID } from "node:crypto";
import { In, type DataSource, type EntityManager } from "typeorm";
import { CoalescingLoop } from "../../common/coalescing-loop";
import { logger } from "../../common/log";
import { dialectOf, runInTransaction } from "../../common/transaction";
import type { AppConfig, WebhookConfig } from "../../config";
import type { PublishedEvent } from "../live/fan-out";
import type { OutboxConsumer, OutboxPublisher } from "../live/outbox.publisher";
import { WebhookDelivery, WebhookDeliveryStatus, type WebhookAttemptRow } from "./webhook-delivery.entity";
import { WebhookEndpoint } from "./webhook-endpoint.entity";
import { decryptSecret } from "./webhook-secret";
import { HEADER, outcomeOf, payloadOf, retryDelayMs, signBody, truncateError, wants } from "./webhook.rules";
import { postWebhook, type SendResult } from "./webhook.sender";

/** Deliveries claimed per round by one replica. */
const CLAIM_BATCH = 50;

/**
 * The deliveries of drained events, written in the drain's transaction (outbox.publisher.ts): one per event and
 * active endpoint of a partner in the event's audience (the audience the live subscriptions use, decided when the
 * event was written by auth/event-audiences.ts) whose filter takes the event's type. Two queries per batch.
 */
export async function enqueueDeliveries(em: EntityManager, events: readonly PublishedEvent[]): Promise<number> {
  const partners = [...new Set(events.flatMap((e) => e.audience))];
  if (partners.length === 0) return 0;
  const endpoints = await em
    .getRepository(WebhookEndpoint)
    .createQueryBuilder("w")
    .select(["w.id", "w.partnerId", "w.eventTypes"])
    .where("w.partner_id IN (:...partners)", { partners })
    .andWhere("w.active = :active", { active: true })
    .getMany();
  if (endpoints.length === 0) return 0;
  const now = new Date();
  const rows: Partial<WebhookDelivery>[] = [];
  for (const e of events) {
    const payload = payloadOf(e);
    for (const w of endpoints) {
      if (!e.audience.includes(w.partnerId) || !wants(w.eventTypes, e.type)) continue;
      rows.push(newDelivery(w, e.id, e.type, payload, now, null));
    }
  }
  for (let i = 0; i < rows.length; i += 200) {
    await em.getRepository(WebhookDelivery).insert(rows.slice(i, i + 200) as WebhookDelivery[]);
  }
  return rows.length;
}

/** A delivery waiting for its first attempt. */
export function newDelivery(
  endpoint: Pick<WebhookEndpoint, "id" | "partnerId">,
  eventId: string,
  eventType: WebhookDelivery["eventType"],
  payload: string,
  now: Date,
  replayOfId: string | null,
): WebhookDelivery {
  return Object.assign(new WebhookDelivery(), {
    id: randomUUID(),
    endpointId: endpoint.id,
    partnerId: endpoint.partnerId,
    eventId,
    eventType,
    payload,
    status: WebhookDeliveryStatus.PENDING,
    attemptCount: 0,
    responseCode: null,
    responseTimeMs: null,
    error: null,
    attemptLog: [],
    nextAttemptAt: now,
    deliveredAt: null,
    createdAt: now,
    replayOfId,
  });
}

interface Claimed {
  delivery: WebhookDelivery;
  url: string;
  secret: string | null;
}

/**
 * Sends due deliveries, off the request path: each replica claims a batch in a short transaction (on PostgreSQL
 * `FOR UPDATE SKIP LOCKED`, so two replicas never claim the same row; SQLite has one writer), pushes the claim's
 * next_attempt_at past the attempt's timeout (a lease: a replica that dies mid-send leaves it to be retried) and
 * counts the attempt, then POSTs with no transaction open and records each answer. Idle, it reads nothing: it is
 * woken by the outbox drain that wrote deliveries (in this replica), by a replay, by a timer set to the earliest
 * retry it scheduled, and by a slow safety poll (WEBHOOK_POLL_MS: leases of a replica that died, retries another
 * replica scheduled and then stopped).
 */
export class WebhookDispatcher {
  private readonly loop = new CoalescingLoop("webhook dispatch", (stopped) => this.sendDue(stopped));
  private lastCleanup = 0;
  private unhook: (() => void) | null = null;
  /** Deliveries the drain in progress wrote (its afterCommit wakes the loop only when there are some). */
  private enqueued = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryAt = Infinity;

  constructor(
    private readonly ds: DataSource,
    private readonly options: WebhookConfig,
    private readonly authSecret: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Takes the publisher's drained batches, sends what is already due, and polls slowly. */
  static start(ds: DataSource, config: AppConfig, publisher: OutboxPublisher): WebhookDispatcher {
    const dispatcher = new WebhookDispatcher(ds, config.webhooks, config.authSecret);
    const consumer: OutboxConsumer = {
      inTransaction: async (em, events) => {
        dispatcher.enqueued = await enqueueDeliveries(em, events);
      },
      afterCommit: () => {
        if (dispatcher.enqueued > 0) dispatcher.wake();
        dispatcher.enqueued = 0;
      },
    };
    dispatcher.unhook = publisher.addConsumer(consumer);
    dispatcher.loop.every(config.webhooks.pollMs).wake();
    registry.set(ds, dispatcher);
    return dispatcher;
  }

  wake(): void {
    this.loop.wake();
  }

  /** Sends everything due now (and what becomes due meanwhile); resolves when idle. For tests and shutdown. */
  drainNow(): Promise<void> {
    return this.loop.drainNow();
  }

  private async sendDue(stopped: () => boolean): Promise<void> {
    let claimed: number;
    do claimed = await this.round();
    while (claimed === CLAIM_BATCH && !stopped());
    await this.cleanup();
  }

  /** A retry this replica scheduled: wakes the loop when it is due (the earliest one keeps the timer). */
  private wakeAt(at: Date): void {
    const when = at.getTime();
    if (when >= this.retryAt || this.loop.isStopped) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryAt = when;
    // A few ms late, never early (a timer may fire a millisecond before its time); setTimeout's longest wait is
    // 2^31-1 ms (24.8 days): a later retry is found by the safety poll meanwhile.
    const wait = Math.min(Math.max(0, when - this.now().getTime()) + 5, 2 ** 31 - 1);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.retryAt = Infinity;
      this.wake();
    }, wait);
    this.retryTimer.unref();
  }

  /** One claim and its sends; returns how many deliveries were claimed. */
  async round(): Promise<number> {
    const claimed = await this.claim();
    let next = 0;
    const worker = async () => {
      while (next < claimed.length) {
        const c = claimed[next++]!;
        await this.attempt(c);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, claimed.length) }, worker));
    return claimed.length;
  }

  private async claim(): Promise<Claimed[]> {
    return runInTransaction(this.ds, async (em) => {
      const now = this.now();
      const qb = em
        .getRepository(WebhookDelivery)
        .createQueryBuilder("d")
        .select("d.id", "id")
        .where("d.status = :pending", { pending: WebhookDeliveryStatus.PENDING })
        .andWhere("d.next_attempt_at <= :now", { now })
        .orderBy("d.next_attempt_at", "ASC")
        .limit(CLAIM_BATCH);
      if (dialectOf(this.ds) === "postgres") qb.setLock("pessimistic_write").setOnLocked("skip_locked");
      const ids = ((await qb.getRawMany()) as { id: string }[]).map((r) => r.id);
      if (ids.length === 0) return [];
      const rows = await em
        .getRepository(WebhookDelivery)
        .find({ where: { id: In(ids) }, relations: { endpoint: true } });
      const off = rows.filter((d) => !d.endpoint?.active).map((d) => d.id);
      if (off.length) {
        await em
          .getRepository(WebhookDelivery)
          .update(
            { id: In(off) },
            { status: WebhookDeliveryStatus.CANCELLED, nextAttemptAt: null, error: "the endpoint is turned off" },
          );
      }
      const live = rows.filter((d) => d.endpoint?.active);
      if (live.length === 0) return [];
      const lease = new Date(now.getTime() + this.options.timeoutMs + 60_000);
      await em
        .createQueryBuilder()
        .update(WebhookDelivery)
        .set({ attemptCount: () => "attempt_count + 1", nextAttemptAt: lease })
        .whereInIds(live.map((d) => d.id))
        .execute();
      return live.map((d) => {
        d.attemptCount += 1;
        return {
          delivery: d,
          url: d.endpoint!.url,
          secret: decryptSecret(this.authSecret, d.endpoint!.secretCiphertext),
        };
      });
    });
  }

  private async attempt({ delivery: d, url, secret }: Claimed): Promise<void> {
    let result: SendResult;
    if (secret === null) {
      result = {
        responseCode: null,
        responseTimeMs: 0,
        error: "the endpoint's secret cannot be read (AUTH_SECRET changed?): rotate it",
      };
    } else {
      const timestamp = Math.floor(this.now().getTime() / 1000);
      result = await postWebhook(
        url,
        {
          "content-type": "application/json",
          "user-agent": "channelgate-webhooks/1",
          [HEADER.delivery]: d.nodeId,
          [HEADER.event]: d.eventType,
          [HEADER.timestamp]: String(timestamp),
          [HEADER.signature]: signBody(secret, timestamp, d.payload),
        },
        d.payload,
        { timeoutMs: this.options.timeoutMs, allowPrivate: this.options.allowPrivateUrls },
      );
    }
    try {
      await this.record(d, result);
    } catch (error) {
      logger.error({ err: error instanceof Error ? error.message : String(error) }, "webhook attempt not recorded");
    }
  }

  private async record(d: WebhookDelivery, r: SendResult): Promise<void> {
    const now = this.now();
    const outcome = outcomeOf(r.responseCode, d.attemptCount, this.options.maxAttempts);
    const error =
      r.error !== null
        ? truncateError(r.error)
        : outcome.status === WebhookDeliveryStatus.DELIVERED
          ? null
          : outcome.disableEndpoint
            ? "the receiver answered 410 Gone: endpoint turned off"
            : `the receiver answered HTTP ${r.responseCode}`;
    const attempt: WebhookAttemptRow = {
      at: now.toISOString(),
      responseCode: r.responseCode,
      responseTimeMs: r.responseTimeMs,
      error,
    };
    const retryAt = outcome.retry
      ? new Date(now.getTime() + retryDelayMs(d.attemptCount, this.options.retryDelaysMs))
      : null;
    await runInTransaction(this.ds, async (em) => {
      // Only the claim that counted this attempt records it (attempt_count is the claim's token).
      await em.getRepository(WebhookDelivery).update(
        { id: d.id, attemptCount: d.attemptCount, status: WebhookDeliveryStatus.PENDING },
        {
          status: outcome.status,
          responseCode: r.responseCode,
          responseTimeMs: r.responseTimeMs,
          error,
          attemptLog: [...d.attemptLog, attempt],
          nextAttemptAt: retryAt,
          deliveredAt: outcome.status === WebhookDeliveryStatus.DELIVERED ? now : null,
        },
      );
      if (outcome.disableEndpoint) {
        await em
          .getRepository(WebhookEndpoint)
          .update(
            { id: d.endpointId },
            { active: false, disabledReason: "The receiver answered 410 Gone", updatedAt: now },
          );
      }
    });
    if (retryAt) this.wakeAt(retryAt);
  }

  private async cleanup(): Promise<void> {
    const now = this.now().getTime();
    if (now - this.lastCleanup < 3_600_000) return;
    this.lastCleanup = now;
    await this.ds
      .createQueryBuilder()
      .delete()
      .from(WebhookDelivery)
      .where("status <> :pending AND created_at < :before", {
        pending: WebhookDeliveryStatus.PENDING,
        before: new Date(now - this.options.retainDays * 86_400_000),
      })
      .execute();
  }

  async stop(): Promise<void> {
    this.unhook?.();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (registry.get(this.ds) === this) registry.delete(this.ds);
    await this.loop.stop();
  }
}

// The dispatcher of each data source (one per process): a replay wakes it so it is sent without waiting for a poll.
const registry = new WeakMap<DataSource, WebhookDispatcher>();

export function wakeWebhooks(ds: DataSource): void {
  registry.get(ds)?.wake();
}
