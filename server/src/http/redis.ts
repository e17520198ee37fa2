import type * as IORedis from "ioredis";

// ioredis is loaded on first use: a server without REDIS_URL (the embedded sandbox, one replica) never needs it,
// and loading it keeps about 2 MB of heap for nothing (issue 10's memory target).
let ioredis: typeof IORedis | undefined;
function redisClass(): typeof IORedis.Redis {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, synchronous like its callers
  ioredis ??= require("ioredis") as typeof IORedis;
  return ioredis.Redis;
}

/** A Redis client for shared state across replicas (rate limits today). */
export function connectRedis(url: string): IORedis.Redis {
  const Redis = redisClass();
  return new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
}

/** True when a Redis server answers PING at the address (used to explain skipped shared-state checks). */
export async function redisAnswers(url: string): Promise<boolean> {
  const Redis = redisClass();
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await probe.connect();
    return (await probe.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
