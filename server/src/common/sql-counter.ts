import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "typeorm";
import { logger } from "./log";
import { isUniqueViolation } from "./unique-violation";

/** What one HTTP request carries: its id (for logs and audit rows), its SQL statement count and its caller's key. */
export interface RequestStore {
  requestId: string;
  statements: number;
  /** The caller's budget key (`user:…` or `ip:…`), once the edge has identified it. */
  callerKey?: string;
}

/**
 * The request's store as the async context of everything it runs, for TypeORM's logger (which sees no request).
 * Entered only when statements are counted (COUNT_SQL, http/request-log.ts): on Node 20 an AsyncLocalStorage in use
 * runs a hook on every promise the process creates, ~10 % of a small query's CPU (issue 10). Everything else reads
 * the store from the request (`res.locals`, the GraphQL context), not from here.
 */
export const requestStore = new AsyncLocalStorage<RequestStore>();

/**
 * TypeORM's logger: counts statements per request when the store is entered; logs failures server-side only
 * (never sent to clients), with the request id when it is known here.
 */
export class CountingLogger implements Logger {
  logQuery(): void {
    const store = requestStore.getStore();
    if (store) store.statements++;
  }
  logQueryError(error: string | Error, query: string): void {
    // A unique index refusing a concurrent duplicate is expected: the caller turns it into a user error.
    const level = isUniqueViolation(error) ? "info" : "error";
    logger[level](
      { requestId: requestStore.getStore()?.requestId, err: error instanceof Error ? error.message : error, query },
      level === "info" ? "duplicate refused by a unique index" : "SQL statement failed",
    );
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    if (process.env.LOG_MIGRATIONS !== "0") logger.info({ migration: message }, "migration");
  }
  log(): void {}
}
