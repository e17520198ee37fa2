import "reflect-metadata";
import { loadConfig } from "./config";
import { openDatabase, startApp } from "./app";
import { isDatabaseEmpty, seedDemoData } from "./seed/seed";
import { toIsoDate } from "./common/dates";
import { logger } from "./common/log";
import { LifecycleScheduler } from "./modules/lifecycle/scheduler";
import { applyHeapTuning } from "./common/heap-tuning";

async function main(): Promise<void> {
  const config = loadConfig();
  applyHeapTuning(config.heapGrowingPercent);
  const dataSource = await openDatabase(config);
  if (config.seedOnEmptyDatabase && (await isDatabaseEmpty(dataSource))) {
    const counts = await seedDemoData(dataSource, toIsoDate(new Date()));
    logger.info({ seeded: counts }, "Seeded the demo network");
  }
  const app = await startApp(config, { dataSource });
  // The sandbox's clock: terms renew or expire and old transfer requests expire while the server runs.
  const scheduler = config.scheduler.enabled ? new LifecycleScheduler(dataSource, { ruleBook: config.ruleBook }) : null;
  scheduler?.start(config.scheduler.intervalSeconds * 1000);
  logger.info(
    {
      url: app.url,
      database: config.databaseUrl ? "PostgreSQL" : `SQLite ${config.sqlitePath}`,
      transferPolicy: config.transferPolicy,
      graphqlExecutor: config.graphqlExecutor,
    },
    `channelgate API on ${app.url}`,
  );
  const shutdown = async () => {
    await scheduler?.stop();
    await app.close();
    await dataSource.destroy();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((err: unknown) => {
  logger.fatal({ err: err instanceof Error ? err.message : err }, "channelgate failed to start");
  process.exit(1);
});
