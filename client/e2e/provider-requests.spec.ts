import { DEMO, expect, screenshot, test } from "./fixtures";

test("a reseller asks its provider to order and the provider fulfils it", async ({
  asReseller: reseller,
  asProvider: provider,
  graphqlAs,
}) => {
  // The reseller (Wingtip Toys IT) cannot order itself (R22): it asks Trey Research from the customer page.
  await reseller.goto("/customers?q=Contoso");
  await reseller
    .getByRole("link", { name: /Contoso Ltd\./ })
    .filter({ visible: true })
    .first()
    .click();
  await expect(reseller.getByRole("heading", { level: 1, name: /Contoso Ltd\./ })).toBeVisible();
  await reseller.getByRole("button", { name: "Ask your provider to order" }).click();
  const ask = reseller.getByRole("form", { name: "Ask your provider to order" });
  await ask.getByLabel("Offer", { exact: true }).selectOption("CFQ7TTC0LFLZ:0002");
  await ask.getByLabel("Quantity").fill("25");
  await ask.getByLabel("Note to your provider").fill("E5 for the new Lisbon office");
  // Nothing is sent in one click: the request is reviewed, then sent.
  await ask.getByRole("button", { name: "Review request" }).click();
  const confirm = reseller.getByRole("group", { name: "Send this request?" });
  await expect(confirm).toContainText("Ask Trey Research Distribution to order Microsoft 365 E5 (25)");
  await confirm.getByRole("button", { name: "Send request" }).click();
  const sent = reseller.getByRole("status").filter({ hasText: "Request sent to Trey Research Distribution" });
  await expect(sent.getByText(/order Microsoft 365 E5 \(25\)/)).toBeVisible();
  // The provider's own decision comes back with the request: it will be able to order.
  await expect(sent.getByText("Allowed", { exact: true })).toBeVisible();
  await screenshot(reseller, "16-reseller-asks-provider");

  // The provider sees it from its dashboard, follows "Do it" to the prefilled order form, orders, marks it fulfilled.
  await provider.goto("/");
  await provider.getByRole("link", { name: /Requests from resellers/ }).click();
  await provider.waitForURL(/\/requests\?direction=RECEIVED&status=OPEN/);
  const row = provider.getByTestId("request-row").filter({ hasText: "E5 for the new Lisbon office" });
  await expect(row.getByText("From Wingtip Toys IT")).toBeVisible();
  await row.getByRole("link", { name: /^Do it/ }).click();
  await provider.waitForURL(/\/customers\/[^/?]+\?panel=order&request=/);
  const order = provider.getByRole("form", { name: "Order a CSP subscription" });
  await expect(order.getByLabel("Offer id")).toHaveValue("CFQ7TTC0LFLZ:0002");
  await expect(order.getByLabel("Quantity")).toHaveValue("25");
  await expect(order.getByText("Order: Allowed")).toBeVisible();
  await expect(order.getByLabel("Reseller of record").locator("option:checked")).toHaveText(/Wingtip Toys IT/);
  await order.getByRole("button", { name: "Order", exact: true }).click();
  await expect(provider.getByText("Microsoft 365 E5 was ordered.")).toBeVisible();
  const banner = provider.getByRole("region", { name: /Request from Wingtip Toys IT/ });
  await banner.getByRole("button", { name: /^Mark fulfilled/ }).click();
  await banner.getByRole("button", { name: "Yes, mark fulfilled" }).click();
  await expect(banner.getByText(/^Marked fulfilled for Contoso Ltd\./)).toBeVisible();
  await expect(banner.getByText("Fulfilled", { exact: true })).toBeVisible();
  await screenshot(provider, "17-provider-fulfils-request");

  // The reseller sees the answer, and the subscription names it as reseller of record.
  type Request = { offerName: string; quantity: number; note: string; customer: { id: string } };
  const sentRequests = await graphqlAs<{ providerRequests: { nodes: Request[] } }>(
    DEMO.reseller,
    `{ providerRequests(filter: { direction: SENT, status: [FULFILLED] }, first: 20) {
         nodes { offerName quantity note customer { id } } } }`,
  );
  const fulfilled = sentRequests.providerRequests.nodes.find((r) => r.note === "E5 for the new Lisbon office");
  expect([fulfilled?.offerName, fulfilled?.quantity]).toEqual(["Microsoft 365 E5", 25]);
  type Subscription = {
    offerName: string;
    quantity: number;
    status: string;
    resellerOfRecord: { name: string } | null;
  };
  const customerSubs = await graphqlAs<{ subscriptions: { nodes: Subscription[] } }>(
    DEMO.reseller,
    `query($customerId: String!) { subscriptions(first: 100, filter: { customerId: $customerId }) {
       nodes { offerName quantity status resellerOfRecord { name } } } }`,
    { customerId: fulfilled?.customer.id },
  );
  expect(
    customerSubs.subscriptions.nodes.some(
      (s) =>
        s.offerName === "Microsoft 365 E5" &&
        s.quantity === 25 &&
        s.status === "ACTIVE" &&
        s.resellerOfRecord?.name === "Wingtip Toys IT",
    ),
    "the ordered subscription names Wingtip Toys IT as reseller of record",
  ).toBe(true);
  await reseller.goto("/requests?direction=SENT&status=FULFILLED");
  await expect(
    reseller
      .getByTestId("request-row")
      .filter({ hasText: "E5 for the new Lisbon office" })
      .getByText("Fulfilled", { exact: true }),
  ).toBeVisible();
});
