import { readFileSync } from "node:fs";
import { DEMO, expect, screenshot, test } from "./fixtures";

// The reseller page (issue 11): a provider opens a reseller from the resellers list (its name is a link), sees its
// facts, compliance, customers, subscriptions and open requests, and walks on to one of its customers. The resellers
// list sorts, pages and exports like the other lists. Each expectation is checked against the API.

interface Resellers {
  resellers: {
    totalCount: number;
    nodes: { reseller: { id: string; name: string; partnerId: string }; counts: { customers: number } | null }[];
  };
}
const RESELLERS = `query($first: Int, $filter: PartnershipFilter, $orderBy: PartnershipOrder) {
  resellers(first: $first, filter: $filter, orderBy: $orderBy) {
    totalCount nodes { reseller { id name partnerId } counts { customers } } } }`;
const CUSTOMERS = `query($filter: CustomerFilter) { customers(first: 100, filter: $filter, orderBy: { field: NAME }) {
  totalCount nodes { id name } } }`;

test("provider → reseller page → one of its customers", async ({ asProvider: page, graphqlAs }) => {
  const active = await graphqlAs<Resellers>(DEMO.provider, RESELLERS, { first: 100, filter: { status: ["ACTIVE"] } });
  const busy = active.resellers.nodes.find((n) => (n.counts?.customers ?? 0) > 0)!;
  expect(busy).toBeDefined();
  const theirs = await graphqlAs<{ customers: { totalCount: number; nodes: { id: string; name: string }[] } }>(
    DEMO.provider,
    CUSTOMERS,
    { filter: { resellerId: busy.reseller.id } },
  );

  await page.goto(`/resellers?search=${encodeURIComponent(busy.reseller.partnerId)}`);
  await page.getByRole("link", { name: busy.reseller.name, exact: true }).click();
  await page.waitForURL(/\/resellers\/[^/?]+$/);
  await expect(page.getByRole("heading", { level: 1, name: busy.reseller.name })).toBeVisible();
  await expect(page.getByText(busy.reseller.partnerId, { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Compliance" })).toBeVisible();
  await expect(page.getByRole("button", { name: `End partnership with ${busy.reseller.name}` })).toBeVisible();

  // Its customers, sorted by name as the API sorts them; the first page's names are the API's.
  const customers = page.getByRole("region", { name: "Customers" });
  await customers.getByRole("button", { name: /^Customer/ }).click();
  await expect(page).toHaveURL(/sort=NAME%3AASC|sort=NAME:ASC/);
  const names = theirs.customers.nodes.slice(0, 20).map((c) => c.name);
  await expect(customers.locator("tbody tr th a, tbody tr td a").first()).toHaveText(names[0]!);
  await expect(customers.getByText(`${theirs.customers.totalCount} in total`)).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Subscriptions as reseller of record" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Open requests from this reseller" })).toBeVisible();
  await screenshot(page, "reseller-page-01-provider");

  // On to the customer: its page opens with its name as the main heading.
  await customers.getByRole("link", { name: names[0]!, exact: true }).click();
  await page.waitForURL(/\/customers\/[^/?]+/);
  await expect(
    page.getByRole("heading", { level: 1, name: new RegExp(names[0]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) }),
  ).toBeVisible();
});

