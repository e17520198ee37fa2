import { expect, screenshot, test } from "./fixtures";

// Issue 11 item 5: when the API fails while the app shows data it loaded earlier, it says so (a stale-data banner
// with "Try again") instead of showing old numbers as if they were current, and never "Received status code 503".

test("the dashboard keeps its cached totals under a stale-data banner while the API answers 503", async ({
  asProvider: page,
}) => {
  await page.goto("/");
  const totals = page.getByRole("list", { name: "Totals" });
  await expect(totals.getByRole("link", { name: /Customers$/ })).toBeVisible();

  // From now on the dashboard's summary fails as a restarting server would answer it.
  let failing = true;
  await page.route("**/graphql", async (route) => {
    if (failing && (route.request().postData() ?? "").includes("DashboardSummary")) {
      await route.fulfill({
        status: 503,
        headers: { "content-type": "application/json", "retry-after": "2" },
        body: JSON.stringify({
          errors: [{ message: "Service unavailable", extensions: { code: "SERVICE_UNAVAILABLE" } }],
        }),
      });
    } else {
      await route.continue();
    }
  });
  // Away and back: the dashboard shows the cache and fetches again (cache-and-network), which fails.
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Customers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
  await nav.getByRole("link", { name: "Dashboard" }).click();

  const banner = page.getByTestId("stale-banner");
  await expect(banner).toContainText("This may be out of date.");
  await expect(banner).toContainText("The service is not available at the moment");
  await expect(page.getByText(/status code/)).toHaveCount(0);
  await expect(totals.getByRole("link", { name: /Customers$/ })).toBeVisible();
  await screenshot(page, "40-dashboard-stale-banner");

  failing = false;
  await banner.getByRole("button", { name: "Try again" }).click();
  await expect(banner).toHaveCount(0);
});

test("a first load that fails says so in plain words with a retry", async ({ asProvider: page }) => {
  await page.route("**/graphql", async (route) => {
    if ((route.request().postData() ?? "").includes("CustomerList")) {
      await route.fulfill({ status: 503, headers: { "content-type": "application/json" }, body: "{}" });
    } else {
      await route.continue();
    }
  });
  await page.goto("/customers");
  const alert = page.getByRole("alert").filter({ hasText: "The service is not available at the moment" });
  await expect(alert).toBeVisible();
  await expect(alert.getByRole("button", { name: "Try again" })).toBeVisible();
  await expect(page.getByText(/status code/)).toHaveCount(0);
});

test("the customer-not-found page has a main heading", async ({ asProvider: page }) => {
  await page.goto("/customers/Q3VzdG9tZXI6bm8tc3VjaC1jdXN0b21lcg");
  await expect(page.getByRole("main").getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/customers/not-an-id");
  await expect(page.getByRole("main").getByRole("heading", { level: 1 })).toBeVisible();
});
