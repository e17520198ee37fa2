// A legitimate client's throughput alone, then while two anonymous clients send 1 MB documents as fast as they can
// (issue 7: "a legitimate client keeps its throughput while two anonymous clients send such documents").
// Ratios within one run are what count on a shared machine; each phase is measured twice, interleaved.
//
// Usage: node test/ops/anonymous-flood.mjs <graphql url> <bearer token> [seconds per phase, default 8]
// Start the server with RATE_LIMIT_ANONYMOUS set high to measure the document guard alone (the per-address rate
// limit would otherwise turn the flood into quick 429s).
import http from "node:http";

const [url, token, secondsArg] = process.argv.slice(2);
if (!url || !token) {
  console.error("usage: node test/ops/anonymous-flood.mjs <graphql url> <bearer token> [seconds]");
  process.exit(2);
}
const seconds = Number(secondsArg ?? 8);
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
const LEGIT = JSON.stringify({
  query: "query Dashboard { viewer { partner { name } } customers(first: 25) { totalCount nodes { id name } } }",
});
const HUGE = Buffer.alloc(1024 * 1024, "a");
HUGE.write('{"query":"{ ');

function post(body, headers) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.request(
      { host: target.hostname, port: target.port, path: target.pathname, method: "POST", agent, headers },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6, body: chunks }),
        );
      },
    );
    req.on("error", () => resolve({ status: 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    req.end(body);
  });
}

/** One legitimate client, two requests in flight, for `seconds`: completed requests per second and errors. */
async function legit(seconds) {
  const until = Date.now() + seconds * 1000;
  let done = 0;
  let failed = 0;
  const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
  const loop = async () => {
    while (Date.now() < until) {
      const r = await post(LEGIT, headers);
      const text = Buffer.concat(r.body ?? []).toString();
      if (r.status === 200 && !text.includes('"errors"')) done++;
      else failed++;
    }
  };
  await Promise.all([loop(), loop()]);
  return { rps: done / seconds, failed };
}

/** Anonymous 1 MB documents until `stop()`: how many were sent and how long the server took to refuse them. */
function flood() {
  let running = true;
  const times = [];
  const statuses = new Map();
  const loop = async () => {
    while (running) {
      const r = await post(HUGE, { "content-type": "application/json", "content-length": String(HUGE.length) });
      times.push(r.ms);
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    }
  };
  const loops = [loop(), loop()];
  return async () => {
    running = false;
    await Promise.all(loops);
    times.sort((a, b) => a - b);
    return {
      sent: times.length,
      p50: times[Math.floor(times.length / 2)] ?? 0,
      statuses: Object.fromEntries(statuses),
    };
  };
}

const rounds = [];
for (let round = 0; round < 2; round++) {
  const alone = await legit(seconds);
  const stop = flood();
  const underFlood = await legit(seconds);
  const anonymous = await stop();
  rounds.push({ alone, underFlood, anonymous });
}
const rps = (key) => rounds.map((r) => r[key].rps);
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const ratio = mean(rps("underFlood")) / mean(rps("alone"));
console.log(
  JSON.stringify(
    {
      aloneRps: rps("alone").map((x) => +x.toFixed(1)),
      underFloodRps: rps("underFlood").map((x) => +x.toFixed(1)),
      ratio: +ratio.toFixed(2),
      legitFailed: rounds.reduce((n, r) => n + r.alone.failed + r.underFlood.failed, 0),
      anonymous: rounds.map((r) => ({ ...r.anonymous, p50: +r.anonymous.p50.toFixed(1) })),
    },
    null,
    2,
  ),
);
agent.destroy();
