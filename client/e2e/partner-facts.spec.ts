import { DEMO, expect, screenshot, test } from "./fixtures";

// Partner facts channelgate records (issue 8): Partner Center serves no read API for a partner's program status,
// its own MPA signature or an advisor-only standing. The home partner's global admin records its own in Settings →
// Partner facts; a provider's global admin records an active reseller's program status on the reseller page. A
// refused fact shows its error beside the field; a role without the right sees no form (and the API refuses it).
// Each outcome is checked against the API.

const OWN = `{ viewer { partner { id name programStatus mpaSigned recordedFacts factsRecordedBy } } }`;
interface Own {
  viewer: {
    partner: {
      id: string;
      name: string;
      programStatus: string;
      mpaSigned: boolean;
      recordedFacts: string[];
      factsRecordedBy: string | null;
    };
  };
}
const RESELLER = `query($id: ID!) { reseller(id: $id) { status reseller { name programStatus recordedFacts factsRecordedBy } } }`;
interface Reseller {
  reseller: {
    status: string;
    reseller: { name: string; programStatus: string; recordedFacts: string[]; factsRecordedBy: string | null };
  };
}

test("the home partner's global admin records its own facts; a refused fact shows its error beside the field", async ({
  asProvider: page,
  graphqlAs,
}) => {
  const before = (await graphqlAs<Own>(DEMO.provider, OWN)).viewer.partner;
  await page.goto("/settings/users");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Partner facts" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Partner facts" })).toBeVisible();
  await expect(page.getByText(/^Never recorded in channelgate/)).toBeVisible();

  const open = page.getByRole("button", { name: "Record facts" });
  await open.click();
  const form = page.getByRole("form", { name: `Record ${before.name}'s facts` });
  await expect(form.getByRole("combobox", { name: "CSP program status" })).toHaveValue(before.programStatus);

  // An indirect provider transacts in CSP: advisor-only is refused, beside its field, and nothing is recorded.
  const advisor = form.getByRole("checkbox", { name: "Advisor program only (does not transact in CSP)" });
  await advisor.check();
  await form.getByRole("button", { name: "Record" }).click();
  await expect(advisor).toHaveAttribute("aria-invalid", "true");
  await expect(advisor).toBeFocused();
  await expect(form.locator(".field-error[data-code='INVALID_STATE']")).toBeVisible();
  expect((await graphqlAs<Own>(DEMO.provider, OWN)).viewer.partner.recordedFacts).toEqual([]);
  await screenshot(page, "partner-facts-01-refused");

  // Escape closes the form and gives the focus back; opened again, it records.
  await page.keyboard.press("Escape");
  await expect(form).toBeHidden();
  await expect(open).toBeFocused();
  await open.click();
  await form.getByRole("checkbox", { name: "Microsoft Partner Agreement signed" }).uncheck();
  await form.getByRole("button", { name: "Record" }).click();
  await expect(page.getByText(`${before.name}'s facts were recorded.`)).toBeVisible();
  await expect(form).toBeHidden();
  // Only the fact that changed is recorded, with its own provenance.
  await expect(page.getByText(/^Microsoft Partner Agreement signed: Recorded by your organization on /)).toBeVisible();
  await expect(page.getByText(/^CSP program status: Recorded/)).toHaveCount(0);

  const after = (await graphqlAs<Own>(DEMO.provider, OWN)).viewer.partner;
  expect(after).toMatchObject({
    mpaSigned: false,
    programStatus: before.programStatus,
    factsRecordedBy: "YOUR_ORGANIZATION",
  });
  expect(after.recordedFacts).toEqual(["MPA_SIGNED"]);
  await screenshot(page, "partner-facts-02-recorded");
});

test("a provider's global admin records an active reseller's program status; the reseller sees who did", async ({
  asProvider: page,
  signIn,
  graphqlAs,
}) => {
  const reseller = (await graphqlAs<Own>(DEMO.reseller, OWN)).viewer.partner;
  const page0 = (await graphqlAs<Reseller>(DEMO.provider, RESELLER, { id: reseller.id })).reseller;
  expect(page0.status).toBe("ACTIVE");

  await page.goto(`/resellers/${reseller.id}`);
  await expect(page.getByRole("heading", { level: 1, name: reseller.name })).toBeVisible();
  const open = page.getByRole("button", { name: `Record program status of ${reseller.name}` });
  await open.click();
  const form = page.getByRole("form", { name: `Record ${reseller.name}'s program status` });
  // The provider records the status only: the reseller's MPA comes from Partner Center.
  await expect(form.getByRole("checkbox")).toHaveCount(0);
  await form.getByRole("combobox", { name: "CSP program status" }).selectOption("SUSPENDED");
  await form.getByRole("button", { name: "Record" }).click();
  await expect(page.getByText(`The program status of ${reseller.name} was recorded.`)).toBeVisible();
  const status = page.locator("dt", { hasText: "CSP program status" }).locator("xpath=following-sibling::dd");
  await expect(status).toContainText("Suspended · recorded in channelgate");
  await expect(page.getByText(/^CSP program status: Recorded by your organization on /)).toBeVisible();
  await screenshot(page, "partner-facts-03-reseller-status");

  expect((await graphqlAs<Reseller>(DEMO.provider, RESELLER, { id: reseller.id })).reseller.reseller).toMatchObject({
    programStatus: "SUSPENDED",
    recordedFacts: ["PROGRAM_STATUS"],
    factsRecordedBy: "YOUR_ORGANIZATION",
  });

  // The reseller's own global admin sees the status its provider recorded, by a partner it does not name.
  const resellerPage = await signIn(DEMO.reseller);
  await resellerPage.goto("/settings/partner-facts");
  await expect(resellerPage.getByText(/^CSP program status: Recorded by another partner on /)).toBeVisible();
  await expect(
    resellerPage.locator("dt", { hasText: "CSP program status" }).locator("xpath=following-sibling::dd"),
  ).toContainText("Suspended");
});

test("a provider's sales agent sees no form, on the reseller page nor in Settings, and the API refuses it", async ({
  server,
  signIn,
  graphqlAs,
}) => {
  const users = (
    (await (await fetch(`${server.origin}/auth/demo-users`)).json()) as {
      users: { email: string; role: string }[];
    }
  ).users;
  const sales = users.find((u) => u.role === "SALES_AGENT" && u.email.endsWith("@treyresearch.example"))!.email;
  const reseller = (await graphqlAs<Own>(DEMO.reseller, OWN)).viewer.partner;
  const page = await signIn(sales);

  await page.goto(`/resellers/${reseller.id}`);
  await expect(page.getByRole("heading", { level: 1, name: reseller.name })).toBeVisible();
  await expect(page.getByText("CSP program status", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: /Record program status/ })).toHaveCount(0);

  await page.goto("/settings/partner-facts");
  await expect(
    page.getByText("Your role (Sales agent) cannot record partner facts. A global admin can."),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Record facts" })).toHaveCount(0);

  // Hidden is not the guard: the API refuses the call itself.
  await expect(
    graphqlAs(
      sales,
      `mutation($input: RecordPartnerFactsInput!) { recordPartnerFacts(input: $input) { userErrors { code } } }`,
      { input: { partnerId: reseller.id, programStatus: "DEAUTHORIZED" } },
    ),
  ).rejects.toThrow(/FORBIDDEN/);
  expect(
    (await graphqlAs<Reseller>(DEMO.provider, RESELLER, { id: reseller.id })).reseller.reseller.programStatus,
  ).not.toBe("DEAUTHORIZED");
});
