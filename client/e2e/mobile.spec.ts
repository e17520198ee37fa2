import { expect, screenshot, test } from "./fixtures";

test.use({ viewport: { width: 390, height: 844 } });

test("screens stay usable at 390px", async ({ asProvider: page }) => {
  for (const [path, name] of [
    ["/", "13-mobile-dashboard"],
    ["/customers", "14-mobile-customers"],
    ["/transfers", "15-mobile-transfers"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    await page.waitForLoadState("networkidle");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} scrolls sideways by ${overflow}px at 390px`).toBeLessThanOrEqual(2);
    await screenshot(page, name);
  }
});
