import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifiedIdentity } from "../../server/src/auth/oidc";
import { PartnerType, UserRole } from "../../server/src/domain/enums";
import { User } from "../../server/src/modules/user/user.entity";
import { UserSession } from "../../server/src/http/session.entity";
import type { World } from "../../server/src/scenarios/world";
import { startLocalProvider, type LocalProvider } from "../oidc/local-provider.mjs";
import { startTestServer, type TestServer } from "./harness";
import { partner } from "./mutation-helpers";
import { freePort, go, Jar, location } from "./oidc-browser";

// Sign-in with OpenID Connect end to end, against a real OpenID Provider (oidc-provider) started here: the login
// redirect with PKCE, the provider's login and consent forms, the callback, the session cookie, GraphQL through the
// cookie with and without the CSRF header, sign-out, and the refusals (unknown, deactivated, another tenant's
// account with a user's e-mail, a tampered state or issuer, a flow that expired).

const TID_A = "6a0c4f1e-0000-4000-8000-00000000000a";
const TID_OTHER = "6a0c4f1e-0000-4000-8000-0000000000ff";
// A reseller's tenant: its users sign in to the indirect provider's deployment too.
const TID_B = "6a0c4f1e-0000-4000-8000-00000000000b";
const ALICE = "alice@oidc-a.example";
const BOB = "bob@oidc-a.example";
const CAROL = "carol@oidc-a.example";
const DAVE = "dave@oidc-b.example";

const world: World = {
  partners: [
    partner("pa", "1730001", [PartnerType.INDIRECT_PROVIDER], { tenantId: TID_A }),
    partner("pb", "1730002", [PartnerType.INDIRECT_RESELLER], { tenantId: TID_B }),
  ],
  partnerships: [],
  customers: [],
  relationships: [],
  subscriptions: [],
  transfers: [],
  users: [
    { partner: "pa", email: ALICE, displayName: "Alice", role: UserRole.GLOBAL_ADMIN },
    { partner: "pa", email: BOB, displayName: "Bob", role: UserRole.SALES_AGENT },
    { partner: "pa", email: CAROL, displayName: "Carol", role: UserRole.HELPDESK_AGENT },
    { partner: "pb", email: DAVE, displayName: "Dave", role: UserRole.GLOBAL_ADMIN },
  ],
};

/** Accounts at the provider (login name → claims). */
const ACCOUNTS = {
  alice: { tid: TID_A, oid: "oid-alice", email: ALICE },
  // The same Entra object later, with its e-mail changed: still Alice, by (tid, oid).
  "alice-renamed": { tid: TID_A, oid: "oid-alice", email: "alice.new@elsewhere.example" },
  stranger: { tid: TID_A, oid: "oid-stranger", email: "stranger@oidc-a.example" },
  // Bob's e-mail in another tenant: must not bind Bob.
  mallory: { tid: TID_OTHER, oid: "oid-mallory", email: BOB },
  carol: { tid: TID_A, oid: "oid-carol", email: CAROL },
  dave: { tid: TID_B, oid: "oid-dave", email: DAVE },
};

