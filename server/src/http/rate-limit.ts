import type { RequestHandler } from "express";
import { rateLimit, type Store } from "express-rate-limit";
import { RedisStore, type RedisReply } from "rate-limit-redis";
import type { Redis } from "ioredis";
import type { AppConfig } from "../config";
import { callerKey, callerOf, isSignedIn } from "./caller";
import { connectRedis } from "./redis";

export interface RateLimiter {
  middleware: RequestHandler;
  close(): Promise<void>;
}

/**
 * Requests per minute per caller (a signed-in user, or an anonymous address), counted in Redis when REDIS_URL
 * is set, so that every replica shares one budget; in memory otherwise. Refusals are HTTP 429 with
 * Retry-After and a GraphQL-shaped body with the THROTTLED code.
 */
export function createRateLimiter(config: AppConfig): RateLimiter | null {
  if (config.rateLimitPerMinute <= 0) return null;
  let redis: Redis | null = null;
  let store: Store | undefined;
  if (config.redisUrl) {
    redis = connectRedis(config.redisUrl);
    const client = redis;
    store = new RedisStore({
      prefix: "cg:rl:",
      sendCommand: (command: string, ...args: string[]) => client.call(command, ...args) as Promise<RedisReply>,
    });
  }
  const middleware = rateLimit({
    windowMs: 60_000,
    limit: (_req, res) => (isSignedIn(callerOf(res)) ? config.rateLimitPerMinute : config.anonymousRateLimitPerMinute),
    keyGenerator: (_req, res) => callerKey(callerOf(res)),
    standardHeaders: "draft-8",
    legacyHeaders: false,
    // A Redis outage must not take the API down: let requests through and log it.
    passOnStoreError: true,
    store,
    handler: (_req, res, _next, options) => {
      const retryAfter = res.getHeader("retry-after");
      res.status(options.statusCode).json({
        errors: [
          {
            message: `Too many requests; retry after ${retryAfter ?? 60} seconds`,
            extensions: { code: "THROTTLED", retryAfterSeconds: Number(retryAfter ?? 60) },
          },
        ],
      });
    },
  });
  return {
    middleware,
    async close() {
      if (redis) await redis.quit().catch(() => redis?.disconnect());
    },
  };
}
