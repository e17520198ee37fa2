import { DEMO, expect, screenshot, test } from "./fixtures";

test("a reseller asks its provider for a transfer, confirms, and a second ask is flagged as a duplicate", async ({
  asReseller: reseller,
  graphqlAs,
}) => {
  // Wingtip Toys IT cannot transfer itself (R22): the transfers page offers the request to its provider instead.
  await reseller.goto("/transfers");
  await reseller.getByRole("link", { name: "Ask your provider for a transfer" }).click();
  await reseller.waitForURL(/\/transfers\/new/);
  await expect(reseller.getByRole("heading", { level: 1, name: "Ask my provider to transfer" })).toBeVisible();
  await reseller.getByRole("searchbox").fill("Contoso");
  await reseller.getByRole("searchbox").press("Enter");
  await reseller
    .getByRole("button", { name: /Contoso Ltd\./ })
    .first()
    .click();

  // Contoso's subscriptions: those already sold through Wingtip are counted, not listed; First Up's are offered.
  const teams = reseller.getByRole("checkbox", { name: "Microsoft Teams Essentials" });
  await expect(teams).toBeEnabled();
  await expect(reseller.getByText(/subscriptions already sold through you are not listed/)).toBeVisible();
  await expect(reseller.getByRole("checkbox", { name: "Exchange Online (Plan 1)" })).toHaveCount(0);
  await teams.check();
  await reseller.getByLabel("Note to your provider (optional)").fill("Contoso wants one partner for everything");
  await reseller.getByRole("button", { name: "Ask my provider to transfer" }).click();

  // Nothing is sent before the confirmation names the provider, the count and the customer.
  await expect(
    reseller.getByText("Ask Trey Research Distribution to take over 1 subscription of Contoso Ltd. for you?"),
  ).toBeVisible();
  await reseller.getByRole("button", { name: "Yes, send the request" }).click();
  const result = reseller.getByTestId("ask-result");
  await expect(result).toHaveAttribute("data-sent", "true");
  await expect(result).toContainText("Sent to Trey Research Distribution: transfer Microsoft Teams Essentials.");
  await screenshot(reseller, "reseller-transfer-request-sent");

  // The request is OPEN, with the note (read as the reseller: the provider may not see another partner's
  // subscription yet, need-to-know).
  type Request = { action: string; note: string; subscription: { offerName: string } | null };
  const open = await graphqlAs<{ providerRequests: { nodes: Request[] } }>(
    DEMO.reseller,
    `{ providerRequests(filter: { direction: SENT, status: [OPEN] }, first: 100) {
         nodes { action note subscription { offerName } } } }`,
  );
  expect(open.providerRequests.nodes).toContainEqual({
    action: "TRANSFER",
    note: "Contoso wants one partner for everything",
    subscription: { offerName: "Microsoft Teams Essentials" },
  });

  // Coming back: the subscription is flagged with its open request and cannot be asked for again.
  await reseller.reload();
  const teamsAgain = reseller.getByRole("checkbox", { name: "Microsoft Teams Essentials" });
  await expect(teamsAgain).toBeDisabled();
  const row = reseller.getByTestId("ask-candidate").filter({ has: teamsAgain });
  await expect(row.getByText(/You already asked Trey Research Distribution on .* still open/)).toBeVisible();
  await row.getByRole("link", { name: "See your open requests" }).click();
  await reseller.waitForURL(/\/requests\?direction=SENT&status=OPEN/);
  await expect(reseller.getByTestId("request-row").filter({ hasText: "Microsoft Teams Essentials" })).toBeVisible();
});
