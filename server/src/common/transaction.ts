import type { DataSource, EntityManager, QueryRunner } from "typeorm";

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

/**
 * SQLite: every transaction begins IMMEDIATE (takes the database's write lock at BEGIN, waiting up to the busy
 * timeout), not DEFERRED as TypeORM begins them. A deferred transaction that has read takes the write lock only at
 * its first write, and when another process (a second server on the same file, the CLI) wrote meanwhile SQLite
 * cannot wait for it: the write fails at once with SQLITE_BUSY, which a client saw as INTERNAL_SERVER_ERROR. Our
 * transactions are write transactions (runInTransaction; reads run outside one), so IMMEDIATE costs nothing here.
 * TypeORM 1.1 has no option for it: its SQLite query runner (one per data source) sends the fixed statement
 * "BEGIN TRANSACTION" from startTransaction, so that one statement is rewritten on the way to the driver
 * (test/api/sqlite-two-writers.test.ts fails if it ever is not).
 */
export function beginImmediateOnSqlite(ds: DataSource): DataSource {
  if (dialectOf(ds) !== "sqlite") return ds;
  const driver = ds.driver as { createQueryRunner(mode: "master" | "slave"): QueryRunner };
  const create = driver.createQueryRunner.bind(driver);
  const immediate = new WeakSet<QueryRunner>();
  driver.createQueryRunner = (mode) => {
    const runner = create(mode);
    if (!immediate.has(runner)) {
      immediate.add(runner);
      const query = runner.query.bind(runner) as (sql: string, ...rest: unknown[]) => Promise<unknown>;
      runner.query = ((sql: string, ...rest: unknown[]) =>
        query(sql === "BEGIN TRANSACTION" ? "BEGIN IMMEDIATE TRANSACTION" : sql, ...rest)) as QueryRunner["query"];
    }
    return runner;
  };
  return ds;
}
