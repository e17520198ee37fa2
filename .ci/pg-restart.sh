#!/usr/bin/env bash
# PostgreSQL restart under load: the built server on a fresh PostgreSQL database (seeded on first start), a
# bounded read/write load for LOAD_SECONDS (20), PostgreSQL restarted in the middle, then test/ops/pg-restart-load.mjs
# checks clear errors while down, /healthz, recovery without restarting the server, and 0 lost acknowledged writes.
# Needs a local cluster managed by pg_ctlcluster (Debian) and TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test).
set -euo pipefail
cd "$(dirname "$0")/.."
base=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}
name="cg_restart_$(date +%s)_$RANDOM"
db_url="${base%/*}/$name"
tmp=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
cluster="$(ls /etc/postgresql | head -1) main"
restart="pg_ctlcluster --skip-systemctl-redirect $cluster restart"
npm run build --silent -w server
node -e 'const pg=require("pg");const c=new pg.Client({connectionString:process.argv[1]});c.connect().then(()=>c.query(`CREATE DATABASE ${process.argv[2]}`)).then(()=>c.end())' "$base" "$name"
export DATABASE_URL="$db_url" PORT="$port" HOST=127.0.0.1 LOG_MIGRATIONS=0 RATE_LIMIT=0 COST_BUDGET=10000000 \
  COST_RESTORE_RATE=10000000 LOG_REQUESTS=0
node server/dist/src/main.js >"$tmp/server.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true
  node -e 'const pg=require("pg");const c=new pg.Client({connectionString:process.argv[1]});c.connect().then(()=>c.query(`DROP DATABASE IF EXISTS ${process.argv[2]} WITH (FORCE)`)).then(()=>c.end()).catch(()=>{})' "$base" "$name"
  rm -rf "$tmp"
}
trap cleanup EXIT
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$tmp/server.log"; echo "server exited"; exit 1; }
  sleep 0.5
done
token=$(node server/dist/src/cli/token.js admin@treyresearch.example 2>/dev/null)
node test/ops/pg-restart-load.mjs "http://127.0.0.1:$port/graphql" "$db_url" "$token" "$restart" || {
  grep -a '"internal error"' "$tmp/server.log" | head -3 | cut -c1-1500
  exit 1
}
# The same server process answered before and after the restart.
kill -0 "$pid" || { echo "the server died"; tail -20 "$tmp/server.log"; exit 1; }
