import "reflect-metadata";
import { loadConfig } from "../config";
import { openDatabase } from "../app";
import { runUsersCommand } from "./users-command";

// npm run users -- add|list|deactivate …: manages users of the configured database (DATABASE_URL or SQLITE_PATH);
// the first global admin of a fresh production database comes from here. See cli/users-command.ts for the usage.
async function main(): Promise<void> {
  process.env.LOG_MIGRATIONS ??= "0";
  const ds = await openDatabase(loadConfig());
  try {
    process.exitCode = await runUsersCommand(ds, process.argv.slice(2), {
      out: (line) => console.log(line),
      err: (line) => console.error(line),
    });
  } finally {
    await ds.destroy();
  }
}

main().catch((err: unknown) => {
  console.error("users failed:", err instanceof Error ? err.message : err);
  process.exit(1);
});
