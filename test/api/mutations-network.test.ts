import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PartnershipStatus, PartnerType, SubscriptionStatus, UserRole } from "../../server/src/domain/enums";
import type { World } from "../../server/src/scenarios/world";
import { userMessage } from "../../server/src/common/user-messages";
import { startTestServer, type TestServer } from "./harness";
import { customerAdminSession } from "./fixtures";
import {
  cspLicense,
  customer,
  expectOk,
  expectRefused,
  ids,
  mutation,
  partner,
  query,
  rel,
  snapshot,
  USER_ERRORS,
  type UserErrorShape,
} from "./mutation-helpers";

// Partnerships, customers and relationships through the real server: the happy paths, every refusal the
// brief names (with its code and input field), and that a refusal writes nothing.

const { INDIRECT_PROVIDER, INDIRECT_RESELLER, DIRECT_BILL } = PartnerType;

const world: World = {
  partners: [
    partner("prov", "1000001", [INDIRECT_PROVIDER]),
    partner("prov2", "1000002", [INDIRECT_PROVIDER]),
    partner("res", "2000001", [INDIRECT_RESELLER]),
    partner("resNew", "2000002", [INDIRECT_RESELLER]),
    partner("resGone", "2000003", [INDIRECT_RESELLER]),
    partner("resInvited", "2000004", [INDIRECT_RESELLER]),
    partner("resOther", "2000005", [INDIRECT_RESELLER]),
    partner("direct", "3000001", [DIRECT_BILL]),
  ],
  partnerships: [
    { provider: "prov", reseller: "res", status: PartnershipStatus.ACTIVE },
    { provider: "prov", reseller: "resGone", status: PartnershipStatus.REMOVED },
    { provider: "prov", reseller: "resInvited", status: PartnershipStatus.INVITED },
    { provider: "prov2", reseller: "resOther", status: PartnershipStatus.ACTIVE },
  ],
  customers: [
    customer("contoso"),
    customer("tailspin"),
    customer("fabrikam", { mcaAccepted: false }),
    customer("resCust"),
    customer("northwind"),
  ],
  relationships: [rel("prov", "contoso"), rel("prov", "tailspin"), rel("res", "resCust")],
  subscriptions: [
    cspLicense("contosoE3", "contoso", "prov"),
    cspLicense("tailspinOld", "tailspin", "prov", { status: SubscriptionStatus.DELETED }),
  ],
  transfers: [],
  users: [
    { partner: "prov", email: "admin@prov.example", displayName: "Prov admin", role: UserRole.GLOBAL_ADMIN },
    { partner: "prov", email: "helpdesk@prov.example", displayName: "Prov helpdesk", role: UserRole.HELPDESK_AGENT },
    { partner: "prov", email: "billing@prov.example", displayName: "Prov billing", role: UserRole.BILLING_ADMIN },
  ],
};

const PARTNERSHIP = `partnership { id status invitedAt acceptedAt removedAt provider { name } reseller { name partnerId } }`;
const INVITE = `mutation($input: InviteResellerInput!) { inviteReseller(input: $input) { ${PARTNERSHIP} ${USER_ERRORS} } }`;
const ACCEPT_INVITATION = `mutation($input: PartnershipIdInput!) {
  acceptResellerInvitation(input: $input) { ${PARTNERSHIP} ${USER_ERRORS} } }`;
const END_PARTNERSHIP = `mutation($input: PartnershipIdInput!) {
  endResellerPartnership(input: $input) { ${PARTNERSHIP} ${USER_ERRORS} } }`;
