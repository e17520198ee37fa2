import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GLOBAL_ADMIN_ROLE_TEMPLATE_ID as GA } from "../../server/src/auth/customer-admin-token";
import { PartnerType, RelationshipStatus, UserRole } from "../../server/src/domain/enums";
import { CustomerRelationship } from "../../server/src/modules/customer/customer-relationship.entity";
import { AuditEvent } from "../../server/src/modules/audit/audit-event.entity";
import { User } from "../../server/src/modules/user/user.entity";
import { UserSession } from "../../server/src/http/session.entity";
import type { World } from "../../server/src/scenarios/world";
import { startEntraAuthority, type EntraAuthority } from "../oidc/entra-authority.mjs";
import { startTestServer, type TestServer } from "./harness";
import { customer, partner } from "./mutation-helpers";
import { freePort, go, Jar, throughProvider } from "./oidc-browser";

// Issue 7: two Entra tenants, two partners, one multi-tenant deployment (OIDC_ISSUER =
// https://login.microsoftonline.com/organizations/v2.0). Each tenant is a real OpenID Provider (oidc-provider) whose
// issuer is that tenant's `https://login.microsoftonline.com/<tid>/v2.0` (test/oidc/entra-authority.mjs), so every
// ID token below is genuinely signed and openid-client applies its Entra issuer rule as in production. Proven:
// a tenant's user signs into their own partner only; an e-mail or object id of partner B's user presented by
// tenant A binds nothing; a token whose `iss` is not its own `tid`'s issuer is refused; every refusal that names a
// partner is in that partner's audit log with its reason code, and no refusal leaves a session or a changed user.

const TID_A = "7a0c4f1e-0000-4000-8000-00000000000a";
const TID_B = "7a0c4f1e-0000-4000-8000-00000000000b";
const ALICE = "alice@tenant-a.example";
const BOB = "bob@tenant-b.example";
const DAVE = "dave@tenant-b.example";
// A third partner whose tenant id was stored in capitals (as typed from a portal): Entra's `tid` is lower-case.
const TID_C = "7a0c4f1e-0000-4000-8000-00000000000c";
const CAROL = "carol@tenant-c.example";
// A customer's tenant, for the customer admin's sign-in (auth/customer-oidc.ts) through the same authority.
const TID_F = "7a0c4f1e-0000-4000-8000-0000000000f1";
const FABRIKAM_GA = "ga@fabrikam.onmicrosoft.com";

const world: World = {
  partners: [
    partner("pa", "1740001", [PartnerType.DIRECT_BILL], { tenantId: TID_A }),
    partner("pb", "1740002", [PartnerType.DIRECT_BILL], { tenantId: TID_B }),
    partner("pc", "1740003", [PartnerType.DIRECT_BILL], { tenantId: TID_C.toUpperCase() }),
  ],
  partnerships: [],
  customers: [customer("Fabrikam", { tenantId: TID_F })],
  relationships: [],
  subscriptions: [],
  transfers: [],
  users: [
    { partner: "pa", email: ALICE, displayName: "Alice", role: UserRole.GLOBAL_ADMIN },
    { partner: "pb", email: DAVE, displayName: "Dave", role: UserRole.GLOBAL_ADMIN },
    { partner: "pb", email: BOB, displayName: "Bob", role: UserRole.SALES_AGENT },
    { partner: "pc", email: CAROL, displayName: "Carol", role: UserRole.GLOBAL_ADMIN },
  ],
};

