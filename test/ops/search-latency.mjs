// The global search's latency over HTTP (issue 11), one or more servers side by side: each query runs RUNS times
// per server, interleaved (A, B, A, B…, so that a busy moment of the machine falls on both), after one untimed
// warm-up each, as one signed-in user. Prints per query and server the median and range, and what was found (the
// same on every server, or the comparison means nothing: the run fails when the answers differ).
// A GraphQL error fails the run. Usage:
//   node test/ops/search-latency.mjs <email> <label>=<origin> [<label>=<origin> …] [-- query …]
// Tokens come from each server's demo sign-in (POST /auth/demo-login), or TOKEN for all. RUNS (default 7).
const args = process.argv.slice(2);
const dash = args.indexOf("--");
const [email, ...servers] = dash < 0 ? args : args.slice(0, dash);
const given = dash < 0 ? [] : args.slice(dash + 1);
if (!email || servers.length === 0 || servers.some((s) => !s.includes("="))) {
  console.error("usage: node test/ops/search-latency.mjs <email> <label>=<origin> [<label>=<origin> …] [-- query …]");
  process.exit(2);
}
const RUNS = Number(process.env.RUNS ?? 7);
// Large network (npm run seed:large), as a provider: a customer number, two words of many names, an offer name's
// part shared by many subscriptions, a rarer offer, one that matches nothing (the scan's worst case: nothing ends it
// early), an exact domain.
const queries = given.length ? given : ["01234", "juniper kestrel", "365", "power bi", "xyzzy", "c4711.large.example"];

async function token(origin) {
  if (process.env.TOKEN) return process.env.TOKEN;
  const r = await fetch(`${origin}/auth/demo-login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email }),
  });
  if (!r.ok) throw new Error(`demo-login at ${origin}: HTTP ${r.status}`);
  return (await r.json()).token;
}

const targets = [];
for (const s of servers) {
  const [label, origin] = [s.slice(0, s.indexOf("=")), s.slice(s.indexOf("=") + 1)];
  targets.push({ label, origin, bearer: await token(origin) });
}
const QUERY = `query($q: String!) { search(query: $q, first: 5) { customers { name } subscriptions { offerName } } }`;

async function once(target, q) {
  const started = performance.now();
  const r = await fetch(`${target.origin}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${target.bearer}` },
    body: JSON.stringify({ query: QUERY, variables: { q } }),
  });
  const body = await r.json();
  const ms = performance.now() - started;
  if (!r.ok || body.errors) throw new Error(`${target.label} ${q}: HTTP ${r.status} ${JSON.stringify(body.errors)}`);
  return { ms, found: body.data.search };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const q of queries) {
  const found = [];
  for (const t of targets) found.push((await once(t, q)).found);
  const differ = found.some((f) => JSON.stringify(f) !== JSON.stringify(found[0]));
  const times = targets.map(() => []);
  for (let i = 0; i < RUNS; i++) for (const [k, t] of targets.entries()) times[k].push((await once(t, q)).ms);
  const f = found[0];
  console.log(
    `${JSON.stringify(q)}: found ${f.customers.length} customers (${f.customers.map((x) => x.name).join("; ")}), ` +
      `${f.subscriptions.length} subscriptions (${[...new Set(f.subscriptions.map((x) => x.offerName))].join("; ")})`,
  );
  for (const [k, t] of targets.entries()) {
    const ms = times[k];
    console.log(
      `  ${t.label.padEnd(8)} median ${median(ms).toFixed(0).padStart(6)} ms  (min ${Math.min(...ms).toFixed(0)}, ` +
        `max ${Math.max(...ms).toFixed(0)}; ${RUNS} runs)`,
    );
  }
  if (differ) {
    console.error(
      `the servers answered ${JSON.stringify(q)} differently:\n${found.map((x) => JSON.stringify(x)).join("\n")}`,
    );
    process.exitCode = 1;
  }
}
