// Browser end-to-end tests against the real built server on a fresh seeded SQLite database.
// Run: npm run test:e2e (builds server and client first). Ends with "N passed, M failed"; exits 1 on failure.
import { strict as assert } from "node:assert";
import { launchBrowser, screenshot, signedInPage, startServer, demoToken, gql } from "./harness.mjs";

const PROVIDER = "admin@treyresearch.example";
const RESELLER = "admin@wingtiptoys.example";
const DIRECT = "admin@firstupconsultants.example";

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test("a provider signs in, opens its dashboard, a reseller and a customer", async ({ browser, origin }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: origin });
  const page = await context.newPage();
  await page.goto("/");
  await page.waitForURL(/\/signin$/);
  await screenshot(page, "01-sign-in");
  await page.getByRole("searchbox").fill("Trey Research");
  await page
    .getByRole("button", { name: /Sign in as .*Trey Research Distribution/ })
    .first()
    .click();
  await page.waitForURL(/\/$/);
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await page
    .getByText(/Subscriptions by channel/i)
    .first()
    .waitFor();
  await screenshot(page, "02-provider-dashboard");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Resellers" }).click();
  await page.waitForURL(/\/resellers/);
  const wingtip = page.getByRole("link", { name: /Wingtip Toys IT/ }).first();
  await wingtip.waitFor();
  await screenshot(page, "03-resellers");
  await wingtip.click();
  // A reseller opens as its filtered view: its customers or its subscriptions.
  await page.waitForURL(/reseller/i);
  await page
    .getByRole("link", { name: /Contoso/ })
    .filter({ visible: true })
    .first()
    .waitFor();
  await screenshot(page, "04-reseller-customers");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" }).click();
  await page.waitForURL(/\/customers/);
  // Screens load as separate chunks: wait for the customers screen itself before typing.
  await page.getByRole("heading", { level: 1, name: "Customers" }).waitFor();
  await page.getByRole("searchbox", { name: /Search name or domain/ }).fill("Contoso");
  await page.keyboard.press("Enter");
  await page
    .getByRole("link", { name: /Contoso Ltd\./ })
    .filter({ visible: true })
    .first()
    .click();
  await page.waitForURL(/\/customers\/[^/?]+/);
  await page.getByRole("heading", { level: 1, name: /Contoso Ltd\./ }).waitFor();
  await page
    .getByText(/Not allowed|Allowed/)
    .first()
    .waitFor();
  await screenshot(page, "05-customer-page");
  await context.close();
});

test("the transfer wizard shows an ineligible subscription with its reasons, submits an eligible one, and the source accepts", async ({
  browser,
  origin,
}) => {
  const target = await signedInPage(browser, origin, DIRECT);
  const page = target.page;
  await page.goto("/transfers/new");
  await page.getByRole("searchbox", { name: /Search customers/ }).fill("Rosewood");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("button", { name: /Choose Rosewood Fitness/ }).click();

  // The Azure plan cannot move: the target holds no Azure plan for the customer (R14). Its box is disabled
  // and the reason is spelled out beside it.
  const azure = page.getByRole("listitem").filter({ has: page.getByRole("checkbox", { name: "Azure plan" }) });
  await azure.waitFor();
  assert.equal(await azure.getByRole("checkbox").isDisabled(), true);
  await azure.getByText("TARGET_AZURE_PLAN_MISSING").waitFor();
  await azure.getByText("Rule R14").waitFor();
  await screenshot(page, "06-transfer-wizard-preview");

  const eligible = page.getByRole("checkbox", { name: "Microsoft 365 Business Basic" }).first();
  assert.equal(await eligible.isDisabled(), false);
  await eligible.click();
  await page.getByRole("button", { name: /Review \(1\)/ }).click();
  await page.getByRole("heading", { name: /Review and send/ }).waitFor();
  await screenshot(page, "07-transfer-wizard-review");
  await page.getByRole("button", { name: "Send transfer request" }).click();
  await page.waitForURL(/\/transfers\/(?!new)[^/]+$/);
  const transferUrl = new URL(page.url()).pathname;
  await page.getByRole("heading", { level: 1, name: /Transfer of Rosewood Fitness Corp\./ }).waitFor();
  await page.getByText("30 days left").first().waitFor();
  await screenshot(page, "08-transfer-detail-target");

  // The source partner (Trey Research) accepts it.
  const source = await signedInPage(browser, origin, PROVIDER);
  await source.page.goto(transferUrl);
  await source.page.getByRole("button", { name: "Accept" }).click();
  await source.page.getByRole("button", { name: "Yes, accept" }).click();
  await source.page
    .getByText(/Completed|Accepted/)
    .first()
    .waitFor();
  await screenshot(source.page, "09-transfer-detail-accepted");

  const token = await demoToken(origin, DIRECT);
  const data = await gql(
    origin,
    token,
    `query($id: ID!) { node(id: $id) { ... on Transfer { status subscriptions { transactingPartner { name } } } } }`,
    {
      id: transferUrl.split("/").pop(),
    },
  );
  assert.equal(data.node.status, "COMPLETED");
  assert.deepEqual(
    data.node.subscriptions.map((s) => s.transactingPartner.name),
    ["First Up Consultants"],
  );
  await target.context.close();
  await source.context.close();
});

