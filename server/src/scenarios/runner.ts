import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { startApp, type RunningApp } from "../app";
import { signToken } from "../auth/token";
import { toGlobalId } from "../common/global-id";
import { loadConfig, type AppConfig } from "../config";
import { createDataSource } from "../data-source";
import { parseInstant } from "../common/instants";
import { RuleBook } from "../domain/enums";
import { readScenarioFile, ScenarioError, type Scenario, type ScenarioCheck } from "./scenario-file";
import { loadWorld, type LoadedWorld } from "./world";
import { loadWorldThroughPartnerCenter, type PartnerCenterLoad } from "./partner-center-world";

// Runs conformance scenario files (../shared/scenarios/README.md) against the real server: a fresh in-memory
// database per file, the world loaded into it, the server started with the file's policy, and every check asked
// through the GraphQL eligibility API over HTTP as the check's actor.

export interface RunSummary {
  passed: number;
  failed: number;
  malformed: number;
  /** With the partner-center upstream: the emulator's calls and the syncs run, over all files. */
  partnerCenter?: { emulatorCalls: number; syncs: number; retries: number };
}

/**
 * Where a world comes from: `sandbox` loads it straight into the database (loadWorld); `partner-center` serves
 * Partner Center's part of it from the emulator and syncs it in, then enters the rest through channelgate's API
 * (partner-center-world.ts).
 */
export type ScenarioUpstream = "sandbox" | "partner-center";

export interface RunOptions {
  /** A fresh, empty PostgreSQL database per file instead of in-memory SQLite. */
  provision?: ProvisionDatabase;
  upstream?: ScenarioUpstream;
}

const QUERY = `query Eligibility($input: EligibilityInput!) {
  eligibility(input: $input) { eligible blocking { code ruleId message } advisories { code ruleId message } }
}`;
/** Rule book V2 also answers until when, from when, and the refundable seats. */
const QUERY_V2 = `query Eligibility($input: EligibilityInput!) {
  eligibility(input: $input) {
    eligible blocking { code ruleId message } advisories { code ruleId message } ruleBook
    eligibleUntil becomesEligibleAt refundableQuantity refundableDetails { quantity allowedUntil }
  }
}`;

/** Checks in flight at once per file. */
const CONCURRENCY = 4;
const REQUEST_TIMEOUT_MS = 15_000;

interface Got {
  eligible: boolean;
  blocking: string[];
  advisories: string[];
  ruleBook?: string;
  eligibleUntil?: string | null;
  becomesEligibleAt?: string | null;
  refundableQuantity?: number | null;
  refundableDetails?: { quantity: number; allowedUntil: string }[] | null;
}

/** A file to run, or a path that yields none (reported as malformed, in argument order). */
type Entry = { file: string } | { path: string; problem: string };

/** The *.json files under a folder and its subfolders, by path (a folder's files before its subfolders'). */
function jsonFilesUnder(dir: string): string[] {
  const entries = readdirSync(dir).sort();
  const files = entries.filter((n) => n.endsWith(".json") && statSync(join(dir, n)).isFile()).map((n) => join(dir, n));
  const folders = entries.filter((n) => !n.startsWith(".") && statSync(join(dir, n)).isDirectory());
  return [...files, ...folders.flatMap((n) => jsonFilesUnder(join(dir, n)))];
}

/** Folders become their *.json files, recursively (sorted by name); files stay as given. */
function expand(paths: string[]): Entry[] {
  return paths.flatMap((p): Entry[] => {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      return [{ path: p, problem: "no such file or folder" }];
    }
    if (!isDir) return [{ file: p }];
    const files = jsonFilesUnder(p);
    if (files.length === 0) return [{ path: p, problem: "folder holds no *.json scenario files" }];
    return files.map((file) => ({ file }));
  });
}

/** Error texts can span lines (schema errors, SQL); the report keeps one line per finding. */
const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, " ").trim();

const codes = (xs: readonly string[]): string => `[${[...xs].sort().join(", ")}]`;

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

