import "reflect-metadata";
import { performance } from "node:perf_hooks";
import { loadConfig, type AppConfig } from "../src/config";
import { openDatabase, startApp } from "../src/app";
import { seedDemoData } from "../src/seed/seed";
import { DEMO_USERS } from "../src/seed/demo-world";
import { signToken } from "../src/auth/token";
import { toIsoDate } from "../src/common/dates";

// npm run bench [-- --seconds 10 --concurrency 10]: seeds the demo network into a fresh database (in-memory
// SQLite, or the EMPTY PostgreSQL database named by BENCH_DATABASE_URL — never DATABASE_URL), then drives the dashboard queries over HTTP with a closed-loop load and reports
// throughput, latency percentiles and SQL statements per request. Every response body is checked first.

const QUERIES: Record<string, string> = {
  dashboard: `{ networkSummary { customerCount subscriptionCount subscriptionsByChannel { channel count } subscriptionsByStatus { status count }
      termsEndingIn30Days incomingTransfersPending outgoingTransfersPending relationshipsRequested resellersWithComplianceIssues }
    resellers(first: 20) { totalCount nodes { status complianceFlags counts { customers subscriptions } reseller { name partnerId country } } } }`,
  subscriptionsWithEligibility: `{ subscriptions(first: 100) { totalCount nodes { id offerName status quantity commitmentEndDate
      customer { name country } transactingPartner { name } resellerOfRecord { name }
      eligibility(action: TRANSFER) { eligible blocking { code ruleId } advisories { code } } } } }`,
  customers: `{ customers(first: 50, filter: { hasNonCspSubscriptions: true }) { totalCount nodes { name domain channels
      relationships { status partner { name } } } } }`,
};

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const seconds = arg("seconds", 8);
  const concurrency = arg("concurrency", 10);
  process.env.LOG_MIGRATIONS = "0";
  const base = loadConfig();
  const config: AppConfig = {
    ...base,
    port: 0,
    host: "127.0.0.1",
    sqlitePath: ":memory:",
    databaseUrl: process.env.BENCH_DATABASE_URL ?? null,
    countSql: true,
    logErrors: true,
    seedOnEmptyDatabase: false,
  };
  const ds = await openDatabase(config);
  const t0 = performance.now();
  const counts = await seedDemoData(ds, toIsoDate(new Date()));
  console.log(
    `seeded ${JSON.stringify(counts)} in ${(performance.now() - t0).toFixed(0)} ms on ${config.databaseUrl ? "PostgreSQL" : "SQLite"}`,
  );
  const app = await startApp(config, { dataSource: ds, quiet: true });
  const token = await signToken(config.authSecret, DEMO_USERS.distributor.email);
  const post = (query: string) =>
    fetch(app.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });

  console.log(`\n${concurrency} concurrent clients, ${seconds} s per query, as ${DEMO_USERS.distributor.email}\n`);
  console.log("query                          req/s    p50 ms   p99 ms   SQL/request   bytes");
  for (const [name, query] of Object.entries(QUERIES)) {
    const check = await post(query);
    const text = await check.text();
    const body = JSON.parse(text) as { errors?: unknown };
    if (check.status !== 200 || body.errors)
      throw new Error(`${name}: bad response ${check.status} ${text.slice(0, 300)}`);
    const sql = check.headers.get("x-sql-count");
    // warm-up
    await Promise.all(Array.from({ length: concurrency }, async () => (await post(query)).text()));
    const latencies: number[] = [];
    const deadline = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline) {
          const start = performance.now();
          const res = await post(query);
          await res.text();
          if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status}`);
          latencies.push(performance.now() - start);
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    console.log(
      `${name.padEnd(30)} ${(latencies.length / seconds).toFixed(0).padStart(6)} ${percentile(latencies, 50).toFixed(1).padStart(9)} ${percentile(
        latencies,
        99,
      )
        .toFixed(1)
        .padStart(8)} ${String(sql).padStart(13)} ${String(text.length).padStart(7)}`,
    );
  }
  console.log(
    `\npeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (server and load generator share this process)`,
  );
  await app.close();
  await ds.destroy();
}

main().catch((err: unknown) => {
  console.error("bench failed:", err instanceof Error ? err.message : err);
  process.exit(1);
});
