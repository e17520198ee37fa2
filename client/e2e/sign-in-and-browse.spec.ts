import { expect, screenshot, test } from "./fixtures";

test("a provider signs in, opens its dashboard, a reseller and a customer", async ({ page }) => {
  await page.goto("/");
  await page.waitForURL(/\/signin$/);
  await screenshot(page, "01-sign-in");
  await page.getByRole("searchbox").fill("Trey Research");
  await page
    .getByRole("button", { name: /Sign in as .*Trey Research Distribution/ })
    .first()
    .click();
  await page.waitForURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await expect(page.getByText(/Subscriptions by channel/i).first()).toBeVisible();
  await screenshot(page, "02-provider-dashboard");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Resellers" }).click();
  await page.waitForURL(/\/resellers/);
  const wingtip = page.getByRole("link", { name: /Wingtip Toys IT/ }).first();
  await expect(wingtip).toBeVisible();
  await screenshot(page, "03-resellers");
  await wingtip.click();
  // A reseller opens as its filtered view: its customers or its subscriptions.
  await page.waitForURL(/reseller/i);
  await expect(
    page
      .getByRole("link", { name: /Contoso/ })
      .filter({ visible: true })
      .first(),
  ).toBeVisible();
  await screenshot(page, "04-reseller-customers");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" }).click();
  await page.waitForURL(/\/customers/);
  // Screens load as separate chunks: wait for the customers screen itself before typing.
  await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
  await page.getByRole("searchbox", { name: /Search name or domain/ }).fill("Contoso");
  await page.keyboard.press("Enter");
  await page
    .getByRole("link", { name: /Contoso Ltd\./ })
    .filter({ visible: true })
    .first()
    .click();
  await page.waitForURL(/\/customers\/[^/?]+/);
  await expect(page.getByRole("heading", { level: 1, name: /Contoso Ltd\./ })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Actions — / }).first()).toBeVisible();
  await screenshot(page, "05-customer-page");
});
