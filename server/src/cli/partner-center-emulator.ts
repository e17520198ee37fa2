// The Partner Center emulator: `npm run dev:partner-center [-- <scenario.json>]`, from the repo root.
// Serves the demo network as of today (or a scenario file's world) on EMULATOR_PORT (default 4010).
// Settings: EMULATOR_CLIENT_ID / EMULATOR_CLIENT_SECRET (the app registration it accepts; development defaults),
// EMULATOR_EVERY_429 / EMULATOR_EVERY_503 (inject a 429 or a 503 on every Nth API call), EMULATOR_RETRY_AFTER
// (seconds), EMULATOR_RATE_LIMIT (calls per tenant per minute).
import "reflect-metadata";
import { toIsoDate } from "../common/dates";
import { stateFromWorld } from "../partner-center/emulator/state";
import { startEmulator } from "../partner-center/emulator/server";
import { readScenarioFile } from "../scenarios/scenario-file";
import { buildDemoWorld } from "../seed/demo-world";

const num = (v: string | undefined, fallback: number) => (v && /^\d+(\.\d+)?$/.test(v) ? Number(v) : fallback);

async function main(args: string[]): Promise<void> {
  const file = args[0];
  const scenario = file ? readScenarioFile(file) : null;
  const asOf = scenario?.asOf ?? toIsoDate(new Date());
  const state = stateFromWorld(scenario ?? buildDemoWorld(asOf), asOf);
  const clientId = process.env.EMULATOR_CLIENT_ID || "channelgate-dev";
  const clientSecret = process.env.EMULATOR_CLIENT_SECRET || "channelgate-dev-secret";
  const port = num(process.env.EMULATOR_PORT, 4010);
  const emulator = await startEmulator(
    state,
    {
      clients: { [clientId]: clientSecret },
      every429: num(process.env.EMULATOR_EVERY_429, 0),
      every503: num(process.env.EMULATOR_EVERY_503, 0),
      retryAfterSeconds: num(process.env.EMULATOR_RETRY_AFTER, 1),
      rateLimitPerMinute: num(process.env.EMULATOR_RATE_LIMIT, 0),
    },
    { host: process.env.EMULATOR_HOST || "127.0.0.1", port },
  );
  const out = (l: string) => void process.stdout.write(`${l}\n`);
  out(`Partner Center emulator on ${emulator.url} (${file ?? `demo network as of ${asOf}`})`);
  out(`${state.partners.size} partner tenants; sign in as any of them. For example, to sync one:`);
  for (const p of [...state.partners.values()].slice(0, 3)) {
    out(`  ${p.name} (${p.types.join(", ")}):`);
    out(
      `    UPSTREAM=partner-center PARTNER_CENTER_API_URL=${emulator.url} PARTNER_CENTER_TOKEN_URL=${emulator.url}/'<tenant>'/oauth2/token \\`,
    );
    out(
      `    PARTNER_CENTER_TENANT_ID=${p.tenantId} PARTNER_CENTER_CLIENT_ID=${clientId} PARTNER_CENTER_CLIENT_SECRET=<secret> \\`,
    );
    out(`    PARTNER_CENTER_REFRESH_TOKEN=${emulator.refreshTokenFor(p.tenantId)} npm run sync`);
  }
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`partner-center emulator: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
