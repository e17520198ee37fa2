import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GLOBAL_ADMIN_ROLE_TEMPLATE_ID } from "../../server/src/auth/customer-admin-token";
import { customerAdminOf, issuerMatchesTenant } from "../../server/src/auth/customer-oidc";
import { loadConfig } from "../../server/src/config";
import { PartnerType, RelationshipStatus, UserRole } from "../../server/src/domain/enums";
import { CustomerRelationship } from "../../server/src/modules/customer/customer-relationship.entity";
import type { World } from "../../server/src/scenarios/world";
import { startLocalProvider, type LocalProvider } from "../oidc/local-provider.mjs";
import { startTestServer, type TestServer } from "./harness";
import { customer, partner } from "./mutation-helpers";
import { freePort, go, Jar, location } from "./oidc-browser";

// A customer tenant's global admin signs in with OpenID Connect (auth/customer-oidc.ts) to accept a relationship
// request, against a real OpenID Provider started here: the right tenant's global admin gets a customer-admin
// session in the accept page's fragment and accepts with it; another tenant's account, an account without the
// Global Administrator role, and a tampered state are refused with a page, and nothing is issued nor accepted.

const TID_PARTNER = "7b1d0000-0000-4000-8000-0000000000aa";
const TID_CUSTOMER = "7b1d0000-0000-4000-8000-0000000000c1";
const TID_OTHER = "7b1d0000-0000-4000-8000-0000000000ff";
const ADMIN = "admin@pa-oidc.example";
const HELPDESK_ROLE = "729827e3-9c14-49f7-bb1b-9608f156bbb8";

const world: World = {
  partners: [partner("pa", "1740001", [PartnerType.DIRECT_BILL], { tenantId: TID_PARTNER })],
  partnerships: [],
  customers: [customer("Fabrikam", { tenantId: TID_CUSTOMER })],
  relationships: [],
  subscriptions: [],
  transfers: [],
  users: [{ partner: "pa", email: ADMIN, displayName: "Admin", role: UserRole.GLOBAL_ADMIN }],
};

const ACCOUNTS = {
  ga: { tid: TID_CUSTOMER, oid: "oid-ga", email: "ga@fabrikam.onmicrosoft.com", wids: [GLOBAL_ADMIN_ROLE_TEMPLATE_ID] },
  helpdesk: { tid: TID_CUSTOMER, oid: "oid-hd", email: "hd@fabrikam.onmicrosoft.com", wids: [HELPDESK_ROLE] },
  "other-ga": { tid: TID_OTHER, oid: "oid-o", email: "ga@other.example", wids: [GLOBAL_ADMIN_ROLE_TEMPLATE_ID] },
};

