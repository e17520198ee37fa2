import { DEMO, expect, screenshot, test } from "./fixtures";

test("the transfer wizard shows an ineligible subscription with its reasons, submits an eligible one, and the source accepts", async ({
  asDirect: page,
  asProvider: source,
  graphqlAs,
}) => {
  await page.goto("/transfers/new");
  await page.getByRole("searchbox", { name: /Search customers/ }).fill("Rosewood");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.getByRole("button", { name: /Choose Rosewood Fitness/ }).click();

  // The Azure plan cannot move: the target holds no Azure plan for the customer (R14). Its box is disabled
  // and the reason is spelled out beside it.
  const azure = page.getByRole("listitem").filter({ has: page.getByRole("checkbox", { name: "Azure plan" }) });
  await expect(azure).toBeVisible();
  await expect(azure.getByRole("checkbox")).toBeDisabled();
  await expect(azure.locator('[data-code="TARGET_AZURE_PLAN_MISSING"]')).toBeVisible();
  await expect(azure.getByText("Rule R14")).toBeVisible();
  await screenshot(page, "06-transfer-wizard-preview");

  const eligible = page.getByRole("checkbox", { name: "Microsoft 365 Business Basic" }).first();
  await expect(eligible).toBeEnabled();
  await eligible.click();
  await page.getByRole("button", { name: /Review \(1\)/ }).click();
  await expect(page.getByRole("heading", { name: /Review and send/ })).toBeVisible();
  await screenshot(page, "07-transfer-wizard-review");
  await page.getByRole("button", { name: "Send transfer request" }).click();
  await page.waitForURL(/\/transfers\/(?!new)[^/]+$/);
  const transferUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1, name: /Transfer of Rosewood Fitness Corp\./ })).toBeVisible();
  await expect(page.getByText("30 days left").first()).toBeVisible();
  await screenshot(page, "08-transfer-detail-target");

  // The source partner (Trey Research) accepts it.
  await source.goto(transferUrl);
  await source.getByRole("button", { name: "Accept" }).click();
  await source.getByRole("button", { name: "Yes, accept" }).click();
  await expect(source.getByText(/Completed|Accepted/).first()).toBeVisible();
  await screenshot(source, "09-transfer-detail-accepted");

  const data = await graphqlAs<{
    node: { status: string; subscriptions: { transactingPartner: { name: string } }[] };
  }>(
    DEMO.direct,
    `query($id: ID!) { node(id: $id) { ... on Transfer { status subscriptions { transactingPartner { name } } } } }`,
    { id: transferUrl.split("/").pop() },
  );
  expect(data.node.status).toBe("COMPLETED");
  expect(data.node.subscriptions.map((s) => s.transactingPartner.name)).toEqual(["First Up Consultants"]);
});
