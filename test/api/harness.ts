import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { startApp, type RunningApp } from "../../server/src/app";
import { loadConfig, type AppConfig } from "../../server/src/config";
import { createDataSource, runInTransaction } from "../../server/src/data-source";
import { signToken } from "../../server/src/auth/token";
import { loadWorld, type LoadedWorld, type World } from "../../server/src/scenarios/world";
import { RuleBook, TransferPolicy } from "../../server/src/domain/enums";

/**
 * Test server over a throwaway database: in-memory SQLite, or a fresh PostgreSQL database per test file
 * when TEST_DATABASE_URL is set (postgres://…/anything: a new database is created beside it and dropped after).
 */
export interface TestServer {
  app: RunningApp;
  world: LoadedWorld;
  config: AppConfig;
  /** POST a GraphQL operation as the given partner key (its first user), or anonymously. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    opts?: { as?: string; email?: string; headers?: Record<string, string> },
  ): Promise<{
    status: number;
    body: { data?: T; errors?: GqlError[] };
    /** The answer's `extensions` (e.g. `cost`), kept apart so that tests can compare `body` whole. */
    extensions: Record<string, unknown>;
    sqlCount: number;
  }>;
  tokenFor(partnerKey: string): Promise<string>;
  close(): Promise<void>;
}

export interface GqlError {
  message: string;
  path?: string[];
  extensions?: { code?: string; field?: string; [k: string]: unknown };
}

/**
 * A fresh, empty PostgreSQL database beside TEST_DATABASE_URL (dropped by `drop`), or null for in-memory SQLite.
 */
export async function provisionTestDatabase(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) return null;
  const name = `cg_test_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A fresh, migrated database: the given PostgreSQL URL, else one beside TEST_DATABASE_URL, else SQLite in memory. */
export async function migratedDatabase(url?: string) {
  const database = url ? null : await provisionTestDatabase();
  const databaseUrl = url ?? database?.url ?? null;
  const ds = createDataSource({ databaseUrl, sqlitePath: ":memory:" });
  process.env.LOG_MIGRATIONS = "0";
  await ds.initialize();
  await ds.runMigrations({ transaction: "all" });
  return { ds, url: databaseUrl, drop: database ? () => database.drop() : null };
}

export async function startTestServer(
  world: World,
  opts: { policy?: TransferPolicy; now?: Date; config?: Partial<AppConfig>; quiet?: boolean } = {},
): Promise<TestServer> {
  const { ds, url: databaseUrl, drop } = await migratedDatabase();
  const config: AppConfig = {
    // GRAPHQL_EXECUTOR from the environment: the suites run against either executor (jit by default).
    ...loadConfig({ GRAPHQL_EXECUTOR: process.env.GRAPHQL_EXECUTOR }),
    host: "127.0.0.1",
    port: 0,
    databaseUrl,
    sqlitePath: ":memory:",
    transferPolicy: opts.policy ?? TransferPolicy.CURRENT,
    // These suites' worlds and expectations are written against rule book V1 (days, not hours); the V2 rules are
    // proven by the V2 conformance corpus (test/scenarios/v2). A suite can ask for V2 through opts.config.
    ruleBook: RuleBook.V1,
    seedOnEmptyDatabase: false,
    demoLogin: true,
    countSql: true,
    logErrors: false,
    // Suites send thousands of requests as one user; the rate limit has its own tests.
    rateLimitPerMinute: 0,
    ...opts.config,
  };
  const loaded = await runInTransaction(ds, (em) => loadWorld(em, world, opts.now ?? new Date("2026-11-24T12:00:00Z")));
  const app = await startApp(config, { dataSource: ds, quiet: opts.quiet ?? true });
  const tokens = new Map<string, string>();
  const tokenFor = async (key: string) => {
    const email = loaded.userEmails.get(key);
    if (!email) throw new Error(`no user for partner key ${key}`);
    if (!tokens.has(email)) tokens.set(email, await signToken(config.authSecret, email));
    return tokens.get(email)!;
  };
  return {
    app,
    world: loaded,
    config,
    tokenFor,
    async gql(query, variables, o = {}) {
      const headers: Record<string, string> = { "content-type": "application/json", ...o.headers };
      if (o.as) headers.authorization = `Bearer ${await tokenFor(o.as)}`;
      if (o.email) headers.authorization = `Bearer ${await signToken(config.authSecret, o.email)}`;
      const res = await fetch(app.url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
      const text = await res.text();
      let body: { data?: never; errors?: GqlError[]; extensions?: Record<string, unknown> };
      try {
        body = JSON.parse(text);
      } catch {
        throw new Error(`non-JSON response ${res.status}: ${text.slice(0, 300)}`);
      }
      const { extensions = {}, ...rest } = body;
      return { status: res.status, body: rest, extensions, sqlCount: Number(res.headers.get("x-sql-count") ?? NaN) };
    },
    async close() {
      await app.close();
      await ds.destroy();
      await drop?.();
    },
  };
}
