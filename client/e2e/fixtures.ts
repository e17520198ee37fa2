import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test as base, type BrowserContext, type Page } from "@playwright/test";
import { artifacts, root } from "./paths";

/** Demo users of the seeded network (server/src/seed/demo-world.ts). */
export const DEMO = {
  /** Trey Research Distribution: an indirect provider. */
  provider: "admin@treyresearch.example",
  /** Wingtip Toys IT: an indirect reseller of Trey Research. */
  reseller: "admin@wingtiptoys.example",
  /** First Up Consultants: a direct-bill partner. */
  direct: "admin@firstupconsultants.example",
} as const;

export interface RunningServer {
  origin: string;
  log(): string;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/**
 * A built server (`rootDir`/server/dist, this checkout's by default) started with `env` on 127.0.0.1:`port`, once it
 * answers /healthz (120 s at most). Its stdout and stderr are kept for the log; stop() ends it and removes
 * `workDir` (its database's folder). One helper for every spec that starts a server (fixtures, measure-load).
 */
export async function startBuiltServer(options: {
  env: Record<string, string | undefined>;
  port: number;
  workDir: string;
  rootDir?: string;
  /** Which server, in the errors ("the server", "the other build's server"). */
  label?: string;
}): Promise<RunningServer & { stop(): Promise<void> }> {
  const { env, port, workDir, rootDir = root, label = "the server" } = options;
  const child = spawn(process.execPath, [join(rootDir, "server", "dist", "src", "main.js")], {
    cwd: rootDir,
    env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr.on("data", (d: Buffer) => (log += d.toString()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(workDir, { recursive: true, force: true });
  };
  const origin = `http://127.0.0.1:${port}`;
  for (let started = Date.now(); ;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`${label} exited before answering:\n${log}`);
    }
    if (
      await fetch(`${origin}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() - started > 120_000) {
      await stop();
      throw new Error(`${label} did not answer /healthz within 120 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { origin, log: () => log, stop };
}

/**
 * The built server on a fresh copy of the seeded database (global-setup.ts); stopped by the returned function.
 * `env` adds settings (e.g. OIDC_ISSUER), `port` chooses its port (one the caller reserved with freePort()).
 */
export async function startServer(
  options: { env?: Record<string, string>; port?: number } = {},
): Promise<RunningServer & { stop(): Promise<void> }> {
  const seeded = process.env.E2E_SEEDED_DATABASE;
  if (!seeded) throw new Error("E2E_SEEDED_DATABASE is not set: run the tests through playwright.config.ts");
  const dir = mkdtempSync(join(tmpdir(), "channelgate-e2e-test-"));
  copyFileSync(seeded, join(dir, "e2e.sqlite"));
  return startBuiltServer({
    env: { ...process.env, SQLITE_PATH: join(dir, "e2e.sqlite"), LOG_MIGRATIONS: "0", ...options.env },
    port: options.port ?? (await freePort()),
    workDir: dir,
  });
}

/** A token for a seeded user through the demo sign-in API. */
async function demoToken(origin: string, email: string): Promise<string> {
  const r = await fetch(`${origin}/auth/demo-login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email }),
  });
  if (!r.ok) throw new Error(`demo-login ${email}: HTTP ${r.status}`);
  return ((await r.json()) as { token: string }).token;
}

/** A full-page screenshot kept as test/artifacts/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

type GraphQL = <T = Record<string, unknown>>(
  email: string,
  query: string,
  variables?: Record<string, unknown>,
) => Promise<T>;

interface Fixtures {
  /** This test's own server and database. */
  server: RunningServer;
  /** A new page (in its own browser context) already signed in as `email`: the demo sign-in set its session cookie. */
  signIn: (email: string) => Promise<Page>;
  asProvider: Page;
  asReseller: Page;
  asDirect: Page;
  /** GraphQL as a demo user, to set up or check state around a flow; throws on any GraphQL error. */
  graphqlAs: GraphQL;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
  server: async ({}, use, testInfo) => {
    const server = await startServer();
    try {
      await use(server);
    } finally {
      await server.stop();
      if (testInfo.status !== testInfo.expectedStatus)
        await testInfo.attach("server.log", { body: server.log(), contentType: "text/plain" });
    }
  },
  baseURL: async ({ server }, use) => use(server.origin),
  signIn: async ({ browser, server, viewport }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (email) => {
      const context = await browser.newContext({ viewport, baseURL: server.origin });
      contexts.push(context);
      // The context's request API shares the browser's cookies: the session cookie is there before the app loads.
      const r = await context.request.post("/auth/demo-login", { data: { email } });
      if (!r.ok()) throw new Error(`demo-login ${email}: HTTP ${r.status()}`);
      return context.newPage();
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
  asProvider: async ({ signIn }, use) => use(await signIn(DEMO.provider)),
  asReseller: async ({ signIn }, use) => use(await signIn(DEMO.reseller)),
  asDirect: async ({ signIn }, use) => use(await signIn(DEMO.direct)),
  graphqlAs: async ({ server }, use) => {
    await use(async (email, query, variables = {}) => {
      const r = await fetch(`${server.origin}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${await demoToken(server.origin, email)}`,
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await r.json()) as { data?: unknown; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data as never;
    });
  },
});

export { expect } from "@playwright/test";
