import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "typeorm";

/** Per-request SQL statement count, carried through async calls. */
export const sqlCounterStore = new AsyncLocalStorage<{ statements: number }>();

export class CountingLogger implements Logger {
  logQuery(): void {
    const store = sqlCounterStore.getStore();
    if (store) store.statements++;
  }
  logQueryError(error: string | Error, query: string): void {
    // Logged server-side only; never sent to clients.
    console.error("[sql] query failed:", error instanceof Error ? error.message : error, "\n", query);
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    if (process.env.LOG_MIGRATIONS !== "0") console.log("[migration]", message);
  }
  log(): void {}
}