/** Accounts by the tenant whose provider signs their tokens (login name → claims). */
const TENANTS = {
  [TID_A]: {
    alice: { tid: TID_A, oid: "oid-alice", email: ALICE },
    // Tenant A's account with the e-mail of B's invited (unbound) user.
    "bob-at-a": { tid: TID_A, oid: "oid-bob-at-a", email: BOB },
    // Tenant A's account with the object id and e-mail of B's bound user.
    "dave-at-a": { tid: TID_A, oid: "oid-dave", email: DAVE },
    // Signed by tenant A's issuer, claiming tenant B: `iss` is not the issuer of its `tid`.
    "forged-b": { tid: TID_B, oid: "oid-dave", email: DAVE },
    // A Global Administrator of tenant A (not the customer's tenant).
    "ga-a": { tid: TID_A, oid: "oid-ga-a", email: "ga@tenant-a.example", wids: [GA] },
    // Signed by tenant A's issuer, claiming to be Fabrikam's Global Administrator.
    "forged-f": { tid: TID_F, oid: "oid-ga-f", email: FABRIKAM_GA, wids: [GA] },
  },
  [TID_B]: {
    dave: { tid: TID_B, oid: "oid-dave", email: DAVE },
    // Signed by tenant B's issuer, claiming tenant A, with Alice's e-mail.
    "forged-a": { tid: TID_A, oid: "oid-forged", email: ALICE },
  },
  [TID_F]: {
    "ga-f": { tid: TID_F, oid: "oid-ga-f", email: FABRIKAM_GA, wids: [GA] },
  },
  [TID_C]: {
    carol: { tid: TID_C, oid: "oid-carol", email: CAROL },
  },
};

