// PostgreSQL restart under load (issue 7, "Done when"). Run by .ci/pg-restart.sh against a built server on a fresh
// database: a bounded read/write load, a PostgreSQL restart in the middle, then the checks:
// - while the database is down, answers are clear (no stack or SQL text; 503 or a structured error code);
// - /healthz reports unavailable while it is down;
// - the same server process recovers (successful writes after the restart);
// - every write acknowledged as a success is in the database afterwards (0 lost).
// Usage: node test/ops/pg-restart-load.mjs <graphql url> <database url> <bearer token> <restart command>
import { exec } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";

const [url, databaseUrl, token, restartCommand] = process.argv.slice(2);
const DURATION_MS = Number(process.env.LOAD_SECONDS ?? 20) * 1000;
const RESTART_AT_MS = DURATION_MS * 0.35;
const WORKERS = 4;
const LEAKS = [
  /stack/i,
  /\bSELECT\b/i,
  /\bINSERT\b/i,
  /QueryFailedError/i,
  /ECONNREFUSED/,
  /\bat .+\.(ts|js):\d+/,
  /postgres/i,
];
const health = new URL("/healthz", url).toString();

const figures = { requests: 0, reads: 0, readsOk: 0, writes: 0, acknowledged: 0, failedWhileDown: 0, unclear: [] };
const acknowledged = [];
const errorCodes = new Map();
let healthUnavailable = 0;
let restarted = false;
let firstSuccessAfterRestart = null;
let restartDoneAt = null;

async function gql(query, variables) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, text: await res.text() };
}

function classifyFailure(status, text) {
  figures.failedWhileDown += restarted ? 1 : 0;
  let code = `HTTP ${status}`;
  try {
    const body = JSON.parse(text);
    code = body.errors?.[0]?.extensions?.code ?? code;
  } catch {
    // not JSON: unclear
  }
  errorCodes.set(code, (errorCodes.get(code) ?? 0) + 1);
  const leak = LEAKS.find((p) => p.test(text));
  const clear = !leak && (status === 503 || (code !== `HTTP ${status}` && code !== "INTERNAL_SERVER_ERROR"));
  if (!clear && figures.unclear.length < 5) figures.unclear.push({ status, text: text.slice(0, 300) });
  if (!clear) figures.unclearCount = (figures.unclearCount ?? 0) + 1;
}

const REGISTER = `mutation($input: RegisterExternalSubscriptionInput!) {
  registerExternalSubscription(input: $input) { subscription { id offerName } userErrors { code message } } }`;
const READ = `{ customers(first: 5) { totalCount nodes { id } } }`;

async function worker(n, customerId, stopAt) {
  for (let i = 0; Date.now() < stopAt; i++) {
    const write = i % 2 === 0;
    figures.requests++;
    try {
      if (write) {
        figures.writes++;
        const offerName = `load ${n}-${i}`;
        const { status, text } = await gql(REGISTER, {
          input: {
            customerId,
            offerName,
            offerKind: "LICENSE_BASED",
            channel: "EA",
            quantity: 1,
            purchaseDate: "2026-01-01",
            commitmentEndDate: "2027-01-01",
          },
        });
        const payload = status === 200 ? JSON.parse(text).data?.registerExternalSubscription : null;
        if (payload?.subscription && payload.userErrors.length === 0) {
          figures.acknowledged++;
          acknowledged.push(payload.subscription.id);
          if (restartDoneAt && !firstSuccessAfterRestart) firstSuccessAfterRestart = Date.now();
        } else classifyFailure(status, text);
      } else {
        figures.reads++;
        const { status, text } = await gql(READ);
        if (status === 200 && !JSON.parse(text).errors) figures.readsOk++;
        else classifyFailure(status, text);
      }
    } catch (error) {
      classifyFailure(0, String(error));
    }
  }
}

async function watchHealth(stopAt) {
  while (Date.now() < stopAt) {
    try {
      const res = await fetch(health, { signal: AbortSignal.timeout(2000) });
      if (res.status === 503) healthUnavailable++;
    } catch {
      // the server itself must stay up: counted by the workers
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

const customers = JSON.parse((await gql(READ)).text).data.customers.nodes;
if (!customers.length) throw new Error("the seeded database has no customers");
const started = Date.now();
const stopAt = started + DURATION_MS;
// Asynchronous, so that the load keeps going while PostgreSQL stops and starts.
const restart = new Promise((resolve) => setTimeout(resolve, RESTART_AT_MS)).then(async () => {
  restarted = true;
  const t0 = Date.now();
  await promisify(exec)(restartCommand);
  restartDoneAt = Date.now();
  return restartDoneAt - t0;
});
const [restartMs] = await Promise.all([
  restart,
  watchHealth(stopAt),
  ...Array.from({ length: WORKERS }, (_, n) => worker(n, customers[n % customers.length].id, stopAt)),
]);

const ids = acknowledged.map((g) => Buffer.from(g, "base64url").toString("utf8").split(":")[1]);
const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
const found = await client.query("SELECT count(*)::int AS n FROM customer_subscription WHERE id = ANY($1)", [ids]);
await client.end();
const lost = ids.length - found.rows[0].n;

const report = {
  seconds: (Date.now() - started) / 1000,
  restartMs,
  ...figures,
  errorCodes: Object.fromEntries(errorCodes),
  healthUnavailable,
  recoveredAfterMs: firstSuccessAfterRestart ? firstSuccessAfterRestart - restartDoneAt : null,
  lost,
};
console.log(JSON.stringify(report, null, 2));
const problems = [];
if (lost > 0) problems.push(`${lost} acknowledged writes are missing`);
if (report.unclearCount) problems.push(`${report.unclearCount} unclear answers while down`);
if (!firstSuccessAfterRestart) problems.push("no successful write after the restart: no recovery");
if (healthUnavailable === 0) problems.push("/healthz never reported unavailable");
if (figures.acknowledged === 0) problems.push("no write succeeded at all");
if (problems.length) {
  console.error(`pg-restart: FAILED: ${problems.join("; ")}`);
  process.exit(1);
}
console.log(
  `pg-restart: ok: ${figures.requests} requests, ${figures.acknowledged} acknowledged writes, 0 lost, ` +
    `${figures.failedWhileDown} refused while down, recovered ${report.recoveredAfterMs} ms after the restart`,
);
