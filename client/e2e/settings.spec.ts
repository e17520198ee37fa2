import { DEMO, expect, screenshot, test } from "./fixtures";

// Settings → Users and Settings → API tokens (issue 7 items 3–4): a global admin invites a user, creates an API
// token whose secret is shown once, uses it against the API, and revokes it; roles that manage neither see no
// Settings at all.

const VIEWER = "{ viewer { partner { name } } }";

async function callWithToken(origin: string, token: string) {
  const r = await fetch(`${origin}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: VIEWER }),
  });
  return { status: r.status, body: (await r.json()) as { data?: { viewer: { partner: { name: string } } } } };
}

test("a global admin creates an API token, sees the secret once, uses it and revokes it", async ({
  asProvider: page,
  server,
}) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await page.waitForURL(/\/settings\/users/);
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();

  await page.getByRole("button", { name: "Create API token" }).click();
  await page.getByLabel(/^Name/).fill("E2E billing export");
  await page.getByLabel("Access").selectOption("WRITE");
  await page.getByLabel("Expires after").selectOption("30");
  await page.getByRole("button", { name: "Create token" }).click();

  const secretPanel = page.getByTestId("token-secret");
  await expect(secretPanel).toContainText("This is the only time the token E2E billing export is shown");
  const secret = await secretPanel.getByLabel("Token").inputValue();
  expect(secret).toMatch(/^cg_[A-Za-z0-9_-]{43}$/);
  await screenshot(page, "30-api-token-secret");

  // The secret works as a bearer token for a tool.
  const used = await callWithToken(server.origin, secret);
  expect(used.status).toBe(200);
  expect(used.body.data?.viewer.partner.name).toMatch(/Trey Research/);

  await secretPanel.getByRole("button", { name: "I have copied it" }).click();
  await expect(secretPanel).toBeHidden();
  // Shown once: not after a reload either.
  await page.reload();
  const row = page.getByTestId("token-row").filter({ hasText: "E2E billing export" });
  await expect(row).toContainText("Read, Write");
  await expect(row).toContainText("Active");
  await expect(page.getByText(secret)).toHaveCount(0);
  await expect(page.locator(`input[value="${secret}"]`)).toHaveCount(0);
  await screenshot(page, "31-api-tokens");

  await row.getByRole("button", { name: "Revoke E2E billing export" }).click();
  await expect(row).toContainText("Tools using it are refused from their next request");
  await row.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(page.getByText("E2E billing export was revoked.")).toBeVisible();
  await expect(row).toContainText("Revoked");

  const refused = await callWithToken(server.origin, secret);
  expect(refused.body.data).toBeFalsy();
});

test("a global admin invites a user, who then appears in the list; Escape closes the form", async ({
  asProvider: page,
}) => {
  await page.goto("/settings/users");
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();

  const open = page.getByRole("button", { name: "Invite user" });
  await open.click();
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Send invitation" }).click();
  // Both problems in one answer, the first field focused, the errors described on the fields.
  const email = page.getByLabel("Email");
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toBeFocused();
  await expect(page.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await screenshot(page, "32-invite-user-errors");

  await page.keyboard.press("Escape");
  await expect(page.getByLabel("Email")).toBeHidden();
  await expect(open).toBeFocused();

  await open.click();
  const form = page.getByRole("form", { name: "Invite a user" });
  await form.getByLabel("Email").fill("e2e.invitee@treyresearch.example");
  await form.getByLabel("Name").fill("Eve Invitee");
  await form.getByLabel("Role", { exact: true }).selectOption("HELPDESK_AGENT");
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("Eve Invitee was invited as Helpdesk agent.")).toBeVisible();
  await expect(page.getByTestId("user-row").filter({ hasText: "e2e.invitee@treyresearch.example" })).toContainText(
    "Helpdesk agent",
  );
  await screenshot(page, "33-users");
});

test("roles that manage neither users nor tokens see no Settings", async ({ graphqlAs, signIn }) => {
  const { users } = await graphqlAs<{
    users: { nodes: { email: string; role: string; deactivatedAt: string | null }[] };
  }>(DEMO.provider, "{ users(first: 100) { nodes { email role deactivatedAt } } }");
  const helpdesk = users.nodes.find((u) => u.role === "HELPDESK_AGENT" && !u.deactivatedAt);
  expect(helpdesk, "the seed has a helpdesk agent at Trey Research").toBeDefined();
  const page = await signIn(helpdesk!.email);
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Customers" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Settings" })).toHaveCount(0);
  // Typing the address shows why, and no control.
  await page.goto("/settings/api-tokens");
  await expect(page.getByText(/cannot manage API tokens/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Create API token" })).toHaveCount(0);
});
