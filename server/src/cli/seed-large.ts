// The large network for benchmarks: `npm run seed:large [-- --scale 0.1] [--reset] [--as-of YYYY-MM-DD]`.
// Same configuration as the server (DATABASE_URL for PostgreSQL, else SQLITE_PATH); runs the migrations first.
import "reflect-metadata";
import { loadConfig } from "../config";
import { createDataSource } from "../data-source";
import { isIsoDate, toIsoDate } from "../common/dates";
import { deleteAllRows, isDatabaseEmpty } from "../seed/seed";
import { LARGE_USERS, seedLargeNetwork } from "../seed/large";

const USAGE = "usage: node server/dist/src/cli/seed-large.js [--scale 0.1] [--reset] [--as-of YYYY-MM-DD] [--seed N]";

function parseArgs(args: string[]) {
  const opts = { scale: 1, reset: false, asOf: toIsoDate(new Date()), seed: 20261202 };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${a} needs a value (${USAGE})`);
      return v;
    };
    if (a === "--reset") opts.reset = true;
    else if (a === "--scale") {
      opts.scale = Number(value());
      if (!(opts.scale > 0 && opts.scale <= 10)) throw new Error(`--scale must be a number in (0, 10] (${USAGE})`);
    } else if (a === "--as-of") {
      opts.asOf = value();
      if (!isIsoDate(opts.asOf)) throw new Error(`--as-of must be a date YYYY-MM-DD (${USAGE})`);
    } else if (a === "--seed") {
      opts.seed = Number(value());
      if (!Number.isInteger(opts.seed)) throw new Error(`--seed must be an integer (${USAGE})`);
    } else throw new Error(`unknown argument ${a} (${USAGE})`);
  }
  return opts;
}

/** A one-line progress bar on stderr (redrawn in place on a terminal, one line per table otherwise). */
function progressBar() {
  const tty = process.stderr.isTTY;
  let last = "";
  return (table: string, done: number, total: number) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    const line = `${table.padEnd(22)} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}`;
    if (tty) process.stderr.write(`\r${line}${done === total ? "\n" : ""}`);
    else if (done === total && line !== last) process.stderr.write(`${line}\n`);
    last = line;
  };
}

async function main(args: string[]): Promise<number> {
  const opts = parseArgs(args);
  const config = loadConfig();
  const where = config.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `SQLite ${config.sqlitePath}`;
  const ds = createDataSource(config);
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: "all" });
    if (!(await isDatabaseEmpty(ds))) {
      if (!opts.reset) {
        console.error(`seed:large: ${where} already holds data; nothing was changed. Run with --reset to replace it.`);
        return 1;
      }
      await deleteAllRows(ds);
    }
    const started = performance.now();
    const counts = await seedLargeNetwork(ds, { ...opts, progress: progressBar() });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Seeded the large network (scale ${opts.scale}, as of ${opts.asOf}) into ${where} in ${seconds} s:`);
    console.log(
      `  ${Object.entries(counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(", ")}`,
    );
    console.log(`Sign in as ${LARGE_USERS.provider} (provider) or ${LARGE_USERS.reseller} (reseller).`);
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
    console.error(`seed:large failed: ${(err instanceof Error ? err.message : String(err)).split("\n")[0]}`);
    process.exitCode = 1;
  },
);
