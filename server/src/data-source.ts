import "reflect-metadata";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DataSource } from "typeorm";
import type { AppConfig } from "./config";
import { entities } from "./entities";
import { SnakeNamingStrategy } from "./common/naming";
import { CountingLogger } from "./common/sql-counter";

import { beginImmediateOnSqlite } from "./common/transaction";

export { dialectOf, runInTransaction, type Dialect } from "./common/transaction";
import { migrations as postgresMigrations } from "./migrations/postgres";
import { migrations as sqliteMigrations } from "./migrations/sqlite";

export interface DatabaseOptions {
  databaseUrl: AppConfig["databaseUrl"];
  sqlitePath: AppConfig["sqlitePath"];
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
      extra: {
        max: Number(process.env.PG_POOL_SIZE ?? 10),
        // Transactions run READ COMMITTED (common/transaction.ts), whatever the server's default: set once per
        // connection rather than once per transaction.
        options: "-c default_transaction_isolation=read\\ committed",
      },
    });
  }
  if (opts.sqlitePath !== ":memory:") mkdirSync(dirname(opts.sqlitePath), { recursive: true });
  const sqlite = new DataSource({
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
  return beginImmediateOnSqlite(sqlite);
}
