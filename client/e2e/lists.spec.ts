import { readFileSync } from "node:fs";
import { DEMO, expect, screenshot, test } from "./fixtures";

// Lists that scale, in the browser: sort by a column, page to the last page, export the filtered list as CSV, and
// a dashboard card opening the list it counts. Each expectation is checked against the API with the same arguments.

interface Page {
  subscriptions: { totalCount: number; nodes: { id: string; offerName: string; status: string }[] };
}
const LIST = `query($first: Int, $last: Int, $orderBy: SubscriptionOrder, $filter: SubscriptionFilter) {
  subscriptions(first: $first, last: $last, orderBy: $orderBy, filter: $filter) { totalCount nodes { id offerName status } } }`;

test("sort the subscriptions by offer, page to the last page, and export the filtered list as CSV", async ({
  asProvider: page,
  graphqlAs,
}) => {
  const filter = { status: ["ACTIVE", "SUSPENDED"] };
  const orderBy = { field: "OFFER_NAME", direction: "DESC" };
  await page.goto("/subscriptions");
  const offers = page.locator(".subs-table tbody tr .sub-offer-name");
  await expect(offers.first()).toBeVisible();

  // Offer header: ascending, then descending.
  await page.getByRole("button", { name: /^Offer/ }).click();
  await expect(page).toHaveURL(/sort=OFFER_NAME%3AASC|sort=OFFER_NAME:ASC/);
  await page.getByRole("button", { name: /^Offer/ }).click();
  await expect(page).toHaveURL(/sort=OFFER_NAME%3ADESC|sort=OFFER_NAME:DESC/);
  await expect(page.getByRole("columnheader", { name: /Offer/ })).toHaveAttribute("aria-sort", "descending");
  const first = await graphqlAs<Page>(DEMO.provider, LIST, { first: 20, orderBy, filter });
  await expect(offers).toHaveText(first.subscriptions.nodes.map((n) => n.offerName));

  // Last page: page M of M, the remainder of the rows after the full pages, the same rows the API has last.
  const total = first.subscriptions.totalCount;
  const pages = Math.ceil(total / 20);
  expect(pages).toBeGreaterThan(1);
  await page.getByRole("button", { name: "Last", exact: true }).click();
  await expect(page.getByText(`Page ${pages} of ${pages}`)).toBeVisible();
  const last = await graphqlAs<Page>(DEMO.provider, LIST, { last: total % 20 || 20, orderBy, filter });
  await expect(offers).toHaveText(last.subscriptions.nodes.map((n) => n.offerName));
  await expect(page.getByRole("button", { name: "Next", exact: true })).toBeDisabled();
  await screenshot(page, "lists-01-subscriptions-last-page");
  // One back is page M-1.
  await page.getByRole("button", { name: "Previous", exact: true }).click();
  await expect(page.getByText(`Page ${pages - 1} of ${pages}`)).toBeVisible();

  // Export with a narrower filter (suspended only): the file holds exactly the API's rows for it, in order.
  await page.goto("/subscriptions?status=SUSPENDED&sort=OFFER_NAME:DESC");
  await expect(offers.first()).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const lines = readFileSync(file, "utf8").trim().split("\r\n");
  const suspended = await graphqlAs<Page>(DEMO.provider, LIST, {
    first: 100,
    orderBy,
    filter: { status: ["SUSPENDED"] },
  });
  expect(suspended.subscriptions.totalCount).toBeLessThanOrEqual(100);
  expect(lines[0]).toMatch(/^id,offerName,/);
  expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(suspended.subscriptions.nodes.map((n) => n.id));
  await expect(page.getByText(/Exported \d+ rows/)).toBeVisible();
  await screenshot(page, "lists-02-subscriptions-exported");
});

test("a dashboard card opens the filtered list it counts", async ({ asProvider: page }) => {
  await page.goto("/");
  const card = page.getByRole("list", { name: "Totals" }).getByRole("link", { name: /Active resellers/ });
  const count = Number(((await card.textContent()) ?? "").replace(/\D+/g, " ").trim().split(" ")[0]);
  await card.click();
  await expect(page).toHaveURL(/\/resellers\?status=ACTIVE$/);
  await expect(page.getByText(`${count} in total`)).toBeVisible();
  await screenshot(page, "lists-03-dashboard-card-to-resellers");
});
