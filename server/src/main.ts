import "reflect-metadata";
import { loadConfig } from "./config";
import { openDatabase, startApp } from "./app";
import { isDatabaseEmpty, seedDemoData } from "./seed/seed";
import { toIsoDate } from "./common/dates";

async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = await openDatabase(config);
  if (config.seedOnEmptyDatabase && (await isDatabaseEmpty(dataSource))) {
    const counts = await seedDemoData(dataSource, toIsoDate(new Date()));
    console.log(`Seeded the demo network: ${JSON.stringify(counts)}`);
  }
  const app = await startApp(config, { dataSource });
  console.log(
    `channelgate API on ${app.url} (${config.databaseUrl ? "PostgreSQL" : `SQLite ${config.sqlitePath}`}, transfer policy ${config.transferPolicy})`,
  );
  const shutdown = async () => {
    await app.close();
    await dataSource.destroy();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((err: unknown) => {
  console.error("channelgate failed to start:", err instanceof Error ? err.message : err);
  process.exit(1);
});
