import "reflect-metadata";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DataSource, type EntityManager } from "typeorm";
import type { AppConfig } from "./config";
import { entities } from "./domain/entities";
import { SnakeNamingStrategy } from "./common/naming";
import { CountingLogger } from "./common/sql-counter";
import { migrations as postgresMigrations } from "./migrations/postgres";
import { migrations as sqliteMigrations } from "./migrations/sqlite";

export type Dialect = "sqlite" | "postgres";

export interface DatabaseOptions {
  databaseUrl: AppConfig["databaseUrl"];
  sqlitePath: AppConfig["sqlitePath"];
}

export function dialectOf(ds: DataSource): Dialect {
  return ds.options.type === "postgres" ? "postgres" : "sqlite";
}

/** Migrations live per dialect; `synchronize` is never used. */
export function createDataSource(opts: DatabaseOptions): DataSource {
  const common = {
    entities,
    namingStrategy: new SnakeNamingStrategy(),
    logging: ["query", "error", "migration"] as ("query" | "error" | "migration")[],
    logger: new CountingLogger(),
    synchronize: false,
    migrationsRun: false,
  };
  if (opts.databaseUrl) {
    return new DataSource({
      ...common,
      type: "postgres",
      url: opts.databaseUrl,
      migrations: postgresMigrations,
      extra: { max: Number(process.env.PG_POOL_SIZE ?? 10) },
    });
  }
  if (opts.sqlitePath !== ":memory:") mkdirSync(dirname(opts.sqlitePath), { recursive: true });
  return new DataSource({
    ...common,
    type: "better-sqlite3",
    database: opts.sqlitePath,
    enableWAL: opts.sqlitePath !== ":memory:",
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma("foreign_keys = ON");
      db.pragma("busy_timeout = 5000");
    },
    migrations: sqliteMigrations,
  });
}

// SQLite has one connection per process: concurrent TypeORM transactions would collide on it, so write
// transactions are serialised here. PostgreSQL transactions run concurrently with row locks.
const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

export function runInTransaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  if (dialectOf(ds) === "postgres") return ds.transaction("READ COMMITTED", work);
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