const CREATE_CUSTOMER = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) {
  customer { id name domain country mcaAccepted relationships { status acceptedAt partner { name } } } ${USER_ERRORS} } }`;
const REQUEST = `mutation($input: RequestRelationshipInput!) { requestCustomerRelationship(input: $input) {
  acceptanceUrl customerDomain requestExpiresAt relationships { id status includesDelegatedAdmin acceptanceUrl partner { name } customer { name } } ${USER_ERRORS} } }`;
const ACCEPT_RELATIONSHIP = `mutation($input: AcceptRelationshipInput!) {
  acceptCustomerRelationship(input: $input) { acceptedCount customerName partnerNames ${USER_ERRORS} } }`;
const REMOVE = `mutation($input: RemoveRelationshipInput!) { removeCustomerRelationship(input: $input) {
  relationship { status removedAt partner { name } } decision { eligible blocking { code ruleId } } ${USER_ERRORS} } }`;
const ORDER = `mutation($input: OrderSubscriptionInput!) { orderSubscription(input: $input) { subscription { id } ${USER_ERRORS} } }`;
const SUSPEND = `mutation($input: SubscriptionActionInput!) { suspendSubscription(input: $input) { subscription { id } ${USER_ERRORS} } }`;
const CREATE_TRANSFER = `mutation($input: CreateTransferInput!) { createTransfer(input: $input) { transfer { id } ${USER_ERRORS} } }`;

const PARTNERSHIPS = `query($side: PartnershipFilter) {
  resellers(filter: $side) { totalCount nodes { id status removedAt reseller { partnerId } } } }`;
const CUSTOMERS = `query($filter: CustomerFilter) {
  customers(filter: $filter) { totalCount nodes { id name domain mcaAccepted relationships { status acceptedBy acceptanceUrl partner { name } } } } }`;

interface Partnership {
  id: string;
  status: string;
  invitedAt: string;
  acceptedAt: string | null;
  removedAt: string | null;
  provider: { name: string };
  reseller: { name: string; partnerId: string };
}
type PartnershipPayload = { partnership: Partnership | null; userErrors: UserErrorShape[] };
interface CustomerNode {
  id: string;
  name: string;
  domain: string;
  mcaAccepted: boolean;
  relationships: {
    status: string;
    acceptedBy: string | null;
    acceptanceUrl: string | null;
    partner: { name: string };
  }[];
}

let t: TestServer;
let id: ReturnType<typeof ids>;
const PROV = { as: "prov" };

beforeAll(async () => {
  t = await startTestServer(world, { now: new Date() });
  id = ids(t);
});
afterAll(async () => {
  await t?.close();
});

async function resellersOfProv(status: PartnershipStatus[]) {
  const data = await query<{ resellers: { nodes: { id: string; status: string; reseller: { partnerId: string } }[] } }>(
    t,
    PARTNERSHIPS,
    { side: { status } },
    PROV,
  );
  return data.resellers.nodes;
}

/** A signed customer-admin session for the tenant with this domain (what the customer's OIDC sign-in gives). */
const customerAdmin = (domain: string, opts: { globalAdmin?: boolean; secret?: string } = {}) =>
  customerAdminSession(t, domain, opts);

async function customersOf(who: { as?: string; email?: string }, search?: string) {
  const data = await query<{ customers: { totalCount: number; nodes: CustomerNode[] } }>(
    t,
    CUSTOMERS,
    { filter: search ? { search } : null },
    who,
  );
  return data.customers;
}

describe("reseller partnerships", () => {
  let newPartnershipId = "";

  it("inviteReseller: only an indirect provider may invite", async () => {
    await expectRefused(t, INVITE, { resellerPartnerId: "2000002" }, { as: "res" }, [
      { code: "NOT_ALLOWED", field: null },
    ]);
    await expectRefused(t, INVITE, { resellerPartnerId: "2000002" }, { as: "direct" }, [
      { code: "NOT_ALLOWED", field: null },
    ]);
  });

  it("inviteReseller: an unknown, non-numeric or non-reseller Partner ID is refused on resellerPartnerId", async () => {
    const field = ["input", "resellerPartnerId"];
    await expectRefused(t, INVITE, { resellerPartnerId: "9999999" }, PROV, [{ code: "NOT_FOUND", field }]);
    await expectRefused(t, INVITE, { resellerPartnerId: "20000x2" }, PROV, [{ code: "INVALID_INPUT", field }]);
    await expectRefused(t, INVITE, { resellerPartnerId: "" }, PROV, [{ code: "INVALID_INPUT", field }]);
    // A direct-bill partner's id exists, but it is not an indirect reseller.
    await expectRefused(t, INVITE, { resellerPartnerId: "3000001" }, PROV, [{ code: "NOT_FOUND", field }]);
  });

  it("inviteReseller: an INVITED or ACTIVE partnership already exists", async () => {
    const field = ["input", "resellerPartnerId"];
    await expectRefused(t, INVITE, { resellerPartnerId: "2000004" }, PROV, [{ code: "ALREADY_EXISTS", field }]);
    await expectRefused(t, INVITE, { resellerPartnerId: "2000001" }, PROV, [{ code: "ALREADY_EXISTS", field }]);
  });

  it("inviteReseller: creates an INVITED partnership both sides can see", async () => {
    const p = expectOk(await mutation<PartnershipPayload>(t, INVITE, { resellerPartnerId: " 2000002 " }, PROV));
    expect(p.partnership).toMatchObject({
      status: "INVITED",
      acceptedAt: null,
      removedAt: null,
      provider: { name: "Prov Ltd" },
      reseller: { name: "ResNew Ltd", partnerId: "2000002" },
    });
    newPartnershipId = p.partnership!.id;
    const invited = await resellersOfProv([PartnershipStatus.INVITED]);
    expect(invited.map((n) => n.reseller.partnerId).sort()).toEqual(["2000002", "2000004"]);
    const providers = await query<{
      providers: { nodes: { id: string; status: string; provider: { name: string } }[] };
    }>(t, `{ providers { nodes { id status provider { name } } } }`, {}, { as: "resNew" });
    expect(providers.providers.nodes).toEqual([
      { id: newPartnershipId, status: "INVITED", provider: { name: "Prov Ltd" } },
    ]);
  });

  it("inviteReseller: re-inviting after REMOVED reuses the partnership as INVITED", async () => {
    const [removed] = await resellersOfProv([PartnershipStatus.REMOVED]);
    expect(removed?.reseller.partnerId).toBe("2000003");
    const p = expectOk(await mutation<PartnershipPayload>(t, INVITE, { resellerPartnerId: "2000003" }, PROV));
    expect(p.partnership).toMatchObject({ id: removed!.id, status: "INVITED", removedAt: null, acceptedAt: null });
    expect(await resellersOfProv([PartnershipStatus.REMOVED])).toEqual([]);
  });

  it("acceptResellerInvitation: only the invited reseller, only while INVITED", async () => {
    const input = { partnershipId: newPartnershipId };
    const field = ["input", "partnershipId"];
    await expectRefused(t, ACCEPT_INVITATION, input, PROV, [{ code: "NOT_ALLOWED", field }]);
    // Not a party: the partnership does not exist in its network.
    await expectRefused(t, ACCEPT_INVITATION, input, { as: "resOther" }, [{ code: "NOT_FOUND", field }]);
    await expectRefused(t, ACCEPT_INVITATION, { partnershipId: "not-an-id" }, { as: "resNew" }, [
      { code: "NOT_FOUND", field },
    ]);

    const p = expectOk(await mutation<PartnershipPayload>(t, ACCEPT_INVITATION, input, { as: "resNew" }));
    expect(p.partnership).toMatchObject({ id: newPartnershipId, status: "ACTIVE", removedAt: null });
    expect(p.partnership!.acceptedAt).not.toBeNull();
    expect((await resellersOfProv([PartnershipStatus.ACTIVE])).map((n) => n.reseller.partnerId).sort()).toEqual([
      "2000001",
      "2000002",
    ]);

    await expectRefused(t, ACCEPT_INVITATION, input, { as: "resNew" }, [{ code: "INVALID_STATE", field }]);
  });

  it("endResellerPartnership: either party ends it, once", async () => {
    const field = ["input", "partnershipId"];
    await expectRefused(t, END_PARTNERSHIP, { partnershipId: newPartnershipId }, { as: "resOther" }, [
      { code: "NOT_FOUND", field },
    ]);
    // The reseller ends an ACTIVE partnership.
    const ended = expectOk(
      await mutation<PartnershipPayload>(t, END_PARTNERSHIP, { partnershipId: newPartnershipId }, { as: "resNew" }),
    );
    expect(ended.partnership).toMatchObject({ status: "REMOVED" });
    expect(ended.partnership!.removedAt).not.toBeNull();
    await expectRefused(t, END_PARTNERSHIP, { partnershipId: newPartnershipId }, PROV, [
      { code: "INVALID_STATE", field },
    ]);
    // The provider withdraws a pending invitation.
    const [invited] = (await resellersOfProv([PartnershipStatus.INVITED])).filter(
      (n) => n.reseller.partnerId === "2000003",
    );
    const withdrawn = expectOk(
      await mutation<PartnershipPayload>(t, END_PARTNERSHIP, { partnershipId: invited!.id }, PROV),
    );
    expect(withdrawn.partnership).toMatchObject({ status: "REMOVED" });
    expect((await resellersOfProv([PartnershipStatus.REMOVED])).map((n) => n.reseller.partnerId).sort()).toEqual([
      "2000002",
      "2000003",
    ]);
  });
});

describe("read-only roles", () => {
  const readers = ["helpdesk@prov.example", "billing@prov.example"];

  it("HELPDESK_AGENT and BILLING_ADMIN get FORBIDDEN for every mutation, and nothing changes", async () => {
    const attempts: [string, Record<string, unknown>][] = [
      [INVITE, { resellerPartnerId: "2000002" }],
      [END_PARTNERSHIP, { partnershipId: "x" }],
      [CREATE_CUSTOMER, { name: "Forbidden Co", domain: "forbidden.onmicrosoft.com", country: "US" }],
      [REQUEST, { customerDomain: "fabrikam.onmicrosoft.com" }],
      [REMOVE, { customerId: id.customer("tailspin") }],
      [
        ORDER,
        {
          customerId: id.customer("contoso"),
          offerId: "CFQ7TTC0LFLZ:0001",
          offerName: "M365 E3",
          offerKind: "USAGE_BASED",
        },
      ],
      [SUSPEND, { subscriptionId: id.sub("contosoE3") }],
      [CREATE_TRANSFER, { customerId: id.customer("contoso"), subscriptionIds: [id.sub("contosoE3")] }],
    ];
    const before = await snapshot(t);
    for (const email of readers) {
      for (const [q, input] of attempts) {
        const res = await t.gql(q, { input }, { email });
        expect(res.body.data ?? null, `${email} ${q.slice(0, 60)}`).toBeNull();
        expect(
          res.body.errors?.map((e) => e.extensions?.code),
          `${email} ${q.slice(0, 60)}`,
        ).toEqual(["FORBIDDEN"]);
      }
    }
    // Without a token at all: UNAUTHENTICATED, not a masked internal error.
    for (const [q, input] of attempts) {
      const res = await t.gql(q, { input });
      expect(
        res.body.errors?.map((e) => e.extensions?.code),
        q.slice(0, 60),
      ).toEqual(["UNAUTHENTICATED"]);
    }
    expect(await snapshot(t)).toBe(before);
  });

  it("they can still query the partner's network", async () => {
    const admin = await customersOf(PROV);
    expect(admin.totalCount).toBeGreaterThan(0);
    for (const email of readers) {
      const viewer = await query<{ viewer: { user: { email: string; role: string }; partner: { name: string } } }>(
        t,
        `{ viewer { user { email role } partner { name } } }`,
        {},
        { email },
      );
      expect(viewer.viewer.user.email).toBe(email);
      expect(viewer.viewer.partner.name).toBe("Prov Ltd");
      expect(viewer.viewer.user.role).toBe(email.startsWith("helpdesk") ? "HELPDESK_AGENT" : "BILLING_ADMIN");
      expect(await customersOf({ email })).toEqual(admin);
      const subs = await query<{ subscriptions: { totalCount: number } }>(
        t,
        `{ subscriptions { totalCount } }`,
        {},
        { email },
      );
      expect(subs.subscriptions.totalCount).toBeGreaterThan(0);
    }
  });
});

describe("viewer.permissions", () => {
  const PERMISSIONS = `{ viewer { permissions {
    canManageNetwork canManageCustomers canOrder canTransfer canActForCustomers mustUseProvider } } }`;
  type Permissions = { viewer: { permissions: Record<string, boolean> } };
  const permissionsOf = async (who: { as?: string; email?: string }) =>
    (await query<Permissions>(t, PERMISSIONS, {}, who)).viewer.permissions;

  it("a provider's global admin may do everything and acts for its customers itself", async () => {
    expect(await permissionsOf({ email: "admin@prov.example" })).toEqual({
      canManageNetwork: true,
      canManageCustomers: true,
      canOrder: true,
      canTransfer: true,
      canActForCustomers: true,
      mustUseProvider: false,
    });
  });

  it("a helpdesk agent of the same partner may change nothing: the partner's flags stay", async () => {
    expect(await permissionsOf({ email: "helpdesk@prov.example" })).toEqual({
      canManageNetwork: false,
      canManageCustomers: false,
      canOrder: false,
      canTransfer: false,
      canActForCustomers: true,
      mustUseProvider: false,
    });
  });

  it("an indirect reseller's global admin has every role permission but must go through its provider", async () => {
    expect(await permissionsOf({ as: "res" })).toEqual({
      canManageNetwork: true,
      canManageCustomers: true,
      canOrder: true,
      canTransfer: true,
      canActForCustomers: false,
      mustUseProvider: true,
    });
  });

  it("a direct-bill partner acts for its customers itself", async () => {
    expect(await permissionsOf({ as: "direct" })).toMatchObject({ canActForCustomers: true, mustUseProvider: false });
  });
});

describe("createCustomer", () => {
  const valid = { name: "Litware Inc", domain: "litware.onmicrosoft.com", country: "US", mcaAccepted: true };
  type Payload = {
    customer:
      | (Omit<CustomerNode, "relationships"> & {
          country: string;
          relationships: { status: string; acceptedAt: string | null; partner: { name: string } }[];
        })
      | null;
    userErrors: UserErrorShape[];
  };

  it("an indirect reseller must go through its provider (R22)", async () => {
    await expectRefused(t, CREATE_CUSTOMER, valid, { as: "res" }, [
      { code: "INDIRECT_RESELLER_MUST_USE_PROVIDER", field: null, ruleId: "R22" },
    ]);
  });

  it("refuses a customer in another country on the country field", async () => {
    await expectRefused(t, CREATE_CUSTOMER, { ...valid, country: "FR" }, PROV, [
      { code: "CUSTOMER_REGION_MISMATCH", field: ["input", "country"] },
    ]);
  });

  it("refuses a domain that already exists (case-insensitive)", async () => {
    await expectRefused(t, CREATE_CUSTOMER, { ...valid, domain: " CONTOSO.onmicrosoft.com " }, PROV, [
      { code: "ALREADY_EXISTS", field: ["input", "domain"] },
    ]);
  });

  it("names every malformed field", async () => {
    await expectRefused(t, CREATE_CUSTOMER, { ...valid, name: "x", domain: "not a domain", country: "usa" }, PROV, [
      { code: "INVALID_INPUT", field: ["input", "name"] },
      { code: "INVALID_INPUT", field: ["input", "domain"] },
      { code: "INVALID_INPUT", field: ["input", "country"] },
    ]);
    await expectRefused(t, CREATE_CUSTOMER, { ...valid, domain: "-bad-.onmicrosoft.com" }, PROV, [
      { code: "INVALID_INPUT", field: ["input", "domain"] },
    ]);
  });

  it("answers every problem at once: a malformed field does not hide another field's refusal", async () => {
    // A taken domain is told only to a create that would otherwise succeed (no domain-existence oracle), so it is
    // the one refusal left out here; every other field's problem comes in the same answer.
    await expectRefused(
      t,
      CREATE_CUSTOMER,
      { ...valid, name: "x", domain: " CONTOSO.onmicrosoft.com ", country: "FR", resellerId: id.partner("resOther") },
      PROV,
      [
        { code: "INVALID_INPUT", field: ["input", "name"] },
        { code: "CUSTOMER_REGION_MISMATCH", field: ["input", "country"] },
        { code: "PROVIDER_RESELLER_PARTNERSHIP_REQUIRED", field: ["input", "resellerId"], ruleId: "R23" },
      ],
    );
  });

  it("a provider can only name a reseller it has an active partnership with (R23)", async () => {
    await expectRefused(t, CREATE_CUSTOMER, { ...valid, resellerId: id.partner("resOther") }, PROV, [
      { code: "PROVIDER_RESELLER_PARTNERSHIP_REQUIRED", field: ["input", "resellerId"], ruleId: "R23" },
    ]);
    // The partnership with resNew ended earlier in this file.
    await expectRefused(t, CREATE_CUSTOMER, { ...valid, resellerId: id.partner("resNew") }, PROV, [
      { code: "PROVIDER_RESELLER_PARTNERSHIP_REQUIRED", field: ["input", "resellerId"], ruleId: "R23" },
    ]);
    await expectRefused(t, CREATE_CUSTOMER, { ...valid, resellerId: id.partner("direct") }, PROV, [
      { code: "NOT_FOUND", field: ["input", "resellerId"] },
    ]);
  });

  it("creates the customer with ACTIVE relationships for the provider and the named reseller", async () => {
    const p = expectOk(
      await mutation<Payload>(
        t,
        CREATE_CUSTOMER,
        { ...valid, name: "  Litware Inc ", domain: "Litware.onmicrosoft.com", resellerId: id.partner("res") },
        PROV,
      ),
    );
    expect(p.customer).toMatchObject({
      name: "Litware Inc",
      domain: "litware.onmicrosoft.com",
      country: "US",
      mcaAccepted: true,
    });
    expect(p.customer!.relationships.map((r) => [r.partner.name, r.status]).sort()).toEqual([
      ["Prov Ltd", "ACTIVE"],
      ["Res Ltd", "ACTIVE"],
    ]);
    expect(p.customer!.relationships.every((r) => r.acceptedAt !== null)).toBe(true);

    // The reseller now has it in its own network; an unrelated provider does not.
    const seen = await customersOf({ as: "res" }, "litware");
    expect(seen.nodes.map((c) => [c.id, c.relationships.map((r) => [r.partner.name, r.status])])).toEqual([
      [p.customer!.id, [["Res Ltd", "ACTIVE"]]],
    ]);
    expect((await customersOf({ as: "prov2" }, "litware")).totalCount).toBe(0);
    // And the domain is now taken.
    await expectRefused(t, CREATE_CUSTOMER, valid, { as: "direct" }, [
      { code: "ALREADY_EXISTS", field: ["input", "domain"] },
    ]);
  });

  it("a direct-bill partner creates a customer with one relationship, MCA not accepted by default", async () => {
    const p = expectOk(
      await mutation<Payload>(
        t,
        CREATE_CUSTOMER,
        { name: "Adatum", domain: "adatum.com", country: "US" },
        { as: "direct" },
      ),
    );
    expect(p.customer).toMatchObject({ name: "Adatum", mcaAccepted: false });
    expect(p.customer!.relationships.map((r) => [r.partner.name, r.status])).toEqual([["Direct Ltd", "ACTIVE"]]);
    expect((await customersOf({ as: "direct" }, "adatum")).totalCount).toBe(1);
  });
});

describe("customer relationship requests", () => {
  type RequestPayload = {
    acceptanceUrl: string | null;
    customerDomain: string | null;
    requestExpiresAt: string | null;
    relationships: { id: string; status: string; acceptanceUrl: string | null; partner: { name: string } }[] | null;
    userErrors: UserErrorShape[];
  };
  type AcceptPayload = {
    acceptedCount: number | null;
    customerName: string | null;
    partnerNames: string[] | null;
    userErrors: UserErrorShape[];
  };
  let token = "";

  it("a reseller's request is two-tier and answers the link, the domain asked and the expiry, nothing of the customer", async () => {
    const before = Date.now();
    const p = expectOk(
      await mutation<RequestPayload>(t, REQUEST, { customerDomain: "Fabrikam.onmicrosoft.com" }, { as: "res" }),
    );
    const match = /^\/relationships\/accept\?token=([A-Za-z0-9_-]{16,64})$/.exec(p.acceptanceUrl ?? "");
    expect(match, p.acceptanceUrl ?? "no url").not.toBeNull();
    token = match![1]!;
    expect(p.customerDomain).toBe("fabrikam.onmicrosoft.com");
    expect(p.relationships).toBeNull();
    const expires = Date.parse(p.requestExpiresAt!) - before;
    expect(expires).toBeGreaterThan(7 * 86_400_000 - 60_000);
    expect(expires).toBeLessThan(7 * 86_400_000 + 60_000);
    // Neither the reseller nor its provider sees the customer before it accepts.
    expect((await customersOf(PROV, "fabrikam")).totalCount).toBe(0);
    expect((await customersOf({ as: "res" }, "fabrikam")).totalCount).toBe(0);
  });

  it("acceptCustomerRelationship needs a global admin of the customer's tenant, signed in, and a live link", async () => {
    const refusedSession = [{ code: "NOT_ALLOWED", field: ["input", "customerAdminToken"] }];
    for (const customerAdminToken of [
      "",
      "not-a-jwt",
      await t.tokenFor("res"), // a partner user's sign-in is not a customer admin's
      await customerAdmin("fabrikam.onmicrosoft.com", { globalAdmin: false }), // a user of the right tenant
      await customerAdmin("fabrikam.onmicrosoft.com", { secret: "another-secret-another-secret-xx" }),
    ]) {
      await expectRefused(t, ACCEPT_RELATIONSHIP, { token, customerAdminToken }, null, refusedSession);
    }
    // Another tenant's global admin: the link is not theirs, answered like an unknown link (no tenant oracle).
    const other = await customerAdmin("contoso.onmicrosoft.com");
    await expectRefused(t, ACCEPT_RELATIONSHIP, { token, customerAdminToken: other }, null, [
      { code: "NOT_FOUND", field: ["input", "token"] },
    ]);
    const admin = await customerAdmin("fabrikam.onmicrosoft.com");
    for (const bad of [`${token.slice(0, -2)}zz`, "short"]) {
      await expectRefused(t, ACCEPT_RELATIONSHIP, { token: bad, customerAdminToken: admin }, null, [
        { code: "NOT_FOUND", field: ["input", "token"] },
      ]);
    }
  });

  it("the customer's global admin accepts: both relationships ACTIVE, accepted by the signed-in UPN, MCA accepted", async () => {
    const customerAdminToken = await customerAdmin("fabrikam.onmicrosoft.com");
    const p = expectOk(await mutation<AcceptPayload>(t, ACCEPT_RELATIONSHIP, { token, customerAdminToken }, null));
    expect(p).toMatchObject({ acceptedCount: 2, customerName: "Fabrikam Inc", partnerNames: ["Prov Ltd", "Res Ltd"] });

    const seen = await customersOf(PROV, "fabrikam");
    expect(seen.nodes[0]!.mcaAccepted).toBe(true);
    expect(
      seen.nodes[0]!.relationships.map((r) => [r.partner.name, r.status, r.acceptedBy, r.acceptanceUrl]).sort(),
    ).toEqual([
      ["Prov Ltd", "ACTIVE", "admin@fabrikam.onmicrosoft.com", null],
      ["Res Ltd", "ACTIVE", "admin@fabrikam.onmicrosoft.com", null],
    ]);

    // The link is single-use, and there is nothing left to request.
    await expectRefused(t, ACCEPT_RELATIONSHIP, { token, customerAdminToken }, null, [
      { code: "NOT_FOUND", field: ["input", "token"] },
    ]);
    await expectRefused(t, REQUEST, { customerId: seen.nodes[0]!.id }, { as: "res" }, [
      { code: "ALREADY_EXISTS", field: ["input", "customerId"] },
    ]);
  });
});

describe("user error messages in European Portuguese (Accept-Language: pt-PT)", () => {
  const PT = { headers: { "accept-language": "pt-PT" } };
  const messagesOf = (payload: { userErrors: UserErrorShape[] }) => payload.userErrors.map((e) => e.message);

  it("an input check answers in the request's language, with the same codes and fields", async () => {
    const input = { name: "x", domain: "not a domain", country: "US" };
    const expected = [
      { code: "INVALID_INPUT", field: ["input", "name"] },
      { code: "INVALID_INPUT", field: ["input", "domain"] },
    ];
    const pt = await expectRefused(t, CREATE_CUSTOMER, input, { ...PROV, ...PT }, expected);
    expect(messagesOf(pt)).toEqual([
      "deve ter entre 2 e 200 caracteres",
      "deve ser um nome de domínio, como contoso.onmicrosoft.com",
    ]);
    const en = await expectRefused(t, CREATE_CUSTOMER, input, PROV, expected);
    expect(messagesOf(en)).toEqual([
      "must be 2–200 characters",
      "must be a domain name such as contoso.onmicrosoft.com",
    ]);
  });

  it("a NOT_FOUND answers in the request's language", async () => {
    const field = ["input", "customerId"];
    const pt = await expectRefused(t, REMOVE, { customerId: id.customer("contoso") }, { as: "prov2", ...PT }, [
      { code: "NOT_FOUND", field },
    ]);
    expect(messagesOf(pt)).toEqual(["Este cliente não existe na sua rede"]);
    expect(messagesOf(pt)).toEqual([userMessage("pt-PT", "CUSTOMER_NOT_FOUND")]);
    const en = await expectRefused(t, REMOVE, { customerId: id.customer("contoso") }, { as: "prov2" }, [
      { code: "NOT_FOUND", field },
    ]);
    expect(messagesOf(en)).toEqual(["No such customer in your network"]);
  });

  it("so does a message with a value in it, and the anonymous acceptance of a link", async () => {
    const pt = await expectRefused(
      t,
      ACCEPT_RELATIONSHIP,
      { token: "x".repeat(32), customerAdminToken: await customerAdmin("fabrikam.onmicrosoft.com") },
      PT,
      [{ code: "NOT_FOUND", field: ["input", "token"] }],
    );
    expect(messagesOf(pt)).toEqual([userMessage("pt-PT", "ACCEPTANCE_LINK_INVALID")]);
    const anonymous = await expectRefused(
      t,
      ACCEPT_RELATIONSHIP,
      { token: "x".repeat(32), customerAdminToken: "" },
      PT,
      [{ code: "NOT_ALLOWED", field: ["input", "customerAdminToken"] }],
    );
    expect(messagesOf(anonymous)).toEqual([userMessage("pt-PT", "CUSTOMER_ADMIN_SIGN_IN_REQUIRED")]);
    const region = await expectRefused(
      t,
      CREATE_CUSTOMER,
      { name: "Lda", domain: "lda.pt", country: "PT" },
      { ...PROV, ...PT },
      [{ code: "CUSTOMER_REGION_MISMATCH", field: ["input", "country"] }],
    );
    expect(messagesOf(region)).toEqual([
      "tem de ser o país da sua organização (US): as relações estão limitadas à sua região",
    ]);
  });

  it("a rule's reason keeps its rule message in Portuguese", async () => {
    const p = await expectRefused(
      t,
      CREATE_CUSTOMER,
      { name: "Litware Pt", domain: "litware-pt.onmicrosoft.com", country: "US" },
      { as: "res", ...PT },
      [{ code: "INDIRECT_RESELLER_MUST_USE_PROVIDER", field: null, ruleId: "R22" }],
    );
    expect(messagesOf(p)).toEqual([userMessage("pt-PT", "RESELLER_CANNOT_CREATE_CUSTOMER")]);
  });
});

describe("relationshipRequest (public preview of an acceptance link)", () => {
  const PREVIEW = `query($token: String!, $session: String!) { relationshipRequest(token: $token, customerAdminToken: $session) {
    customerName customerDomain partnerNames includesDelegatedAdmin requestedAt requestExpiresAt } }`;
  type Preview = {
    customerName: string;
    customerDomain: string;
    partnerNames: string[];
    includesDelegatedAdmin: boolean;
    requestedAt: string;
    requestExpiresAt: string;
  };
  let token = "";
  let admin = "";

  async function preview(
    tok: string,
    who: { as?: string; headers?: Record<string, string> } = {},
    session: string = admin,
  ) {
    return query<{ relationshipRequest: Preview | null }>(t, PREVIEW, { token: tok, session }, who);
  }

  it("shows the customer's signed-in global admin, without any partner token, who asks for what", async () => {
    admin = await customerAdmin("northwind.onmicrosoft.com");
    const before = Date.now();
    const p = expectOk(
      await mutation<{ acceptanceUrl: string | null; userErrors: UserErrorShape[] }>(
        t,
        REQUEST,
        { customerDomain: "northwind.onmicrosoft.com", includesDelegatedAdmin: false },
        { as: "res" },
      ),
    );
    token = new URL(p.acceptanceUrl!, "http://x").searchParams.get("token")!;
    const { relationshipRequest } = await preview(token);
    expect(relationshipRequest).toEqual({
      customerName: "Northwind Inc",
      customerDomain: "northwind.onmicrosoft.com",
      partnerNames: ["Prov Ltd", "Res Ltd"],
      includesDelegatedAdmin: false,
      requestedAt: expect.any(String),
      requestExpiresAt: expect.any(String),
    });
    const requestedAt = Date.parse(relationshipRequest!.requestedAt);
    expect(requestedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(requestedAt).toBeLessThanOrEqual(Date.now() + 1000);
    expect(Date.parse(relationshipRequest!.requestExpiresAt) - requestedAt).toBe(7 * 86_400_000);
    // A partner's sign-in changes nothing: the customer admin's session is what counts.
    expect((await preview(token, { as: "prov2" })).relationshipRequest).toEqual(relationshipRequest);
  });

  it("is null without that session: the requester holds the link too, and must not read the customer through it", async () => {
    for (const session of [
      "",
      await t.tokenFor("res"),
      await customerAdmin("northwind.onmicrosoft.com", { globalAdmin: false }),
      await customerAdmin("contoso.onmicrosoft.com"),
    ]) {
      expect((await preview(token, { as: "res" }, session)).relationshipRequest).toBeNull();
    }
  });

  it("exposes nothing about the customer beyond those six fields", async () => {
    const type = await query<{
      __type: { fields: { name: string; type: { kind: string; ofType: { name: string } } }[] };
    }>(t, `{ __type(name: "RelationshipRequestPreview") { fields { name type { kind ofType { name } } } } }`, {}, {});
    expect(type.__type.fields.map((f) => f.name).sort()).toEqual([
      "customerDomain",
      "customerName",
      "includesDelegatedAdmin",
      "partnerNames",
      "requestExpiresAt",
      "requestedAt",
    ]);
    // Scalars (and a list of strings) only: no path to the customer, its relationships or its subscriptions.
    expect(type.__type.fields.every((f) => f.type.kind === "NON_NULL" && f.type.ofType.name !== "Customer")).toBe(true);
    const res = await t.gql(
      `query($token: String!, $s: String!) { relationshipRequest(token: $token, customerAdminToken: $s) { customer { id } } }`,
      { token, s: admin },
    );
    expect(res.body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("is null for an unknown token", async () => {
    // One character changed, to one it is not (a fixed suffix would be the token itself now and then).
    const altered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    expect(altered).not.toBe(token);
    expect((await preview(altered)).relationshipRequest).toBeNull();
    expect((await preview("x".repeat(16))).relationshipRequest).toBeNull();
    expect((await preview("x".repeat(64))).relationshipRequest).toBeNull();
  });

  it("refuses a token outside 16–64 characters with BAD_USER_INPUT naming token", async () => {
    for (const bad of ["", "short", "x".repeat(15), "x".repeat(65)]) {
      const res = await t.gql(PREVIEW, { token: bad, session: admin });
      expect(
        res.body.errors?.map((e) => [e.extensions?.code, e.extensions?.field]),
        bad,
      ).toEqual([["BAD_USER_INPUT", "token"]]);
    }
    const pt = await t.gql(PREVIEW, { token: "short", session: admin }, { headers: { "accept-language": "pt-PT" } });
    expect(pt.body.errors?.[0]?.message).toBe("token: deve ter entre 16 e 64 caracteres");
  });

  it("is null once the link has been used", async () => {
    expectOk(
      await mutation<{ userErrors: UserErrorShape[] }>(
        t,
        ACCEPT_RELATIONSHIP,
        { token, customerAdminToken: admin },
        null,
      ),
    );
    expect((await preview(token)).relationshipRequest).toBeNull();
  });
});

describe("removeCustomerRelationship", () => {
  type Payload = {
    relationship: { status: string; removedAt: string | null; partner: { name: string } } | null;
    decision: { eligible: boolean; blocking: { code: string; ruleId: string }[] } | null;
    userErrors: UserErrorShape[];
  };

  it("is refused while the partner bills an active subscription, with the decision in the payload", async () => {
    const p = await expectRefused<Payload>(t, REMOVE, { customerId: id.customer("contoso") }, PROV, [
      { code: "RELATIONSHIP_HAS_ACTIVE_SUBSCRIPTIONS", field: ["input", "customerId"], ruleId: "R6" },
    ]);
    expect(p.relationship).toBeNull();
    expect(p.decision).toEqual({
      eligible: false,
      blocking: [{ code: "RELATIONSHIP_HAS_ACTIVE_SUBSCRIPTIONS", ruleId: "R6" }],
    });
  });

  it("is refused to an indirect reseller (R6a) and for a customer outside the network", async () => {
    await expectRefused(t, REMOVE, { customerId: id.customer("resCust") }, { as: "res" }, [
      { code: "INDIRECT_RESELLER_CANNOT_REMOVE_RELATIONSHIP", field: ["input", "customerId"], ruleId: "R6a" },
    ]);
    await expectRefused(t, REMOVE, { customerId: id.customer("contoso") }, { as: "prov2" }, [
      { code: "NOT_FOUND", field: ["input", "customerId"] },
    ]);
  });

  it("removes it when nothing billed is active; the customer leaves the partner's customers", async () => {
    expect((await customersOf(PROV, "tailspin")).totalCount).toBe(1);
    const p = expectOk(await mutation<Payload>(t, REMOVE, { customerId: id.customer("tailspin") }, PROV));
    expect(p.relationship).toMatchObject({ status: "REMOVED", partner: { name: "Prov Ltd" } });
    expect(p.relationship!.removedAt).not.toBeNull();
    expect(p.decision).toEqual({ eligible: true, blocking: [] });

    expect((await customersOf(PROV, "tailspin")).totalCount).toBe(0);
    const node = await t.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: id.customer("tailspin") }, PROV);
    expect(node.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    await expectRefused(t, REMOVE, { customerId: id.customer("tailspin") }, PROV, [
      { code: "NOT_FOUND", field: ["input", "customerId"] },
    ]);
  });
});
