import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import { SCREENS, WIZARD_STEPS, type Screen, type ScreenIds } from "./a11y-screens";
import { DEMO, expect, startServer, test as base, type RunningServer } from "./fixtures";
import { root } from "./paths";

// Accessibility (issue 11): axe-core on every screen of a11y-screens.ts, with its panels and forms opened, as each
// demo role, in English and in Portuguese. A critical or serious violation fails the test, with its rule id and
// the elements it was found on; the others are listed in the test's annotations. The screens only read (a form
// submitted empty changes nothing), so each worker shares one server and each role one signed-in context.

const LANGUAGES = ["en", "pt-PT"] as const;
type Language = (typeof LANGUAGES)[number];

/** The demo roles: three partner types' global admins, a provider's helpdesk agent, a reseller's sales agent. */
const ROLES: { name: string; email: (users: DemoUser[]) => string }[] = [
  { name: "provider global admin", email: () => DEMO.provider },
  { name: "reseller global admin", email: () => DEMO.reseller },
  { name: "direct-bill global admin", email: () => DEMO.direct },
  { name: "provider helpdesk agent", email: (users) => userOf(users, "HELPDESK_AGENT", DEMO.provider) },
  { name: "reseller sales agent", email: (users) => userOf(users, "SALES_AGENT", DEMO.reseller) },
];

interface DemoUser {
  email: string;
  role: string;
}

/** A seeded user with this role at the partner of `admin` (same e-mail domain). */
function userOf(users: DemoUser[], role: string, admin: string): string {
  const domain = admin.split("@")[1];
  const user = users.find((u) => u.role === role && u.email.endsWith(`@${domain}`));
  if (!user) throw new Error(`no ${role} at ${domain}`);
  return user.email;
}

const test = base.extend<object, { shared: RunningServer }>({
  // The tests' own contexts use the shared server: no server of its own per test (fixtures.ts's `server`).
  baseURL: async ({ shared }, use) => use(shared.origin),
  // Read-only visits: one server per worker instead of one per test.
  shared: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const server = await startServer();
      try {
        await use(server);
      } finally {
        await server.stop();
      }
    },
    { scope: "worker" },
  ],
});

interface Found {
  screen: string;
  impact: string;
  rule: string;
  targets: string[];
  help: string;
}

/** Waits for the screen to settle: its main heading on screen, nothing loading. */
async function settled(page: Page): Promise<void> {
  await expect(page.locator("h1").first()).toBeVisible();
  await expect(page.locator(".state-loading, [aria-busy='true']")).toHaveCount(0);
}

/** The rule tags checked: WCAG 2.0–2.2 A and AA, and axe's best practices. */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/** axe-core's browser build, injected into a page once (the screens change in place, so it stays). */
const AXE_SOURCE = readFileSync(join(root, "node_modules", "axe-core", "axe.min.js"), "utf8");

/**
 * Runs axe on the page, or only on `main` for a panel opened on a screen already checked whole. axe-core is put
 * into the page once, as a script evaluated by the browser (the app's Content-Security-Policy does not apply to
 * it), and run in the page. @axe-core/playwright injected the 650 KB source on every check and, by default, into a
 * blank page of its own as well: measured on the provider global admin's 36 page states, 1.2–4.3 s per check,
 * against 0.1–0.6 s for the same run (the same violations) in the page that already has it.
 */
