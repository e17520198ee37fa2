import type { Redis } from "ioredis";
import { logger } from "../../common/log";
import { connectRedis } from "../../http/redis";
import type { LiveEventType } from "./live-event-type";

/** An event as it travels between replicas and reaches subscribers. */
export interface PublishedEvent {
  /** The outbox id (decimal): increasing; a consumer that saw it already drops a repeat (at-least-once). */
  id: string;
  type: LiveEventType;
  occurredAt: string;
  subjectType: string;
  subjectId: string;
  dueOn: string | null;
  audience: string[];
}

export type EventListener = (event: PublishedEvent) => void;

/**
 * How published events reach every replica's subscribers: in memory (one process), or Redis pub/sub when
 * REDIS_URL is set (every replica subscribes to one channel; the publishing replica hears its own events through
 * Redis too, so each subscriber is served exactly by the path every other one is).
 */
export interface FanOut {
  publish(event: PublishedEvent): Promise<void>;
  /** Local listeners (this process's subscriptions); returns the unsubscribe. */
  listen(listener: EventListener): () => void;
  close(): Promise<void>;
}

/** Repeats of an id already delivered (a publisher crashed between publishing and marking) are dropped. */
class RecentIds {
  private readonly seen = new Set<string>();
  constructor(private readonly size = 4096) {}
  /** True the first time an id is offered. */
  fresh(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > this.size) this.seen.delete(this.seen.values().next().value as string);
    return true;
  }
}

class Listeners {
  private readonly listeners = new Set<EventListener>();
  private readonly recent = new RecentIds();
  add(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  deliver(event: PublishedEvent): void {
    if (!this.recent.fresh(event.id)) return;
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (error) {
        logger.error({ err: error instanceof Error ? error.message : String(error) }, "live event listener failed");
      }
    }
  }
}

export class MemoryFanOut implements FanOut {
  private readonly listeners = new Listeners();
  async publish(event: PublishedEvent): Promise<void> {
    this.listeners.deliver(event);
  }
  listen(listener: EventListener): () => void {
    return this.listeners.add(listener);
  }
  async close(): Promise<void> {}
}

/** Redis pub/sub on `<prefix>events`; the prefix separates deployments (and test runs) sharing one Redis. */
export class RedisFanOut implements FanOut {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly channel: string;
  private readonly listeners = new Listeners();
  readonly ready: Promise<void>;

  constructor(url: string, prefix: string) {
    this.channel = `${prefix}events`;
    this.pub = connectRedis(url);
    this.sub = connectRedis(url);
    // Connection errors: ioredis reconnects by itself; log each client's first failure, not every retry.
    for (const client of [this.pub, this.sub]) {
      let reported = false;
      client.on("error", (err: Error) => {
        if (!reported) logger.error({ err: err.message }, "live events: Redis connection failed; retrying");
        reported = true;
      });
      client.on("ready", () => (reported = false));
    }
    this.sub.on("message", (channel: string, message: string) => {
      if (channel !== this.channel) return;
      try {
        this.listeners.deliver(JSON.parse(message) as PublishedEvent);
      } catch {
        logger.error({ channel }, "live event from Redis is not JSON");
      }
    });
    this.ready = this.sub.subscribe(this.channel).then(() => undefined);
    // A rejected subscribe (Redis down) is reported by the hub's start; ioredis re-subscribes on reconnect.
    this.ready.catch(() => undefined);
  }

  async publish(event: PublishedEvent): Promise<void> {
    await this.pub.publish(this.channel, JSON.stringify(event));
  }
  listen(listener: EventListener): () => void {
    return this.listeners.add(listener);
  }
  async close(): Promise<void> {
    await Promise.all([
      this.pub.quit().catch(() => this.pub.disconnect()),
      this.sub.quit().catch(() => this.sub.disconnect()),
    ]);
  }
}
