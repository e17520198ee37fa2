// Full sync from Partner Center: `npm run sync [-- --resume <customer id>] [--concurrency <n>]`, from the repo root.
// Needs UPSTREAM=partner-center and the PARTNER_CENTER_* settings (README); the database is the server's
// (DATABASE_URL or SQLITE_PATH). Progress goes to stderr; the last line on stdout is
// `synced: <C> customers, <S> subscriptions, <R> resellers, <T> transfers (<N> changed)`.
import "reflect-metadata";
import { loadConfig } from "../config";
import { createDataSource } from "../data-source";
import { SyncFailure, type SyncReport } from "../partner-center/sync";
import { createUpstream } from "../upstream/upstream";

const USAGE = "usage: npm run sync -- [--resume <customer id>] [--concurrency <1-16>]";

export function summaryLine(r: SyncReport): string {
  return `synced: ${r.customers} customers, ${r.subscriptions} subscriptions, ${r.resellers} resellers, ${r.transfers} transfers (${r.changed} changed)`;
}

function parseArgs(args: string[]): { resume: string | null; concurrency: number } {
  let resume: string | null = null;
  let concurrency = 4;
  for (let i = 0; i < args.length; i++) {
    const value = args[i + 1];
    if (args[i] === "--resume" && value) {
      resume = value.toLowerCase();
      i++;
    } else if (args[i] === "--concurrency" && value && /^\d+$/.test(value) && +value >= 1 && +value <= 16) {
      concurrency = Number(value);
      i++;
    } else {
      throw new Error(`unexpected argument ${args[i]} (${USAGE})`);
    }
  }
  return { resume, concurrency };
}

async function main(args: string[]): Promise<number> {
  const { resume, concurrency } = parseArgs(args);
  const config = loadConfig();
  if (config.upstream !== "partner-center") {
    console.error(
      "sync: UPSTREAM is sandbox (the database is the truth); set UPSTREAM=partner-center and PARTNER_CENTER_*",
    );
    return 2;
  }
  const err = (line: string) => void process.stderr.write(`${line}\n`);
  const upstream = createUpstream(config, { concurrency, log: (l) => err(`  ${l}`) });
  process.env.LOG_MIGRATIONS ??= "0";
  const ds = createDataSource(config);
  await ds.initialize();
  const started = performance.now();
  try {
    await ds.runMigrations({ transaction: "all" });
    const report = await upstream.fullSync(ds, { resumeFrom: resume, progress: err });
    if (!report) return 2;
    for (const s of report.skipped.slice(0, 20)) err(`skipped: ${s}`);
    if (report.skipped.length > 20) err(`skipped: … ${report.skipped.length - 20} more`);
    const stats = upstream.callStats();
    err(
      `done in ${((performance.now() - started) / 1000).toFixed(1)} s` +
        (stats
          ? `: ${stats.calls} calls, ${stats.retries} retries (${stats.throttled} throttled), ${stats.tokenRequests} token requests`
          : ""),
    );
    process.stdout.write(`${summaryLine(report)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof SyncFailure) {
      err(`sync failed at ${e.message}`);
      err(`kept: ${summaryLine(e.report)}`);
      if (e.resumeFrom) err(`resume with: npm run sync -- --resume ${e.resumeFrom}`);
      return 1;
    }
    throw e;
  } finally {
    await ds.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`sync failed: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}\n`);
    process.exit(1);
  },
);
