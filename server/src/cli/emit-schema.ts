import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { createSchema, printSortedSchema } from "../schema";

// Writes the contract: schema/schema.graphql at the repository root (npm runs scripts from there).
async function main(): Promise<void> {
  const target = resolve(process.cwd(), "schema", "schema.graphql");
  writeFileSync(target, printSortedSchema(await createSchema()));
  console.log(`wrote ${target}`);
}

main().catch((err: unknown) => {
  console.error("schema emit failed:", err instanceof Error ? err.message : err);
  process.exit(1);
});
