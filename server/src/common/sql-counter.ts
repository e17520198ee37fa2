import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "typeorm";
import { logger } from "./log";
import { isUniqueViolation } from "./unique-violation";

/** What one HTTP request carries through its async calls: its id (for logs) and its SQL statement count. */
export interface RequestStore {
  requestId: string;
  statements: number;
  /** The caller's budget key (`user:…` or `ip:…`), once the edge has identified it. */
  callerKey?: string;
}

export const requestStore = new AsyncLocalStorage<RequestStore>();

/** TypeORM's logger: counts statements per request; logs failures server-side only (never sent to clients). */
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
