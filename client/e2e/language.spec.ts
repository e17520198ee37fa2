import { expect, screenshot, test } from "./fixtures";

test("the Portuguese switch translates the interface and the reasons from the API", async ({ asReseller: page }) => {
  await page.goto("/");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await screenshot(page, "11-reseller-dashboard");
  await page.getByRole("combobox", { name: "Language" }).selectOption("pt-PT");
  const main = page.getByRole("navigation", { name: "Principal" });
  await expect(main.getByRole("link", { name: "Clientes" })).toBeVisible();
  await main.getByRole("link", { name: "Subscrições" }).click();
  await page.waitForURL(/\/subscriptions/);
  // A reseller may not cancel (R22): the reason comes back from the API in Portuguese.
  await page.goto("/subscriptions?action=CANCEL");
  await page
    .getByRole("button", { name: /Porquê|Motivo/ })
    .first()
    .click();
  // The reason in words (its code only on data-code, never as text).
  await expect(page.locator('.reason-blocking[data-code="INDIRECT_RESELLER_MUST_USE_PROVIDER"]').first()).toBeVisible();
  await expect(page.locator(".reason-blocking").first()).toContainText(/fornecedor/i);
  await screenshot(page, "12-subscriptions-pt-PT");
  await expect(page.locator("html")).toHaveAttribute("lang", "pt-PT");
});
