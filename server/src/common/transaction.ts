import type { DataSource, EntityManager } from "typeorm";

export type Dialect = "sqlite" | "postgres";

export function dialectOf(ds: DataSource): Dialect {
  return ds.options.type === "postgres" ? "postgres" : "sqlite";
}

// SQLite has one connection per process: concurrent TypeORM transactions would collide on it, so write
// transactions are serialised here. PostgreSQL transactions run concurrently with row locks.
const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

export function runInTransaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  // READ COMMITTED is every pooled connection's default (data-source.ts sets default_transaction_isolation when it
  // connects): no SET TRANSACTION statement per transaction (issue 10: one statement less per mutation).
  if (dialectOf(ds) === "postgres") return ds.transaction(work);
  const tail = sqliteQueues.get(ds) ?? Promise.resolve();
  const run = tail.then(
    () => ds.transaction(work),
    () => ds.transaction(work),
  );
  sqliteQueues.set(
    ds,
    run.catch(() => undefined),
  );
  return run;
}
