// npm run bench [-- --db sqlite|postgres --size demo|large --scale 1 --seconds 5 --rounds 3 --quick --executors a,b]
//
// Issue 10: the built server in production mode and a raw baseline (baseline.ts: node:http, hand-written SQL, the
// same rule engine, the same JSON) each run in a child process on 127.0.0.1 against the same freshly seeded
// database; this process checks that both answer every operation with the same JSON, then drives them with
// autocannon (c=10) in interleaved rounds and reports medians: req/s, p50, p99, CPU per request (utime+stime of the
// server process from /proc ÷ requests), SQL statements per request, peak RSS, and GraphQL ÷ baseline. The timed
// GraphQL servers run as production does, without COUNT_SQL (counting enters an AsyncLocalStorage that costs every
// request); their SQL statements are counted on one more server, with COUNT_SQL, during the check and then stopped.
// Any error answer (non-2xx, or GraphQL `errors` with HTTP 200) fails the run. --executors graphql-js,jit runs one
// GraphQL server per GRAPHQL_EXECUTOR in the same interleaved rounds, and compares them.
import "reflect-metadata";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { isDeepStrictEqual } from "node:util";
import autocannon from "autocannon";
import { createDataSource, dialectOf } from "../src/data-source";
import { signToken } from "../src/auth/token";
import { toIsoDate } from "../src/common/dates";
import { toGlobalId } from "../src/common/global-id";
import { seedDemoData } from "../src/seed/seed";
import { DEMO_USERS } from "../src/seed/demo-world";
import { LARGE_USERS, seedLargeNetwork } from "../src/seed/large";
import { LifecycleScheduler } from "../src/modules/lifecycle/scheduler";
import { scanTimedEvents } from "../src/modules/live/timed-events";
import { RuleBook } from "../src/domain/enums";
import { OPERATIONS, type Operation, type OperationVars } from "./operations";
import { refused, WRITE_CYCLE, writeCycleRequests } from "./write-cycle";

interface Options {
  db: "sqlite" | "postgres";
  size: "demo" | "large";
  scale: number;
  seconds: number;
  rounds: number;
  connections: number;
  quick: boolean;
  only: string[] | null;
  out: string;
  /** Profile the GraphQL server (--cpu-prof) during this one operation instead of benchmarking. */
  profile: string | null;
  /** One GraphQL server per GRAPHQL_EXECUTOR, driven in the same rounds; null: one server, the environment's. */
  executors: string[] | null;
}

const USAGE =
  "usage: npm run bench -- [--db sqlite|postgres] [--size demo|large] [--scale 1] [--seconds 5] [--rounds 3] [--connections 10] [--only op,op] [--quick] [--profile op] [--executors graphql-js,jit]";

function parseOptions(args: string[]): Options {
  const o: Options = {
    db: "sqlite",
    size: "demo",
    scale: 1,
    seconds: 5,
    rounds: 3,
    connections: 10,
    quick: false,
    only: null,
    out: resolve("bench/results"),
    profile: null,
    executors: null,
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const v = () => {
      const value = args[++i];
      if (value === undefined) throw new Error(`${a} needs a value (${USAGE})`);
      return value;
    };
    const n = (min: number, max: number) => {
      const value = Number(v());
      if (!(value >= min && value <= max)) throw new Error(`${a} must be a number in [${min}, ${max}] (${USAGE})`);
      return value;
    };
    if (a === "--db") {
      const db = v();
      if (db !== "sqlite" && db !== "postgres") throw new Error(`--db must be sqlite or postgres (${USAGE})`);
      o.db = db;
    } else if (a === "--size") {
      const size = v();
      if (size !== "demo" && size !== "large") throw new Error(`--size must be demo or large (${USAGE})`);
      o.size = size;
    } else if (a === "--scale") o.scale = n(0.001, 10);
    else if (a === "--seconds") o.seconds = n(1, 600);
    else if (a === "--rounds") o.rounds = Math.round(n(1, 15));
    else if (a === "--connections") o.connections = Math.round(n(1, 1000));
    else if (a === "--only") o.only = v().split(",");
    else if (a === "--out") o.out = resolve(v());
    else if (a === "--quick") o.quick = true;
    else if (a === "--profile") o.profile = v();
    else if (a === "--executors") {
      o.executors = v().split(",");
      if (o.executors.some((e) => e !== "jit" && e !== "graphql-js"))
        throw new Error(`--executors takes jit and graphql-js (${USAGE})`);
    } else throw new Error(`unknown argument ${a} (${USAGE})`);
  }
  return o;
}

