import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GLOBAL_ADMIN_ROLE_TEMPLATE_ID, signCustomerAdminToken } from "../../server/src/auth/customer-admin-token";
import { signToken } from "../../server/src/auth/token";
import { Customer } from "../../server/src/modules/customer/customer.entity";
import { toGlobalId, type NodeTypeName } from "../../server/src/common/global-id";
import { CustomerRelationship } from "../../server/src/modules/customer/customer-relationship.entity";
import { CustomerSubscription } from "../../server/src/modules/subscription/customer-subscription.entity";
import { ResellerPartnership } from "../../server/src/modules/partner/reseller-partnership.entity";
import { User } from "../../server/src/modules/user/user.entity";
import { Partner } from "../../server/src/modules/partner/partner.entity";
import { TenantScope } from "../../server/src/auth/scope";
import { UserRole } from "../../server/src/domain/enums";
import { expectError, NAMES, R1_HELPDESK, scopingWorld, TODAY } from "./fixtures";
import { startTestServer, type TestServer } from "./harness";

// Tenant scoping through the real HTTP API: what each partner can reach, and above all what it cannot.
// The world (fixtures.ts) has two providers, five resellers, a direct-bill partner and eight customers.

let t: TestServer;
const gid: Record<string, string> = {};

const partnerId = (key: string) => t.world.partners.get(key)!;
const customerId = (key: string) => t.world.customers.get(key)!;

async function relationshipGid(partnerKey: string, customerKey: string): Promise<string> {
  const row = await t.app.dataSource
    .getRepository(CustomerRelationship)
    .findOneByOrFail({ partnerId: partnerId(partnerKey), customerId: customerId(customerKey) });
  return toGlobalId("CustomerRelationship", row.id);
}

async function partnershipGid(provider: string, reseller: string): Promise<string> {
  const row = await t.app.dataSource
    .getRepository(ResellerPartnership)
    .findOneByOrFail({ providerId: partnerId(provider), resellerId: partnerId(reseller) });
  return toGlobalId("ResellerPartnership", row.id);
}

async function userGid(partnerKey: string): Promise<string> {
  const row = await t.app.dataSource
    .getRepository(User)
    .findOneByOrFail({ email: t.world.userEmails.get(partnerKey)! });
  return toGlobalId("User", row.id);
}

beforeAll(async () => {
  t = await startTestServer(scopingWorld());
  const put = (type: NodeTypeName, map: Map<string, string>) => {
    for (const [key, id] of map) gid[key] = toGlobalId(type, id);
  };
  put("Partner", t.world.partners);
  put("Customer", t.world.customers);
  put("CustomerSubscription", t.world.subscriptions);
  put("Transfer", t.world.transfers);
  for (const [p, c] of [
    ["R1", "C1"],
    ["P1", "C1"],
    ["D", "C1"],
    ["R2", "C2"],
    ["P1", "C2"],
    ["P2", "C2"],
    ["R3", "C3"],
    ["R1", "C5"],
    ["P1", "C8"],
  ] as const) {
    gid[`rel:${p}-${c}`] = await relationshipGid(p, c);
  }
  for (const [p, r] of [
    ["P1", "R1"],
    ["P1", "R2"],
    ["P1", "R4"],
    ["P2", "R3"],
  ] as const) {
    gid[`rp:${p}-${r}`] = await partnershipGid(p, r);
  }
  for (const p of ["R1", "R2", "P1"]) gid[`user:${p}`] = await userGid(p);
});

afterAll(async () => {
  await t?.close();
});

// --- queries ------------------------------------------------------------------------------------------------

const CUSTOMERS = `query ($filter: CustomerFilter, $first: Int) {
  customers(filter: $filter, first: $first) { totalCount nodes { id name } }
}`;
const SUBSCRIPTIONS = `query ($filter: SubscriptionFilter) {
  subscriptions(filter: $filter, first: 100) { totalCount nodes { id offerName } }
}`;
const TRANSFERS = `query ($filter: TransferFilter) {
  transfers(filter: $filter, first: 100) { totalCount nodes { id customer { name } subscriptions { id offerName } } }
}`;
const NODE = `query ($id: ID!) {
  node(id: $id) {
    id __typename
    ... on Customer { name }
    ... on CustomerSubscription { offerName subscriptionStatus: status version }
    ... on Transfer { transferStatus: status }
    ... on CustomerRelationship { relationshipStatus: status }
    ... on ResellerPartnership { partnershipStatus: status }
    ... on Partner { name }
    ... on User { email }
  }
}`;

type Conn<T> = { totalCount: number; nodes: T[] };

async function customerNames(as: string, filter: Record<string, unknown> | null = null): Promise<string[]> {
  const res = await t.gql<{ customers: Conn<{ name: string }> }>(CUSTOMERS, { filter, first: 100 }, { as });
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  const { nodes, totalCount } = res.body.data!.customers;
  expect(totalCount).toBe(nodes.length);
  return nodes.map((n) => n.name);
}

async function subscriptionIds(as: string, filter: Record<string, unknown> | null = null): Promise<string[]> {
  const res = await t.gql<{ subscriptions: Conn<{ id: string }> }>(SUBSCRIPTIONS, { filter }, { as });
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  const { nodes, totalCount } = res.body.data!.subscriptions;
  expect(totalCount).toBe(nodes.length);
  return nodes.map((n) => n.id).sort();
}

async function transferIds(as: string, filter: Record<string, unknown> | null = null): Promise<string[]> {
  const res = await t.gql<{ transfers: Conn<{ id: string }> }>(TRANSFERS, { filter }, { as });
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  const { nodes, totalCount } = res.body.data!.transfers;
  expect(totalCount).toBe(nodes.length);
  return nodes.map((n) => n.id).sort();
}

const ids = (...keys: string[]) => keys.map((k) => gid[k]!).sort();

/** Names and offer names of everything outside R1's network: none may appear in any response to R1. */
const FOREIGN_TO_R1 = [
  NAMES.C2,
  NAMES.C3,
  NAMES.C4,
  NAMES.C5,
  NAMES.C6,
  NAMES.C7,
  NAMES.C8,
  "Business Premium",
  "Defender for Business",
  "Business Central",
  "Dynamics 365 Sales",
  "Exchange Online Plan 1",
  "Microsoft 365 E5",
  "Power BI Pro",
  "Project Plan 3",
  "Visio Plan 2",
  "Windows 365 Enterprise",
];

function expectNothingForeign(body: unknown, foreign = FOREIGN_TO_R1): void {
  const text = JSON.stringify(body);
  for (const name of foreign) expect(text, `response mentions "${name}"`).not.toContain(name);
}

// --- R1: the negative cases ----------------------------------------------------------------------------------

