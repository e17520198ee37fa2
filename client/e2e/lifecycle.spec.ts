import { DEMO, expect, screenshot, test } from "./fixtures";

// The subscription panel and the renewals view on the seeded demo network (rule book V2). The state a flow needs
// that the seed cannot promise (seats bought minutes ago) is created through the API first.

type GraphQL = <T>(email: string, query: string, variables?: Record<string, unknown>) => Promise<T>;

/** A new Microsoft 365 E5 for Contoso Ltd. (reseller Wingtip Toys IT), bought now: its 10 seats' window is open. */
async function orderFreshSubscription(graphqlAs: GraphQL): Promise<string> {
  const ids = await graphqlAs<{
    customers: { nodes: { id: string; name: string }[] };
    resellers: { nodes: { reseller: { id: string; name: string } }[] };
  }>(
    DEMO.provider,
    `{ customers(filter: { search: "Contoso Ltd" }, first: 5) { nodes { id name } }
       resellers(first: 100, filter: { status: [ACTIVE] }) { nodes { reseller { id name } } } }`,
  );
  const customerId = ids.customers.nodes.find((c) => c.name.startsWith("Contoso Ltd"))!.id;
  const resellerId = ids.resellers.nodes.find((r) => r.reseller.name === "Wingtip Toys IT")!.reseller.id;
  const ordered = await graphqlAs<{
    orderSubscription: { subscription: { id: string } | null; userErrors: { message: string }[] };
  }>(
    DEMO.provider,
    `mutation ($input: OrderSubscriptionInput!) {
       orderSubscription(input: $input) { subscription { id } userErrors { message } }
     }`,
    {
      input: {
        customerId,
        resellerId,
        offerName: "Microsoft 365 E5",
        offerId: "CFQ7TTC0LFLZ:0002",
        offerKind: "LICENSE_BASED",
        quantity: 10,
        termDuration: "P1Y",
        billingCycle: "ANNUAL",
      },
    },
  );
  expect(ordered.orderSubscription.userErrors).toEqual([]);
  return ordered.orderSubscription.subscription!.id;
}

interface SeededRow {
  id: string;
  offerName: string;
  quantity: number;
  status: string;
  productType: string;
  commerceModel: string;
  autoRenew: boolean;
  commitmentEndDate: string;
  scheduledChange: unknown;
  transactingPartner: { name: string } | null;
  tranches: { purchasedAt: string }[];
}

/** A seeded license subscription Trey Research bills whose every reduction window closed more than a day ago. */
async function closedWindowSubscription(graphqlAs: GraphQL): Promise<SeededRow> {
  const data = await graphqlAs<{ subscriptions: { nodes: SeededRow[] } }>(
    DEMO.provider,
    `{ subscriptions(filter: { status: [ACTIVE], channel: [CSP], offerKind: LICENSE_BASED }, first: 100) {
         nodes { id offerName quantity status productType commerceModel autoRenew commitmentEndDate
                 scheduledChange { quantity } transactingPartner { name } tranches { purchasedAt } } } }`,
  );
  const dayMs = 24 * 3600 * 1000;
  const row = data.subscriptions.nodes.find(
    (s) =>
      s.productType === "LICENSE" &&
      s.commerceModel === "NEW_COMMERCE" &&
      s.quantity >= 2 &&
      s.autoRenew &&
      s.scheduledChange === null &&
      s.transactingPartner?.name === "Trey Research Distribution" &&
      Date.parse(`${s.commitmentEndDate}T00:00:00Z`) > Date.now() + 2 * dayMs &&
      s.tranches.every((t) => Date.parse(t.purchasedAt) < Date.now() - 8 * dayMs),
  );
  if (!row) throw new Error("the demo seed has no license subscription with closed windows billed by Trey Research");
  return row;
}

