import type { Browser, Page } from "@playwright/test";
import { DEMO, expect, test } from "./fixtures";

// First-load weight and time to first content (issue 11 item 7), measured the same way before and after a change:
// the built server, Debian's Chromium, a new browser context per run (cold HTTP cache), the median of 5 runs.
// Not a CI check (the figures depend on the machine's load): it runs only with MEASURE_LOAD=1 and prints them.
//   MEASURE_LOAD=1 npx playwright test -c client measure-load
// "First content" is the page's own data on screen: the dashboard's headline numbers; the customer page's name
// heading and its first subscription row. The JavaScript counted is what was fetched until then, as transferred
// (compressed) bytes. Caveat: App.tsx preloads every other screen 2 s after the app mounts; when the machine is so
// busy that the first content takes longer than that, those chunks are counted too (46 files instead of ~10).

const RUNS = 5;

test.skip(!process.env.MEASURE_LOAD, "set MEASURE_LOAD=1 to measure");
test.describe.configure({ mode: "serial" });

interface Sample {
  ms: number;
  jsBytes: number;
  jsFiles: number;
}

async function measure(
  browser: Browser,
  origin: string,
  path: string,
  ready: (page: Page) => Promise<void>,
): Promise<Sample> {
  const context = await browser.newContext({ baseURL: origin, viewport: { width: 1280, height: 900 } });
  try {
    const r = await context.request.post("/auth/demo-login", { data: { email: DEMO.provider } });
    expect(r.ok()).toBe(true);
    const page = await context.newPage();
    const scripts: Promise<number>[] = [];
    let done = false;
    page.on("requestfinished", (request) => {
      if (done || request.resourceType() !== "script") return;
      scripts.push(request.sizes().then((s) => s.responseBodySize));
    });
    await page.goto(path);
    await ready(page);
    // Time from the navigation's start to the first content, read in the page.
    const ms = await page.evaluate(() => performance.now());
    done = true;
    const sizes = await Promise.all(scripts);
    return { ms, jsBytes: sizes.reduce((a, b) => a + b, 0), jsFiles: sizes.length };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function report(name: string, samples: Sample[]) {
  const line =
    `${name}: first content ${Math.round(median(samples.map((s) => s.ms)))} ms (median of ${samples.length}: ` +
    `${samples.map((s) => Math.round(s.ms)).join(", ")}), ` +
    `JavaScript ${(median(samples.map((s) => s.jsBytes)) / 1024).toFixed(1)} KB compressed in ` +
    `${median(samples.map((s) => s.jsFiles))} files`;
  console.log(line);
  test.info().annotations.push({ type: "load", description: line });
}

test("first load of the dashboard and of a customer page", async ({ browser, server, graphqlAs }) => {
  test.setTimeout(600_000);
  const found = await graphqlAs<{ customers: { nodes: { id: string }[] } }>(
    DEMO.provider,
    `{ customers(first: 1, filter: { search: "Contoso Ltd." }) { nodes { id } } }`,
  );
  const customerId = found.customers.nodes[0]!.id;

  const dashboard: Sample[] = [];
  const customer: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    dashboard.push(
      await measure(browser, server.origin, "/", async (page) => {
        await page.locator('[data-stat="customers"] .value').waitFor();
      }),
    );
    customer.push(
      await measure(browser, server.origin, `/customers/${customerId}`, async (page) => {
        await page.getByRole("heading", { level: 1, name: /Contoso Ltd\./ }).waitFor();
        await page
          .getByRole("button", { name: /^(Actions|Details) — / })
          .first()
          .waitFor();
      }),
    );
  }
  report("dashboard", dashboard);
  report("customer page", customer);
});
