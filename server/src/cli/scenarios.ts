// `npm run scenarios -- <file-or-folder>...`: runs conformance scenario files against the real server.
// Paths are relative to the current directory (the repo root under npm); default: test/scenarios.
import "reflect-metadata";
import { runScenarioFiles } from "../scenarios/runner";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const paths = args.length > 0 ? args : ["test/scenarios"];
  const write = (line: string): void => void process.stdout.write(`${line}\n`);

  // The server and TypeORM log through console: silence them; the runner's lines go straight to stdout.
  const methods = ["log", "info", "warn", "error", "debug"] as const;
  const saved = methods.map((m) => console[m]);
  for (const m of methods) console[m] = () => undefined;
  let summary;
  try {
    summary = await runScenarioFiles(paths, write);
  } finally {
    methods.forEach((m, i) => (console[m] = saved[i] ?? console[m]));
  }

  if (summary.malformed > 0) write(`${summary.malformed} malformed file(s)`);
  write(`${summary.passed} passed, ${summary.failed} failed`);
  return summary.failed > 0 || summary.malformed > 0 ? 1 : 0;
}

// Exit explicitly: a lingering keep-alive socket must not hold the process open (stdout writes are synchronous).
main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`scenarios: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