/** "ORDER by dist on customer fabrikam (LICENSE_BASED, reseller res)" */
function describeCheck(c: ScenarioCheck): string {
  const subject = c.subscription !== undefined ? `subscription ${c.subscription}` : `customer ${c.customer ?? "?"}`;
  const extras = [c.offerKind, c.reseller !== undefined ? `reseller ${c.reseller}` : undefined].filter(Boolean);
  return `${c.action} by ${c.actor} on ${subject}${extras.length ? ` (${extras.join(", ")})` : ""}`;
}

function diff(expected: readonly string[], got: readonly string[]): string {
  const missing = expected.filter((x) => !got.includes(x));
  const extra = got.filter((x) => !expected.includes(x));
  const parts = [
    missing.length ? `missing ${missing.join(", ")}` : "",
    extra.length ? `unexpected ${extra.join(", ")}` : "",
  ];
  return parts.filter(Boolean).join("; ");
}

/** Instants compare as instants (README: 15:00Z, 15:00:00Z and 16:00:00+01:00 are equal). */
const sameInstant = (a: string | null | undefined, b: string | null | undefined): boolean =>
  a === null || a === undefined || b === null || b === undefined
    ? (a ?? null) === (b ?? null)
    : parseInstant(a) !== null && parseInstant(a) === parseInstant(b);

const windowKey = (w: { quantity: number; allowedUntil: string }) => `${w.quantity}@${parseInstant(w.allowedUntil)}`;

/** The V2 fields a check states, compared; each difference names its field. */
function compareV2(c: ScenarioCheck, got: Got): string[] {
  const problems: string[] = [];
  for (const field of ["eligibleUntil", "becomesEligibleAt"] as const) {
    if (c[field] !== undefined && !sameInstant(c[field], got[field]))
      problems.push(`${field}: expected ${c[field] ?? "null"}, got ${got[field] ?? "null"}`);
  }
  if (c.refundableQuantity !== undefined && c.refundableQuantity !== got.refundableQuantity)
    problems.push(`refundableQuantity: expected ${c.refundableQuantity}, got ${got.refundableQuantity ?? "null"}`);
  if (c.refundableDetails !== undefined) {
    const show = (ws: readonly { quantity: number; allowedUntil: string }[] | null | undefined) =>
      ws ? `[${ws.map((w) => `${w.quantity} until ${w.allowedUntil}`).join(", ")}]` : "null";
    if (
      !sameSet(c.refundableDetails.map(windowKey), (got.refundableDetails ?? []).map(windowKey)) ||
      !got.refundableDetails
    )
      problems.push(`refundableDetails: expected ${show(c.refundableDetails)}, got ${show(got.refundableDetails)}`);
  }
  return problems;
}

/** Null when the answer matches the check, else what differs. */
function compare(c: ScenarioCheck, got: Got): string | null {
  const problems: string[] = [];
  if (got.eligible !== c.eligible) problems.push("eligible differs");
  if (!sameSet(c.blocking, got.blocking)) problems.push(`blocking: ${diff(c.blocking, got.blocking)}`);
  if (c.advisories !== undefined && !sameSet(c.advisories, got.advisories))
    problems.push(`advisories: ${diff(c.advisories, got.advisories)}`);
  problems.push(...compareV2(c, got));
  if (problems.length === 0) return null;
  const show = (e: boolean, b: readonly string[], a: readonly string[] | undefined): string =>
    `eligible=${e} blocking=${codes(b)}${a !== undefined && c.advisories !== undefined ? ` advisories=${codes(a)}` : ""}`;
  return `expected ${show(c.eligible, c.blocking, c.advisories)}, got ${show(got.eligible, got.blocking, got.advisories)} (${problems.join("; ")})`;
}

class KeyNotLoaded extends Error {}

function inputOf(c: ScenarioCheck, s: Scenario, world: LoadedWorld): Record<string, unknown> {
  const id = (map: Map<string, string>, key: string): string => {
    const value = map.get(key);
    if (value === undefined) throw new KeyNotLoaded(`key "${key}" was not loaded`);
    return value;
  };
  const input: Record<string, unknown> = { action: c.action, asOf: s.asOf };
  if (c.subscription !== undefined)
    input.subscriptionId = toGlobalId("CustomerSubscription", id(world.subscriptions, c.subscription));
  if (c.customer !== undefined) input.customerId = toGlobalId("Customer", id(world.customers, c.customer));
  if (c.offerKind !== undefined) input.offerKind = c.offerKind;
  if (c.reseller !== undefined) input.resellerId = toGlobalId("Partner", id(world.partners, c.reseller));
  if (c.quantity !== undefined) input.quantity = c.quantity;
  if (c.autoRenew !== undefined) input.autoRenew = c.autoRenew;
  if (c.change !== undefined) input.change = c.change;
  if (c.transfer !== undefined) input.transferId = toGlobalId("Transfer", id(world.transfers, c.transfer));
  return input;
}

