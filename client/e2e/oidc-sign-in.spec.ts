import { startLocalProvider } from "../../test/oidc/local-provider.mjs";
import { expect, freePort, screenshot, startServer, test } from "./fixtures";

// Sign-in with an organization account in the browser: the built server configured with a real OpenID Provider
// (oidc-provider, started here), its login and consent pages, back to the app with a session cookie; the app's own
// requests carry the CSRF header (the dashboard loads), no token is stored in the page, sign-out ends the session.

const OID = "00000000-0000-4000-8000-0000000e2e01";

/** The seeded provider's Entra tenant id, read through the API (a demo user's token). */
async function treyTenant(origin: string): Promise<string> {
  const login = await fetch(`${origin}/auth/demo-login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@treyresearch.example" }),
  });
  const { token } = (await login.json()) as { token: string };
  const r = await fetch(`${origin}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: "{ viewer { partner { tenantId } } }" }),
  });
  return ((await r.json()) as { data: { viewer: { partner: { tenantId: string } } } }).data.viewer.partner.tenantId;
}

test("an invited user signs in with the OpenID provider, browses, and signs out", async ({ browser }) => {
  // The provider needs the app's callback address, the app the provider's: reserve the app's port first. The
  // accounts are filled once the app can tell the seeded tenant (the provider reads them at sign-in).
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const accounts: Record<string, { tid: string; oid: string; email: string }> = {};
  const provider = await startLocalProvider({
    clients: [{ clientId: "cg-e2e", clientSecret: "cg-e2e-secret", redirectUris: [`${origin}/auth/oidc/callback`] }],
    accounts,
  });
  const server = await startServer({
    port,
    env: { OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: "cg-e2e", OIDC_CLIENT_SECRET: "cg-e2e-secret" },
  });
  const tid = await treyTenant(server.origin);
  accounts.trey = { tid, oid: OID, email: "admin@treyresearch.example" };
  accounts.stranger = { tid, oid: `${OID.slice(0, -1)}2`, email: "nobody@example.com" };
  const context = await browser.newContext({ baseURL: server.origin });
  // The provider keeps its own sign-in per browser: the stranger uses another browser context.
  const other = await browser.newContext({ baseURL: server.origin });
  try {
    const page = await context.newPage();
    await page.goto("/");
    await page.waitForURL(/\/signin$/);
    await page.getByRole("link", { name: "Sign in with your organization account" }).click();
    // The provider's development login form, then its consent form.
    await page.locator('input[name="login"]').fill("trey");
    await page.locator('input[name="password"]').fill("any");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${server.origin}/`);
    await expect(page.getByText(/Subscriptions by channel/i).first()).toBeVisible();
    await screenshot(page, "oidc-01-signed-in");
    const cookies = await context.cookies(server.origin);
    const session = cookies.find((c) => c.name === "cg_session");
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => /token/i.test(k)))).toEqual([]);
    expect(await page.evaluate(() => document.cookie)).not.toContain("cg_session");

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/signin$/);
    expect((await context.cookies(server.origin)).find((c) => c.name === "cg_session")).toBeUndefined();
    await page.goto("/");
    await page.waitForURL(/\/signin$/);

    // An account nobody invited: back on the sign-in page with the reason, still signed out.
    const strangerPage = await other.newPage();
    await strangerPage.goto("/signin");
    await strangerPage.getByRole("link", { name: "Sign in with your organization account" }).click();
    await strangerPage.locator('input[name="login"]').fill("stranger");
    await strangerPage.locator('input[name="password"]').fill("any");
    await strangerPage.getByRole("button", { name: "Sign-in" }).click();
    await strangerPage.getByRole("button", { name: "Continue" }).click();
    await strangerPage.waitForURL(/\/signin\?error=UNKNOWN_USER$/);
    await expect(strangerPage.getByRole("alert")).toContainText("no access to channelgate");
    expect((await other.cookies(server.origin)).find((c) => c.name === "cg_session")).toBeUndefined();
    await screenshot(strangerPage, "oidc-02-unknown-user");
  } finally {
    await other.close();
    await context.close();
    await server.stop();
    await provider.close();
  }
});
