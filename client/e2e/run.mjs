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
  await page.getByRole("searchbox").first().fill("Contoso");
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