async function check(page: Page, screen: string, found: Found[], only?: string): Promise<void> {
  await settled(page);
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    ([tags, include]) =>
      (window as unknown as { axe: typeof import("axe-core") }).axe.run(include ? { include: [include] } : document, {
        runOnly: { type: "tag", values: tags },
        resultTypes: ["violations"],
      }),
    [AXE_TAGS, only ?? null] as const,
  );
  for (const v of results.violations) {
    // Printed as found too, so a run cut short still tells what it saw.
    if (v.impact === "critical" || v.impact === "serious")
      console.log(`axe ${v.impact} ${v.id} on ${screen}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
    found.push({
      screen,
      impact: v.impact ?? "unknown",
      rule: v.id,
      targets: v.nodes.map((n) => n.target.join(" ")),
      help: v.help,
    });
  }
}

/**
 * Goes to `url` inside the app (as a link would: the router follows history), instead of loading the whole app
 * again for every screen; the first screen of a context is loaded. The screen shown before is marked, so the wait
 * is for the next one to be mounted.
 */
async function go(page: Page, url: string): Promise<void> {
  if (page.url() === "about:blank") {
    await page.goto(url);
    return;
  }
  await page.evaluate(() => document.querySelector("main > *")?.setAttribute("data-a11y-seen", ""));
  await page.evaluate((to) => {
    history.pushState(null, "", to);
    dispatchEvent(new PopStateEvent("popstate"));
  }, url);
  // The same screen for another id (a customer, then a missing one) keeps its element: then nothing new mounts,
  // and settled() waits for its data instead.
  await page
    .locator("main > :not([data-a11y-seen])")
    .first()
    .waitFor({ timeout: 5_000 })
    .catch(() => undefined);
}

async function visit(page: Page, screen: Screen, ids: ScreenIds, label: string, found: Found[]): Promise<number> {
  const url = screen.url(ids);
  if (url === null) return 0;
  await go(page, url);
  await check(page, `${label} ${screen.name} (${url})`, found);
  let states = 1;
  for (const [i, step] of (screen.open ?? []).entries()) {
    if (await step(page)) {
      await check(page, `${label} ${screen.name}, step ${i + 1}`, found, "main");
      states++;
    }
  }
  return states;
}

function verdict(found: Found[], states: number): void {
  const blocking = found.filter((f) => f.impact === "critical" || f.impact === "serious");
  for (const f of found.filter((f) => !blocking.includes(f)))
    test.info().annotations.push({ type: `axe ${f.impact}`, description: `${f.rule} on ${f.screen}` });
  test.info().annotations.push({ type: "axe", description: `${states} page states checked` });
  const report = blocking
    .map((f) => `${f.impact} ${f.rule} (${f.help}) on ${f.screen}:\n    ${f.targets.slice(0, 5).join("\n    ")}`)
    .join("\n");
  // The list itself, short: rule ids and targets, not a diff of objects.
  expect(blocking.length, `critical or serious axe violations:\n${report}`).toBe(0);
}

async function newContext(
  browser: import("@playwright/test").Browser,
  origin: string,
  language: Language,
): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: origin, viewport: { width: 1280, height: 900 } });
  // The app's saved language choice (lib/i18n.tsx), set before any page script runs.
  await context.addInitScript((locale) => localStorage.setItem("channelgate.locale", locale), language);
  return context;
}

async function idsFor(context: BrowserContext, origin: string, email: string): Promise<ScreenIds> {
  const login = await context.request.post(`${origin}/auth/demo-login`, { data: { email } });
  expect(login.ok()).toBe(true);
  const { token } = (await login.json()) as { token: string };
  const r = await context.request.post(`${origin}/graphql`, {
    headers: { authorization: `Bearer ${token}` },
    data: {
      query: `{
        customers(first: 1) { nodes { id } }
        subscriptions(first: 1) { nodes { id } }
        pending: transfers(first: 1, filter: { status: [PENDING] }) { nodes { id } }
        any: transfers(first: 1) { nodes { id } }
      }`,
    },
  });
  type Nodes = { nodes: { id: string }[] } | null;
  const body = (await r.json()) as {
    data?: {
      customers: Nodes;
      subscriptions: Nodes;
      pending: Nodes;
      any: Nodes;
    };
  };
  // Asked on its own: a partner that is no provider is refused resellers, which must not void the ids above.
  const resellers = await context.request.post(`${origin}/graphql`, {
    headers: { authorization: `Bearer ${token}` },
    data: { query: `{ resellers(first: 1, filter: { status: [ACTIVE] }) { nodes { reseller { id } } } }` },
  });
  const resellerBody = (await resellers.json()) as {
    data?: { resellers: { nodes: { reseller: { id: string } }[] } | null } | null;
  };
  const first = (c: Nodes | undefined) => c?.nodes[0]?.id ?? null;
  return {
    customerId: first(body.data?.customers),
    subscriptionId: first(body.data?.subscriptions),
    transferId: first(body.data?.pending) ?? first(body.data?.any),
    resellerId: resellerBody.data?.resellers?.nodes[0]?.reseller.id ?? null,
  };
}

test.describe.configure({ mode: "parallel" });

test("every route of the router has a screen to check", () => {
  const app = readFileSync(join(root, "client", "src", "app", "App.tsx"), "utf8");
  const routes = [...app.matchAll(/<Route\s+(index|path="([^"]*)")/g)].map((m) => (m[1] === "index" ? "" : m[2]!));
  expect(routes.length).toBeGreaterThan(10);
  const covered = new Set(SCREENS.map((s) => s.route));
  expect(
    routes.filter((r) => !covered.has(r)),
    "routes of App.tsx without a screen in a11y-screens.ts",
  ).toEqual([]);
});

for (const language of LANGUAGES) {
  test(`signed out, in ${language}: no critical or serious axe violation`, async ({ browser, shared }) => {
    const context = await newContext(browser, shared.origin, language);
    const found: Found[] = [];
    let states = 0;
    try {
      const page = await context.newPage();
      const none: ScreenIds = { customerId: null, subscriptionId: null, transferId: null, resellerId: null };
      for (const screen of SCREENS.filter((s) => s.public)) states += await visit(page, screen, none, language, found);
    } finally {
      await context.close();
    }
    verdict(found, states);
  });

  for (const role of ROLES) {
    test(`${role.name}, in ${language}: no critical or serious axe violation`, async ({ browser, shared }) => {
      // About 25 page states; axe takes seconds a state when the machine is busy.
      test.setTimeout(480_000);
      const users = (
        (await (await fetch(`${shared.origin}/auth/demo-users`)).json()) as {
          users: DemoUser[];
        }
      ).users;
      const context = await newContext(browser, shared.origin, language);
      const found: Found[] = [];
      let states = 0;
      try {
        const ids = await idsFor(context, shared.origin, role.email(users));
        const page = await context.newPage();
        for (const screen of SCREENS.filter((s) => !s.public))
          states += await visit(page, screen, ids, `${role.name} ${language}`, found);
      } finally {
        await context.close();
      }
      verdict(found, states);
    });
  }
}

// The transfer wizard step by step, at the desktop and the phone width: two roles (its two paths: a provider names a
// reseller, a direct-bill partner does not), one language each, to keep the spec's time in check. The screens loop
// above checks its first step for every role and language.
// The direct-bill partner takes over Rosewood Fitness's eligible license (as in transfers.spec.ts), so its path
// reaches the review; the provider's first customer shows its reseller step and its subscriptions' reasons.
const WIZARD_ROLES: { role: string; email: string; language: Language; customer?: string; steps: number }[] = [
  { role: "provider global admin", email: DEMO.provider, language: "en", steps: 3 },
  { role: "direct-bill global admin", email: DEMO.direct, language: "pt-PT", customer: "Rosewood", steps: 3 },
];
for (const { role, email, language, customer, steps } of WIZARD_ROLES) {
  test(`transfer wizard, every step at 1280 and 390 px, ${role} in ${language}: no critical or serious axe violation`, async ({
    browser,
    shared,
  }) => {
    test.setTimeout(300_000);
    const context = await newContext(browser, shared.origin, language);
    const found: Found[] = [];
    let states = 0;
    try {
      const login = await context.request.post(`${shared.origin}/auth/demo-login`, { data: { email } });
      expect(login.ok()).toBe(true);
      const page = await context.newPage();
      for (const width of [1280, 390]) {
        await page.setViewportSize(width === 390 ? { width: 390, height: 844 } : { width: 1280, height: 900 });
        await page.goto("/transfers/new");
        const label = `${role} ${language} ${width} px new transfer`;
        await check(page, `${label}, step 1`, found);
        states++;
        if (customer) {
          await page.locator("main input[type=search]").first().fill(customer);
          await page.locator("main input[type=search]").first().press("Enter");
          await page.locator("main ul.xfer-pick-list li", { hasText: customer }).first().waitFor();
          await settled(page);
        }
        let step = 1;
        for (const next of WIZARD_STEPS) {
          await settled(page);
          if (!(await next(page))) continue;
          step++;
          await check(page, `${label}, step ${step}`, found);
          states++;
        }
        // The steps of the path were reached: customer, then reseller and subscriptions, or subscriptions and review.
        expect(step, `${label}: steps reached`).toBe(steps);
      }
    } finally {
      await context.close();
    }
    verdict(found, states);
  });
}