test("seats removed inside their window; a scheduled change, and the warning that a seat change deletes it", async ({
  asProvider: page,
  graphqlAs,
}) => {
  const id = await orderFreshSubscription(graphqlAs);
  await page.goto(`/subscriptions/${encodeURIComponent(id)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Microsoft 365 E5" })).toBeVisible();
  const seats = page.getByRole("region", { name: "Seats" });
  // 10 seats bought just now: all but one can be removed, until 168 hours from now.
  await expect(seats.getByText(/^10 seats can be removed until /)).toBeVisible();
  await expect(seats.getByText("You can remove up to 9 seats now.")).toBeVisible();

  // Plan the renewal: 12 seats, one year billed monthly.
  const planner = page.getByRole("region", { name: "Renewal planner" });
  await expect(planner.getByText("Nothing is scheduled: it renews as it is.")).toBeVisible();
  await planner.getByLabel("Seats at renewal").fill("12");
  await planner.getByLabel("Billing plan").selectOption("MONTHLY");
  await expect(planner.getByText("Schedule a change at renewal: Allowed")).toBeVisible();
  await planner.getByRole("button", { name: "Schedule this change" }).click();
  await planner.getByRole("button", { name: "Yes, schedule it" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Change scheduled for renewal." })).toBeVisible();
  await expect(planner.getByText("Scheduled for renewal: 12 seats, 1 year, billed monthly")).toBeVisible();

  // A seat reduction now is inside the window, but it deletes the scheduled change: the confirmation says so.
  await seats.getByLabel("New seat total").fill("7");
  await expect(seats.getByText("Change to 7 seats: Allowed")).toBeVisible();
  await seats.getByRole("button", { name: "Change seats" }).click();
  const confirm = seats.getByRole("group", { name: "Change seats" });
  await expect(confirm).toContainText(
    "This deletes the change scheduled for renewal (12 seats, 1 year, billed monthly).",
  );
  await screenshot(page, "30-panel-warns-scheduled-change");
  await confirm.getByRole("button", { name: "Yes, change seats" }).click();
  const done = page.getByRole("status").filter({ hasText: "Seats changed to 7." });
  await expect(done).toBeVisible();
  await expect(done).toContainText("The change scheduled for renewal was deleted");
  await expect(seats.getByText("7 seats", { exact: true })).toBeVisible();
  await expect(planner.getByText("Nothing is scheduled: it renews as it is.")).toBeVisible();
  // The 3 seats came from the one open window: 7 remain in it, 6 of them removable.
  await expect(seats.getByText(/^7 seats can be removed until /)).toBeVisible();
});

test("a seat reduction outside its window is refused with its rule; auto-renew off and on", async ({
  asProvider: page,
  graphqlAs,
}) => {
  const s = await closedWindowSubscription(graphqlAs);
  await page.goto(`/subscriptions/${encodeURIComponent(s.id)}`);
  await expect(page.getByRole("heading", { level: 1, name: s.offerName })).toBeVisible();
  const seats = page.getByRole("region", { name: "Seats" });
  await expect(seats.getByText(/^No seats can be removed now/)).toBeVisible();
  await seats.getByLabel("New seat total").fill(String(s.quantity - 1));
  await expect(seats.getByText(`Change to ${s.quantity - 1} seats: Not allowed`)).toBeVisible();
  await expect(seats.getByRole("button", { name: "Change seats" })).toBeDisabled();
  await expect(seats.locator('[data-code="SEAT_REDUCTION_WINDOW_CLOSED"]')).toBeVisible();
  await expect(seats.getByText("Rule R44").first()).toBeVisible();
  // Adding is allowed at any time.
  await seats.getByLabel("New seat total").fill(String(s.quantity + 1));
  await expect(seats.getByText(`Change to ${s.quantity + 1} seats: Allowed`)).toBeVisible();
  await screenshot(page, "31-panel-window-closed");

  const renew = page.getByRole("region", { name: "Auto-renew" });
  const toggle = renew.getByRole("switch", { name: "Auto-renew" });
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await toggle.click();
  await renew.getByRole("button", { name: "Yes, turn it off" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Auto-renew is off." })).toBeVisible();
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await expect(renew.getByText(/^Off: expires when its term ends/)).toBeVisible();
  await toggle.click();
  await renew.getByRole("button", { name: "Yes, turn it on" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Auto-renew is on." })).toBeVisible();
  await expect(toggle).toHaveAttribute("aria-checked", "true");
});

test("the renewals view: what ends within 90 days by reseller and customer, linked to the panel", async ({
  asProvider: page,
  asReseller: reseller,
}) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Renewals" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Renewals" })).toBeVisible();
  // The radio follows the URL (a router navigation, rendered in a transition): click, then wait for both.
  await page.getByRole("radio", { name: "90 days" }).click();
  await page.waitForURL(/\/renewals\?within=90/);
  await expect(page.getByRole("radio", { name: "90 days" })).toBeChecked();
  const groups = page.locator(".rn-groups section");
  await expect(groups.first()).toBeVisible();
  await expect(groups.first().getByRole("heading", { level: 2 })).toHaveText(/^(Reseller: |No reseller)/);
  await expect(page.getByRole("columnheader", { name: "Open reduction windows" }).first()).toBeVisible();
  await screenshot(page, "32-renewals");
  const first = page.getByRole("link", { name: /^Open / }).first();
  const name = (await first.textContent())!.trim();
  await first.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("region", { name: "Seats" })).toBeVisible();

  // A reseller has the view too, with only what it is reseller of record for (one group: itself).
  await reseller.goto("/renewals?within=90");
  await expect(reseller.getByRole("heading", { level: 1, name: "Renewals" })).toBeVisible();
  const headings = reseller.locator(".rn-groups section > h2");
  await expect(headings.first()).toHaveText("Reseller: Wingtip Toys IT");
  for (const text of await headings.allTextContents()) expect(text).toBe("Reseller: Wingtip Toys IT");
});
