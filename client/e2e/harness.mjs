// End-to-end harness: the real built server (node server/dist) on a fresh, seeded SQLite file, driven by
// Debian's Chromium through playwright-core (no browser download). Screenshots go to test/artifacts/.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

export const root = resolve(import.meta.dirname, "..", "..");
export const artifacts = join(root, "test", "artifacts");

export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), "channelgate-e2e-"));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, [join(root, "server", "dist", "src", "main.js")], {
    cwd: root,
    env: {
      ...process.env,
      SQLITE_PATH: join(dir, "e2e.sqlite"),
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_MIGRATIONS: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
    try {
      if ((await fetch(`${origin}/healthz`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    origin,
    log: () => log,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A token for a seeded user through the demo sign-in API. */
export async function demoToken(origin, email) {
  const r = await fetch(`${origin}/auth/demo-login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email }),
  });
  if (!r.ok) throw new Error(`demo-login ${email}: ${r.status}`);
  return (await r.json()).token;
}

/** A browser context already signed in as `email` (token in localStorage before the app loads). */
export async function signedInPage(browser, origin, email, viewport = { width: 1280, height: 900 }) {
  const token = await demoToken(origin, email);
  const context = await browser.newContext({ viewport, baseURL: origin });
  await context.addInitScript((t) => localStorage.setItem("channelgate.token", t), token);
  const page = await context.newPage();
  return { context, page };
}

export async function screenshot(page, name) {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

/** GraphQL as a user, for setting up or checking state around a browser flow. */
export async function gql(origin, token, query, variables = {}) {
  const r = await fetch(`${origin}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await r.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}
