import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { startApp, type RunningApp } from "../../server/src/app";
import { loadConfig, type AppConfig } from "../../server/src/config";
import { createDataSource, dialectOf } from "../../server/src/data-source";
import { signToken } from "../../server/src/auth/token";
import { LARGE_FULL, LARGE_USERS, seedLargeNetwork, type LargeSeedCounts } from "../../server/src/seed/large";
import { provisionTestDatabase } from "./harness";

// `npm run seed:large` at a small scale: the counts it promises, the same rows twice from the same seed, and a
// network the API serves without errors (every subscription a viewer lists has a customer it may see).

const SCALE = 0.02;
const AS_OF = "2026-11-24";

async function migrated(databaseUrl: string | null): Promise<DataSource> {
  const ds = createDataSource({ databaseUrl, sqlitePath: ":memory:" });
  process.env.LOG_MIGRATIONS = "0";
  await ds.initialize();
  await ds.runMigrations({ transaction: "all" });
  return ds;
}

describe("seed:large at scale 0.02", () => {
  let database: Awaited<ReturnType<typeof provisionTestDatabase>>;
  let ds: DataSource;
  let app: RunningApp;
  let config: AppConfig;
  let counts: LargeSeedCounts;

  beforeAll(async () => {
    database = await provisionTestDatabase();
    ds = await migrated(database?.url ?? null);
    counts = await seedLargeNetwork(ds, { scale: SCALE, asOf: AS_OF });
    config = {
      ...loadConfig({}),
      host: "127.0.0.1",
      port: 0,
      databaseUrl: database?.url ?? null,
      sqlitePath: ":memory:",
      seedOnEmptyDatabase: false,
      countSql: true,
      logErrors: false,
      rateLimitPerMinute: 0,
    };
    app = await startApp(config, { dataSource: ds, quiet: true });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await ds?.destroy();
    await database?.drop();
  });

  const count = async (table: string) => Number((await ds.query(`SELECT COUNT(*) AS n FROM "${table}"`))[0].n);

  it("writes the promised numbers of rows, scaled", async () => {
    expect(counts.partners).toBe(3 + LARGE_FULL.resellers * SCALE);
    expect(counts.customers).toBe(LARGE_FULL.customers * SCALE);
    expect(counts.subscriptions).toBe(LARGE_FULL.subscriptions * SCALE);
    expect(counts.transfers).toBe(LARGE_FULL.transfers * SCALE);
    expect(await count("partner")).toBe(counts.partners);
    expect(await count("user")).toBe(counts.users);
    expect(await count("reseller_partnership")).toBe(counts.partnerships);
    expect(await count("customer")).toBe(counts.customers);
    expect(await count("customer_relationship")).toBe(counts.relationships);
    expect(await count("customer_subscription")).toBe(counts.subscriptions);
    expect(await count("transfer")).toBe(counts.transfers);
    expect(await count("transfer_line")).toBe(counts.lines);
    // Every channel, status and transfer state occurs.
    const distinct = async (sql: string) => (await ds.query(sql)).length as number;
    expect(await distinct(`SELECT DISTINCT channel FROM customer_subscription`)).toBe(6);
    expect(await distinct(`SELECT DISTINCT status FROM customer_subscription`)).toBe(5);
    expect(await distinct(`SELECT DISTINCT status FROM transfer`)).toBe(6);
  });

  it("is deterministic: the same seed and date give the same rows", async () => {
    const again = await migrated(null);
    try {
      await seedLargeNetwork(again, { scale: 0.005, asOf: AS_OF });
      const other = await migrated(null);
      try {
        await seedLargeNetwork(other, { scale: 0.005, asOf: AS_OF });
        const rows = (d: DataSource) =>
          d.query(
            `SELECT id, customer_id, status, channel, quantity, commitment_end_date, tranches FROM customer_subscription ORDER BY id`,
          );
        const [a, b] = await Promise.all([rows(again), rows(other)]);
        expect(a.length).toBeGreaterThan(0);
        expect(a).toEqual(b);
      } finally {
        await other.destroy();
      }
    } finally {
      await again.destroy();
    }
  });

  it("leaves the dashboard counters equal to a recount (PostgreSQL loads without the triggers, then recounts)", async () => {
    const providers = (await ds.query(`SELECT id FROM partner WHERE types LIKE '%INDIRECT_PROVIDER%' ORDER BY id`)) as {
      id: string;
    }[];
    expect(providers.length).toBe(3);
    for (const { id } of providers) {
      const network = `cr.partner_id = '${id}' OR cr.partner_id IN (SELECT reseller_id FROM reseller_partnership WHERE provider_id = '${id}' AND status = 'ACTIVE')`;
      const [expected] = (await ds.query(
        `SELECT COUNT(DISTINCT cr.customer_id) AS n FROM customer_relationship cr WHERE cr.status = 'ACTIVE' AND (${network})`,
      )) as { n: unknown }[];
      const [counted] = (await ds.query(`SELECT customers AS n FROM network_total WHERE network_id = '${id}'`)) as {
        n: unknown;
      }[];
      expect(Number(counted?.n)).toBe(Number(expected!.n));
    }
    // The triggers are on again after the load.
    const [trigger] = (await ds.query(
      dialectOf(ds) === "postgres"
        ? `SELECT COUNT(*) AS n FROM pg_trigger WHERE tgname LIKE 'counters_%' AND tgenabled = 'O'`
        : `SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'counters_%'`,
    )) as { n: unknown }[];
    expect(Number(trigger!.n)).toBe(11);
  });

  it("serves the network through the API: dashboard, subscription list with customers, a reseller's view", async () => {
    const gql = async (email: string, query: string) => {
      const res = await fetch(app.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${await signToken(config.authSecret, email)}`,
        },
        body: JSON.stringify({ query }),
      });
      return { status: res.status, body: (await res.json()) as { data?: Record<string, never>; errors?: unknown[] } };
    };
    const provider = await gql(
      LARGE_USERS.provider,
      `{ networkSummary { customerCount subscriptionCount activeResellerCount }
         subscriptions(first: 100) { totalCount nodes { id customer { name } eligibility(action: TRANSFER) { eligible } } } }`,
    );
    expect(provider.status).toBe(200);
    expect(provider.body.errors).toBeUndefined();
    const data = provider.body.data as unknown as {
      networkSummary: { customerCount: number; subscriptionCount: number; activeResellerCount: number };
      subscriptions: { totalCount: number; nodes: { customer: { name: string } }[] };
    };
    // Roughly a third of the network is the first provider's.
    expect(data.networkSummary.customerCount).toBeGreaterThan(counts.customers / 4);
    expect(data.networkSummary.customerCount).toBeLessThan(counts.customers / 2);
    expect(data.networkSummary.activeResellerCount).toBeGreaterThan(0);
    expect(data.subscriptions.totalCount).toBe(data.networkSummary.subscriptionCount);
    expect(data.subscriptions.nodes).toHaveLength(100);
    expect(data.subscriptions.nodes.every((n) => n.customer.name.length > 0)).toBe(true);

    const reseller = await gql(
      LARGE_USERS.reseller,
      `{ customers(first: 100) { totalCount nodes { name } } subscriptions(first: 100) { nodes { customer { name } } } }`,
    );
    expect(reseller.body.errors).toBeUndefined();
    const r = reseller.body.data as unknown as { customers: { totalCount: number } };
    expect(r.customers.totalCount).toBeGreaterThan(0);
  });
});