/** Asks one check; resolves to the answer or to an error text (GraphQL errors, HTTP failures). */
async function ask(url: string, token: string, input: Record<string, unknown>, query: string): Promise<Got | string> {
  let body: unknown;
  let status: number;
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables: { input } }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    status = res.status;
    const text = await res.text();
    try {
      body = JSON.parse(text);
    } catch {
      return `HTTP ${status}, not JSON: ${text.slice(0, 200)}`;
    }
  } catch (e) {
    return `request failed: ${(e as Error).message}`;
  }
  const { data, errors } = (body ?? {}) as {
    data?: {
      eligibility?:
        | (Omit<Got, "blocking" | "advisories"> & { blocking: { code: string }[]; advisories: { code: string }[] })
        | null;
    };
    errors?: { message?: string; extensions?: { code?: string } }[];
  };
  if (Array.isArray(errors) && errors.length > 0) {
    const messages = errors.map((e) => `${e.message ?? "?"}${e.extensions?.code ? ` [${e.extensions.code}]` : ""}`);
    return `GraphQL error (HTTP ${status}): ${messages.join(" | ")}`;
  }
  const d = data?.eligibility;
  if (!d) return `HTTP ${status}: no eligibility in the response`;
  return { ...d, blocking: d.blocking.map((r) => r.code), advisories: d.advisories.map((r) => r.code) };
}

/** Runs `work` over items with at most `limit` in flight; results keep the items' order. */
async function mapLimited<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** The migrations log through console.log unless LOG_MIGRATIONS=0; keep the runner's output to its own lines. */
async function quietMigrations<T>(work: () => Promise<T>): Promise<T> {
  const previous = process.env.LOG_MIGRATIONS;
  process.env.LOG_MIGRATIONS = "0";
  try {
    return await work();
  } finally {
    if (previous === undefined) delete process.env.LOG_MIGRATIONS;
    else process.env.LOG_MIGRATIONS = previous;
  }
}

type FileResult =
  | { kind: "malformed" }
  | { kind: "ran"; passed: number; failed: number; partnerCenter?: NonNullable<RunSummary["partnerCenter"]> };

/** Supplies a fresh, empty PostgreSQL database per file instead of in-memory SQLite (the API suite on PostgreSQL). */
export type ProvisionDatabase = () => Promise<{ url: string; drop(): Promise<void> }>;

