import { runScenarioFiles, type ProvisionDatabase } from "./runner";

/** Where `npm run scenarios` looks when given no path (relative to the current directory, the repo root under npm). */
export const DEFAULT_SCENARIO_PATHS = ["test/scenarios"];

/**
 * `npm run scenarios -- <file-or-folder>...` minus the process: runs the files, writes one line per failing check
 * or malformed file, then the summary `N passed, M failed`; resolves to the exit code (1 when anything failed).
 */
export async function scenariosCommand(
  args: string[],
  write: (line: string) => void,
  provision?: ProvisionDatabase,
): Promise<number> {
  const summary = await runScenarioFiles(args.length > 0 ? args : DEFAULT_SCENARIO_PATHS, write, provision);
  if (summary.malformed > 0) write(`${summary.malformed} malformed file(s)`);
  write(`${summary.passed} passed, ${summary.failed} failed`);
  return summary.failed > 0 || summary.malformed > 0 ? 1 : 0;
}