describe("an indirect reseller (R1) never reaches other tenants", () => {
  it("customers: only its own customer, whatever the filter", async () => {
    expect(await customerNames("R1")).toEqual([NAMES.C1]);
    const filters: [Record<string, unknown>, string[]][] = [
      [{ search: NAMES.C2 }, []],
      [{ search: "bravo" }, []],
      [{ search: "bravoindustries.onmicrosoft.com" }, []],
      [{ search: NAMES.C3 }, []],
      [{ search: NAMES.C4 }, []],
      [{ search: NAMES.C5 }, []],
      [{ search: NAMES.C8 }, []],
      [{ search: "%" }, [NAMES.C1]],
      [{ search: "_" }, [NAMES.C1]],
      [{ search: "" }, [NAMES.C1]],
      [{ resellerId: gid.R2 }, []],
      [{ resellerId: gid.R3 }, []],
      [{ resellerId: gid.R1 }, [NAMES.C1]],
      [{ resellerId: gid.R2, search: NAMES.C2 }, []],
      [{ country: "US" }, [NAMES.C1]],
      [{ channels: ["EA"] }, []],
      [{ channels: ["CSP", "EA", "MICROSOFT_DIRECT", "OPEN", "ADVISOR", "THIRD_PARTY_NON_CSP"] }, [NAMES.C1]],
      [{ hasNonCspSubscriptions: true }, [NAMES.C1]],
      [{ hasNonCspSubscriptions: false }, []],
    ];
    for (const [filter, expected] of filters) {
      expect(await customerNames("R1", filter), JSON.stringify(filter)).toEqual(expected);
    }
  });

  it("customers: the response text never names another tenant's customer", async () => {
    for (const filter of [null, { search: NAMES.C2 }, { resellerId: gid.R2 }, { search: "o" }]) {
      const res = await t.gql(
        `query ($filter: CustomerFilter) { customers(filter: $filter) { totalCount edges { cursor node { name domain relationships { partner { name } } } } } }`,
        { filter },
        { as: "R1" },
      );
      expect(res.body.errors).toBeUndefined();
      expectNothingForeign(res.body);
    }
  });

  it("subscriptions: only its customer's, whatever the filter", async () => {
    // Not s1e: D bills it (another CSP partner's subscription of a shared customer: transfers only).
    const own = ids("s1a", "s1b", "s1c", "s1d");
    expect(await subscriptionIds("R1")).toEqual(own);
    expect(await subscriptionIds("R1", { customerId: gid.C1 })).toEqual(own);
    for (const filter of [
      { customerId: gid.C2 },
      { customerId: gid.C3 },
      { customerId: gid.C4 },
      { customerId: gid.C5 },
      { customerId: gid.C6 },
      { customerId: gid.C2, status: ["ACTIVE", "SUSPENDED", "EXPIRED", "DISABLED", "DELETED"] },
      { resellerId: gid.R2 },
      { resellerId: gid.R3 },
      { search: "Business Premium" },
      { search: "Visio" },
      { channel: ["EA"] },
      { status: ["SUSPENDED"] },
    ]) {
      expect(await subscriptionIds("R1", filter), JSON.stringify(filter)).toEqual([]);
    }
  });

  it("transfers: only the one that names it, whatever the filter", async () => {
    expect(await transferIds("R1")).toEqual(ids("T6"));
    expect(await transferIds("R1", { customerId: gid.C1 })).toEqual(ids("T6"));
    expect(await transferIds("R1", { direction: "INCOMING" })).toEqual(ids("T6"));
    expect(
      await transferIds("R1", { status: ["PENDING", "REJECTED", "WITHDRAWN", "COMPLETED", "ACCEPTED", "EXPIRED"] }),
    ).toEqual(ids("T6"));
    for (const filter of [
      { customerId: gid.C2 },
      { customerId: gid.C3 },
      { customerId: gid.C4 },
      { direction: "OUTGOING" },
    ]) {
      expect(await transferIds("R1", filter), JSON.stringify(filter)).toEqual([]);
    }
    const res = await t.gql(TRANSFERS, {}, { as: "R1" });
    expectNothingForeign(res.body);
  });

  it("transferEligibility: customers outside the network are NOT_FOUND", async () => {
    const q = `query ($c: ID!) { transferEligibility(customerId: $c, first: 50) {
      totalCount nodes { subscription { id offerName } decision { eligible } } } }`;
    for (const c of ["C2", "C3", "C4", "C5", "C6", "C7", "C8"]) {
      const res = await t.gql(q, { c: gid[c] }, { as: "R1" });
      expectError(res.body, "NOT_FOUND", "customerId");
      expect(res.body.data ?? null).toBeNull();
      expectNothingForeign(res.body);
    }
    // Control: the same query on its own customer answers (every CSP subscription that is not deleted).
    const own = await t.gql<{ transferEligibility: Conn<{ subscription: { id: string } }> }>(
      q,
      { c: gid.C1 },
      { as: "R1" },
    );
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data!.transferEligibility.nodes.map((n) => n.subscription.id).sort()).toEqual(
      ids("s1a", "s1b", "s1c", "s1e"),
    );
  });

  // Every node type, with the partner that legitimately sees it (a control that the id is real).
  const outOfScope: [string, string | null][] = [
    ["C2", "P1"],
    ["C3", "P2"],
    ["C4", "D"],
    ["C5", "D"],
    ["C6", "P2"],
    ["C7", "P2"],
    ["C8", null], // only P1's pending request: nobody sees C8 until it accepts
    ["s2a", "P1"],
    ["s2b", "P1"],
    ["s2c", "P1"],
    ["s3a", "P2"],
    ["s3b", "D"],
    ["s4a", "D"],
    ["s5a", "D"],
    ["s6a", "P2"],
    ["s7a", "P2"],
    ["s8a", null], // C8's only relationship is P1's pending request: nobody reads its subscriptions
    ["T1", "P1"],
    ["T2", "P2"],
    ["T3", "P1"],
    ["T4", "D"],
    ["T5", "D"],
    ["rel:P1-C1", "P1"],
    ["rel:D-C1", "D"],
    ["rel:R2-C2", "P1"],
    ["rel:P1-C2", "P1"],
    ["rel:R3-C3", "P2"],
    ["rel:P1-C8", null], // a pending request shows its requester the domain and status only (mutation answer)
    ["rel:R1-C5", null], // its own relationship, REMOVED: C5 has left every network R1 belongs to
    ["rp:P1-R2", "P1"],
    ["rp:P1-R4", "P1"],
    ["rp:P2-R3", "R3"],
    ["R2", "P1"],
    ["R3", "P2"],
    ["P2", "R3"],
    ["D", "D"],
    ["user:R2", "R2"],
    ["user:P1", "P1"],
  ];

  it("node(id:) is NOT_FOUND for every type of object outside the network", async () => {
    for (const [key] of outOfScope) {
      const res = await t.gql<{ node: unknown }>(NODE, { id: gid[key] }, { as: "R1" });
      expectError(res.body, "NOT_FOUND", "id");
      expect(res.body.data?.node ?? null, key).toBeNull();
      expectNothingForeign(res.body, [...FOREIGN_TO_R1, NAMES.R2, NAMES.R3, NAMES.P2, NAMES.D]);
    }
  });

  it("node(id:): the same ids resolve for a partner that may see them (the ids are real)", async () => {
    for (const [key, owner] of outOfScope) {
      if (!owner) continue;
      const res = await t.gql<{ node: { id: string } | null }>(NODE, { id: gid[key] }, { as: owner });
      expect(res.body.errors, `${key} as ${owner}: ${JSON.stringify(res.body.errors)}`).toBeUndefined();
      expect(res.body.data!.node?.id, key).toBe(gid[key]);
    }
  });

  it("node(id:) resolves R1's own objects", async () => {
    for (const key of ["C1", "s1a", "s1d", "T6", "rel:R1-C1", "rp:P1-R1", "P1", "R1", "user:R1"]) {
      const res = await t.gql<{ node: { id: string } | null }>(NODE, { id: gid[key] }, { as: "R1" });
      expect(res.body.errors, key).toBeUndefined();
      expect(res.body.data!.node?.id, key).toBe(gid[key]);
    }
  });

  it("nested fields stay inside the network", async () => {
    const res = await t.gql<{
      subscriptions: {
        nodes: {
          id: string;
          customer: {
            name: string;
            relationships: { id: string; partner: { name: string }; customer: { name: string } }[];
          };
          parentSubscription: { id: string; customer: { name: string } } | null;
          transactingPartner: { name: string } | null;
        }[];
      };
    }>(
      `{ subscriptions(first: 100) { nodes {
          id offerName
          customer { name channels relationships { id status partner { name } customer { name } } }
          parentSubscription { id offerName customer { name } }
          transactingPartner { name } resellerOfRecord { name }
        } } }`,
      {},
      { as: "R1" },
    );
    expect(res.body.errors).toBeUndefined();
    const nodes = res.body.data!.subscriptions.nodes;
    expect(nodes).toHaveLength(4);
    for (const n of nodes) {
      expect(n.customer.name).toBe(NAMES.C1);
      // Only R1's own relationship: not P1's, not D's.
      expect(n.customer.relationships.map((r) => [r.id, r.partner.name, r.customer.name])).toEqual([
        [gid["rel:R1-C1"], NAMES.R1, NAMES.C1],
      ]);
    }
    const addOn = nodes.find((n) => n.id === gid.s1b)!;
    expect(addOn.parentSubscription?.id).toBe(gid.s1a);
    expectNothingForeign(res.body);

    // The same through node(id:) and through the transfer R1 is named on.
    const viaNode = await t.gql(
      `query ($id: ID!) { node(id: $id) { ... on Customer { relationships { partner { name } } } } }`,
      { id: gid.C1 },
      { as: "R1" },
    );
    expect(viaNode.body).toEqual({ data: { node: { relationships: [{ partner: { name: NAMES.R1 } }] } } });
    const viaTransfer = await t.gql(
      `{ transfers { nodes { id customer { name relationships { partner { name } } }
          subscriptions { id customer { name } parentSubscription { id } eligibility(action: SUPPORT) { eligible } } } } }`,
      {},
      { as: "R1" },
    );
    expect(viaTransfer.body.errors).toBeUndefined();
    expect(viaTransfer.body.data).toEqual({
      transfers: {
        nodes: [
          {
            id: gid.T6,
            customer: { name: NAMES.C1, relationships: [{ partner: { name: NAMES.R1 } }] },
            subscriptions: [
              { id: gid.s1e, customer: { name: NAMES.C1 }, parentSubscription: null, eligibility: { eligible: true } },
            ],
          },
        ],
      },
    });
  });

  it("partnerships: its providers only, and no resellers", async () => {
    const res = await t.gql<{
      providers: Conn<{ id: string; provider: { name: string }; reseller: { name: string } }>;
      resellers: Conn<unknown>;
    }>(
      `{ providers { totalCount nodes { id provider { name } reseller { name } } } resellers { totalCount nodes { id } } }`,
      {},
      { as: "R1" },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.providers.nodes).toEqual([
      { id: gid["rp:P1-R1"], provider: { name: NAMES.P1 }, reseller: { name: NAMES.R1 } },
    ]);
    expect(res.body.data!.resellers).toEqual({ totalCount: 0, nodes: [] });
  });

  it("eligibility on a subject it cannot see answers with reasons only, never the subject's data", async () => {
    // The conformance contract: a partner without a relationship asks exactly that (R1/R12-style reasons).
    const res = await t.gql(
      `query ($id: ID!) { eligibility(input: { action: SUPPORT, subscriptionId: $id }) { eligible blocking { code } advisories { code } eligibleUntil becomesEligibleAt refundableQuantity refundableDetails { quantity } } }`,
      { id: gid.s2a },
      { as: "R1" },
    );
    expect(res.body).toEqual({
      data: {
        eligibility: {
          eligible: false,
          blocking: [{ code: "RESELLER_RELATIONSHIP_REQUIRED" }],
          advisories: [],
          // Subject data under rule book V2 (seat windows, the instants the answer changes): withheld.
          eligibleUntil: null,
          becomesEligibleAt: null,
          refundableQuantity: null,
          refundableDetails: null,
        },
      },
    });
    // The decision type has no path to the subject: codes, messages, rule pages, the instant and book it was decided
    // at, and the subject-derived V2 fields, which are null for an unseen subject (above).
    const type = await t.gql<{ __type: { fields: { name: string }[] } }>(
      `{ __type(name: "EligibilityDecision") { fields { name } } }`,
    );
    expect(type.body.data!.__type.fields.map((f) => f.name).sort()).toEqual([
      "action",
      "advisories",
      "asOf",
      "at",
      "becomesEligibleAt",
      "blocking",
      "eligible",
      "eligibleUntil",
      "refundableDetails",
      "refundableQuantity",
      "ruleBook",
    ]);
  });

  it("networkSummary counts only what the viewer's network holds", async () => {
    const q = `query ($asOf: LocalDate) { networkSummary(asOf: $asOf) {
      customerCount multiChannelCustomerCount subscriptionCount incomingTransfersPending outgoingTransfersPending
      relationshipsRequested activeResellerCount resellersWithComplianceIssues
      subscriptionsByChannel { channel count } } }`;
    const expected: Record<string, Record<string, unknown>> = {
      R1: {
        customerCount: 1,
        multiChannelCustomerCount: 1,
        subscriptionCount: 4,
        incomingTransfersPending: 1,
        outgoingTransfersPending: 0,
        relationshipsRequested: 0,
        activeResellerCount: 0,
        channels: { CSP: 3, MICROSOFT_DIRECT: 1 },
      },
      P1: {
        // Not C8: a pending request shows nothing of the customer (its request is counted, not its channels).
        customerCount: 2,
        multiChannelCustomerCount: 2,
        // Not s1e: D bills it.
        subscriptionCount: 7,
        incomingTransfersPending: 1,
        outgoingTransfersPending: 1,
        relationshipsRequested: 1,
        activeResellerCount: 2,
        channels: { CSP: 5, MICROSOFT_DIRECT: 1, EA: 1 },
      },
      P2: {
        customerCount: 3,
        multiChannelCustomerCount: 0,
        // Not s3b on C3: D bills it.
        subscriptionCount: 3,
        incomingTransfersPending: 1,
        outgoingTransfersPending: 0,
        relationshipsRequested: 0,
        activeResellerCount: 3,
        channels: { CSP: 3 },
      },
      D: {
        customerCount: 4,
        multiChannelCustomerCount: 1,
        // Its own s1e, s3b, s4a, s5a and C1's Microsoft-direct s1d; not P1's or P2's on C1 and C3.
        subscriptionCount: 5,
        incomingTransfersPending: 1,
        outgoingTransfersPending: 2,
        relationshipsRequested: 0,
        activeResellerCount: 0,
        channels: { CSP: 4, MICROSOFT_DIRECT: 1 },
      },
    };
    for (const [as, want] of Object.entries(expected)) {
      const res = await t.gql<{
        networkSummary: Record<string, unknown> & { subscriptionsByChannel: { channel: string; count: number }[] };
      }>(q, { asOf: TODAY }, { as });
      expect(res.body.errors).toBeUndefined();
      const { subscriptionsByChannel, ...counts } = res.body.data!.networkSummary;
      const { channels, ...wantCounts } = want;
      expect(counts, as).toEqual({ ...wantCounts, resellersWithComplianceIssues: 0 });
      expect(Object.fromEntries(subscriptionsByChannel.map((c) => [c.channel, c.count])), as).toEqual(channels);
    }
  });
});

