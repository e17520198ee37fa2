import type { Page } from "@playwright/test";

// The screens the accessibility check (a11y.spec.ts) visits, one entry per route of the router (client/src/app/
// App.tsx) or more. a11y.spec.ts fails when a route of App.tsx has no entry here, so whoever adds a route adds its
// screen here: `route` as written in App.tsx, `url` where to go (with the ids found for the signed-in user), and
// `open`, the panels and forms to open on it (each step is checked once it is on screen).

/** Ids of things the signed-in user can see (a11y.spec.ts asks the API), for detail pages. */
export interface ScreenIds {
  customerId: string | null;
  subscriptionId: string | null;
  transferId: string | null;
  /** A reseller of the signed-in provider (its Partner id); null for other partners. */
  resellerId: string | null;
}

export interface Screen {
  /** The route's path as App.tsx declares it ("" for the index route). */
  route: string;
  /** A name for the report. */
  name: string;
  /** Where to go; null when the user has nothing to show there (e.g. no transfer at all). */
  url(ids: ScreenIds): string | null;
  /** Panels and forms to open, each followed by a check; a step that does not apply (no such button) returns false. */
  open?: ((page: Page) => Promise<boolean>)[];
  /** Signed out (the sign-in page, the public acceptance page); checked once per language, not per role. */
  public?: boolean;
}

/** Clicks the `index`-th visible, enabled control of `main` matching `selector`, if there is one. */
function click(selector: string, index = 0) {
  return async (page: Page): Promise<boolean> => {
    const control = page.locator(`main ${selector}`).filter({ visible: true }).nth(index);
    if ((await control.count()) === 0 || !(await control.isEnabled())) return false;
    await control.click();
    return true;
  };
}

/** Submits the open form empty: its field errors are part of what is checked. Bad input changes nothing. */
function submitEmpty(form: string) {
  return async (page: Page): Promise<boolean> => {
    const submit = page.locator(`main ${form} button[type=submit]`).filter({ visible: true }).first();
    if ((await submit.count()) === 0 || !(await submit.isEnabled())) return false;
    await submit.click();
    await page.locator(`main ${form} [aria-invalid='true'], main ${form} .form-errors`).first().waitFor();
    return true;
  };
}

/** A row's own disclosure (actions menu, reasons): the first one of the page. */
const rowDisclosure = click("td button[aria-expanded='false']");

export const SCREENS: Screen[] = [
  { route: "/signin", name: "sign-in", url: () => "/signin", public: true },
  {
    route: "/relationships/accept",
    name: "accept relationship (no link)",
    url: () => "/relationships/accept",
    public: true,
  },
  { route: "", name: "dashboard", url: () => "/" },
  {
    route: "customers",
    name: "customers",
    url: () => "/customers",
    open: [
      click("[aria-controls='customer-panel']", 0),
      submitEmpty("#customer-panel"),
      click("[aria-controls='customer-panel']", 1),
    ],
  },
  {
    route: "customers/:customerId",
    name: "customer page",
    url: (ids) => (ids.customerId ? `/customers/${ids.customerId}` : null),
    open: [rowDisclosure, click("[aria-controls='add-panel']", 0), click("[aria-controls='add-panel']", 1)],
  },
  {
    route: "customers/:customerId",
    name: "customer not found",
    url: () => "/customers/Q3VzdG9tZXI6MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw",
  },
  { route: "subscriptions", name: "subscriptions", url: () => "/subscriptions", open: [rowDisclosure] },
  {
    route: "subscriptions/:subscriptionId",
    name: "subscription",
    url: (ids) => (ids.subscriptionId ? `/subscriptions/${ids.subscriptionId}` : null),
  },
  { route: "renewals", name: "renewals", url: () => "/renewals" },
  { route: "resellers", name: "resellers", url: () => "/resellers" },
  {
    route: "resellers/:resellerId",
    name: "reseller page",
    url: (ids) => (ids.resellerId ? `/resellers/${ids.resellerId}` : null),
  },
  { route: "providers", name: "providers", url: () => "/providers" },
  { route: "transfers", name: "transfers", url: () => "/transfers" },
  { route: "transfers/new", name: "new transfer", url: () => "/transfers/new" },
  {
    route: "transfers/:transferId",
    name: "transfer",
    url: (ids) => (ids.transferId ? `/transfers/${ids.transferId}` : null),
    open: [click("button[aria-expanded='false']")],
  },
  { route: "requests", name: "requests", url: () => "/requests", open: [click("button[aria-expanded='false']")] },
  { route: "activity", name: "activity", url: () => "/activity" },
  {
    route: "settings/users",
    name: "users",
    url: () => "/settings/users",
    open: [click("[aria-controls='invite-user-panel']"), submitEmpty("#invite-user-panel")],
  },
  {
    route: "settings/api-tokens",
    name: "API tokens",
    url: () => "/settings/api-tokens",
    open: [click("[aria-controls='create-token-panel']"), submitEmpty("#create-token-panel")],
  },
  { route: "settings/partner-center-sync", name: "Partner Center sync", url: () => "/settings/partner-center-sync" },
  {
    route: "settings/webhooks",
    name: "webhooks",
    url: () => "/settings/webhooks",
    open: [click("[aria-controls='create-webhook-panel']"), submitEmpty("#create-webhook-panel")],
  },
  {
    route: "settings/partner-facts",
    name: "partner facts",
    url: () => "/settings/partner-facts",
    // Opened, not submitted: submitting would record the partner's facts (every value is valid as it starts).
    open: [click("[aria-controls='record-facts-panel']")],
  },
  { route: "*", name: "not found", url: () => "/no-such-page" },
];

/**
 * One step further in the transfer wizard (/transfers/new): clicks the first enabled control of `main` matching
 * `selector` and waits for the next step's heading. False when there is no such control (e.g. nothing to transfer).
 */
function wizardNext(selector: string, before?: string) {
  return async (page: Page): Promise<boolean> => {
    if (before) {
      const pick = page.locator(`main ${before}`).filter({ visible: true }).first();
      if ((await pick.count()) === 0 || !(await pick.isEnabled())) return false;
      // The selection lives in the URL: the box is checked once the router has followed it.
      await pick.click();
      await page
        .locator(`main ${before.replace(":not([disabled])", ":checked")}`)
        .first()
        .waitFor();
    }
    const control = page.locator(`main ${selector}`).filter({ visible: true }).first();
    if ((await control.count()) === 0 || !(await control.isEnabled())) return false;
    const title = page.locator("main h2.xfer-step-title");
    const was = await title.textContent();
    await control.click();
    await page.waitForFunction((text) => document.querySelector("main h2.xfer-step-title")?.textContent !== text, was);
    return true;
  };
}

/**
 * The transfer wizard after its first step (a11y.spec.ts checks each, at 1280 and 390 px, for a provider and a
 * direct-bill partner): choose the first customer offered (those with something another partner bills come first);
 * a provider then chooses the first reseller it may name; check the first subscription that may move and go to the
 * review.
 */
export const WIZARD_STEPS: ((page: Page) => Promise<boolean>)[] = [
  wizardNext("ul.xfer-pick-list button:not([disabled])"),
  async (page) =>
    (await page.locator("main .xfer-candidates").count()) === 0
      ? wizardNext("ul.xfer-pick-list button:not([disabled])")(page)
      : false,
  wizardNext(".form-actions button:not(.secondary)", ".xfer-candidates input[type=checkbox]:not([disabled])"),
];