// ---------------------------------------------------------------------------------------------- database

interface Database {
  env: Record<string, string>;
  label: string;
  drop: () => Promise<void>;
}

/** A fresh database for this run: a temporary SQLite file, or a PostgreSQL database `bench_<pid>` dropped after. */
async function prepareDatabase(o: Options): Promise<Database> {
  if (o.db === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "channelgate-bench-"));
    const file = join(dir, "bench.sqlite");
    return {
      env: { SQLITE_PATH: file },
      label: "SQLite",
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  // The PostgreSQL server is shared: a database of our own, named after this process.
  const admin =
    process.env.BENCH_PG_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `bench_${process.pid}`;
  const pg = await import("pg");
  const client = new pg.default.Client({ connectionString: admin });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name}`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    label: "PostgreSQL",
    drop: async () => {
      const c = new pg.default.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

interface Seeded {
  email: string;
  vars: OperationVars;
  counts: Record<string, number>;
  seconds: number;
}

/** Migrates and seeds; picks the customer the per-customer operations ask about. */
async function seed(o: Options, db: Database): Promise<Seeded> {
  const ds = createDataSource({
    databaseUrl: db.env.DATABASE_URL ?? null,
    sqlitePath: db.env.SQLITE_PATH ?? ":memory:",
  });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: "all" });
    const dialect = dialectOf(ds);
    const asOf = toIsoDate(new Date());
    const started = performance.now();
    const counts: Record<string, number> =
      o.size === "demo"
        ? { ...(await seedDemoData(ds, asOf)) }
        : {
            ...(await seedLargeNetwork(ds, {
              scale: o.scale,
              asOf,
              progress: (table, done, total) => {
                if (done === total) process.stderr.write(`  seeded ${total} ${table}\n`);
              },
            })),
          };
    const seconds = (performance.now() - started) / 1000;
    // The seeders write terms that are already over: the server's scheduler expires or renews them in its first
    // tick, right after it starts, while the bench compares answers. Both servers then read different networks
    // (the dashboard's counts differed by 1–2 between GraphQL, asked first, and the baseline). The clock catches
    // up here, before either starts, so both read the same network at rest.
    const clock = new LifecycleScheduler(ds, { ruleBook: (process.env.RULE_BOOK ?? "V2") as RuleBook });
    for (;;) {
      const r = await clock.tick(new Date());
      if (r.renewed + r.expired + r.transfersExpired === 0) break;
      console.error(
        `  clock caught up: ${r.renewed} renewed, ${r.expired} expired, ${r.transfersExpired} transfers expired`,
      );
    }
    // Likewise the timed events due today (22,443 at 300,000 subscriptions): written here, each server's first scan
    // finds them written instead of inserting them while the operations are timed (it reads, and writes nothing).
    const timed = await scanTimedEvents(ds, toIsoDate(new Date()));
    console.error(`  timed events due today written: ${timed}`);
    const email = o.size === "demo" ? DEMO_USERS.distributor.email : LARGE_USERS.provider;
    // A customer the viewer's network holds whose CSP subscriptions another partner bills (what a transfer is
    // about); failing that, any customer of the network with CSP subscriptions.
    const [viewer] = (await ds.query(`SELECT partner_id FROM "user" WHERE email = '${email}'`)) as {
      partner_id: string;
    }[];
    if (!viewer) throw new Error(`no user ${email} in the seeded database`);
    const rows = (await ds.query(
      `SELECT cr.customer_id AS id, SUM(CASE WHEN s.transacting_partner_id <> cr.partner_id THEN 1 ELSE 0 END) AS foreign_subs
       FROM customer_relationship cr JOIN customer_subscription s ON s.customer_id = cr.customer_id AND s.channel = 'CSP'
       WHERE cr.partner_id = '${viewer.partner_id}' AND cr.status = 'ACTIVE'
       GROUP BY cr.customer_id ORDER BY foreign_subs DESC, COUNT(*) DESC, cr.customer_id LIMIT 1`,
    )) as { id: string }[];
    if (!rows[0]) throw new Error("no customer with CSP subscriptions in the viewer's network");
    // The write cycle orders for a customer the viewer itself holds, in its own region, with the MCA accepted.
    const [orderable] = (await ds.query(
      `SELECT c.id FROM customer c JOIN customer_relationship cr ON cr.customer_id = c.id AND cr.status = 'ACTIVE'
       JOIN partner p ON p.id = cr.partner_id WHERE p.id = '${viewer.partner_id}' AND c.country = p.country
       AND c.mca_accepted = ${dialect === "postgres" ? "true" : "1"} AND c.partner_tenant_of_id IS NULL ORDER BY c.name, c.id LIMIT 1`,
    )) as { id: string }[];
    if (!orderable) throw new Error("no customer the viewer may order for");
    const customerId = toGlobalId("Customer", rows[0].id);
    const vars = {
      customerId,
      customerFilter: customerId,
      orderCustomerId: toGlobalId("Customer", orderable.id),
    };
    return { email, vars, counts, seconds };
  } finally {
    await ds.destroy();
  }
}

// ---------------------------------------------------------------------------------------------- processes

interface Child {
  proc: ChildProcess;
  pid: number;
  url: string;
  stop: () => Promise<void>;
}

const logFiles: string[] = [];

/** Starts a node process and waits for the line that names its URL. */
function startChild(
  script: string,
  env: Record<string, string>,
  urlOf: (line: string) => string | null,
  nodeArgs: string[] = [],
): Promise<Child> {
  return new Promise((resolveChild, reject) => {
    const proc = spawn(process.execPath, [...nodeArgs, script], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let buffered = "";
    let stderr = "";
    // Everything the child writes, for a failed run: the path is printed when the bench fails.
    const log = join(tmpdir(), `channelgate-bench-${process.pid}-${script.split("/").pop()}.log`);
    logFiles.push(log);
    const logStream = createWriteStream(log);
    proc.stdout?.pipe(logStream);
    proc.stderr?.pipe(logStream);
    const timer = setTimeout(
      () => reject(new Error(`${script} did not start within 120 s: ${stderr.slice(-500)}`)),
      120_000,
    );
    proc.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
      if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
    });
    proc.on("exit", (code) =>
      reject(new Error(`${script} exited with ${code}: ${stderr.slice(-800)}${buffered.slice(-800)}`)),
    );
    proc.stdout?.on("data", (d: Buffer) => {
      buffered += d.toString();
      for (const line of buffered.split("\n")) {
        const url = urlOf(line);
        if (url && proc.pid) {
          clearTimeout(timer);
          resolveChild({
            proc,
            pid: proc.pid,
            url,
            stop: () =>
              new Promise((done) => {
                if (proc.exitCode !== null || proc.signalCode !== null) return done();
                proc.removeAllListeners("exit");
                // A ref'd timer: the bench waits for the child, and kills it if SIGTERM is not enough.
                const kill = setTimeout(() => proc.kill("SIGKILL"), 5000);
                proc.once("exit", () => {
                  clearTimeout(kill);
                  done();
                });
                proc.kill("SIGTERM");
              }),
          });
        }
      }
      if (buffered.length > 20_000) buffered = buffered.slice(-10_000);
    });
  });
}

/** utime + stime of a process, in seconds (/proc/<pid>/stat fields 14 and 15, in clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Waits until the process has used no CPU for 300 ms (at most 60 s). */
async function idle(pid: number): Promise<void> {
  let last = cpuSeconds(pid);
  let quiet = 0;
  for (let waited = 0; waited < 60_000 && quiet < 3; waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
    const now = cpuSeconds(pid);
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
}

/** Peak resident set size of a process so far, in MB (VmHWM). */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = /VmHWM:\s+(\d+)/.exec(status)?.[1];
  return Number(kb ?? 0) / 1024;
}

// ---------------------------------------------------------------------------------------------- requests

interface Target {
  /** "baseline", "graphql", or "graphql <executor>" with --executors. */
  name: string;
  child: Child;
  /** autocannon request(s) for one operation. */
  requests: (op: Operation) => autocannon.Request[];
  /** One request, for the equality check: the JSON to compare and the SQL statements it ran. */
  once: (op: Operation) => Promise<{ body: unknown; sql: number }>;
}

const hasErrors = (text: string) => text.includes('"errors":') || text.startsWith('{"error"');

/** Fresh ids differ between two writes; everything else must match. */
function maskIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskIds);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === "id" ? "<id>" : maskIds(v)]));
  return value;
}

/** A target per GraphQL server, then the baseline (always last). */
function targets(
  graphqls: { name: string; child: Child }[],
  baseline: Child,
  token: string,
  vars: OperationVars,
): Target[] {
  const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
  const gqlBody = (op: Operation) => JSON.stringify({ query: op.query, variables: vars });
  const baseBody = JSON.stringify({ variables: vars });
  const post = async (url: string, body: string) => {
    const res = await fetch(url, { method: "POST", headers, body });
    const text = await res.text();
    if (res.status !== 200 || hasErrors(text)) throw new Error(`${url}: HTTP ${res.status} ${text.slice(0, 400)}`);
    return { json: JSON.parse(text) as { data: unknown }, sql: Number(res.headers.get("x-sql-count") ?? NaN) };
  };
  return [
    ...graphqls.map(({ name, child }): Target => ({
      name,
      child,
      requests: (op) =>
        op.name === WRITE_CYCLE.name
          ? writeCycleRequests("graphql", headers, vars)
          : [{ method: "POST", path: "/graphql", headers, body: gqlBody(op) }],
      once: async (op) => {
        if (op.name === WRITE_CYCLE.name) return WRITE_CYCLE.once("graphql", child.url, headers, vars);
        const r = await post(`${child.url}/graphql`, gqlBody(op));
        return { body: r.json.data, sql: r.sql };
      },
    })),
    {
      name: "baseline",
      child: baseline,
      requests: (op) =>
        op.name === WRITE_CYCLE.name
          ? writeCycleRequests("baseline", headers, vars)
          : [{ method: "POST", path: `/op/${op.name}`, headers, body: baseBody }],
      once: async (op) => {
        if (op.name === WRITE_CYCLE.name) return WRITE_CYCLE.once("baseline", baseline.url, headers, vars);
        const r = await post(`${baseline.url}/op/${op.name}`, baseBody);
        return { body: r.json.data, sql: r.sql };
      },
    },
  ];
}

interface Sample {
  reqPerSec: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number;
  requests: number;
}

async function drive(o: Options, target: Target, op: Operation): Promise<Sample> {
  let errors = 0;
  let firstError = "";
  const requests: autocannon.Request[] = target.requests(op).map((r) => {
    const next = typeof r.onResponse === "function" ? r.onResponse : null;
    return {
      ...r,
      onResponse: (status: number, body: string, context: object, headers?: Record<string, unknown>) => {
        if (status < 200 || status > 299 || hasErrors(body) || refused(body)) {
          errors++;
          if (!firstError) firstError = `HTTP ${status} ${body.slice(0, 300)}`;
        }
        next?.(status, body, context, headers as never);
      },
    };
  });
  const cpuBefore = cpuSeconds(target.child.pid);
  const result = await autocannon({
    url: target.child.url,
    connections: o.connections,
    duration: o.seconds,
    requests,
  });
  const cpu = cpuSeconds(target.child.pid) - cpuBefore;
  // Requests still in flight when the run ends keep the server busy: let it finish them before the next run.
  await idle(target.child.pid);
  const total = result.requests.total;
  if (errors > 0 || result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `${target.name} ${op.name}: ${errors} error answers, ${result.non2xx} non-2xx, ${result.errors} socket errors, ${result.timeouts} timeouts of ${total}; first: ${firstError}`,
    );
  }
  // No request finished within the run (c=10 requests sharing a slow server finish together): no latency to report.
  return {
    reqPerSec: total / o.seconds,
    p50: total ? result.latency.p50 : NaN,
    p99: total ? result.latency.p99 : NaN,
    cpuMsPerRequest: total ? (cpu * 1000) / total : NaN,
    requests: total,
  };
}

/** Median of the finite values (NaN when none). */
const median = (values: number[]) => {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

// ---------------------------------------------------------------------------------------------- profile

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Self time of a V8 CPU profile by package (or app file) and by function: where the server spends its time. */
function profileSummary(dir: string): string {
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) return `no profile written in ${dir}`;
  const profile = JSON.parse(readFileSync(join(dir, file), "utf8")) as { nodes: ProfileNode[] };
  const busy = profile.nodes.filter((n) => n.callFrame.functionName !== "(idle)");
  const total = busy.reduce((n, x) => n + (x.hitCount ?? 0), 0);
  const where = (url: string) => {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (m) return m[1] as string;
    if (url.includes("/dist/")) return `app ${url.slice(url.indexOf("/dist/") + 6)}`;
    return url.startsWith("node:") ? "node core" : url;
  };
  const pkg = (n: ProfileNode) =>
    n.callFrame.url ? where(n.callFrame.url) : `(${n.callFrame.functionName.replace(/[()]/g, "") || "native"})`;
  const fn = (n: ProfileNode) => `${n.callFrame.functionName || "(anonymous)"} ${pkg(n)}:${n.callFrame.lineNumber + 1}`;
  const by = (key: (n: ProfileNode) => string) => {
    const m = new Map<string, number>();
    for (const n of busy) m.set(key(n), (m.get(key(n)) ?? 0) + (n.hitCount ?? 0));
    return [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([k, v]) => `  ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
      .join("\n");
  };
  return `profile ${join(dir, file)} (busy samples only)\n\nself time by package:\n${by(pkg)}\n\nself time by function:\n${by(fn)}\n`;
}