describe("customer global admin sign-in with OpenID Connect (oidc-provider)", () => {
  let t: TestServer;
  let provider: LocalProvider;
  let origin: string;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    provider = await startLocalProvider({
      clients: [
        {
          clientId: "cg-customers",
          clientSecret: "cg-customers-secret",
          redirectUris: [`${origin}/auth/oidc/customer/callback`],
        },
      ],
      accounts: ACCOUNTS,
    });
    t = await startTestServer(world, {
      config: {
        port,
        customerOidc: {
          issuer: provider.issuer,
          clientId: "cg-customers",
          clientSecret: "cg-customers-secret",
          allowHttp: true,
        },
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  /** A fresh request to Fabrikam by the partner's admin: its acceptance link's token. */
  async function newLink(): Promise<string> {
    await t.app.dataSource.getRepository(CustomerRelationship).createQueryBuilder().delete().execute();
    const res = await t.gql<{ r: { acceptanceUrl: string | null; userErrors: unknown[] } }>(
      `mutation ($input: RequestRelationshipInput!) { r: requestCustomerRelationship(input: $input) {
        acceptanceUrl userErrors { code field message } } }`,
      { input: { customerDomain: "fabrikam.onmicrosoft.com" } },
      { email: ADMIN },
    );
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
    expect(res.body.data!.r.userErrors).toEqual([]);
    return new URL(res.body.data!.r.acceptanceUrl!, origin).searchParams.get("token")!;
  }

  /** From /auth/oidc/customer/login to the provider's redirect back to our callback (returned unvisited). */
  async function toCallback(jar: Jar, link: string, login: string): Promise<string> {
    const start = await go(jar, `${origin}/auth/oidc/customer/login?link=${encodeURIComponent(link)}`);
    expect(start.status).toBe(303);
    let url = location(start, origin);
    expect(new URL(url).origin).toBe(provider.issuer);
    for (let hops = 0; hops < 12; hops++) {
      if (url.startsWith(`${origin}/auth/oidc/customer/callback`)) return url;
      const page = await go(jar, url);
      if (page.status === 303 || page.status === 302) {
        url = location(page, url);
        continue;
      }
      const html = await page.text();
      expect(page.status, html.slice(0, 300)).toBe(200);
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      const body =
        prompt === "login"
          ? new URLSearchParams({ prompt, login, password: "any" })
          : new URLSearchParams({ prompt: "consent" });
      const submitted = await go(jar, url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: body.toString(),
      });
      expect([302, 303]).toContain(submitted.status);
      url = location(submitted, url);
    }
    throw new Error("the provider never redirected back");
  }

  async function accept(token: string, customerAdminToken: string) {
    const res = await t.gql<{ r: { acceptedCount: number | null; userErrors: { code: string }[] } }>(
      `mutation ($input: AcceptRelationshipInput!) { r: acceptCustomerRelationship(input: $input) {
        acceptedCount userErrors { code } } }`,
      { input: { token, customerAdminToken } },
    );
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
    return res.body.data!.r;
  }

  const statusOfRequest = async () =>
    (await t.app.dataSource.getRepository(CustomerRelationship).find()).map((r) => r.status);

  async function expectRefused(res: Response, reason: string) {
    expect(res.status).toBe(403);
    expect(res.headers.get("location")).toBeNull();
    const html = await res.text();
    expect(html).toContain(`data-reason="${reason}"`);
    expect(html).not.toMatch(/session=/);
    expect(await statusOfRequest()).toEqual([RelationshipStatus.REQUESTED]);
  }

  it("the session endpoint says the customer sign-in is on", async () => {
    const res = await fetch(`${origin}/auth/session`);
    expect(((await res.json()) as { signIn: Record<string, boolean> }).signIn.customerOidc).toBe(true);
  });

  it("the customer's global admin signs in and accepts with the session the accept page receives", async () => {
    const link = await newLink();
    const jar = new Jar();
    const res = await go(jar, await toCallback(jar, link, "ga"));
    expect(res.status).toBe(303);
    const target = new URL(res.headers.get("location")!, origin);
    expect(target.origin).toBe(origin);
    expect(target.pathname).toBe("/relationships/accept");
    expect(target.searchParams.get("token")).toBe(link);
    // The session travels in the fragment only (never sent to a server), with the admin's sign-in name.
    expect(target.search).not.toContain("session");
    const fragment = new URLSearchParams(target.hash.slice(1));
    expect(fragment.get("upn")).toBe("ga@fabrikam.onmicrosoft.com");
    const session = fragment.get("session")!;
    expect(session.split(".")).toHaveLength(3);
    expect(await accept(link, session)).toEqual({ acceptedCount: 1, userErrors: [] });
    const accepted = await t.app.dataSource.getRepository(CustomerRelationship).find();
    expect(accepted.map((r) => [r.status, r.acceptedBy])).toEqual([
      [RelationshipStatus.ACTIVE, "ga@fabrikam.onmicrosoft.com"],
    ]);
  });

  it("refuses a global admin of another tenant than the link's customer", async () => {
    const link = await newLink();
    const jar = new Jar();
    await expectRefused(await go(jar, await toCallback(jar, link, "other-ga")), "WRONG_TENANT");
  });

  it("refuses a user of the customer's tenant without the Global Administrator role", async () => {
    const link = await newLink();
    const jar = new Jar();
    await expectRefused(await go(jar, await toCallback(jar, link, "helpdesk")), "NOT_GLOBAL_ADMIN");
  });

  it("refuses a tampered state, and a callback without the flow's cookie", async () => {
    const link = await newLink();
    const jar = new Jar();
    const callback = new URL(await toCallback(jar, link, "ga"));
    callback.searchParams.set("state", `${callback.searchParams.get("state")}x`);
    await expectRefused(await go(jar, callback.href), "SIGN_IN_FAILED");
    const fresh = new Jar();
    const other = await toCallback(fresh, link, "ga");
    await expectRefused(await go(new Jar(), other), "SIGN_IN_EXPIRED");
  });

  it("does not start for an unknown link", async () => {
    const res = await go(new Jar(), `${origin}/auth/oidc/customer/login?link=${"x".repeat(32)}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('data-reason="LINK_INVALID"');
  });

  it("the requesting partner's audit log has each customer-admin sign-in: accepted, and refused with its reason", async () => {
    type Event = { outcome: string; actor: { kind: string; name: string | null }; userErrors: { code: string }[] };
    const res = await t.gql<{ auditEvents: { nodes: Event[] } }>(
      `{ auditEvents(first: 100, filter: { operation: "customerAdminOidcSignIn" }) {
        nodes { outcome actor { kind name } userErrors { code } } } }`,
      {},
      { email: ADMIN },
    );
    expect(res.body.errors).toBeUndefined();
    const seen = res.body.data!.auditEvents.nodes.map((e) =>
      `${e.outcome} ${e.actor.kind} ${e.actor.name ?? "-"} ${e.userErrors[0]?.code ?? ""}`.trim(),
    );
    expect([...new Set(seen)].sort()).toEqual([
      "ACCEPTED CUSTOMER_ADMIN ga@fabrikam.onmicrosoft.com",
      // The account of another organisation is not named to the partner; a tampered state names nobody.
      "REFUSED ANONYMOUS - SIGN_IN_FAILED",
      "REFUSED ANONYMOUS - WRONG_TENANT",
      "REFUSED CUSTOMER_ADMIN hd@fabrikam.onmicrosoft.com NOT_GLOBAL_ADMIN",
    ]);
    // A flow without its cookie or an unknown link names no request: the server log only.
    expect(seen.some((e) => /SIGN_IN_EXPIRED|LINK_INVALID/.test(e))).toBe(false);
  });
});

describe("customer sign-in: issuer per tenant and claims", () => {
  const ENTRA = "https://login.microsoftonline.com/{tenantid}/v2.0";
  it("takes the issuer of the tenant the token names, and no other", () => {
    const iss = `https://login.microsoftonline.com/${TID_CUSTOMER}/v2.0`;
    expect(issuerMatchesTenant(ENTRA, { iss, tid: TID_CUSTOMER })).toBe(true);
    expect(issuerMatchesTenant(ENTRA, { iss, tid: TID_OTHER })).toBe(false);
    expect(issuerMatchesTenant(ENTRA, { iss: "https://login.evil.example/x/v2.0", tid: "x" })).toBe(false);
    expect(issuerMatchesTenant(ENTRA, { iss: ENTRA, tid: "{tenantid}" })).toBe(false);
    expect(issuerMatchesTenant("http://127.0.0.1:1", { iss: "http://127.0.0.1:1", tid: TID_CUSTOMER })).toBe(true);
  });
  it("reads the tenant, a sign-in name and the roles", () => {
    expect(customerAdminOf({ tid: TID_CUSTOMER, preferred_username: "a@b.example", wids: ["r", 1] })).toEqual({
      tenantId: TID_CUSTOMER,
      upn: "a@b.example",
      roleTemplateIds: ["r"],
    });
    expect(customerAdminOf({ tid: TID_CUSTOMER })).toBeNull();
    expect(customerAdminOf({ preferred_username: "a@b.example" })).toBeNull();
  });
});

describe("customer sign-in settings", () => {
  const ISSUER = "https://login.microsoftonline.com/organizations/v2.0";
  it("is off by default, on with an issuer and a client id, and refuses half a setting", () => {
    expect(loadConfig({}).customerOidc).toBeNull();
    expect(loadConfig({ OIDC_CUSTOMER_ISSUER: ISSUER, OIDC_CUSTOMER_CLIENT_ID: "cid" }).customerOidc).toEqual({
      issuer: ISSUER,
      clientId: "cid",
      clientSecret: null,
      allowHttp: false,
    });
    expect(() => loadConfig({ OIDC_CUSTOMER_CLIENT_ID: "cid" })).toThrow(/OIDC_CUSTOMER_ISSUER is not/);
    expect(() => loadConfig({ OIDC_CUSTOMER_ISSUER: ISSUER })).toThrow(/needs OIDC_CUSTOMER_CLIENT_ID/);
    // The partner sign-in's settings do not turn it on.
    expect(loadConfig({ OIDC_ISSUER: ISSUER, OIDC_CLIENT_ID: "cid" }).customerOidc).toBeNull();
  });
});