// --- mutations with ids from outside the network ------------------------------------------------------------

describe("mutations with out-of-scope ids", () => {
  const payload = "userErrors { code field } ";
  const INPUT_TYPES: Record<string, string> = {
    cancelSubscription: "SubscriptionActionInput",
    suspendSubscription: "SubscriptionActionInput",
    reactivateSubscription: "SubscriptionActionInput",
    createTransfer: "CreateTransferInput",
    acceptTransfer: "TransferIdInput",
    rejectTransfer: "TransferIdInput",
    withdrawTransfer: "TransferIdInput",
    removeCustomerRelationship: "RemoveRelationshipInput",
    requestCustomerRelationship: "RequestRelationshipInput",
    orderSubscription: "OrderSubscriptionInput",
    registerExternalSubscription: "RegisterExternalSubscriptionInput",
    endResellerPartnership: "PartnershipIdInput",
    acceptResellerInvitation: "PartnershipIdInput",
  };

  const attempts: {
    as: string;
    name: string;
    mutation: string;
    input: () => Record<string, unknown>;
    field: string[];
    result?: string;
  }[] = [
    {
      as: "R1",
      name: "cancel C2's subscription",
      mutation: "cancelSubscription",
      input: () => ({ subscriptionId: gid.s2a }),
      field: ["input", "subscriptionId"],
      result: "subscription { id }",
    },
    {
      as: "R1",
      name: "suspend C3's subscription",
      mutation: "suspendSubscription",
      input: () => ({ subscriptionId: gid.s3a }),
      field: ["input", "subscriptionId"],
      result: "subscription { id }",
    },
    {
      as: "R1",
      name: "reactivate C3's suspended subscription",
      mutation: "reactivateSubscription",
      input: () => ({ subscriptionId: gid.s3b }),
      field: ["input", "subscriptionId"],
      result: "subscription { id }",
    },
    {
      as: "R1",
      name: "createTransfer on C2",
      mutation: "createTransfer",
      input: () => ({ customerId: gid.C2, subscriptionIds: [gid.s2a] }),
      field: ["input", "customerId"],
      result: "transfer { id }",
    },
    {
      as: "R1",
      name: "createTransfer of C2's subscription under C1",
      mutation: "createTransfer",
      input: () => ({ customerId: gid.C1, subscriptionIds: [gid.s2a] }),
      field: ["input", "subscriptionIds", "0"],
      result: "transfer { id }",
    },
    {
      as: "R1",
      name: "removeCustomerRelationship on C2",
      mutation: "removeCustomerRelationship",
      input: () => ({ customerId: gid.C2 }),
      field: ["input", "customerId"],
      result: "relationship { id }",
    },
    {
      as: "R1",
      name: "acceptTransfer of P1 → D (about its own customer)",
      mutation: "acceptTransfer",
      input: () => ({ transferId: gid.T1 }),
      field: ["input", "transferId"],
      result: "transfer { id status }",
    },
    {
      as: "R1",
      name: "acceptTransfer of D → P2",
      mutation: "acceptTransfer",
      input: () => ({ transferId: gid.T2 }),
      field: ["input", "transferId"],
      result: "transfer { id status }",
    },
    {
      as: "R1",
      name: "rejectTransfer of P1 → D",
      mutation: "rejectTransfer",
      input: () => ({ transferId: gid.T1 }),
      field: ["input", "transferId"],
      result: "transfer { id }",
    },
    {
      as: "R1",
      name: "withdrawTransfer of D → P2",
      mutation: "withdrawTransfer",
      input: () => ({ transferId: gid.T2 }),
      field: ["input", "transferId"],
      result: "transfer { id }",
    },
    {
      as: "R1",
      name: "orderSubscription for C2",
      mutation: "orderSubscription",
      input: () => ({
        customerId: gid.C2,
        offerName: "Microsoft 365 E3",
        offerId: "CFQ7TTC0LFLX:0001",
        offerKind: "LICENSE_BASED",
        termDuration: "P1Y",
        quantity: 5,
      }),
      field: ["input", "customerId"],
      result: "subscription { id }",
    },
    {
      as: "R1",
      name: "registerExternalSubscription for C2",
      mutation: "registerExternalSubscription",
      input: () => ({
        customerId: gid.C2,
        offerName: "Office 365 E3",
        offerKind: "LICENSE_BASED",
        channel: "EA",
        quantity: 5,
        purchaseDate: "2026-01-01",
        commitmentEndDate: "2026-12-31",
      }),
      field: ["input", "customerId"],
      result: "subscription { id }",
    },
    {
      as: "R1",
      name: "requestCustomerRelationship with C2 by id",
      mutation: "requestCustomerRelationship",
      input: () => ({ customerId: gid.C2 }),
      field: ["input", "customerId"],
      result: "acceptanceUrl relationships { id }",
    },
    {
      as: "R1",
      name: "endResellerPartnership P1 ↔ R2",
      mutation: "endResellerPartnership",
      input: () => ({ partnershipId: gid["rp:P1-R2"] }),
      field: ["input", "partnershipId"],
      result: "partnership { id status }",
    },
    {
      as: "R1",
      name: "acceptResellerInvitation P1 ↔ R4",
      mutation: "acceptResellerInvitation",
      input: () => ({ partnershipId: gid["rp:P1-R4"] }),
      field: ["input", "partnershipId"],
      result: "partnership { id status }",
    },
    {
      as: "D",
      name: "D cancels C2's subscription",
      mutation: "cancelSubscription",
      input: () => ({ subscriptionId: gid.s2a }),
      field: ["input", "subscriptionId"],
      result: "subscription { id }",
    },
    {
      as: "D",
      name: "D accepts the rejected P1 → P2 transfer",
      mutation: "acceptTransfer",
      input: () => ({ transferId: gid.T3 }),
      field: ["input", "transferId"],
      result: "transfer { id }",
    },
    {
      as: "P1",
      name: "P1 accepts D → P2",
      mutation: "acceptTransfer",
      input: () => ({ transferId: gid.T2 }),
      field: ["input", "transferId"],
      result: "transfer { id }",
    },
    {
      as: "P1",
      name: "P1 cancels C6's subscription (its former reseller's customer)",
      mutation: "cancelSubscription",
      input: () => ({ subscriptionId: gid.s6a }),
      field: ["input", "subscriptionId"],
      result: "subscription { id }",
    },
    {
      as: "P1",
      name: "P1 removes its relationship with C7 (INVITED reseller's customer)",
      mutation: "removeCustomerRelationship",
      input: () => ({ customerId: gid.C7 }),
      field: ["input", "customerId"],
      result: "relationship { id }",
    },
    {
      as: "P2",
      name: "P2 removes its REMOVED relationship with C2",
      mutation: "removeCustomerRelationship",
      input: () => ({ customerId: gid.C2 }),
      field: ["input", "customerId"],
      result: "relationship { id }",
    },
    {
      as: "P2",
      name: "P2 transfers C2's subscription",
      mutation: "createTransfer",
      input: () => ({ customerId: gid.C2, subscriptionIds: [gid.s2a], resellerId: gid.R3 }),
      field: ["input", "customerId"],
      result: "transfer { id }",
    },
  ];

  /** Everything these mutations could have touched, as the partners that can see it. */
  async function snapshot() {
    const asP1 = await t.gql(
      `query ($s2a: ID!, $s2b: ID!, $c2: ID!, $c2s: String!, $t1: ID!) {
        s2a: node(id: $s2a) { ... on CustomerSubscription { status version autoRenew transactingPartner { name } } }
        s2b: node(id: $s2b) { ... on CustomerSubscription { status version } }
        c2: node(id: $c2) { ... on Customer { relationships { status partner { name } } } }
        t1: node(id: $t1) { ... on Transfer { status respondedAt } }
        subscriptions(filter: { customerId: $c2s }) { totalCount }
        transfers { totalCount }
        resellers { nodes { status reseller { name } } }
      }`,
      { s2a: gid.s2a, s2b: gid.s2b, c2: gid.C2, c2s: gid.C2, t1: gid.T1 },
      { as: "P1" },
    );
    const asP2 = await t.gql(
      `query ($s3a: ID!, $s6a: ID!, $t2: ID!, $c7: ID!) {
        s3a: node(id: $s3a) { ... on CustomerSubscription { status version } }
        s6a: node(id: $s6a) { ... on CustomerSubscription { status version } }
        t2: node(id: $t2) { ... on Transfer { status respondedAt } }
        c7: node(id: $c7) { ... on Customer { relationships { status partner { name } } } }
        transfers { totalCount }
      }`,
      { s3a: gid.s3a, s6a: gid.s6a, t2: gid.T2, c7: gid.C7 },
      { as: "P2" },
    );
    const asD = await t.gql(
      `query ($s3b: ID!) { s3b: node(id: $s3b) { ... on CustomerSubscription { status version } } }`,
      { s3b: gid.s3b },
      { as: "D" },
    );
    const asR2 = await t.gql(`{ providers { nodes { status } } customers { totalCount } }`, {}, { as: "R2" });
    for (const r of [asP1, asP2, asR2, asD]) expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
    return { p1: asP1.body.data, p2: asP2.body.data, r2: asR2.body.data, d: asD.body.data };
  }

  it("are refused with NOT_FOUND user errors and change nothing", async () => {
    const before = await snapshot();
    // Sanity: the snapshot shows the state the world was loaded with.
    expect(before.p1).toMatchObject({
      s2a: { status: "ACTIVE", version: 1, autoRenew: true },
      t1: { status: "PENDING", respondedAt: null },
      c2: { relationships: [{ status: "ACTIVE" }, { status: "ACTIVE" }] },
      subscriptions: { totalCount: 3 },
    });
    expect(before.p2).toMatchObject({ t2: { status: "PENDING" } });
    expect(before.d).toMatchObject({ s3b: { status: "SUSPENDED" } });

    for (const a of attempts) {
      const res = await t.gql<
        Record<string, { userErrors: { code: string; field: string[] }[] } & Record<string, unknown>>
      >(
        `mutation ($input: ${INPUT_TYPES[a.mutation]}!) { r: ${a.mutation}(input: $input) { ${payload} ${a.result ?? ""} } }`,
        { input: a.input() },
        { as: a.as },
      );
      expect(res.body.errors, `${a.name}: ${JSON.stringify(res.body.errors)}`).toBeUndefined();
      const r = res.body.data!.r!;
      expect(r.userErrors, a.name).toEqual([{ code: "NOT_FOUND", field: a.field }]);
      for (const [key, value] of Object.entries(r)) {
        if (key !== "userErrors") expect(value, `${a.name}: ${key}`).toBeNull();
      }
      if (a.as === "R1") expectNothingForeign(res.body);
    }

    expect(await snapshot()).toEqual(before);
  });

  it("a party that is not the right one gets NOT_ALLOWED, not the transfer", async () => {
    // R3 is named on T2 (D → P2) but only the source (D) accepts and only the target (P2) withdraws.
    for (const mutation of ["acceptTransfer", "withdrawTransfer"]) {
      const res = await t.gql<{ r: { userErrors: { code: string }[]; transfer: unknown } }>(
        `mutation ($id: ID!) { r: ${mutation}(input: { transferId: $id }) { userErrors { code } transfer { id } } }`,
        { id: gid.T2 },
        { as: "R3" },
      );
      expect(res.body.data!.r).toEqual({ userErrors: [{ code: "NOT_ALLOWED" }], transfer: null });
    }
  });

  it("a read-only user cannot run mutations, and gets a client error rather than an internal one", async () => {
    const res = await t.gql(
      `mutation ($id: ID!) { cancelSubscription(input: { subscriptionId: $id }) { userErrors { code } subscription { status } } }`,
      { id: gid.s1a },
      { email: R1_HELPDESK },
    );
    expect(res.body.data ?? null).toBeNull();
    expectError(res.body, "FORBIDDEN");
    // Reading is fine for the same user.
    const read = await t.gql<{ customers: { totalCount: number } }>(
      `{ customers { totalCount } }`,
      {},
      { email: R1_HELPDESK },
    );
    expect(read.body.data?.customers.totalCount).toBe(1);
  });
});