async function runFile(file: string, out: (line: string) => void, options: RunOptions): Promise<FileResult> {
  const { provision } = options;
  let scenario: Scenario;
  try {
    scenario = readScenarioFile(file);
  } catch (e) {
    out(e instanceof ScenarioError ? e.message : `${file}: ${(e as Error).message}`);
    return { kind: "malformed" };
  }

  const database = provision ? await provision() : null;
  const dataSource = createDataSource({ databaseUrl: database?.url ?? null, sqlitePath: ":memory:" });
  let app: RunningApp | null = null;
  let upstream: PartnerCenterLoad | null = null;
  try {
    let world: LoadedWorld;
    try {
      await quietMigrations(async () => {
        await dataSource.initialize();
        await dataSource.runMigrations();
      });
      const asOf = parseInstant(scenario.asOf) ?? Date.parse(`${scenario.asOf}T00:00:00Z`);
      const now = new Date(scenario.asOf.length === 10 ? asOf + 12 * 3_600_000 : asOf);
      if (options.upstream === "partner-center") {
        upstream = await loadWorldThroughPartnerCenter(dataSource, scenario, now);
        world = upstream.world;
      } else {
        world = await dataSource.transaction((em) => loadWorld(em, scenario, now));
      }
    } catch (e) {
      out(`${file}: the world cannot be loaded: ${(e as Error).message}`);
      return { kind: "malformed" };
    }

    const config: AppConfig = {
      ...loadConfig({}),
      port: 0,
      host: "127.0.0.1",
      transferPolicy: scenario.policy,
      // README: a file without ruleBook is V1, whatever the server's default.
      ruleBook: scenario.ruleBook === RuleBook.V2 ? RuleBook.V2 : RuleBook.V1,
      seedOnEmptyDatabase: false,
      demoLogin: false,
      logErrors: false,
    };
    const started = await startApp(config, { dataSource, quiet: true });
    app = started;

    if (upstream) {
      // What only channelgate records, through its own API, before any check is asked.
      const problems = await upstream.enterChannelgateFacts(started.url, (email) =>
        signToken(config.authSecret, email),
      );
      problems.forEach((p) => out(`${file}: ${p}`));
    }

    const tokens = new Map<string, string>();
    for (const actor of new Set(scenario.checks.map((c) => c.actor))) {
      const email = world.userEmails.get(actor);
      if (email === undefined) throw new Error(`no user for partner "${actor}"`);
      tokens.set(actor, await signToken(config.authSecret, email));
    }

    const failures = await mapLimited(scenario.checks, CONCURRENCY, async (c, i) => {
      const query = scenario.ruleBook === RuleBook.V2 ? QUERY_V2 : QUERY;
      let input: Record<string, unknown>;
      try {
        input = inputOf(c, scenario, world);
      } catch (e) {
        // With the partner-center upstream, a key whose entity never reached channelgate fails its check only.
        if (!(e instanceof KeyNotLoaded)) throw e;
        return `${file} checks[${i}] ${describeCheck(c)}: ${e.message}`;
      }
      const got = await ask(started.url, tokens.get(c.actor) ?? "", input, query);
      const problem =
        typeof got === "string"
          ? `expected eligible=${c.eligible} blocking=${codes(c.blocking)}, got ${got}`
          : compare(c, got);
      return problem === null ? null : `${file} checks[${i}] ${describeCheck(c)}: ${problem}`;
    });
    const lines = failures.filter((l): l is string => l !== null);
    lines.forEach((l) => out(l));
    const pc = upstream?.stats();
    return {
      kind: "ran",
      passed: scenario.checks.length - lines.length,
      failed: lines.length,
      ...(pc
        ? { partnerCenter: { emulatorCalls: pc.emulatorCalls, syncs: pc.syncs, retries: pc.client.retries } }
        : {}),
    };
  } catch (e) {
    // Not the file's fault (server failed to start, signing failed…): its checks are not verified.
    out(`${file}: run aborted: ${(e as Error).message} (${scenario.checks.length} check(s) counted as failed)`);
    return { kind: "ran", passed: 0, failed: scenario.checks.length };
  } finally {
    await app?.close().catch(() => undefined);
    await upstream?.close().catch(() => undefined);
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    await database?.drop().catch(() => undefined);
  }
}

/** Runs every scenario file found under `paths` (relative to the current directory); never throws for a bad file. */
export async function runScenarioFiles(
  paths: string[],
  out: (line: string) => void,
  options: RunOptions | ProvisionDatabase = {},
): Promise<RunSummary> {
  const opts: RunOptions = typeof options === "function" ? { provision: options } : options;
  const summary: RunSummary = { passed: 0, failed: 0, malformed: 0 };
  if (opts.upstream === "partner-center") summary.partnerCenter = { emulatorCalls: 0, syncs: 0, retries: 0 };
  const emit = (line: string): void => out(oneLine(line));
  for (const entry of expand(paths)) {
    if ("problem" in entry) {
      emit(`${entry.path}: ${entry.problem}`);
      summary.malformed++;
      continue;
    }
    const result = await runFile(entry.file, emit, opts);
    if (result.kind === "malformed") summary.malformed++;
    else {
      summary.passed += result.passed;
      summary.failed += result.failed;
      if (summary.partnerCenter && result.partnerCenter) {
        summary.partnerCenter.emulatorCalls += result.partnerCenter.emulatorCalls;
        summary.partnerCenter.syncs += result.partnerCenter.syncs;
        summary.partnerCenter.retries += result.partnerCenter.retries;
      }
    }
  }
  return summary;
}
