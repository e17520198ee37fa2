import { GraphQLError } from "graphql";
import type { PubSub } from "type-graphql";
import type { DataSource } from "typeorm";
import { logger } from "../../common/log";
import type { AppConfig } from "../../config";
import type { RequestContext } from "../../context";
import { MemoryFanOut, RedisFanOut, type FanOut, type PublishedEvent } from "./fan-out";
import type { LiveEventType } from "./live-event-type";
import { OutboxPublisher } from "./outbox.publisher";
import { scheduleTimedEvents } from "./timed-events";

/** Events queued for one slow subscriber before it is closed (it reconnects and refetches). */
const MAX_QUEUED = 1000;

/** The context of a subscription: a request context (its viewer) plus the process's live hub. */
export interface LiveContext extends RequestContext {
  live: LiveHub;
}

/**
 * The live-event plumbing of one process: the fan-out (Redis or memory), the outbox publisher and the timed-event
 * scan. Stateless beyond connections: any number of replicas run one each on the same database and Redis.
 */
export class LiveHub {
  private streams = 0;

  private constructor(
    readonly fanOut: FanOut,
    readonly publisher: OutboxPublisher,
    private readonly stopScan: () => void,
  ) {}

  static async start(ds: DataSource, config: AppConfig): Promise<LiveHub> {
    const fanOut = config.redisUrl ? new RedisFanOut(config.redisUrl, config.live.channelPrefix) : new MemoryFanOut();
    // Redis down at start must not keep the API down: go on after a few seconds (ioredis subscribes again when it
    // connects; until then the drain fails and retries, so nothing is lost).
    if (fanOut instanceof RedisFanOut) {
      const ready = await Promise.race([
        fanOut.ready.then(
          () => true,
          () => false,
        ),
        new Promise<false>((resolve) => setTimeout(resolve, 5000, false).unref()),
      ]);
      if (!ready) logger.error({}, "live events: Redis is not answering; publishing will retry");
    }
    const publisher = new OutboxPublisher(ds, fanOut, {
      pollMs: config.live.pollMs,
      batch: 200,
      retainHours: config.live.retainHours,
      listenUrl: config.databaseUrl,
    });
    await publisher.start();
    const stopScan =
      config.live.scanMinutes > 0
        ? scheduleTimedEvents(ds, config.live.scanMinutes * 60_000, () => publisher.wake())
        : () => undefined;
    return new LiveHub(fanOut, publisher, stopScan);
  }

  /**
   * The events one partner may see (its id in the event's audience), of the given types (all when null), as they
   * are published, until the consumer returns. A consumer that falls MAX_QUEUED events behind gets an error.
   */
  stream(partnerId: string, types: readonly LiveEventType[] | null): AsyncIterableIterator<PublishedEvent> {
    const queue: PublishedEvent[] = [];
    let waiting: (() => void) | null = null;
    let finished = false;
    let overflowed = false;
    const unlisten = this.fanOut.listen((e) => {
      if (finished || !e.audience.includes(partnerId) || (types && !types.includes(e.type))) return;
      if (queue.length >= MAX_QUEUED) overflowed = true;
      else queue.push(e);
      waiting?.();
    });
    this.streams += 1;
    const finish = () => {
      if (!finished) this.streams -= 1;
      finished = true;
      unlisten();
      waiting?.();
    };
    return {
      async next(): Promise<IteratorResult<PublishedEvent>> {
        for (;;) {
          if (overflowed) {
            finish();
            throw new GraphQLError("Too many events not yet read: subscribe again and refetch", {
              extensions: { code: "THROTTLED" },
            });
          }
          const event = queue.shift();
          if (event) return { value: event, done: false };
          if (finished) return { value: undefined, done: true };
          await new Promise<void>((resolve) => (waiting = resolve));
          waiting = null;
        }
      },
      async return(): Promise<IteratorResult<PublishedEvent>> {
        finish();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** Subscriptions streaming from this process now (for health and tests). */
  get activeStreams(): number {
    return this.streams;
  }

  async close(): Promise<void> {
    this.stopScan();
    await this.publisher.stop();
    await this.fanOut.close();
  }
}

/**
 * type-graphql asks for a PubSub as soon as a schema has subscriptions; ours bring their own `subscribe` (the hub's
 * stream), so topic-based publishing is refused rather than silently going nowhere.
 */
export const NO_TOPICS: PubSub = {
  publish(topic: string) {
    throw new Error(`type-graphql topic "${topic}": live events are published through the outbox (modules/live)`);
  },
  subscribe(topic: string) {
    throw new Error(`type-graphql topic "${topic}": subscriptions supply their own subscribe (modules/live)`);
  },
};