test("the reseller page's activity shows what the provider just did about the reseller", async ({
  asProvider: page,
  graphqlAs,
}) => {
  const active = await graphqlAs<Resellers>(DEMO.provider, RESELLERS, { first: 100, filter: { status: ["ACTIVE"] } });
  // A live subscription the provider may suspend, of a reseller it is reseller of record for.
  let target: { reseller: Resellers["resellers"]["nodes"][number]; id: string; offerName: string } | null = null;
  for (const r of active.resellers.nodes) {
    const subs = await graphqlAs<{
      subscriptions: { nodes: { id: string; offerName: string; eligibility: { eligible: boolean } }[] };
    }>(
      DEMO.provider,
      `query($f: SubscriptionFilter) { subscriptions(first: 20, filter: $f) {
        nodes { id offerName eligibility(action: SUSPEND) { eligible } } } }`,
      { f: { resellerId: r.reseller.id, status: ["ACTIVE"] } },
    );
    const s = subs.subscriptions.nodes.find((n) => n.eligibility.eligible);
    if (s) {
      target = { reseller: r, id: s.id, offerName: s.offerName };
      break;
    }
  }
  expect(target).not.toBeNull();
  const suspended = await graphqlAs<{ suspendSubscription: { userErrors: unknown[] } }>(
    DEMO.provider,
    `mutation($input: SubscriptionActionInput!) { suspendSubscription(input: $input) { userErrors { code } } }`,
    { input: { subscriptionId: target!.id } },
  );
  expect(suspended.suspendSubscription.userErrors).toEqual([]);
  const log = await graphqlAs<{ auditEvents: { totalCount: number; nodes: { operation: string }[] } }>(
    DEMO.provider,
    `query($f: AuditEventFilter) { auditEvents(first: 5, filter: $f) { totalCount nodes { operation } } }`,
    { f: { resellerId: target!.reseller.reseller.id } },
  );
  expect(log.auditEvents.nodes[0]!.operation).toBe("suspendSubscription");

  await page.goto(`/resellers/${encodeURIComponent(target!.reseller.reseller.id)}`);
  await expect(page.getByRole("heading", { level: 1, name: target!.reseller.reseller.name })).toBeVisible();
  const activity = page.getByRole("region", { name: "Activity" });
  await expect(activity.getByText("The reseller's own actions are in its own log", { exact: false })).toBeVisible();
  const newest = activity.locator("tbody tr").first();
  await expect(newest.getByText("suspendSubscription", { exact: true })).toBeVisible();
  await expect(newest.getByText("CustomerSubscription.status: ACTIVE → SUSPENDED")).toBeVisible();
  await expect(activity.locator("tbody tr")).toHaveCount(Math.min(20, log.auditEvents.totalCount));
  await screenshot(page, "reseller-page-02-activity");
});

test("the resellers list sorts by name, shows page N of M and exports the filtered list", async ({
  asProvider: page,
  graphqlAs,
}) => {
  await page.goto("/resellers?status=ACTIVE");
  const rows = page.getByTestId("reseller-row");
  await expect(rows.first()).toBeVisible();
  await page.getByRole("button", { name: /^Reseller/ }).click();
  await page.getByRole("button", { name: /^Reseller/ }).click();
  await expect(page).toHaveURL(/sort=NAME%3ADESC|sort=NAME:DESC/);
  const desc = await graphqlAs<Resellers>(DEMO.provider, RESELLERS, {
    first: 20,
    filter: { status: ["ACTIVE"] },
    orderBy: { field: "NAME", direction: "DESC" },
  });
  await expect(rows.locator("th a")).toHaveText(desc.resellers.nodes.map((n) => n.reseller.name));
  const pages = Math.max(1, Math.ceil(desc.resellers.totalCount / 20));
  await expect(page.getByText(`Page 1 of ${pages}`)).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const lines = readFileSync(await (await download).path(), "utf8")
    .trim()
    .split("\r\n");
  expect(lines[0]).toMatch(/^id,reseller,partnerId,/);
  const all = await graphqlAs<Resellers>(DEMO.provider, RESELLERS, {
    first: 100,
    filter: { status: ["ACTIVE"] },
    orderBy: { field: "NAME", direction: "DESC" },
  });
  expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(all.resellers.nodes.map((n) => n.reseller.id));
});

test("a reseller sees its provider's name as plain text and no reseller page", async ({ asReseller: page }) => {
  await page.goto("/resellers/UGFydG5lcjpub3RoaW5n");
  await expect(page.getByRole("heading", { level: 1, name: "Resellers" })).toBeVisible();
  await expect(page.getByRole("button", { name: /End partnership/ })).toHaveCount(0);
});