// --- positive cases: what each partner does see ------------------------------------------------------------

describe("what each partner sees", () => {
  it("P1 sees its own and its ACTIVE resellers' customers, not P2's, D's, nor an INVITED/REMOVED reseller's", async () => {
    expect(await customerNames("P1")).toEqual([NAMES.C1, NAMES.C2]);
    expect(await customerNames("P1", { resellerId: gid.R1 })).toEqual([NAMES.C1]);
    expect(await customerNames("P1", { resellerId: gid.R2 })).toEqual([NAMES.C2]);
    expect(await customerNames("P1", { resellerId: gid.R4 })).toEqual([]);
    expect(await customerNames("P1", { resellerId: gid.R5 })).toEqual([]);
    for (const name of [NAMES.C3, NAMES.C4, NAMES.C5, NAMES.C6, NAMES.C7]) {
      expect(await customerNames("P1", { search: name }), name).toEqual([]);
    }
    // Not s8a: C8 is not listed while P1's request is pending. Not s1e: D bills it.
    expect(await subscriptionIds("P1")).toEqual(ids("s1a", "s1b", "s1c", "s1d", "s2a", "s2b", "s2c"));
    expect(await subscriptionIds("P1", { customerId: gid.C8 })).toEqual([]);
    expectError((await t.gql(NODE, { id: gid.s8a }, { as: "P1" })).body, "NOT_FOUND", "id");
    expect(await transferIds("P1")).toEqual(ids("T1", "T3", "T5", "T6"));
  });

  it("P1 sees its network's relationships with a customer, not another provider's", async () => {
    const res = await t.gql(
      `query ($id: ID!) { node(id: $id) { ... on Customer { relationships { status partner { name } } } } }`,
      { id: gid.C2 },
      { as: "P1" },
    );
    const rels = (res.body.data as { node: { relationships: { status: string; partner: { name: string } }[] } }).node
      .relationships;
    expect(rels.map((r) => `${r.partner.name}:${r.status}`).sort()).toEqual([
      `${NAMES.R2}:ACTIVE`,
      `${NAMES.P1}:ACTIVE`,
    ]);
  });

  it("D sees only the customers it has relationships with", async () => {
    expect(await customerNames("D")).toEqual([NAMES.C1, NAMES.C3, NAMES.C4, NAMES.C5]);
    // What D bills, and C1's Microsoft-direct subscription; not P1's on C1 nor P2's on C3.
    expect(await subscriptionIds("D")).toEqual(ids("s1d", "s1e", "s3b", "s4a", "s5a"));
    expect(await transferIds("D")).toEqual(ids("T1", "T2", "T4", "T5", "T6"));
    const res = await t.gql(
      `query ($id: ID!) { node(id: $id) { ... on Customer { relationships { partner { name } } } } }`,
      { id: gid.C1 },
      { as: "D" },
    );
    expect(res.body.data).toEqual({ node: { relationships: [{ partner: { name: NAMES.D } }] } });
  });

  it("both shapes of the scope (a probe per row, the network's customer list) select the same rows for every partner", async () => {
    const ds = t.app.dataSource;
    let seen = 0;
    for (const [key, id] of t.world.partners) {
      const scope = await TenantScope.load(ds, await ds.getRepository(Partner).findOneByOrFail({ id }));
      const customers = async (shape: "probe" | "list") =>
        (await scope.visibleCustomers(ds.getRepository(Customer).createQueryBuilder("c"), "c.id", shape).getMany())
          .map((c) => c.id)
          .sort();
      const subscriptions = async (shape: "probe" | "list") =>
        (
          await scope
            .visibleSubscriptions(ds.getRepository(CustomerSubscription).createQueryBuilder("s"), "s", shape)
            .getMany()
        )
          .map((x) => x.id)
          .sort();
      const [probe, list] = [await customers("probe"), await customers("list")];
      expect(list, key).toEqual(probe);
      expect(await subscriptions("list"), key).toEqual(await subscriptions("probe"));
      seen += probe.length;
    }
    // Not a comparison of two empty answers.
    expect(seen).toBeGreaterThan(5);
  });

  it("P2 lost C2 with its REMOVED relationship", async () => {
    expect(await customerNames("P2")).toEqual([NAMES.C3, NAMES.C6, NAMES.C7]);
    expect(await subscriptionIds("P2", { customerId: gid.C2 })).toEqual([]);
  });

  it("a party to an old transfer about a customer outside its network sees the transfer, not the customer's subscriptions", async () => {
    // T3 (P1 → P2 for R3, rejected) is about C2: P2's relationship was removed, R3 never had one.
    for (const as of ["P2", "R3"]) {
      const res = await t.gql<{ node: { id: string; customer: unknown; subscriptions: { id: string }[] } }>(
        `query ($id: ID!) { node(id: $id) { ... on Transfer { id status customer { name }
            subscriptions { id offerName quantity status customer { name } transactingPartner { name } } } } }`,
        { id: gid.T3 },
        { as },
      );
      expect(res.body.errors, `${as}: ${JSON.stringify(res.body.errors)}`).toBeUndefined();
      expect(res.body.data!.node.id).toBe(gid.T3);
      expect(res.body.data!.node.customer).toBeNull();
      expect(res.body.data!.node.subscriptions).toEqual([]);
      expectNothingForeign(res.body, [NAMES.C2, "Business Premium"]);
    }
    // The same for the transfers list, and for P1 about C5 (T5, after C5 left it).
    const list = await t.gql(TRANSFERS, {}, { as: "P1" });
    expect(list.body.errors).toBeUndefined();
    expectNothingForeign(list.body, [NAMES.C5, "Power BI Pro"]);
    // While P1 still sees the lines of transfers about its own customers.
    const t1 = (
      list.body.data as { transfers: { nodes: { id: string; subscriptions: { id: string }[] }[] } }
    ).transfers.nodes.find((n) => n.id === gid.T1);
    expect(t1?.subscriptions.map((s) => s.id)).toEqual([gid.s1a]);
  });
});

