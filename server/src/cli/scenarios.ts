// `npm run scenarios -- [--upstream partner-center] <file-or-folder>...`: runs conformance scenario files against
// the real server (UPSTREAM=partner-center in the environment does the same as the flag).
// Paths are relative to the current directory (the repo root under npm); default: test/scenarios.
import "reflect-metadata";
import { scenariosCommand } from "../scenarios/command";

async function main(): Promise<number> {
  const write = (line: string): void => void process.stdout.write(`${line}\n`);
  // The server and TypeORM log through console: silence them; the runner's lines go straight to stdout.
  const methods = ["log", "info", "warn", "error", "debug"] as const;
  const saved = methods.map((m) => console[m]);
  for (const m of methods) console[m] = () => undefined;
  try {
    return await scenariosCommand(process.argv.slice(2), write, undefined, process.env);
  } finally {
    methods.forEach((m, i) => (console[m] = saved[i] ?? console[m]));
  }
}

// Exit explicitly: a lingering keep-alive socket must not hold the process open (stdout writes are synchronous).
main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`scenarios: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