test("a form shows the server's userError beside its field", async ({ browser, origin }) => {
  const { page, context } = await signedInPage(browser, origin, PROVIDER);
  await page.goto("/resellers");
  const field = page.getByLabel("Reseller's Partner ID");
  await field.fill("9999999");
  await page.getByRole("button", { name: "Send invitation" }).click();
  // The error is rendered beside the control and linked to it (aria-describedby), with the field marked invalid.
  await page.getByText(/No indirect reseller has this Partner ID/).waitFor();
  assert.equal(await field.getAttribute("aria-invalid"), "true");
  const description = await field.evaluate((el) =>
    (el.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" "),
  );
  assert.match(description, /No indirect reseller has this Partner ID/);
  await screenshot(page, "10-form-user-error");
  await context.close();
});

test("the Portuguese switch translates the interface and the reasons from the API", async ({ browser, origin }) => {
  const { page, context } = await signedInPage(browser, origin, RESELLER);
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).waitFor();
  await screenshot(page, "11-reseller-dashboard");
  await page.getByRole("combobox", { name: "Language" }).selectOption("pt-PT");
  await page.getByRole("navigation", { name: "Principal" }).getByRole("link", { name: "Clientes" }).waitFor();
  await page.getByRole("navigation", { name: "Principal" }).getByRole("link", { name: "Subscrições" }).click();
  await page.waitForURL(/\/subscriptions/);
  // A reseller may not cancel (R22): the reason comes back from the API in Portuguese.
  await page.goto("/subscriptions?action=CANCEL");
  const why = page.getByRole("button", { name: /Porquê|Motivo/ }).first();
  await why.click();
  await page
    .getByText(/INDIRECT_RESELLER_MUST_USE_PROVIDER/)
    .first()
    .waitFor();
  const reason = await page.locator(".reason-blocking").first().textContent();
  assert.match(reason ?? "", /fornecedor/i);
  await screenshot(page, "12-subscriptions-pt-PT");
  const html = await page.evaluate(() => document.documentElement.lang);
  assert.equal(html, "pt-PT");
  await context.close();
});

test("screens stay usable at 390px", async ({ browser, origin }) => {
  const { page, context } = await signedInPage(browser, origin, PROVIDER, { width: 390, height: 844 });
  for (const [path, name] of [
    ["/", "13-mobile-dashboard"],
    ["/customers", "14-mobile-customers"],
    ["/transfers", "15-mobile-transfers"],
  ]) {
    await page.goto(path);
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    await page.waitForLoadState("networkidle");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 2, `${path} scrolls sideways by ${overflow}px at 390px`);
    await screenshot(page, name);
  }
  await context.close();
});

