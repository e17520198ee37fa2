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