describe("OpenID Connect sign-in (oidc-provider)", () => {
  let t: TestServer;
  let provider: LocalProvider;
  let origin: string;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    provider = await startLocalProvider({
      clients: [
        { clientId: "cg-test", clientSecret: "cg-test-secret", redirectUris: [`${origin}/auth/oidc/callback`] },
      ],
      accounts: ACCOUNTS,
    });
    t = await startTestServer(world, {
      config: {
        // As in production: the sign-in events' request ids come from the route, not the SQL counter's context.
        countSql: false,
        port,
        oidc: { issuer: provider.issuer, clientId: "cg-test", clientSecret: "cg-test-secret", allowHttp: true },
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  /**
   * Starts at /auth/oidc/login, signs in at the provider as `login` (its login form, then its consent form) and
   * stops at the provider's redirect back to our callback, which is returned unvisited.
   */
  async function toCallback(
    jar: Jar,
    login: string,
    returnTo = "/customers",
  ): Promise<{ callback: string; authorize: URL }> {
    const start = await go(jar, `${origin}/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`);
    expect(start.status).toBe(303);
    const authorize = new URL(location(start, origin));
    let url = authorize.href;
    for (let hops = 0; hops < 12; hops++) {
      if (url.startsWith(`${origin}/auth/oidc/callback`)) return { callback: url, authorize };
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

  async function signIn(login: string): Promise<{ jar: Jar; res: Response }> {
    const jar = new Jar();
    const { callback } = await toCallback(jar, login);
    return { jar, res: await go(jar, callback) };
  }

  const session = async (jar: Jar) =>
    (await (await go(jar, `${origin}/auth/session`)).json()) as {
      user: { email: string } | null;
      csrfToken: string | null;
      signIn: { oidc: boolean; demo: boolean; customerOidc: boolean };
    };

  const viewerEmail = async (jar: Jar, headers: Record<string, string>) => {
    const res = await go(jar, `${origin}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query: "{ viewer { user { email } } }" }),
    });
    const body = (await res.json()) as {
      data?: { viewer: { user: { email: string } } | null };
      errors?: { extensions?: { code?: string } }[];
    };
    return {
      status: res.status,
      email: body.data?.viewer?.user.email ?? null,
      code: body.errors?.[0]?.extensions?.code,
    };
  };

  it("redirects to the provider with PKCE (S256), state and nonce, and keeps the flow in an httpOnly cookie", async () => {
    const jar = new Jar();
    const start = await go(jar, `${origin}/auth/oidc/login`);
    expect(start.status).toBe(303);
    const target = new URL(location(start, origin));
    expect(target.origin).toBe(provider.issuer);
    expect(target.searchParams.get("client_id")).toBe("cg-test");
    expect(target.searchParams.get("response_type")).toBe("code");
    expect(target.searchParams.get("redirect_uri")).toBe(`${origin}/auth/oidc/callback`);
    expect(target.searchParams.get("code_challenge_method")).toBe("S256");
    expect(target.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(target.searchParams.get("state")).toBeTruthy();
    expect(target.searchParams.get("nonce")).toBeTruthy();
    const flow = start.headers.getSetCookie().find((c) => c.startsWith("cg_oidc_flow="))!;
    expect(flow).toMatch(/HttpOnly/);
    expect(flow).toMatch(/SameSite=Lax/);
    expect(flow).toMatch(/Path=\/auth\/oidc/);
    // The verifier itself never leaves the server in the clear to the provider.
    expect(target.href).not.toContain("verifier");
  });

  it("binds an invited user by e-mail, signs them in with a session cookie, then finds them by (tid, oid)", async () => {
    const users = t.app.dataSource.getRepository(User);
    expect((await users.findOneByOrFail({ email: ALICE })).oidcObjectId).toBeNull();
    const { jar, res } = await signIn("alice");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/customers");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("cg_session="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/); // not production: plain http on 127.0.0.1
    const alice = await users.findOneByOrFail({ email: ALICE });
    expect([alice.oidcTenantId, alice.oidcObjectId]).toEqual([TID_A, "oid-alice"]);
    const s = await session(jar);
    expect(s.user?.email).toBe(ALICE);
    expect(s.signIn).toEqual({ oidc: true, demo: true, customerOidc: false });
    expect(await viewerEmail(jar, { "x-csrf-token": s.csrfToken! })).toMatchObject({ status: 200, email: ALICE });
    // The account's e-mail changed at the provider: the binding (tid, oid) still names Alice.
    const again = await signIn("alice-renamed");
    expect(again.res.status).toBe(303);
    expect((await session(again.jar)).user?.email).toBe(ALICE);
  });

  it("refuses cookie-authenticated GraphQL without the CSRF token, with a wrong one, or from another origin", async () => {
    const { jar } = await signIn("alice");
    const { csrfToken } = await session(jar);
    const missing = await viewerEmail(jar, {});
    expect(missing).toMatchObject({ status: 403, email: null, code: "CSRF_REFUSED" });
    const wrong = await viewerEmail(jar, { "x-csrf-token": `${csrfToken!.slice(0, -2)}xx` });
    expect(wrong).toMatchObject({ status: 403, code: "CSRF_REFUSED" });
    const foreign = await viewerEmail(jar, { "x-csrf-token": csrfToken!, origin: "https://evil.example" });
    expect(foreign).toMatchObject({ status: 403, code: "CSRF_REFUSED" });
    expect(await viewerEmail(jar, { "x-csrf-token": csrfToken!, origin })).toMatchObject({ status: 200, email: ALICE });
    // Another session's token does not fit this one.
    const other = await signIn("alice");
    const otherToken = (await session(other.jar)).csrfToken!;
    expect(otherToken).not.toBe(csrfToken);
    expect(await viewerEmail(jar, { "x-csrf-token": otherToken })).toMatchObject({ status: 403 });
    // The CSV export (a fetch from the app, not a plain link) is under the same rule.
    const csv = `${origin}/export/audit-events.csv`;
    expect((await go(jar, csv)).status).toBe(403);
    const exported = await go(jar, csv, { headers: { "x-csrf-token": csrfToken! } });
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toMatch(/text\/csv/);
    // Bearer tokens keep working for tools, with no CSRF header.
    const res = await fetch(t.app.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await t.tokenFor("pa")}` },
      body: JSON.stringify({ query: "{ viewer { user { email } } }" }),
    });
    expect(res.status).toBe(200);
  });

  it("signs out: the session row is gone, the cookie cleared, and the old cookie signs nobody in", async () => {
    const { jar } = await signIn("alice");
    const { csrfToken } = await session(jar);
    const secret = jar.get(origin, "cg_session")!;
    const sessions = t.app.dataSource.getRepository(UserSession);
    const before = await sessions.count();
    // Without the CSRF header another site could sign the user out: refused.
    expect((await go(jar, `${origin}/auth/logout`, { method: "POST" })).status).toBe(403);
    const out = await go(jar, `${origin}/auth/logout`, { method: "POST", headers: { "x-csrf-token": csrfToken! } });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().some((c) => /^cg_session=;/.test(c) && /Max-Age=0/.test(c))).toBe(true);
    expect(await sessions.count()).toBe(before - 1);
    expect((await session(jar)).user).toBeNull();
    // Replaying the old cookie (and its CSRF token): anonymous now.
    const replay = new Jar();
    const res = await fetch(t.app.url, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `cg_session=${secret}`, "x-csrf-token": csrfToken! },
      body: JSON.stringify({ query: "{ viewer { user { email } } }" }),
    });
    replay.store(t.app.url, res);
    const body = (await res.json()) as { data?: { viewer: unknown } };
    expect(body.data?.viewer ?? null).toBeNull();
  });

  it("signs in a user of a second partner's tenant, bound by (tid, oid) to that partner", async () => {
    const { jar, res } = await signIn("dave");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/customers");
    const dave = await t.app.dataSource.getRepository(User).findOneByOrFail({ email: DAVE });
    expect([dave.oidcTenantId, dave.oidcObjectId]).toEqual([TID_B, "oid-dave"]);
    expect((await session(jar)).user?.email).toBe(DAVE);
  });

  it("refuses an account no user is bound to or invited as: no session", async () => {
    const { jar, res } = await signIn("stranger");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/signin?error=UNKNOWN_USER");
    expect(jar.get(origin, "cg_session")).toBeUndefined();
    expect((await session(jar)).user).toBeNull();
  });

  it("does not bind a user by e-mail from another tenant", async () => {
    const { res } = await signIn("mallory");
    expect(res.headers.get("location")).toBe("/signin?error=UNKNOWN_USER");
    const bob = await t.app.dataSource.getRepository(User).findOneByOrFail({ email: BOB });
    expect(bob.oidcObjectId).toBeNull();
  });

  it("refuses a deactivated user, before and after binding", async () => {
    const users = t.app.dataSource.getRepository(User);
    await users.update({ email: CAROL }, { deactivatedAt: new Date() });
    expect((await signIn("carol")).res.headers.get("location")).toBe("/signin?error=DEACTIVATED");
    // Bound, then deactivated: the live session stops at once, and the next sign-in is refused.
    await users.update({ email: CAROL }, { deactivatedAt: null });
    const { jar } = await signIn("carol");
    const { csrfToken } = await session(jar);
    expect(await viewerEmail(jar, { "x-csrf-token": csrfToken! })).toMatchObject({ email: CAROL });
    await users.update({ email: CAROL }, { deactivatedAt: new Date() });
    expect((await session(jar)).user).toBeNull();
    expect((await signIn("carol")).res.headers.get("location")).toBe("/signin?error=DEACTIVATED");
  });

  it("refuses a tampered state, a callback claiming another issuer, and a flow without its cookie", async () => {
    const tamperedState = new Jar();
    const a = await toCallback(tamperedState, "alice");
    const url = new URL(a.callback);
    url.searchParams.set("state", `${url.searchParams.get("state")}x`);
    const res = await go(tamperedState, url.href);
    expect(res.headers.get("location")).toBe("/signin?error=SIGN_IN_FAILED");
    expect(tamperedState.get(origin, "cg_session")).toBeUndefined();

    const wrongIssuer = new Jar();
    const b = await toCallback(wrongIssuer, "alice");
    const forged = new URL(b.callback);
    expect(forged.searchParams.get("iss")).toBe(provider.issuer); // RFC 9207: the provider names itself
    forged.searchParams.set("iss", "https://login.evil.example/v2.0");
    const res2 = await go(wrongIssuer, forged.href);
    expect(res2.headers.get("location")).toBe("/signin?error=SIGN_IN_FAILED");
    expect(wrongIssuer.get(origin, "cg_session")).toBeUndefined();

    const noFlow = new Jar();
    const c = await toCallback(noFlow, "alice");
    noFlow.delete(origin, "cg_oidc_flow");
    const res3 = await go(noFlow, c.callback);
    expect(res3.headers.get("location")).toBe("/signin?error=SIGN_IN_EXPIRED");
    expect(noFlow.get(origin, "cg_session")).toBeUndefined();
  });

  it("keeps the return path inside the app", async () => {
    const jar = new Jar();
    const { callback } = await toCallback(jar, "alice", "//evil.example/x");
    const res = await go(jar, callback);
    expect(res.headers.get("location")).toBe("/");
  });

  it("the demo sign-in sets the same session cookie", async () => {
    const jar = new Jar();
    const res = await go(jar, `${origin}/auth/demo-login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: BOB }),
    });
    expect(res.status).toBe(200);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    expect(jar.get(origin, "cg_session")).toBeTruthy();
    expect(await viewerEmail(jar, { "x-csrf-token": csrfToken })).toMatchObject({ status: 200, email: BOB });
  });

  it("writes sign-ins, refusals with their reason and sign-outs to the partner's audit log, never a secret", async () => {
    // One more sign-in and sign-out whose secrets we hold, on top of the tests above.
    const { jar, res } = await signIn("alice");
    const callbackUrl = res.url;
    const { csrfToken } = await session(jar);
    const secret = jar.get(origin, "cg_session")!;
    expect(
      (await go(jar, `${origin}/auth/logout`, { method: "POST", headers: { "x-csrf-token": csrfToken! } })).status,
    ).toBe(204);

    // Carol is deactivated (above): the demo sign-in refuses her too, with the reason in her partner's log.
    const demo = await fetch(`${origin}/auth/demo-login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: CAROL }),
    });
    expect([demo.status, demo.headers.getSetCookie()]).toEqual([403, []]);
    type Event = {
      operation: string;
      outcome: string;
      requestId: string | null;
      actor: { kind: string; name: string | null };
      userErrors: { code: string; message: string }[];
    };
    const LOG = `query ($filter: AuditEventFilter) { auditEvents(filter: $filter, first: 100) {
      nodes { operation outcome requestId actor { kind name } userErrors { code message } } } }`;
    const log = async (as: string, operation: string) => {
      const r = await t.gql<{ auditEvents: { nodes: Event[] } }>(LOG, { filter: { operation } }, { as });
      expect(r.body.errors).toBeUndefined();
      return r.body.data!.auditEvents.nodes;
    };
    const summary = (events: Event[]) =>
      [
        ...new Set(
          events.map((e) => `${e.outcome} ${e.actor.name ?? e.actor.kind} ${e.userErrors[0]?.code ?? ""}`.trim()),
        ),
      ].sort();

    const pa = await log("pa", "oidcSignIn");
    expect(summary(pa)).toEqual([
      `ACCEPTED ${ALICE}`,
      `ACCEPTED ${CAROL}`,
      // stranger@ has no user: the event names the account by tenant and object id, not as a user.
      "REFUSED ANONYMOUS UNKNOWN_USER",
      `REFUSED ${CAROL} DEACTIVATED`,
    ]);
    expect(pa.find((e) => e.userErrors[0]?.code === "UNKNOWN_USER")!.userErrors[0]!.message).toContain("oid-stranger");
    expect(pa.every((e) => e.requestId !== null)).toBe(true);
    // Mallory's account is in a tenant no partner has: nobody's log; Dave's sign-in is partner B's.
    expect(JSON.stringify(pa)).not.toMatch(/oid-mallory|DAVE|oid-dave/i);
    expect(summary(await log("pb", "oidcSignIn"))).toEqual([`ACCEPTED ${DAVE}`]);
    expect(summary(await log("pb", "signOut"))).toEqual([]);
    expect(summary(await log("pa", "signOut"))).toEqual([`ACCEPTED ${ALICE}`]);
    expect(summary(await log("pa", "demoSignIn"))).toEqual([`ACCEPTED ${BOB}`, `REFUSED ${CAROL} DEACTIVATED`]);

    // No session secret, CSRF token, authorization code or flow secret anywhere in the stored events.
    const rows = JSON.stringify(await t.app.dataSource.query("SELECT * FROM audit_event"));
    const code = new URL(callbackUrl || `${origin}/?code=none`).searchParams.get("code");
    for (const s of [secret, csrfToken!, ...(code ? [code] : [])]) expect(rows).not.toContain(s);
    expect(rows).not.toMatch(/verifier|nonce|cg_session|cg_oidc_flow/);
  });
});

