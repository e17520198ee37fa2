// Loads the demo network: `node server/dist/src/cli/seed.js [--reset]` (npm run seed), from the repo root.
// Uses the same configuration as the server (DATABASE_URL for PostgreSQL, else SQLITE_PATH).
import "reflect-metadata";
import { loadConfig } from "../config";
import { createDataSource } from "../data-source";
import { toIsoDate } from "../common/dates";
import { DEMO_USERS } from "../seed/demo-world";
import { deleteAllRows, isDatabaseEmpty, seedDemoData } from "../seed/seed";

const USAGE = "usage: node server/dist/src/cli/seed.js [--reset]";

async function main(args: string[]): Promise<number> {
  const unknown = args.filter((a) => a !== "--reset");
  if (unknown.length > 0) throw new Error(`unknown argument ${unknown.join(" ")} (${USAGE})`);
  const reset = args.includes("--reset");

  const config = loadConfig();
  const where = config.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `SQLite ${config.sqlitePath}`;
  const ds = createDataSource(config);
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: "all" });
    if (!(await isDatabaseEmpty(ds))) {
      if (!reset) {
        console.error(
          `seed: ${where} already holds data; nothing was changed. Run with --reset to delete every row and seed again.`,
        );
        return 1;
      }
      await deleteAllRows(ds);
      console.log(`Deleted every row of ${where}.`);
    }
    // The demo's dates are relative to today (UTC): purchases "3 days ago", terms ending "in 3 weeks".
    const asOf = toIsoDate(new Date());
    const started = performance.now();
    const counts = await seedDemoData(ds, asOf);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Seeded the demo network as of ${asOf} into ${where} in ${seconds} s:`);
    console.log(
      `  ${counts.partners} partners, ${counts.customers} customers, ${counts.subscriptions} subscriptions, ` +
        `${counts.transfers} transfers, ${counts.users} users`,
    );
    console.log("Demo users:");
    for (const u of Object.values(DEMO_USERS)) console.log(`  ${u.email.padEnd(34)} ${u.partner}: ${u.description}`);
    return 0;
  } finally {
    await ds.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    console.error(`seed failed: ${message.split("\n")[0]}`);
    process.exitCode = 1;
  },
);