// --- authentication and malformed ids --------------------------------------------------------------------

describe("authentication", () => {
  it("an anonymous request gets UNAUTHENTICATED for every partner query", async () => {
    for (const q of [
      `{ customers { totalCount nodes { name } } }`,
      `{ subscriptions { nodes { offerName } } }`,
      `{ transfers { nodes { id } } }`,
      `{ networkSummary { customerCount } }`,
      `{ viewer { partner { name } } }`,
      `query ($id: ID!) { node(id: $id) { id } }`,
    ]) {
      const res = await t.gql(q, { id: gid.C1 });
      expectError(res.body, "UNAUTHENTICATED");
      // No data: null, or only null fields (node(id:) is nullable).
      for (const value of Object.values(res.body.data ?? {})) expect(value, q).toBeNull();
      expectNothingForeign(res.body, [NAMES.C1, NAMES.C2]);
    }
    // The public rule book still answers.
    const rules = await t.gql<{ eligibilityRules: unknown[] }>(`{ eligibilityRules { id } }`);
    expect(rules.body.data?.eligibilityRules.length).toBeGreaterThan(10);
  });

  it("a forged, expired, garbage or unknown-user bearer token gets HTTP 401 UNAUTHENTICATED", async () => {
    const email = t.world.userEmails.get("R1")!;
    const secret = new TextEncoder().encode(t.config.authSecret);
    const forged = await signToken("not-the-server-secret-not-the-server-secret", email);
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(email)
      .setIssuer("channelgate")
      .setAudience("channelgate-api")
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(secret);
    const wrongAudience = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(email)
      .setIssuer("channelgate")
      .setAudience("someone-else")
      .setExpirationTime("1h")
      .sign(secret);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(
      JSON.stringify({
        sub: email,
        iss: "channelgate",
        aud: "channelgate-api",
        exp: Math.floor(Date.now() / 1000) + 3600,
      }),
    ).toString("base64url")}.`;
    const unknownUser = await signToken(t.config.authSecret, "nobody@nowhere.example");
    const valid = await t.tokenFor("R1");
    const tampered = `${valid.slice(0, -4)}${valid.endsWith("AAAA") ? "BBBB" : "AAAA"}`;
    const headers = [
      `Bearer ${forged}`,
      `Bearer ${expired}`,
      `Bearer ${wrongAudience}`,
      `Bearer ${unsigned}`,
      `Bearer ${unknownUser}`,
      `Bearer ${tampered}`,
      "Bearer not-a-jwt",
      "Bearer ",
      "Bearer a b",
      `Basic ${Buffer.from("admin:admin").toString("base64")}`,
      "garbage",
    ];
    for (const authorization of headers) {
      const res = await t.gql(`{ customers { nodes { name } } }`, {}, { headers: { authorization } });
      expect(res.status, authorization).toBe(401);
      expectError(res.body, "UNAUTHENTICATED");
      expect(res.body.data ?? null).toBeNull();
      expectNothingForeign(res.body, [NAMES.C1]);
    }
    // Control: the untampered token works.
    const ok = await t.gql(`{ customers { nodes { name } } }`, {}, { headers: { authorization: `Bearer ${valid}` } });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toEqual({ customers: { nodes: [{ name: NAMES.C1 }] } });
  });

  it("node(id:) with a malformed id is BAD_USER_INPUT naming `id`; a well-formed unknown id is NOT_FOUND", async () => {
    const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64url");
    for (const id of [
      "garbage",
      "",
      "Q3VzdG9tZXI6",
      b64("Customer:123"),
      b64(`Bogus:${t.world.customers.get("C1")}`),
      b64(`Customer:${t.world.customers.get("C1")}'; DROP TABLE customer; --`),
      b64(`customer:${t.world.customers.get("C1")}`),
      t.world.customers.get("C1")!,
      "x".repeat(500),
    ]) {
      const res = await t.gql(NODE, { id }, { as: "R1" });
      expectError(res.body, "BAD_USER_INPUT", "id");
      expect(res.body.data?.node ?? null, id).toBeNull();
    }
    const unknown = await t.gql(
      NODE,
      { id: toGlobalId("Customer", "00000000-0000-4000-8000-000000000000") },
      { as: "R1" },
    );
    expectError(unknown.body, "NOT_FOUND", "id");
  });
});