// ---------------------------------------------------------------------------------------------- report

interface OpResult {
  name: string;
  title: string;
  graphql: Sample & { sql: number };
  baseline: Sample & { sql: number };
  ratio: { reqPerSec: number; cpu: number; p99: number };
}

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "—");
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : "—");

function markdown(
  meta: Record<string, unknown>,
  results: OpResult[],
  rss: Record<string, number>,
  rssByRound: Record<string, number>[],
  heading = `### ${meta.database}, ${meta.size} (${meta.subscriptions} subscriptions) — ${meta.date}`,
  graphqlName = "graphql",
): string {
  const lines = [
    heading,
    "",
    `c=${meta.connections}, ${meta.seconds} s per run, median of ${meta.rounds} interleaved rounds; node ${meta.node}, ${meta.cpus} CPUs (load average ${meta.load}).`,
    "",
    "| operation | GraphQL req/s | baseline req/s | ratio | p50 ms G / B | p99 ms G / B | CPU ms/req G / B | CPU ratio | SQL/req G / B |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...results.map(
      (r) =>
        `| ${r.title} | ${f1(r.graphql.reqPerSec)} | ${f1(r.baseline.reqPerSec)} | ${f2(r.ratio.reqPerSec)} | ${f1(r.graphql.p50)} / ${f1(r.baseline.p50)} | ${f1(r.graphql.p99)} / ${f1(r.baseline.p99)} | ${f2(r.graphql.cpuMsPerRequest)} / ${f2(r.baseline.cpuMsPerRequest)} | ${f2(r.ratio.cpu)}× | ${r.graphql.sql} / ${r.baseline.sql} |`,
    ),
    "",
    `Peak RSS: GraphQL server ${rss[graphqlName]?.toFixed(0)} MB, baseline ${rss.baseline?.toFixed(0)} MB. Seeding took ${meta.seedSeconds} s.`,
    "",
    ...(rssByRound.length > 1
      ? [
          `Peak RSS after each round (each round runs every operation on both servers, back to back): GraphQL ${rssByRound.map((r) => r[graphqlName]?.toFixed(0)).join(" → ")} MB, baseline ${rssByRound.map((r) => r.baseline?.toFixed(0)).join(" → ")} MB (heap growing ${meta.heapGrowingPercent}).`,
          "",
        ]
      : []),
  ];
  return lines.join("\n");
}

