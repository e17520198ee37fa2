import { expect, screenshot, test } from "./fixtures";

test("a form shows the server's userError beside its field", async ({ asProvider: page }) => {
  await page.goto("/resellers");
  const field = page.getByLabel("Reseller's Partner ID");
  await field.fill("9999999");
  await page.getByRole("button", { name: "Send invitation" }).click();
  // The error is rendered beside the control and linked to it (aria-describedby), with the field marked invalid.
  await expect(page.getByText(/No indirect reseller has this Partner ID/)).toBeVisible();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(/No indirect reseller has this Partner ID/);
  await screenshot(page, "10-form-user-error");
});