// --- a pending request is not access -------------------------------------------------------------------------

describe("a relationship request sent by domain alone", () => {
  let fresh: TestServer;
  beforeAll(async () => {
    fresh = await startTestServer(scopingWorld());
  });
  afterAll(async () => {
    await fresh?.close();
  });

  it("shows nothing of the customer while pending; once its global admin signs in and accepts, only what R1 needs to know", async () => {
    const c2 = toGlobalId("Customer", fresh.world.customers.get("C2")!);
    const s2a = toGlobalId("CustomerSubscription", fresh.world.subscriptions.get("s2a")!);
    const s2c = toGlobalId("CustomerSubscription", fresh.world.subscriptions.get("s2c")!);
    const request = await fresh.gql<{
      r: { userErrors: unknown[]; acceptanceUrl: string; customerDomain: string; relationships: unknown };
    }>(
      `mutation { r: requestCustomerRelationship(input: { customerDomain: "bravoindustries.onmicrosoft.com" }) {
          userErrors { code } acceptanceUrl customerDomain relationships { status customer { name } } } }`,
      {},
      { as: "R1" },
    );
    expect(request.body.errors).toBeUndefined();
    expect(request.body.data!.r).toMatchObject({
      userErrors: [],
      customerDomain: "bravoindustries.onmicrosoft.com",
      relationships: null,
    });
    expectNothingForeign(request.body.data);

    const probe = `query ($cs: String!, $s: ID!) {
      customers { nodes { name relationships { status } } }
      subscriptions(first: 100) { totalCount nodes { offerName } }
      filtered: subscriptions(filter: { customerId: $cs }) { totalCount }
      networkSummary { subscriptionCount customerCount }
      sub: node(id: $s) { id }
    }`;
    const transfers = `query ($c: ID!) { transferEligibility(customerId: $c) { totalCount nodes { subscription { offerName } } } }`;
    expectError((await fresh.gql(transfers, { c: c2 }, { as: "R1" })).body, "NOT_FOUND", "customerId");
    const pending = await fresh.gql<Record<string, unknown>>(probe, { cs: c2, s: s2a }, { as: "R1" });
    expect(pending.body.data).toMatchObject({
      customers: { nodes: [{ name: NAMES.C1, relationships: [{ status: "ACTIVE" }] }] },
      subscriptions: { totalCount: 4 },
      filtered: { totalCount: 0 },
      networkSummary: { subscriptionCount: 4, customerCount: 1 },
      sub: null,
    });
    expectError(pending.body, "NOT_FOUND", "id");
    expectNothingForeign(pending.body.data, ["Business Premium", "Defender for Business", "Business Central"]);

    // C2's global admin signs in (tid = C2's tenant) and accepts: the relationship is ACTIVE.
    const token = new URL(request.body.data!.r.acceptanceUrl, "http://x").searchParams.get("token")!;
    const c2Row = await fresh.app.dataSource.getRepository(Customer).findOneByOrFail({ name: NAMES.C2 });
    const session = await signCustomerAdminToken(fresh.config.authSecret, {
      tenantId: c2Row.tenantId,
      upn: "admin@bravoindustries.onmicrosoft.com",
      roleTemplateIds: [GLOBAL_ADMIN_ROLE_TEMPLATE_ID],
    });
    const accept = await fresh.gql<{ r: { userErrors: unknown[]; acceptedCount: number } }>(
      `mutation ($token: String!, $session: String!) {
        r: acceptCustomerRelationship(input: { token: $token, customerAdminToken: $session }) {
          userErrors { code } acceptedCount } }`,
      { token, session },
    );
    expect(accept.body.data!.r).toEqual({ userErrors: [], acceptedCount: 1 });
    // Now C2 is R1's customer: its EA subscription (another channel) opens, P1/R2's CSP subscriptions do not,
    // except where a transfer needs them (transferEligibility).
    const accepted = await fresh.gql<Record<string, unknown>>(probe, { cs: c2, s: s2a }, { as: "R1" });
    expect((await fresh.gql(transfers, { c: c2 }, { as: "R1" })).body.data).toMatchObject({
      transferEligibility: { totalCount: 2 },
    });
    expect(accepted.body.data).toMatchObject({
      subscriptions: { totalCount: 5 },
      filtered: { totalCount: 1 },
      networkSummary: { subscriptionCount: 5, customerCount: 2 },
      sub: null,
    });
    expectError(accepted.body, "NOT_FOUND", "id");
    const ea = await fresh.gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: s2c }, { as: "R1" });
    expect(ea.body).toEqual({ data: { node: { id: s2c } } });
  });
});

