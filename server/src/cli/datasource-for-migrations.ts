// Used only by `typeorm migration:generate` when the schema changes (see README, "Changing the data model").
import { createDataSource } from "../data-source";

export default createDataSource({
  databaseUrl: process.env.DATABASE_URL ?? null,
  sqlitePath: process.env.SQLITE_PATH ?? "data/migration-scratch.sqlite",
});