describe("OpenID Connect sign-in with two Entra tenants (two oidc-provider issuers)", () => {
  let t: TestServer;
  let entra: EntraAuthority;
  let origin: string;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    const client = {
      clientId: "cg-mt",
      clientSecret: "cg-mt-secret",
      redirectUris: [`${origin}/auth/oidc/callback`, `${origin}/auth/oidc/customer/callback`],
    };
    entra = await startEntraAuthority({ clients: [client], tenants: TENANTS });
    // Both sign-ins through Entra's multi-tenant authority, as a deployment for partners and customers has them.
    const settings = {
      issuer: entra.authority,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      allowHttp: false,
    };
    t = await startTestServer(world, {
      config: {
        port,
        oidc: settings,
        customerOidc: settings,
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await entra?.close();
  });

  /**
   * Through tenant `tid`'s provider as `login`, from `start` (a sign-in's first URL) to the callback under `flow`:
   * the callback's answer, the browser, and the issuer of the provider that answered (it signed the ID token).
   */
  async function signInAt(
    flow: string,
    start: string,
    tid: string,
    login: string,
  ): Promise<{ jar: Jar; res: Response; providerIss: string }> {
    entra.homeRealm(tid);
    const jar = new Jar();
    const begun = await go(jar, `${origin}${start}`);
    const callback = new URL(await throughProvider(jar, begun, origin, login, `${origin}${flow}/callback`));
    // oidc-provider names itself in the authorization response (RFC 9207); Entra does not, and its tenant issuer
    // is not the authority's template: the browser drops it, as if Entra had answered.
    const providerIss = callback.searchParams.get("iss") ?? "";
    callback.searchParams.delete("iss");
    return { jar, res: await go(jar, callback.href), providerIss };
  }
  const signIn = (tid: string, login: string) =>
    signInAt("/auth/oidc", "/auth/oidc/login?returnTo=%2Fcustomers", tid, login);

  const sessionUser = async (jar: Jar) =>
    ((await (await go(jar, `${origin}/auth/session`)).json()) as { user: { email: string } | null }).user;

  /** What a refusal must leave unchanged: sessions, users (bindings included). */
  const snapshot = async () => ({
    sessions: await t.app.dataSource.getRepository(UserSession).count(),
    users: (await t.app.dataSource.getRepository(User).find({ order: { email: "ASC" } })).map((u) => ({
      email: u.email,
      partnerId: u.partnerId,
      tid: u.oidcTenantId,
      oid: u.oidcObjectId,
      deactivatedAt: u.deactivatedAt,
    })),
  });

  type Event = { outcome: string; actor: { name: string | null }; userErrors: { code: string; message: string }[] };
  const signInLog = async (as: string): Promise<Event[]> => {
    const r = await t.gql<{ auditEvents: { nodes: Event[] } }>(
      `{ auditEvents(filter: { operation: "oidcSignIn" }, first: 100) {
          nodes { outcome actor { name } userErrors { code message } } } }`,
      {},
      { as },
    );
    expect(r.body.errors).toBeUndefined();
    return r.body.data!.auditEvents.nodes;
  };
  const auditRows = () => t.app.dataSource.getRepository(AuditEvent).count();

  it("(1) a user of each tenant signs into their own partner, each token from their tenant's issuer", async () => {
    const a = await signIn(TID_A, "alice");
    expect(a.providerIss).toBe(entra.issuerOf(TID_A));
    expect([a.res.status, a.res.headers.get("location")]).toEqual([303, "/customers"]);
    expect(await sessionUser(a.jar)).toMatchObject({ email: ALICE });

    const b = await signIn(TID_B, "dave");
    expect(b.providerIss).toBe(entra.issuerOf(TID_B));
    expect([b.res.status, b.res.headers.get("location")]).toEqual([303, "/customers"]);
    expect(await sessionUser(b.jar)).toMatchObject({ email: DAVE });

    const users = t.app.dataSource.getRepository(User);
    const [alice, dave] = await Promise.all([
      users.findOneByOrFail({ email: ALICE }),
      users.findOneByOrFail({ email: DAVE }),
    ]);
    expect([alice.partnerId, alice.oidcTenantId, alice.oidcObjectId]).toEqual([
      t.world.partners.get("pa"),
      TID_A,
      "oid-alice",
    ]);
    expect([dave.partnerId, dave.oidcTenantId, dave.oidcObjectId]).toEqual([
      t.world.partners.get("pb"),
      TID_B,
      "oid-dave",
    ]);
  });

  it("binds an invited user whose partner's tenant id differs from the token's tid only in letter case", async () => {
    // A GUID's case carries no meaning; the refusal's audit (partnersOfTenant) and the customer sign-in already
    // compared it without case, the invited user's binding did not (UNKNOWN_USER for a legitimate user).
    const { jar, res } = await signIn(TID_C, "carol");
    expect(res.headers.get("location")).toBe("/customers");
    expect(await sessionUser(jar)).toMatchObject({ email: CAROL });
    const carol = await t.app.dataSource.getRepository(User).findOneByOrFail({ email: CAROL });
    expect([carol.oidcTenantId, carol.oidcObjectId]).toEqual([TID_C, "oid-carol"]);
  });

  it("(2) a user of tenant A cannot sign into partner B: not by B's user's e-mail, nor by their object id", async () => {
    const before = await snapshot();
    for (const login of ["bob-at-a", "dave-at-a"]) {
      const { jar, res } = await signIn(TID_A, login);
      expect(res.headers.get("location"), login).toBe("/signin?error=UNKNOWN_USER");
      expect(jar.get(origin, "cg_session"), login).toBeUndefined();
      expect(await sessionUser(jar), login).toBeNull();
    }
    expect(await snapshot()).toEqual(before);
  });

  it("(3) refuses a genuinely signed token whose iss is not the issuer of its own tid, either way round", async () => {
    const before = await snapshot();
    const rows = await auditRows();
    for (const [tid, login, claimed] of [
      [TID_A, "forged-b", TID_B],
      [TID_B, "forged-a", TID_A],
    ] as const) {
      const { jar, res, providerIss } = await signIn(tid, login);
      // The provider that signed it is the other tenant's.
      expect(providerIss).toBe(entra.issuerOf(tid));
      expect(providerIss).not.toBe(entra.issuerOf(claimed));
      expect(res.headers.get("location"), login).toBe("/signin?error=SIGN_IN_FAILED");
      expect(jar.get(origin, "cg_session"), login).toBeUndefined();
    }
    expect(await snapshot()).toEqual(before);
    // Its claims are not to be believed, so no partner's log is told about it (the server log is).
    expect(await auditRows()).toBe(rows);
  });

  it("(4) refusals are in the accountable partner's audit log with their reason code, and only there", async () => {
    const pa = await signInLog("pa");
    const summary = (events: Event[]) =>
      events.map((e) => `${e.outcome} ${e.actor.name ?? "-"} ${e.userErrors[0]?.code ?? ""}`.trim()).sort();
    // Tenant A's accounts that matched nobody are partner A's business (its tenant, its account ids), not B's.
    expect(summary(pa)).toEqual([`ACCEPTED ${ALICE}`, "REFUSED - UNKNOWN_USER", "REFUSED - UNKNOWN_USER"]);
    const messages = pa.filter((e) => e.outcome === "REFUSED").map((e) => e.userErrors[0]!.message);
    expect(messages.some((m) => m.includes(`Tenant ${TID_A}, object oid-bob-at-a.`))).toBe(true);
    expect(messages.some((m) => m.includes(`Tenant ${TID_A}, object oid-dave.`))).toBe(true);
    const pb = await signInLog("pb");
    expect(summary(pb)).toEqual([`ACCEPTED ${DAVE}`]);
    expect(JSON.stringify(pb)).not.toMatch(/oid-bob-at-a|UNKNOWN_USER|SIGN_IN_FAILED/);
  });

  describe("the customer admin's sign-in (auth/customer-oidc.ts) through the same two-tenant authority", () => {
    /** A fresh request by partner A to Fabrikam: its acceptance link's token. */
    async function newLink(): Promise<string> {
      await t.app.dataSource.getRepository(CustomerRelationship).createQueryBuilder().delete().execute();
      const res = await t.gql<{ r: { acceptanceUrl: string | null; userErrors: unknown[] } }>(
        `mutation ($input: RequestRelationshipInput!) { r: requestCustomerRelationship(input: $input) {
          acceptanceUrl userErrors { code } } }`,
        { input: { customerDomain: "fabrikam.onmicrosoft.com" } },
        { as: "pa" },
      );
      expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
      expect(res.body.data!.r.userErrors).toEqual([]);
      return new URL(res.body.data!.r.acceptanceUrl!, origin).searchParams.get("token")!;
    }
    const customerSignIn = (link: string, tid: string, login: string) =>
      signInAt("/auth/oidc/customer", `/auth/oidc/customer/login?link=${encodeURIComponent(link)}`, tid, login);
    const requestStatuses = async () =>
      (await t.app.dataSource.getRepository(CustomerRelationship).find()).map((r) => r.status);
    const customerLog = async () => {
      const r = await t.gql<{ auditEvents: { nodes: Event[] } }>(
        `{ auditEvents(filter: { operation: "customerAdminOidcSignIn" }, first: 100) {
            nodes { outcome actor { name } userErrors { code message } } } }`,
        {},
        { as: "pa" },
      );
      expect(r.body.errors).toBeUndefined();
      return r.body.data!.auditEvents.nodes.map((e) =>
        `${e.outcome} ${e.actor.name ?? "-"} ${e.userErrors[0]?.code ?? ""}`.trim(),
      );
    };

    it("refuses tenant A's Global Administrator and a token from A's issuer claiming the customer's tenant; audited", async () => {
      const link = await newLink();
      const before = await customerLog();
      for (const [login, reason] of [
        ["ga-a", "WRONG_TENANT"],
        ["forged-f", "SIGN_IN_FAILED"],
      ] as const) {
        const { res, providerIss } = await customerSignIn(link, TID_A, login);
        expect(providerIss).toBe(entra.issuerOf(TID_A));
        expect([res.status, res.headers.get("location")], login).toEqual([403, null]);
        const html = await res.text();
        expect(html).toContain(`data-reason="${reason}"`);
        expect(html).not.toMatch(/session=/);
        expect(await requestStatuses()).toEqual([RelationshipStatus.REQUESTED]);
      }
      // In the requesting partner's log with the reason; neither account is named to the partner.
      expect((await customerLog()).slice(before.length).sort()).toEqual([
        "REFUSED - SIGN_IN_FAILED",
        "REFUSED - WRONG_TENANT",
      ]);
    });

    it("signs in the customer's Global Administrator from the customer's own issuer", async () => {
      const link = await newLink();
      const { res, providerIss } = await customerSignIn(link, TID_F, "ga-f");
      expect(providerIss).toBe(entra.issuerOf(TID_F));
      expect(res.status).toBe(303);
      const target = new URL(res.headers.get("location")!, origin);
      expect(target.pathname).toBe("/relationships/accept");
      expect(new URLSearchParams(target.hash.slice(1)).get("upn")).toBe(FABRIKAM_GA);
      expect(await customerLog()).toContain(`ACCEPTED ${FABRIKAM_GA}`);
    });
  });
});
