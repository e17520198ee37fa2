// Issue 7 items 5 and 6, as an attacker probes them: the customer takeover by domain (a direct-bill partner's
// sales agent asks for a provider's customer), acceptance links, and need-to-know visibility. Each test failed on
// the code before this change (anonymous acceptance, links for helpdesk, invited customers listed with their
// data, competitors' subscriptions in lists, live counts on invitations, eligibility reasons about anyone).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  GLOBAL_ADMIN_ROLE_TEMPLATE_ID,
  signCustomerAdminToken,
  verifyCustomerAdminToken,
} from "../../server/src/auth/customer-admin-token";
import { toGlobalId } from "../../server/src/common/global-id";
import { UserRole } from "../../server/src/domain/enums";
import { CustomerRelationship } from "../../server/src/modules/customer/customer-relationship.entity";
import { Customer } from "../../server/src/modules/customer/customer.entity";
import { expectError, NAMES, scopingWorld } from "./fixtures";
import { startTestServer, type TestServer } from "./harness";

const D_SALES = "sales@direct.example";
const D_ADMIN = "admin@direct.example";
const P1_HELPDESK = "helpdesk@contoso-distribution.example";
const P1_ADMIN = "admin@contoso-distribution.example";

const REQUEST = `mutation ($input: RequestRelationshipInput!) { r: requestCustomerRelationship(input: $input) {
  acceptanceUrl customerDomain requestExpiresAt relationships { status partner { name } customer { name } }
  userErrors { code field message } } }`;
const ACCEPT = `mutation ($input: AcceptRelationshipInput!) { r: acceptCustomerRelationship(input: $input) {
  acceptedCount customerName userErrors { code field } } }`;

type RequestAnswer = {
  acceptanceUrl: string | null;
  customerDomain: string | null;
  requestExpiresAt: string | null;
  relationships: unknown;
  userErrors: { code: string; field: string[] | null; message: string }[];
};

let t: TestServer;
const gid = (type: "Customer" | "CustomerSubscription", map: Map<string, string>, key: string) =>
  toGlobalId(type, map.get(key)!);

beforeAll(async () => {
  const world = scopingWorld();
  world.users!.push(
    { partner: "D", email: D_SALES, displayName: "Direct sales", role: UserRole.SALES_AGENT },
    // The activity log is for global admins and admin agents (permission matrix).
    { partner: "D", email: D_ADMIN, displayName: "Direct admin", role: UserRole.GLOBAL_ADMIN },
    { partner: "P1", email: P1_ADMIN, displayName: "Contoso admin", role: UserRole.GLOBAL_ADMIN },
    { partner: "P1", email: P1_HELPDESK, displayName: "Contoso helpdesk", role: UserRole.HELPDESK_AGENT },
  );
  t = await startTestServer(world);
});
afterAll(async () => {
  await t?.close();
});

const customerId = (key: string) => gid("Customer", t.world.customers, key);
const subscriptionId = (key: string) => gid("CustomerSubscription", t.world.subscriptions, key);
const tokenOf = (url: string) => new URL(url, "http://x").searchParams.get("token")!;

async function adminOf(customerName: string, opts: { globalAdmin?: boolean } = {}) {
  const c = await t.app.dataSource.getRepository(Customer).findOneByOrFail({ name: customerName });
  return signCustomerAdminToken(t.config.authSecret, {
    tenantId: c.tenantId,
    upn: `admin@${c.domain}`,
    roleTemplateIds: opts.globalAdmin === false ? [] : [GLOBAL_ADMIN_ROLE_TEMPLATE_ID],
  });
}

async function request(email: string, input: Record<string, unknown>): Promise<RequestAnswer> {
  const res = await t.gql<{ r: RequestAnswer }>(REQUEST, { input }, { email });
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  return res.body.data!.r;
}

async function accept(token: string, customerAdminToken: string) {
  const res = await t.gql<{ r: { acceptedCount: number | null; userErrors: { code: string; field: string[] }[] } }>(
    ACCEPT,
    { input: { token, customerAdminToken } },
  );
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  return res.body.data!.r;
}

async function preview(token: string, customerAdminToken: string) {
  const res = await t.gql<{ relationshipRequest: { customerName: string } | null }>(
    `query ($token: String!, $s: String!) { relationshipRequest(token: $token, customerAdminToken: $s) { customerName } }`,
    { token, s: customerAdminToken },
  );
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  return res.body.data!.relationshipRequest;
}