// --- the rest of auth/scope.ts, as an attacker ----------------------------------------------------------------
// `npm run test:scope-coverage` proves these suites reach every line and branch of auth/scope.ts.

describe("scope of provider requests, audit events, API tokens, partner details and acceptance links", () => {
  let w: TestServer;
  const P1_HELPDESK = "helpdesk@contoso-distribution.example";
  const wid = {
    partner: (k: string) => toGlobalId("Partner", w.world.partners.get(k)!),
    customer: (k: string) => toGlobalId("Customer", w.world.customers.get(k)!),
  };
  const ok = <T>(res: { body: { data?: T; errors?: unknown } }): T => {
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
    return res.body.data!;
  };

  beforeAll(async () => {
    w = await startTestServer(scopingWorld());
    // A read-only user of the provider: it may see the reseller's pending request, never its link.
    await w.app.dataSource.getRepository(User).save({
      id: randomUUID(),
      partnerId: w.world.partners.get("P1")!,
      email: P1_HELPDESK,
      displayName: "Contoso helpdesk",
      role: UserRole.HELPDESK_AGENT,
      deactivatedAt: null,
      oidcTenantId: null,
      oidcObjectId: null,
    });
  });
  afterAll(async () => {
    await w?.close();
  });

  it("provider requests: each direction shows only the partner's own, not its network's nor another provider's", async () => {
    const sent = ok(
      await w.gql<{ requestProviderAction: { userErrors: unknown[] } }>(
        `mutation ($input: RequestProviderActionInput!) { requestProviderAction(input: $input) { userErrors { code } } }`,
        {
          input: {
            providerId: wid.partner("P1"),
            customerId: wid.customer("C1"),
            action: "ORDER",
            offerName: "Microsoft 365 E3",
            offerId: "CFQ7TTC0LFLZ:0001",
            offerKind: "LICENSE_BASED",
            quantity: 5,
            termDuration: "P1Y",
          },
        },
        { as: "R1" },
      ),
    );
    expect(sent.requestProviderAction.userErrors).toEqual([]);
    const count = async (as: string, direction: string | null) =>
      ok(
        await w.gql<{ providerRequests: { totalCount: number; nodes: { direction: string }[] } }>(
          `query ($filter: ProviderRequestFilter) { providerRequests(filter: $filter) { totalCount nodes { direction } } }`,
          { filter: direction ? { direction } : null },
          { as },
        ),
      ).providerRequests;
    expect(await count("R1", "SENT")).toEqual({ totalCount: 1, nodes: [{ direction: "SENT" }] });
    expect(await count("R1", "RECEIVED")).toEqual({ totalCount: 0, nodes: [] });
    expect(await count("P1", "RECEIVED")).toEqual({ totalCount: 1, nodes: [{ direction: "RECEIVED" }] });
    expect(await count("P1", "SENT")).toEqual({ totalCount: 0, nodes: [] });
    // R2 is in P1's network, P2 is another provider: neither sees R1's request, whatever the direction.
    for (const as of ["R2", "P2"]) {
      for (const direction of [null, "SENT", "RECEIVED"]) {
        expect(await count(as, direction), `${as} ${direction}`).toEqual({ totalCount: 0, nodes: [] });
      }
    }
  });

  it("audit events: only what the partner's own users did, even filtered by a shared customer", async () => {
    const request = ok(
      await w.gql<{ r: { userErrors: unknown[] } }>(
        `mutation { r: requestCustomerRelationship(input: { customerDomain: "bravoindustries.onmicrosoft.com" }) {
          userErrors { code } } }`,
        {},
        { as: "R1" },
      ),
    );
    expect(request.r.userErrors).toEqual([]);
    const events = async (as: string, filter: Record<string, unknown> | null = null) =>
      ok(
        await w.gql<{ auditEvents: { totalCount: number; nodes: { operation: string }[] } }>(
          `query ($filter: AuditEventFilter) { auditEvents(filter: $filter, first: 50) { totalCount nodes { operation } } }`,
          { filter },
          { as },
        ),
      ).auditEvents;
    expect((await events("R1")).nodes.map((e) => e.operation).sort()).toEqual([
      "requestCustomerRelationship",
      "requestProviderAction",
    ]);
    expect((await events("R1", { customerId: wid.customer("C1") })).totalCount).toBe(1);
    // P1 received the provider request about its own customer C1, R2 and D share nothing R1 did.
    for (const as of ["P1", "R2", "D", "P2"]) {
      expect(await events(as), as).toEqual({ totalCount: 0, nodes: [] });
      expect(await events(as, { customerId: wid.customer("C1") }), as).toEqual({ totalCount: 0, nodes: [] });
    }
  });

  it("acceptance links: the provider's admin sees its reseller's live link; read-only, expired and used links show none", async () => {
    const RELATIONSHIPS = `query ($id: ID!) { node(id: $id) { ... on Customer {
      relationships { status partner { name } acceptanceUrl } } } }`;
    type Rel = { status: string; partner: { name: string }; acceptanceUrl: string | null };
    const links = async (opts: { as?: string; email?: string }) => {
      const data = ok(await w.gql<{ node: { relationships: Rel[] } }>(RELATIONSHIPS, { id: wid.customer("C2") }, opts));
      return Object.fromEntries(data.node.relationships.map((r) => [`${r.partner.name} ${r.status}`, r.acceptanceUrl]));
    };
    // R1's request for C2 (previous test): C2 is P1's customer through R2, so P1 sees the pending request.
    const admin = await links({ as: "P1" });
    expect(admin[`${NAMES.R1} REQUESTED`]).toMatch(/^\/relationships\/accept\?token=/);
    expect(admin[`${NAMES.P1} ACTIVE`]).toBeNull();
    expect(admin[`${NAMES.R2} ACTIVE`]).toBeNull();
    expect(await links({ email: P1_HELPDESK })).toEqual({
      [`${NAMES.R2} ACTIVE`]: null,
      [`${NAMES.P1} ACTIVE`]: null,
      [`${NAMES.R1} REQUESTED`]: null,
    });
    const repo = w.app.dataSource.getRepository(CustomerRelationship);
    const row = await repo.findOneByOrFail({
      partnerId: w.world.partners.get("R1")!,
      customerId: w.world.customers.get("C2")!,
    });
    await repo.update(row.id, { requestExpiresAt: new Date(Date.now() - 1000) });
    expect((await links({ as: "P1" }))[`${NAMES.R1} REQUESTED`]).toBeNull();
    await repo.update(row.id, { requestExpiresAt: new Date(Date.now() + 86_400_000), requestToken: null });
    expect((await links({ as: "P1" }))[`${NAMES.R1} REQUESTED`]).toBeNull();
  });

  it("API tokens: another partner's token is neither listed nor reachable by node(id:)", async () => {
    const created = ok(
      await w.gql<{ createApiToken: { apiToken: { id: string }; userErrors: unknown[] } }>(
        `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { apiToken { id } userErrors { code } } }`,
        {
          input: { name: "P1 tool", scopes: ["READ"], expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString() },
        },
        { as: "P1" },
      ),
    ).createApiToken;
    expect(created.userErrors).toEqual([]);
    const tokenId = created.apiToken.id;
    const NODE_TOKEN = `query ($id: ID!) { node(id: $id) { id ... on ApiToken { name } } }`;
    expect(ok(await w.gql(NODE_TOKEN, { id: tokenId }, { as: "P1" }))).toEqual({
      node: { id: tokenId, name: "P1 tool" },
    });
    for (const as of ["R1", "P2"]) {
      const list = await w.gql<{ apiTokens: { totalCount: number } }>(`{ apiTokens { totalCount } }`, {}, { as });
      expect(ok(list).apiTokens.totalCount, as).toBe(0);
      const probe = await w.gql(NODE_TOKEN, { id: tokenId }, { as });
      expect(probe.body.data, as).toEqual({ node: null });
      expectError(probe.body, "NOT_FOUND", "id");
    }
  });

  it("partner details and counts: an invitation shows name and Partner ID only; counts only to an ACTIVE provider", async () => {
    type Side = { name: string; partnerId: string; tenantId: string | null; country: string | null };
    type Row = {
      status: string;
      provider: Side;
      reseller: Side;
      counts: { customers: number } | null;
      complianceFlags: string[] | null;
    };
    const SIDE = "name partnerId tenantId country mpaSigned programStatus";
    const FIELDS = `totalCount nodes { status provider { ${SIDE} } reseller { ${SIDE} } counts { customers subscriptions } complianceFlags }`;
    const rows = async (as: string, root: "resellers" | "providers", filter: Record<string, unknown> | null = null) =>
      ok(
        await w.gql<Record<string, { totalCount: number; nodes: Row[] }>>(
          `query ($filter: PartnershipFilter) { list: ${root}(filter: $filter, first: 50) { ${FIELDS} } }`,
          { filter },
          { as },
        ),
      ).list!;
    const byName = (list: { nodes: Row[] }, side: "provider" | "reseller") =>
      Object.fromEntries(list.nodes.map((n) => [n[side].name, n]));

    const p1 = byName(await rows("P1", "resellers"), "reseller");
    expect(p1[NAMES.R1]).toMatchObject({ status: "ACTIVE", counts: { customers: 1 }, complianceFlags: [] });
    expect(p1[NAMES.R1]!.reseller.tenantId).not.toBeNull();
    // R4 never accepted P1's invitation: its tenant, country, MPA and counts are its own.
    expect(p1[NAMES.R4]).toMatchObject({
      status: "INVITED",
      counts: null,
      complianceFlags: null,
      reseller: { name: NAMES.R4, partnerId: "4000014", tenantId: null, country: null, mpaSigned: null },
    });
    // R5 left: described (it was accepted once), but no live counts.
    expect(p1[NAMES.R5]).toMatchObject({ status: "REMOVED", counts: null, complianceFlags: [] });
    expect(p1[NAMES.R5]!.reseller.country).toBe("US");

    // Filtering on compliance facts cannot reveal an invited reseller's MPA or status.
    for (const hasComplianceIssues of [true, false]) {
      const filtered = await rows("P1", "resellers", { hasComplianceIssues });
      expect(filtered.nodes.map((n) => n.reseller.name)).not.toContain(NAMES.R4);
    }
    expect((await rows("P1", "resellers", { hasComplianceIssues: false })).totalCount).toBe(3);

    // The reseller side: no counts about itself from its providers' list, and an inviting provider is a name only.
    const r4 = byName(await rows("R4", "providers"), "provider");
    expect(r4[NAMES.P1]).toMatchObject({
      status: "INVITED",
      counts: null,
      provider: { tenantId: null, country: null },
    });
    expect(r4[NAMES.P2]).toMatchObject({ status: "ACTIVE", counts: null });
    expect(r4[NAMES.P2]!.provider.tenantId).not.toBeNull();
  });

  it("a subscription the network billed for a customer that has left goes with the customer", async () => {
    // C5 left P1 and R1 (REMOVED relationships) and now buys from D; say P1/R1 had billed s5a before it left.
    const s5a = w.world.subscriptions.get("s5a")!;
    const repo = w.app.dataSource.getRepository(CustomerSubscription);
    await repo.update(s5a, {
      transactingPartnerId: w.world.partners.get("P1")!,
      resellerOfRecordId: w.world.partners.get("R1")!,
    });
    const probe = `query ($id: ID!) {
      subscriptions(first: 100) { totalCount nodes { id customer { name } } }
      networkSummary { subscriptionCount }
      node(id: $id) { id } }`;
    const s5aGid = toGlobalId("CustomerSubscription", s5a);
    for (const as of ["P1", "R1"]) {
      const res = await w.gql<{ subscriptions: { totalCount: number; nodes: { id: string }[] } }>(
        probe,
        { id: s5aGid },
        { as },
      );
      // Before: listed, and its customer (not readable) failed the whole list.
      expect(
        res.body.data?.subscriptions.nodes.map((n) => n.id),
        as,
      ).not.toContain(s5aGid);
      expectError(res.body, "NOT_FOUND", "id");
      expect(res.body.errors, as).toHaveLength(1);
      expectNothingForeign(res.body.data, [NAMES.C5, "Power BI Pro"]);
    }
  });

  it("transfer direction is decided from the viewer's network", async () => {
    const directions = async (as: string) =>
      ok(
        await w.gql<{ transfers: { nodes: { id: string; direction: string }[] } }>(
          `{ transfers(first: 50) { nodes { id direction } } }`,
          {},
          { as },
        ),
      ).transfers.nodes;
    const tid = (k: string) => toGlobalId("Transfer", w.world.transfers.get(k)!);
    const d = Object.fromEntries((await directions("D")).map((n) => [n.id, n.direction]));
    expect(d[tid("T1")]).toBe("INCOMING");
    expect(d[tid("T2")]).toBe("OUTGOING");
    // R1 is the reseller named on T6 (D → P1): incoming for it, outgoing for D.
    const r1 = Object.fromEntries((await directions("R1")).map((n) => [n.id, n.direction]));
    expect(r1[tid("T6")]).toBe("INCOMING");
    expect(d[tid("T6")]).toBe("OUTGOING");
  });
});
