import { DEMO, expect, screenshot, test } from "./fixtures";

// Bulk actions on the subscriptions list (issue 11, "a bulk action where some rows are refused with their reasons"):
// the provider selects a customer's subscriptions, reviews each row's own SUSPEND decision (refused rows shown with
// their reasons and skipped), sends, and every row ends done or refused; the API then shows exactly the eligible
// ones suspended. The rows come from the seeded demo network, chosen through the API for a mix of decisions.

interface Row {
  id: string;
  offerName: string;
  status: string;
  eligibility: { eligible: boolean; blocking: { ruleId: string; message: string }[] };
}

const ROWS = `nodes { id offerName status eligibility(action: SUSPEND) { eligible blocking { ruleId message } } }`;

test("a bulk suspend: the refused rows are shown with their reasons and skipped, the others are done", async ({
  asProvider: page,
  graphqlAs,
}) => {
  type Customers = { customers: { nodes: { id: string; name: string }[] } };
  type Subs = { subscriptions: { totalCount: number } & { nodes: Row[] } };
  // A customer whose live subscriptions (the list's default: active and suspended) fit one page and mix allowed
  // and refused decisions for SUSPEND.
  const { customers } = await graphqlAs<Customers>(DEMO.provider, `{ customers(first: 100) { nodes { id name } } }`);
  let chosen: { id: string; name: string; rows: Row[] } | null = null;
  for (const c of customers.nodes) {
    const { subscriptions } = await graphqlAs<Subs>(
      DEMO.provider,
      `query ($id: String!) { subscriptions(first: 20, filter: { customerId: $id, status: [ACTIVE, SUSPENDED] }) {
         totalCount ${ROWS} } }`,
      { id: c.id },
    );
    const rows = subscriptions.nodes;
    const allowed = rows.filter((r) => r.eligibility.eligible).length;
    if (subscriptions.totalCount <= 20 && allowed >= 1 && rows.length - allowed >= 1 && rows.length <= 8) {
      chosen = { ...c, rows };
      break;
    }
  }
  expect(chosen, "a seeded customer with both allowed and refused SUSPEND decisions").not.toBeNull();
  const { rows } = chosen!;
  const allowed = rows.filter((r) => r.eligibility.eligible);
  const refused = rows.filter((r) => !r.eligibility.eligible);

  await page.goto(`/subscriptions?customer=${encodeURIComponent(chosen!.id)}`);
  await expect(page.getByRole("checkbox", { name: "Select every subscription on this page" })).toBeEnabled();
  await expect(page.locator("table.subs-table tbody tr:not([hidden])")).toHaveCount(rows.length);
  await page.getByRole("checkbox", { name: "Select every subscription on this page" }).check();

  const bulk = page.getByRole("region", { name: "Bulk actions" });
  await expect(bulk.getByText(`${rows.length} subscriptions selected`)).toBeVisible();
  await bulk.getByLabel("Action").selectOption("SUSPEND");
  await bulk.getByRole("button", { name: "Review" }).click();

  // The review: every row's own decision, refused ones with their reasons in words and their rule; nothing sent.
  await expect(bulk.getByRole("heading", { name: "Review: Suspend" })).toBeFocused();
  await expect(bulk.getByText("Nothing has been sent yet.", { exact: false })).toBeVisible();
  for (const r of refused) {
    const line = bulk.locator(`li[data-row="${r.id}"]`);
    await expect(line.getByText("Refused: skipped")).toBeVisible();
    for (const b of r.eligibility.blocking) {
      await expect(line.getByText(b.message, { exact: false }).first()).toBeVisible();
      await expect(line).toContainText(`Rule ${b.ruleId}`);
    }
  }
  for (const r of allowed) await expect(bulk.locator(`li[data-row="${r.id}"]`).getByText("Will be sent")).toBeVisible();
  await screenshot(page, "40-bulk-review");
  const before = await graphqlAs<{ subscriptions: { nodes: Row[] } }>(
    DEMO.provider,
    `query ($ids: [ID!]) { subscriptions(first: 20, filter: { ids: $ids }) { ${ROWS} } }`,
    { ids: rows.map((r) => r.id) },
  );
  expect(before.subscriptions.nodes.filter((r) => r.status === "SUSPENDED").length).toBe(
    rows.filter((r) => r.status === "SUSPENDED").length,
  );

  await bulk.getByRole("button", { name: `Send ${allowed.length} now` }).click();
  await expect(bulk.getByRole("heading", { name: "Result: Suspend" })).toBeFocused();
  await expect(bulk.getByText(`Done: ${allowed.length}. Refused: ${refused.length}. Failed: 0.`)).toBeVisible();
  for (const r of allowed) await expect(bulk.locator(`li[data-row="${r.id}"]`).getByText("Done")).toBeVisible();
  for (const r of refused) {
    const line = bulk.locator(`li[data-row="${r.id}"]`);
    await expect(line.getByText("Refused: not sent")).toBeVisible();
    await expect(line).toContainText(`Rule ${r.eligibility.blocking[0]!.ruleId}`);
  }
  await screenshot(page, "41-bulk-results");

  // The API agrees: the allowed rows are suspended now, the refused ones unchanged.
  const after = await graphqlAs<{ subscriptions: { nodes: Row[] } }>(
    DEMO.provider,
    `query ($ids: [ID!]) { subscriptions(first: 20, filter: { ids: $ids }) { ${ROWS} } }`,
    { ids: rows.map((r) => r.id) },
  );
  const status = new Map(after.subscriptions.nodes.map((r) => [r.id, r.status]));
  for (const r of allowed) expect(status.get(r.id)).toBe("SUSPENDED");
  for (const r of refused) expect(status.get(r.id)).toBe(r.status);

  await bulk.getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("region", { name: "Bulk actions" })).toBeHidden();
});

test("a helpdesk agent gets no bulk controls", async ({ signIn, graphqlAs }) => {
  const users = await graphqlAs<{ users: { nodes: { email: string; role: string }[] } }>(
    DEMO.provider,
    `{ users(first: 100) { nodes { email role } } }`,
  );
  const helpdesk = users.users.nodes.find((u) => u.role === "HELPDESK_AGENT");
  expect(helpdesk).toBeDefined();
  const page = await signIn(helpdesk!.email);
  await page.goto("/subscriptions");
  await expect(page.locator("table.subs-table tbody tr").first()).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /^Select/ })).toHaveCount(0);
});