/** What D's sales agent can read of C2 (Bravo Industries, P1 and R2's customer). */
async function dReadsOfC2() {
  const res = await t.gql<{ customers: { totalCount: number }; subscriptions: { totalCount: number } }>(
    `query ($c: String!) { customers(filter: { search: "Bravo" }) { totalCount }
      subscriptions(filter: { customerId: $c }) { totalCount } }`,
    { c: customerId("C2") },
    { email: D_SALES },
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data!;
}

describe("the customer takeover by domain (issue 7, item 5)", () => {
  let token = "";

  it("asking for a domain outside the network answers like asking for a domain nobody has", async () => {
    const known = await request(D_SALES, { customerDomain: "bravoindustries.onmicrosoft.com" });
    const unknown = await request(D_SALES, { customerDomain: "nobody-has-this.onmicrosoft.com" });
    for (const answer of [known, unknown]) {
      expect(answer.userErrors).toEqual([]);
      expect(answer.relationships).toBeNull();
      expect(answer.acceptanceUrl).toMatch(/^\/relationships\/accept\?token=[A-Za-z0-9_-]{32}$/);
    }
    expect(known.customerDomain).toBe("bravoindustries.onmicrosoft.com");
    expect(unknown.customerDomain).toBe("nobody-has-this.onmicrosoft.com");
    // Nothing of the customer: not its name, tenant id or country.
    const c2 = await t.app.dataSource.getRepository(Customer).findOneByOrFail({ name: NAMES.C2 });
    for (const secret of [NAMES.C2, c2.tenantId]) expect(JSON.stringify(known)).not.toContain(secret);
    expect(Object.keys(known).sort()).toEqual(Object.keys(unknown).sort());
    token = tokenOf(known.acceptanceUrl!);
    // Nor is the customer listed as invited: the requester sees nothing until it accepts.
    expect(await dReadsOfC2()).toEqual({ customers: { totalCount: 0 }, subscriptions: { totalCount: 0 } });
  });

  it("the link alone, or an identity that is not the customer's global admin, accepts nothing", async () => {
    const refused = [{ code: "NOT_ALLOWED", field: ["input", "customerAdminToken"] }];
    for (const session of [
      "", // anonymous
      await t.tokenFor("D"), // the attacker's own partner sign-in
      await adminOf(NAMES.C2, { globalAdmin: false }), // a user of the right tenant who is not a global admin
    ]) {
      expect((await accept(token, session)).userErrors).toEqual(refused);
    }
    // A global admin of a tenant the attacker controls (D's own customer): the link answers like an unknown one,
    // so it does not tell whether the domain belongs to a tenant either.
    const own = await adminOf(NAMES.C4);
    expect((await accept(token, own)).userErrors).toEqual([{ code: "NOT_FOUND", field: ["input", "token"] }]);
    const unknownLink = tokenOf(
      (await request(D_SALES, { customerDomain: "nobody-has-this.onmicrosoft.com" })).acceptanceUrl!,
    );
    expect((await accept(unknownLink, own)).userErrors).toEqual([{ code: "NOT_FOUND", field: ["input", "token"] }]);
    // A customer-admin session is no partner sign-in either (another audience).
    const asBearer = await t.gql(
      `{ viewer { partner { name } } }`,
      {},
      { headers: { authorization: `Bearer ${own}` } },
    );
    expect(asBearer.status).toBe(401);
    // Nor does the public preview show the customer to the requester, whatever session it sends.
    for (const session of ["", await t.tokenFor("D"), own]) {
      expect(await preview(token, session)).toBeNull();
    }
    const rows = await t.app.dataSource.getRepository(CustomerRelationship).findBy({ requestToken: token });
    expect(rows.map((r) => r.status)).toEqual(["REQUESTED"]);
    expect(await dReadsOfC2()).toEqual({ customers: { totalCount: 0 }, subscriptions: { totalCount: 0 } });
  });

  it("the attacker can neither read C2's subscriptions nor order for it", async () => {
    const node = await t.gql(
      `query ($id: ID!) { node(id: $id) { id } }`,
      { id: subscriptionId("s2a") },
      {
        email: D_SALES,
      },
    );
    expectError(node.body, "NOT_FOUND", "id");
    const order = await t.gql<{ r: { subscription: unknown; userErrors: { code: string; field: string[] }[] } }>(
      `mutation ($input: OrderSubscriptionInput!) { r: orderSubscription(input: $input) {
        subscription { id } userErrors { code field } } }`,
      {
        input: {
          customerId: customerId("C2"),
          offerName: "Microsoft 365 E5",
          offerId: "CFQ7TTC0LFK5:0001",
          offerKind: "LICENSE_BASED",
          quantity: 500,
          termDuration: "P1Y",
        },
      },
      { email: D_SALES },
    );
    expect(order.body.data!.r).toEqual({
      subscription: null,
      userErrors: [{ code: "NOT_FOUND", field: ["input", "customerId"] }],
    });
  });

  it("an expired link answers like an unknown one, even to the right global admin", async () => {
    await t.app.dataSource
      .getRepository(CustomerRelationship)
      .update({ requestToken: token }, { requestExpiresAt: new Date(Date.now() - 1000) });
    const admin = await adminOf(NAMES.C2);
    expect((await accept(token, admin)).userErrors).toEqual([{ code: "NOT_FOUND", field: ["input", "token"] }]);
    expect(await preview(token, admin)).toBeNull();
  });

  it("C2's global admin, signed in, accepts a live link: then D sees C2, but only what it needs to know", async () => {
    const answer = await request(D_SALES, { customerDomain: "bravoindustries.onmicrosoft.com" });
    const admin = await adminOf(NAMES.C2);
    // The customer's own global admin, signed in, reads what the link asks before accepting.
    expect(await preview(tokenOf(answer.acceptanceUrl!), admin)).toEqual({ customerName: NAMES.C2 });
    const accepted = await accept(tokenOf(answer.acceptanceUrl!), admin);
    expect(accepted).toEqual({ acceptedCount: 1, customerName: NAMES.C2, userErrors: [] });
    const rel = await t.app.dataSource
      .getRepository(CustomerRelationship)
      .findOneByOrFail({ customerId: t.world.customers.get("C2")!, partnerId: t.world.partners.get("D")! });
    expect(rel).toMatchObject({ status: "ACTIVE", acceptedBy: "admin@bravoindustries.onmicrosoft.com" });
    // C2 is D's customer now; of its subscriptions, only the other channel's (EA) — not P1/R2's CSP ones.
    expect(await dReadsOfC2()).toEqual({ customers: { totalCount: 1 }, subscriptions: { totalCount: 1 } });
    for (const s of ["s2a", "s2b"]) {
      const node = await t.gql(
        `query ($id: ID!) { node(id: $id) { id } }`,
        { id: subscriptionId(s) },
        {
          email: D_SALES,
        },
      );
      expectError(node.body, "NOT_FOUND", "id");
    }
    // Where a transfer needs them, they appear: transfer eligibility for a customer D now holds.
    const transfer = await t.gql<{ transferEligibility: { totalCount: number } }>(
      `query ($c: ID!) { transferEligibility(customerId: $c) { totalCount } }`,
      { c: customerId("C2") },
      { email: D_SALES },
    );
    expect(transfer.body.data).toEqual({ transferEligibility: { totalCount: 2 } });
  });
});

describe("no domain-existence oracle elsewhere", () => {
  const CREATE = `mutation ($input: CreateCustomerInput!) { r: createCustomer(input: $input) {
    customer { id } userErrors { code field message } } }`;
  const create = async (input: Record<string, unknown>) => {
    const res = await t.gql<{ r: unknown }>(CREATE, { input }, { email: D_SALES });
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
    return res.body.data!.r;
  };

  it("createCustomer: refused for another reason, a taken domain answers like a free one", async () => {
    const input = { name: "Probe", country: "FR" };
    const taken = await create({ ...input, domain: "bravoindustries.onmicrosoft.com" });
    const free = await create({ ...input, domain: "free-probe.onmicrosoft.com" });
    expect(taken).toEqual(free);
    expect(taken).toMatchObject({ customer: null, userErrors: [{ code: "CUSTOMER_REGION_MISMATCH" }] });
  });

  it("createCustomer: a taken domain answers the same whoever holds it, and names nobody", async () => {
    const input = { name: "Probe", country: "US" };
    const othersCustomer = await create({ ...input, domain: "bravoindustries.onmicrosoft.com" });
    const ownCustomer = await create({ ...input, domain: "deltafoods.onmicrosoft.com" });
    expect(othersCustomer).toEqual(ownCustomer);
    expect(othersCustomer).toMatchObject({ customer: null, userErrors: [{ code: "ALREADY_EXISTS" }] });
    expect(JSON.stringify(othersCustomer)).not.toContain(NAMES.C2);
  });

  it("the requester's audit log records a request for another network's customer like one for a free domain", async () => {
    await t.gql(REQUEST, { input: { customerDomain: "charlielabs.onmicrosoft.com" } }, { email: D_SALES }); // C3: D's
    await request(D_SALES, { customerDomain: "golftravel.onmicrosoft.com" }); // C7: P2 and R4's
    await request(D_SALES, { customerDomain: "nobody-at-all.onmicrosoft.com" });
    const res = await t.gql<{
      auditEvents: { nodes: { outcome: string; targets: unknown[]; changes: unknown[]; userErrors: unknown[] }[] };
    }>(
      `{ auditEvents(first: 3, filter: { operation: "requestCustomerRelationship" }) {
        nodes { outcome targets { type id } changes { type id } userErrors { code } } } }`,
      {},
      { email: D_ADMIN },
    );
    expect(res.body.errors).toBeUndefined();
    const [unknown, hidden, own] = res.body.data!.auditEvents.nodes; // newest first
    expect(hidden).toEqual(unknown);
    expect(unknown).toEqual({ outcome: "ACCEPTED", targets: [], changes: [], userErrors: [] });
    // Control: for a customer already in D's network, D is told its relationship is active.
    expect(own).toMatchObject({ outcome: "REFUSED", userErrors: [{ code: "ALREADY_EXISTS" }] });
  });
});

describe("acceptance links are for roles that manage customers", () => {
  it("a helpdesk agent reads null where an admin reads the link", async () => {
    // P1 names R2 on C1, which P1 already holds: R2's relationship is REQUESTED and C1 stays visible.
    const answer = await request(P1_ADMIN, {
      customerId: customerId("C1"),
      resellerId: toGlobalId("Partner", t.world.partners.get("R2")!),
    });
    expect(answer.userErrors).toEqual([]);
    const q = `query ($id: ID!) { node(id: $id) { ... on Customer { relationships { status acceptanceUrl partner { name } } } } }`;
    const urls = async (email: string) => {
      const res = await t.gql<{ node: { relationships: { status: string; acceptanceUrl: string | null }[] } }>(
        q,
        { id: customerId("C1") },
        { email },
      );
      expect(res.body.errors).toBeUndefined();
      return res.body.data!.node.relationships.filter((r) => r.status === "REQUESTED").map((r) => r.acceptanceUrl);
    };
    expect(await urls(P1_ADMIN)).toEqual([answer.acceptanceUrl]);
    expect(await urls(P1_HELPDESK)).toEqual([null]);
  });
});

describe("need-to-know visibility (issue 7, item 6)", () => {
  it("a reseller's live counts show to its provider only while their partnership is ACTIVE", async () => {
    const q = `{ resellers(filter: { status: [ACTIVE, INVITED, REMOVED] }) {
      nodes { status reseller { partnerId } counts { customers subscriptions } } } }`;
    const res = await t.gql<{
      resellers: { nodes: { status: string; reseller: { partnerId: string }; counts: unknown }[] };
    }>(q, {}, { as: "P1" });
    expect(res.body.errors).toBeUndefined();
    const byStatus = res.body.data!.resellers.nodes.map((n) => [n.reseller.partnerId, n.status, n.counts !== null]);
    expect(byStatus.sort()).toEqual([
      ["4000011", "ACTIVE", true],
      ["4000012", "ACTIVE", true],
      ["4000014", "INVITED", false],
      ["4000015", "REMOVED", false],
    ]);
    // The reseller's side: its provider's view of its counts is not its to read.
    const asR1 = await t.gql<{ providers: { nodes: { counts: unknown }[] } }>(
      `{ providers { nodes { counts { customers } } } }`,
      {},
      { as: "R1" },
    );
    expect(asR1.body.data!.providers.nodes).toEqual([{ counts: null }]);
  });

  it("an invitation shows the invited partner's name and Partner ID only, both ways, until it is accepted", async () => {
    const DETAILS = `name partnerId tenantId country mpaSigned programStatus createdAt`;
    type Row = { status: string; complianceFlags: string[] | null; reseller: Record<string, unknown> };
    const res = await t.gql<{ resellers: { nodes: Row[] } }>(
      `{ resellers(filter: { status: [ACTIVE, INVITED, REMOVED] }) {
        nodes { status complianceFlags reseller { ${DETAILS} } } } }`,
      {},
      { as: "P1" },
    );
    expect(res.body.errors).toBeUndefined();
    const byId = new Map(res.body.data!.resellers.nodes.map((n) => [n.reseller.partnerId, n]));
    const hidden = { tenantId: null, country: null, mpaSigned: null, programStatus: null, createdAt: null };
    // R4: invited by P1 (and ACTIVE with P2, which P1 must not learn anything from).
    expect(byId.get("4000014")).toEqual({
      status: "INVITED",
      complianceFlags: null,
      reseller: { name: NAMES.R4, partnerId: "4000014", ...hidden },
    });
    // R1 (ACTIVE) and R5 (REMOVED: it was accepted once) show their details and flags.
    for (const id of ["4000011", "4000015"]) {
      expect(byId.get(id)!.reseller.tenantId, id).toEqual(expect.any(String));
      expect(byId.get(id)!.complianceFlags, id).toEqual(expect.any(Array));
    }
    // The compliance filter says nothing about an invitation either.
    const flagged = await t.gql<{ resellers: { totalCount: number } }>(
      `{ a: resellers(filter: { status: [INVITED], hasComplianceIssues: true }) { totalCount }
         b: resellers(filter: { status: [INVITED], hasComplianceIssues: false }) { totalCount } }`,
      {},
      { as: "P1" },
    );
    expect(flagged.body.data).toEqual({ a: { totalCount: 0 }, b: { totalCount: 0 } });
    // The invited reseller's side: the inviting provider, by name and Partner ID only.
    const asR4 = await t.gql<{ providers: { nodes: { status: string; provider: Record<string, unknown> }[] } }>(
      `{ providers(filter: { status: [ACTIVE, INVITED] }) { nodes { status provider { ${DETAILS} } } } }`,
      {},
      { as: "R4" },
    );
    expect(asR4.body.errors).toBeUndefined();
    const invitedBy = asR4.body.data!.providers.nodes.find((n) => n.status === "INVITED");
    expect(invitedBy).toEqual({ status: "INVITED", provider: { name: NAMES.P1, partnerId: "4000001", ...hidden } });
    const activeWith = asR4.body.data!.providers.nodes.find((n) => n.status === "ACTIVE");
    expect(activeWith!.provider.tenantId).toEqual(expect.any(String));
  });

  it("another CSP partner's subscription of a shared customer is absent from lists, node(id:) and counts", async () => {
    // C1 is shared by P1 (with R1) and D; s1e is D's.
    const res = await t.gql<{
      subscriptions: { nodes: { offerName: string }[] };
      networkSummary: { subscriptionCount: number };
    }>(`{ subscriptions(first: 100) { nodes { offerName } } networkSummary { subscriptionCount } }`, {}, { as: "P1" });
    expect(res.body.data!.subscriptions.nodes.map((n) => n.offerName)).not.toContain("Exchange Online Plan 2");
    const node = await t.gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: subscriptionId("s1e") }, { as: "P1" });
    expectError(node.body, "NOT_FOUND", "id");
    // Control: D, which bills it, reads it.
    const asD = await t.gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: subscriptionId("s1e") }, { as: "D" });
    expect(asD.body).toEqual({ data: { node: { id: subscriptionId("s1e") } } });
  });
});

describe("the simulated customer-admin sign-in (sandbox only)", () => {
  const post = (server: TestServer, body: unknown) =>
    fetch(`${server.app.origin}/auth/demo-customer-login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("issues a session for a customer tenant's global admin, and nothing for an unknown domain", async () => {
    const ok = await post(t, { domain: "acmecorp.onmicrosoft.com" });
    expect(ok.status).toBe(200);
    const { token } = (await ok.json()) as { token: string };
    const c1 = await t.app.dataSource.getRepository(Customer).findOneByOrFail({ name: NAMES.C1 });
    expect(await verifyCustomerAdminToken(t.config.authSecret, token)).toEqual({
      tenantId: c1.tenantId,
      upn: "admin@acmecorp.onmicrosoft.com",
      isGlobalAdmin: true,
    });
    expect((await post(t, { domain: "nobody-has-this.onmicrosoft.com" })).status).toBe(404);
    expect((await post(t, {})).status).toBe(404);
  });

  it("is not served when the demo sign-in is off (as in production)", async () => {
    const off = await startTestServer(scopingWorld(), { config: { demoLogin: false } });
    try {
      expect((await post(off, { domain: "acmecorp.onmicrosoft.com" })).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});
