#!/usr/bin/env bash
# Starts the built server (node server/dist) on a fresh SQLite file, seeds it on first start, signs a token
# with the CLI and asks a few real queries; fails on any GraphQL error. Uses the current build (npm run build).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f server/dist/src/main.js ] || { echo "server/dist is missing: run npm run build first"; exit 1; }
tmp=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
export SQLITE_PATH="$tmp/smoke.sqlite" PORT="$port" HOST=127.0.0.1 LOG_MIGRATIONS=0
node server/dist/src/main.js >"$tmp/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { cat "$tmp/server.log"; echo "server exited"; exit 1; }
  sleep 0.5
done
curl -fs "http://127.0.0.1:$port/healthz"
echo
token=$(node server/dist/src/cli/token.js admin@treyresearch.example 2>/dev/null)
query='{"query":"{ viewer { partner { name } } customers(first: 5) { totalCount nodes { name } } networkSummary { customerCount subscriptionCount } subscriptions(first: 5) { nodes { offerName eligibility(action: TRANSFER) { eligible } } } }"}'
body=$(curl -fs -H "content-type: application/json" -H "authorization: Bearer $token" --data "$query" "http://127.0.0.1:$port/graphql")
echo "$body" | head -c 600
echo
node -e '
const b = JSON.parse(process.argv[1]);
if (b.errors) { console.error("GraphQL errors:", JSON.stringify(b.errors)); process.exit(1); }
if (!(b.data.customers.totalCount > 0) || !(b.data.networkSummary.subscriptionCount > 0)) { console.error("no seeded data"); process.exit(1); }
console.log("built server smoke test: ok");
' "$body"

# The SPA's assets go compressed to a browser that accepts it, and source maps are never served.
if [ -f client/dist/index.html ]; then
  asset=$(ls client/dist/assets/*.js | head -n1 | xargs -n1 basename)
  encoding=$(curl -fs -o /dev/null -D - -H "accept-encoding: br, gzip" "http://127.0.0.1:$port/assets/$asset" | tr -d '\r' | awk -F': ' 'tolower($1)=="content-encoding"{print $2}')
  [ -n "$encoding" ] || { echo "assets are served uncompressed"; exit 1; }
  map_status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/assets/$asset.map")
  [ "$map_status" = 404 ] || { echo "a source map is served ($map_status)"; exit 1; }
  big='{"query":"{ customers(first: 100) { nodes { name domain country } } }"}'
  json_encoding=$(curl -fs -o /dev/null -D - -H "accept-encoding: gzip" -H "content-type: application/json" -H "authorization: Bearer $token" --data "$big" "http://127.0.0.1:$port/graphql" | tr -d '\r' | awk -F': ' 'tolower($1)=="content-encoding"{print $2}')
  [ "$json_encoding" = gzip ] || { echo "GraphQL JSON is served uncompressed"; exit 1; }
  echo "assets: $encoding, GraphQL JSON: $json_encoding, source maps: not served"
fi

# The sandbox (SQLite, no REDIS_URL) keeps what it never uses out of its heap (issue 10's memory target): no pg,
# no ioredis, and date-fns one function at a time, not its index (the three were about 7 MB of heap).
node -e '
process.env.PORT = "0";
require("./server/dist/src/main.js");
setTimeout(() => {
  const unwanted = Object.keys(require.cache).filter((f) =>
    /node_modules\/(pg\/lib\/index\.js|ioredis\/built\/index\.js|date-fns\/index\.c?js)$/.test(f),
  );
  if (unwanted.length) { console.error("the sandbox loaded", unwanted); process.exit(1); }
  console.log("sandbox modules: no pg, no ioredis, no date-fns index");
  process.exit(0);
}, 3000);
' >"$tmp/modules.log" 2>&1 || { cat "$tmp/modules.log"; exit 1; }
tail -n1 "$tmp/modules.log"