test("a reseller asks its provider to order and the provider fulfils it", async ({ browser, origin }) => {
  // The reseller (Wingtip Toys IT) cannot order itself (R22): it asks Trey Research from the customer page.
  const reseller = await signedInPage(browser, origin, RESELLER);
  await reseller.page.goto("/customers?q=Contoso");
  await reseller.page
    .getByRole("link", { name: /Contoso Ltd\./ })
    .filter({ visible: true })
    .first()
    .click();
  await reseller.page.getByRole("heading", { level: 1, name: /Contoso Ltd\./ }).waitFor();
  await reseller.page.getByRole("button", { name: "Order subscription" }).click();
  const ask = reseller.page.getByRole("form", { name: "Ask your provider to order" });
  await ask.getByLabel("Offer", { exact: true }).selectOption("CFQ7TTC0LFLZ:0002");
  await ask.getByLabel("Quantity").fill("25");
  await ask.getByLabel("Note to your provider").fill("E5 for the new Lisbon office");
  await ask.getByRole("button", { name: "Send request" }).click();
  const sent = reseller.page.getByRole("status").filter({ hasText: "Request sent to Trey Research Distribution" });
  await sent.getByText(/order Microsoft 365 E5 \(25\)/).waitFor();
  // The provider's own decision comes back with the request: it will be able to order.
  await sent.getByText("Allowed", { exact: true }).waitFor();
  await screenshot(reseller.page, "16-reseller-asks-provider");

  // The provider sees it from its dashboard, follows "Do it" to the prefilled order form, orders, marks it fulfilled.
  const provider = await signedInPage(browser, origin, PROVIDER);
  await provider.page.goto("/");
  await provider.page.getByRole("link", { name: /Requests from resellers/ }).click();
  await provider.page.waitForURL(/\/requests\?direction=RECEIVED&status=OPEN/);
  const row = provider.page.getByTestId("request-row").filter({ hasText: "E5 for the new Lisbon office" });
  await row.getByText("From Wingtip Toys IT").waitFor();
  await row.getByRole("link", { name: /^Do it/ }).click();
  await provider.page.waitForURL(/\/customers\/[^/?]+\?panel=order&request=/);
  const order = provider.page.getByRole("form", { name: "Order a CSP subscription" });
  assert.equal(await order.getByLabel("Offer id").inputValue(), "CFQ7TTC0LFLZ:0002");
  assert.equal(await order.getByLabel("Quantity").inputValue(), "25");
  await order.getByText("Order: Allowed").waitFor();
  const resellerOfRecord = order.getByLabel("Reseller of record");
  assert.match(await resellerOfRecord.evaluate((el) => el.selectedOptions[0]?.textContent ?? ""), /Wingtip Toys IT/);
  await order.getByRole("button", { name: "Order", exact: true }).click();
  await provider.page.getByText("Microsoft 365 E5 was ordered.").waitFor();
  const banner = provider.page.getByRole("region", { name: /Request from Wingtip Toys IT/ });
  await banner.getByRole("button", { name: /^Mark fulfilled/ }).click();
  await banner.getByRole("button", { name: "Yes, mark fulfilled" }).click();
  await banner.getByText(/^Marked fulfilled for Contoso Ltd\./).waitFor();
  await banner.getByText("Fulfilled", { exact: true }).waitFor();
  await screenshot(provider.page, "17-provider-fulfils-request");

  // The reseller sees the answer, and the subscription names it as reseller of record.
  const token = await demoToken(origin, RESELLER);
  const sentRequests = await gql(
    origin,
    token,
    `{ providerRequests(filter: { direction: SENT, status: [FULFILLED] }, first: 20) {
         nodes { offerName quantity note customer { id } } } }`,
  );
  const fulfilled = sentRequests.providerRequests.nodes.find((r) => r.note === "E5 for the new Lisbon office");
  assert.deepEqual([fulfilled?.offerName, fulfilled?.quantity], ["Microsoft 365 E5", 25]);
  const customerSubs = await gql(
    origin,
    token,
    `query($customerId: String!) { subscriptions(first: 100, filter: { customerId: $customerId }) {
       nodes { offerName quantity status resellerOfRecord { name } } } }`,
    { customerId: fulfilled.customer.id },
  );
  assert.ok(
    customerSubs.subscriptions.nodes.some(
      (s) =>
        s.offerName === "Microsoft 365 E5" &&
        s.quantity === 25 &&
        s.status === "ACTIVE" &&
        s.resellerOfRecord?.name === "Wingtip Toys IT",
    ),
    "the ordered subscription names Wingtip Toys IT as reseller of record",
  );
  await reseller.page.goto("/requests?direction=SENT&status=FULFILLED");
  await reseller.page
    .getByTestId("request-row")
    .filter({ hasText: "E5 for the new Lisbon office" })
    .getByText("Fulfilled", { exact: true })
    .waitFor();
  await reseller.context.close();
  await provider.context.close();
});

const server = await startServer();
const browser = await launchBrowser();
let passed = 0;
let failed = 0;
for (const { name, fn } of tests) {
  const started = Date.now();
  try {
    await fn({ browser, origin: server.origin });
    passed++;
    console.log(`✓ ${name} (${Date.now() - started} ms)`);
  } catch (err) {
    failed++;
    // Keep what the browser showed: every page still open after the failure.
    let shot = 0;
    for (const context of browser.contexts()) {
      for (const page of context.pages()) {
        await screenshot(page, `FAILED-${tests.findIndex((t) => t.name === name) + 1}-${++shot}`).catch(
          () => undefined,
        );
        console.log(`  page ${shot}: ${page.url()}`);
      }
      await context.close();
    }
    console.log(
      `✗ ${name}\n  ${(err instanceof Error ? err.message : String(err)).split("\n").slice(0, 8).join("\n  ")}`,
    );
  }
}
await browser.close();
await server.stop();
if (failed) console.log(`server log (tail):\n${server.log().split("\n").slice(-20).join("\n")}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
