import { join } from "node:path";
import { defineConfig } from "@playwright/test";
import { artifacts } from "./e2e/paths";

// Browser tests: the built server (node server/dist, serving client/dist) on a fresh copy of a seeded SQLite
// database per test, driven by Debian's Chromium (no browser download). `npm run test:e2e` builds first;
// `npm run e2e` runs against the current build. Screenshots go to test/artifacts/, failures to
// test/artifacts/failures/ (a screenshot of every open page, the trace and the server log).

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  outputDir: join(artifacts, "failures"),
  // Each test has its own server and database, so tests run in any order; two workers for two cores.
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // A test includes starting its server; the machine may be shared.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    headless: true,
    viewport: { width: 1280, height: 900 },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
