import { runScenarioFiles, type ProvisionDatabase, type ScenarioUpstream } from "./runner";

/** Where `npm run scenarios` looks when given no path (relative to the current directory, the repo root under npm). */
export const DEFAULT_SCENARIO_PATHS = ["test/scenarios"];

const UPSTREAMS: readonly ScenarioUpstream[] = ["sandbox", "partner-center"];

/** `--upstream <kind>` (or `--upstream=<kind>`) out of the arguments; UPSTREAM from the environment otherwise. */
export function upstreamOf(
  args: string[],
  env: Record<string, string | undefined>,
): { upstream: ScenarioUpstream; paths: string[] } | { problem: string } {
  const paths: string[] = [];
  let chosen: string | undefined = env.UPSTREAM || undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--upstream") {
      chosen = args[++i];
      if (chosen === undefined) return { problem: "--upstream needs a value: sandbox or partner-center" };
    } else if (arg.startsWith("--upstream=")) chosen = arg.slice("--upstream=".length);
    else paths.push(arg);
  }
  const upstream = (chosen ?? "sandbox") as ScenarioUpstream;
  if (!UPSTREAMS.includes(upstream))
    return { problem: `upstream must be sandbox or partner-center, got "${chosen ?? ""}"` };
  return { upstream, paths };
}

/**
 * `npm run scenarios -- [--upstream sandbox|partner-center] <file-or-folder>...` minus the process: runs the files,
 * writes one line per failing check or malformed file, then the summary `N passed, M failed`; resolves to the exit
 * code (1 when anything failed, 2 for a bad --upstream). With partner-center, a line before the summary counts the
 * syncs and the emulator's calls.
 */
export async function scenariosCommand(
  args: string[],
  write: (line: string) => void,
  provision?: ProvisionDatabase,
  env: Record<string, string | undefined> = {},
): Promise<number> {
  const parsed = upstreamOf(args, env);
  if ("problem" in parsed) {
    write(parsed.problem);
    return 2;
  }
  const { upstream, paths } = parsed;
  const summary = await runScenarioFiles(paths.length > 0 ? paths : DEFAULT_SCENARIO_PATHS, write, {
    ...(provision ? { provision } : {}),
    upstream,
  });
  if (summary.malformed > 0) write(`${summary.malformed} malformed file(s)`);
  if (summary.partnerCenter) {
    const pc = summary.partnerCenter;
    write(`partner-center: ${pc.syncs} syncs, ${pc.emulatorCalls} emulator calls, ${pc.retries} retries`);
  }
  write(`${summary.passed} passed, ${summary.failed} failed`);
  return summary.failed > 0 || summary.malformed > 0 ? 1 : 0;
}
