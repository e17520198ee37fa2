import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { root } from "./paths";

// Builds nothing: checks the build is there, then seeds the demo network once into a template SQLite file.
// Every test starts its own server on a copy of it (fixtures.ts), so flows never see each other's writes.
export default async function globalSetup(): Promise<() => Promise<void>> {
  for (const built of [join("server", "dist", "src", "main.js"), join("client", "dist", "index.html")]) {
    if (!existsSync(join(root, built))) throw new Error(`${built} is missing: run \`npm run build\` first`);
  }
  const dir = mkdtempSync(join(tmpdir(), "channelgate-e2e-"));
  const template = join(dir, "seeded.sqlite");
  await promisify(execFile)(process.execPath, [join(root, "server", "dist", "src", "cli", "seed.js")], {
    cwd: root,
    env: { ...process.env, SQLITE_PATH: template, LOG_MIGRATIONS: "0" },
  });
  // Workers inherit the environment of the process that ran the global setup.
  process.env.E2E_SEEDED_DATABASE = template;
  return async () => rmSync(dir, { recursive: true, force: true });
}