describe("partner sign-in: the ID token's issuer, single-tenant and multi-tenant", () => {
  // Entra's `organizations` (or `common`) authority publishes this issuer template in its discovery document.
  const TEMPLATE = "https://login.microsoftonline.com/{tenantid}/v2.0";
  const issuerOf = (tid: string) => `https://login.microsoftonline.com/${tid}/v2.0`;

  it("through the multi-tenant authority, takes a user of any tenant whose iss is that tenant's issuer", () => {
    expect(verifiedIdentity(TEMPLATE, { iss: issuerOf(TID_B), tid: TID_B, oid: "oid-dave", email: DAVE })).toEqual({
      tenantId: TID_B,
      objectId: "oid-dave",
      email: DAVE,
    });
    expect(verifiedIdentity(TEMPLATE, { iss: issuerOf(TID_A), tid: TID_A, oid: "oid-alice" })).toMatchObject({
      tenantId: TID_A,
    });
  });

  it("refuses a token whose iss names another tenant than its tid, or the template itself, or no tid", () => {
    expect(verifiedIdentity(TEMPLATE, { iss: issuerOf(TID_A), tid: TID_B, oid: "oid-dave" })).toBeNull();
    expect(verifiedIdentity(TEMPLATE, { iss: issuerOf(TID_B), tid: TID_A, oid: "oid-alice" })).toBeNull();
    expect(verifiedIdentity(TEMPLATE, { iss: TEMPLATE, tid: "{tenantid}", oid: "x" })).toBeNull();
    expect(verifiedIdentity(TEMPLATE, { iss: "https://login.evil.example/x/v2.0", tid: "x", oid: "x" })).toBeNull();
    expect(verifiedIdentity(TEMPLATE, { iss: issuerOf(TID_B), oid: "oid-dave" })).toBeNull();
  });

  it("keeps the exact-issuer check for a single tenant's issuer", () => {
    const single = issuerOf(TID_A);
    expect(verifiedIdentity(single, { iss: single, tid: TID_A, oid: "oid-alice" })).toMatchObject({ tenantId: TID_A });
    // Another tenant's token, even with its own tenant's issuer, does not pass a single-tenant deployment.
    expect(verifiedIdentity(single, { iss: issuerOf(TID_B), tid: TID_B, oid: "oid-dave" })).toBeNull();
    expect(verifiedIdentity("http://127.0.0.1:1", { iss: "http://127.0.0.1:1", tid: TID_A, oid: "o" })).not.toBeNull();
  });
});

describe("sign-in routes under the anonymous rate limit", () => {
  it("count per address: the fourth call in a minute with a budget of 3 is refused with 429", async () => {
    const t = await startTestServer(world, { config: { rateLimitPerMinute: 100, anonymousRateLimitPerMinute: 3 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`${t.app.origin}/auth/session`)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await t.close();
    }
  });
});