/** --executors: the executors side by side, each as GraphQL ÷ baseline of the same rounds. */
function executorComparison(names: string[], byTarget: Record<string, OpResult[]>): string {
  const [first, ...rest] = names;
  const lines = [
    `| operation | ${names.map((n) => `req/s ratio ${n}`).join(" | ")} | ${names.map((n) => `CPU ms/req ${n}`).join(" | ")} | ${rest.map((n) => `CPU ${n} ÷ ${first}`).join(" | ")} |`,
    `|---|${names.map(() => "---:").join("|")}|${names.map(() => "---:").join("|")}|${rest.map(() => "---:").join("|")}|`,
  ];
  for (const [i, r] of (byTarget[first as string] ?? []).entries()) {
    const of = (n: string) => byTarget[n]?.[i] as OpResult;
    lines.push(
      `| ${r.title} | ${names.map((n) => f2(of(n).ratio.reqPerSec)).join(" | ")} | ${names.map((n) => f2(of(n).graphql.cpuMsPerRequest)).join(" | ")} | ${rest.map((n) => `${f2(of(n).graphql.cpuMsPerRequest / r.graphql.cpuMsPerRequest)}×`).join(" | ")} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}

async function main(): Promise<void> {
  process.env.TZ = "UTC";
  process.env.LOG_MIGRATIONS = "0";
  const o = parseOptions(process.argv.slice(2));
  if (o.quick) Object.assign(o, { seconds: 1, rounds: 1, connections: 2 });
  const db = await prepareDatabase(o);
  const children: Child[] = [];
  let ok = false;
  try {
    console.error(`bench: seeding ${o.size}${o.size === "large" ? ` (scale ${o.scale})` : ""} into ${db.label}…`);
    const seeded = await seed(o, db);
    const secret = randomBytes(32).toString("hex");
    const env = {
      ...db.env,
      NODE_ENV: "production",
      AUTH_SECRET: secret,
      HOST: "127.0.0.1",
      PORT: "0",
      TZ: "UTC",
      RULE_BOOK: process.env.RULE_BOOK ?? "V2",
      COUNT_SQL: "0",
      SEED_ON_EMPTY: "0",
      LOG_REQUESTS: "0",
      LOG_MIGRATIONS: "0",
      // The load is the point: no rate limit, an unlimited cost budget.
      RATE_LIMIT: "0",
      COST_BUDGET: "10000000",
      COST_RESTORE_RATE: "10000000",
    };
    const dist = resolve(__dirname, "..");
    const profileDir = o.profile ? mkdtempSync(join(tmpdir(), "channelgate-bench-profile-")) : null;
    const graphqls: { name: string; child: Child }[] = [];
    for (const executor of o.executors ?? [null]) {
      const child = await startChild(
        join(dist, "src/main.js"),
        executor ? { ...env, GRAPHQL_EXECUTOR: executor } : env,
        (line) => /"url":"([^"]+)\/graphql"/.exec(line)?.[1] ?? null,
        profileDir ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [],
      );
      children.push(child);
      graphqls.push({ name: executor ? `graphql ${executor}` : "graphql", child });
    }
    const graphql = graphqls[0]!.child;
    const executor = o.executors?.[0];
    const counter = await startChild(
      join(dist, "src/main.js"),
      { ...env, COUNT_SQL: "1", ...(executor ? { GRAPHQL_EXECUTOR: executor } : {}) },
      (line) => /"url":"([^"]+)\/graphql"/.exec(line)?.[1] ?? null,
    );
    children.push(counter);
    const baseline = await startChild(
      join(dist, "bench/baseline.js"),
      env,
      (line) => /"url":"([^"]+)"/.exec(line)?.[1] ?? null,
    );
    children.push(baseline);
    const token = await signToken(secret, seeded.email);
    const ts = targets(graphqls, baseline, token, seeded.vars);
    const base = ts[ts.length - 1] as Target;
    const counting = targets([{ name: "graphql (COUNT_SQL)", child: counter }], baseline, token, seeded.vars)[0]!;
    const ops = [...OPERATIONS, WRITE_CYCLE.operation].filter((op) => !o.only || o.only.includes(op.name));

    // Both answer every operation with the same JSON before anything is timed.
    const sql: Record<string, Record<string, number>> = {};
    for (const op of ops) {
      // One after the other: two processes writing one SQLite file at once would collide (SQLITE_BUSY).
      const answers = [];
      for (const t of ts) answers.push({ name: t.name, ...(await t.once(op)) });
      // The timed servers do not count: each GraphQL server's statements are the counting server's.
      const statements = (await counting.once(op)).sql;
      for (const a of answers.slice(0, -1)) a.sql = statements;
      const b = answers[answers.length - 1]!;
      for (const g of answers.slice(0, -1)) {
        const same = op.write ? isDeepStrictEqual(maskIds(g.body), maskIds(b.body)) : isDeepStrictEqual(g.body, b.body);
        if (!same) {
          const dir = mkdtempSync(join(tmpdir(), "channelgate-bench-diff-"));
          writeFileSync(join(dir, "graphql.json"), JSON.stringify(g.body, null, 2));
          writeFileSync(join(dir, "baseline.json"), JSON.stringify(b.body, null, 2));
          throw new Error(`${op.name}: ${g.name} and the baseline answer differently (both answers in ${dir})`);
        }
        console.error(
          `  ${op.name}: ${g.name} same JSON (${JSON.stringify(g.body).length} bytes), SQL ${g.sql} / ${b.sql}`,
        );
      }
      sql[op.name] = Object.fromEntries(answers.map((a) => [a.name, a.sql]));
    }
    // Nothing of the counting server runs while the others are timed.
    await counter.stop();
    if (o.profile && profileDir) {
      const op = ops.find((x) => x.name === o.profile);
      if (!op) throw new Error(`--profile: no operation ${o.profile} (${ops.map((x) => x.name).join(", ")})`);
      const s = await drive(o, ts[0] as Target, op);
      await graphql.stop();
      console.log(`${op.name}: ${f1(s.reqPerSec)} req/s while profiled; ${profileSummary(profileDir)}`);
      ok = true;
      return;
    }
    if (o.quick) {
      // CI smoke: one short untimed pass of each, through autocannon, to prove the harness and the error checks.
      for (const op of ops) for (const t of ts) await drive(o, t, op);
      console.log(`bench --quick: ${ops.length} operations, ${ts.length} servers, same JSON, no error answers`);
      ok = true;
      return;
    }

    const samples = new Map<string, Sample[]>();
    const peakRss = (): Record<string, number> => ({
      ...Object.fromEntries(graphqls.map((g) => [g.name, peakRssMb(g.child.pid)])),
      baseline: peakRssMb(baseline.pid),
    });
    // Peak RSS after each round: whether memory stays flat over back-to-back runs (issue 10).
    const rssByRound: Record<string, number>[] = [];
    for (let round = 1; round <= o.rounds; round++) {
      for (const op of ops) {
        // Alternate who goes first, so neither always runs on the warmer machine.
        const order = round % 2 ? ts : [...ts].reverse();
        for (const t of order) {
          const s = await drive(o, t, op);
          const key = `${op.name}|${t.name}`;
          samples.set(key, [...(samples.get(key) ?? []), s]);
          console.error(
            `  round ${round} ${op.name.padEnd(22)} ${t.name.padEnd(8)} ${f1(s.reqPerSec).padStart(8)} req/s  p99 ${f1(s.p99)} ms  ${f2(s.cpuMsPerRequest)} CPU ms/req`,
          );
        }
      }
      rssByRound.push(peakRss());
    }
    const med = (op: string, t: string): Sample => {
      const xs = samples.get(`${op}|${t}`) ?? [];
      return {
        reqPerSec: median(xs.map((x) => x.reqPerSec)),
        p50: median(xs.map((x) => x.p50)),
        p99: median(xs.map((x) => x.p99)),
        cpuMsPerRequest: median(xs.map((x) => x.cpuMsPerRequest)),
        requests: xs.reduce((n, x) => n + x.requests, 0),
      };
    };
    const resultsOf = (target: string): OpResult[] =>
      ops.map((op) => {
        const g = { ...med(op.name, target), sql: sql[op.name]?.[target] ?? NaN };
        const b = { ...med(op.name, base.name), sql: sql[op.name]?.[base.name] ?? NaN };
        return {
          name: op.name,
          title: op.title,
          graphql: g,
          baseline: b,
          ratio: {
            reqPerSec: g.reqPerSec / b.reqPerSec,
            cpu: g.cpuMsPerRequest / b.cpuMsPerRequest,
            p99: g.p99 / b.p99,
          },
        };
      });
    const byTarget = Object.fromEntries(graphqls.map((g) => [g.name, resultsOf(g.name)]));
    const results = byTarget[graphqls[0]!.name] as OpResult[];
    const rss = peakRss();
    const date = new Date().toISOString();
    const meta = {
      date,
      database: db.label,
      size: o.size === "large" ? `large (scale ${o.scale})` : "demo",
      subscriptions: seeded.counts.subscriptions,
      counts: seeded.counts,
      seedSeconds: seeded.seconds.toFixed(1),
      connections: o.connections,
      seconds: o.seconds,
      rounds: o.rounds,
      node: process.version,
      cpus: (await import("node:os")).cpus().length,
      load: (await import("node:os"))
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" "),
      ruleBook: env.RULE_BOOK,
      // The server's HEAP_GROWING_PERCENT (server/src/common/heap-tuning.ts); 0 is V8's own heuristics.
      heapGrowingPercent: process.env.HEAP_GROWING_PERCENT || "50 (default)",
      ...(o.executors ? { executors: o.executors } : {}),
    };
    const md = o.executors
      ? [
          `### ${meta.database}, ${meta.size} (${meta.subscriptions} subscriptions) — ${meta.date}: GRAPHQL_EXECUTOR ${o.executors.join(" vs ")}`,
          "",
          executorComparison(
            graphqls.map((g) => g.name),
            byTarget,
          ),
          ...graphqls.map((g) =>
            markdown(meta, byTarget[g.name] as OpResult[], rss, rssByRound, `#### ${g.name}`, g.name),
          ),
        ].join("\n")
      : markdown(meta, results, rss, rssByRound);
    mkdirSync(o.out, { recursive: true });
    const file = join(
      o.out,
      `${date.slice(0, 10)}-${o.db}-${o.size}${o.size === "large" && o.scale !== 1 ? `-${o.scale}` : ""}${o.executors ? `-executors` : ""}`,
    );
    const json = {
      meta,
      peakRssMb: rss,
      peakRssMbByRound: rssByRound,
      results,
      ...(o.executors ? { byExecutor: byTarget } : {}),
    };
    writeFileSync(`${file}.json`, `${JSON.stringify(json, null, 2)}\n`);
    writeFileSync(`${file}.md`, md);
    console.log(md);
    console.error(`bench: wrote ${file}.json and .md`);
    ok = true;
  } finally {
    for (const c of children.reverse()) await c.stop();
    await db.drop();
    if (ok) for (const f of logFiles) rmSync(f, { force: true });
  }
}

main().catch((err: unknown) => {
  console.error("bench failed:", err instanceof Error ? err.message : err);
  if (logFiles.length) console.error(`server logs: ${logFiles.join(" ")}`);
  process.exit(1);
});
