import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toGlobalId } from "../../server/src/common/global-id";
import { ProviderRequest } from "../../server/src/modules/provider-request/provider-request.entity";
import { OfferKind, TermDuration } from "../../server/src/domain/enums";
import {
  ProviderRequestAction,
  ProviderRequestStatus,
} from "../../server/src/modules/provider-request/provider-request.entity";
import { scopingWorld, TODAY, VOLUME, volumeWorld } from "./fixtures";
import { startTestServer, type TestServer } from "./harness";

// Statement counts per request (the x-sql-count header): every list resolves its nested fields through batched
// loaders, so a page of 100 must run exactly as many SQL statements as a page of 1. A resolver that queries per
// row (N+1) makes the count grow with N and fails these tests.
//
// The volume world (fixtures.ts): provider "prov" with 110 resellers, 105 customers (30 of them holding 159
// subscriptions, one of those 101), add-ons, pending transfers, EA subscriptions; "direct" relates to the 30.

const SIZES = [1, 10, 50, 100] as const;
/** A generous ceiling: constant is the point, but a constant 200 would be a bug too. */
const MAX_STATEMENTS = 20;

let t: TestServer;
const volume = volumeWorld();

beforeAll(async () => {
  // Statement counts are the subject: the suite asks hundreds of pages of up to 100 rows × 5 decisions as one user
  // in a few seconds, which the query-cost bucket (its own tests in query-limits) would rightly throttle.
  t = await startTestServer(volume.world, { config: { costBudget: 10_000_000, costRestoreRate: 10_000_000 } });
});

afterAll(async () => {
  await t?.close();
});

interface Measured {
  n: number;
  rows: number;
  sqlCount: number;
}

/** Runs the query for every page size and returns the statement counts; asserts each answered without errors. */
async function measure(
  label: string,
  query: string,
  as: string,
  rowsOf: (data: Record<string, unknown>) => number,
  variables: Record<string, unknown> = {},
): Promise<Measured[]> {
  const results: Measured[] = [];
  for (const n of SIZES) {
    const res = await t.gql<Record<string, unknown>>(query, { ...variables, first: n }, { as });
    expect(res.body.errors, `${label} first: ${n}: ${JSON.stringify(res.body.errors?.slice(0, 2))}`).toBeUndefined();
    expect(res.status).toBe(200);
    expect(Number.isInteger(res.sqlCount), "x-sql-count header").toBe(true);
    results.push({ n, rows: rowsOf(res.body.data!), sqlCount: res.sqlCount });
  }
  console.log(
    `[sql] ${label}: ${results.map((r) => `first ${r.n} → ${r.rows} rows, ${r.sqlCount} statements`).join("; ")}`,
  );
  return results;
}

function expectConstant(results: Measured[], expectedRows: number[]): void {
  // The pages really grow: otherwise equal counts would prove nothing.
  expect(results.map((r) => r.rows)).toEqual(expectedRows);
  // A page that holds every row (fewer than it asked for) is its own totalCount: one COUNT statement less, never
  // more. Every other page runs the same statements whatever its size.
  const counts = new Set(results.map((r) => r.sqlCount + (r.rows < r.n ? 1 : 0)));
  expect([...counts], JSON.stringify(results)).toHaveLength(1);
  expect(results[0]!.sqlCount).toBeGreaterThan(0);
  expect(results[0]!.sqlCount).toBeLessThanOrEqual(MAX_STATEMENTS);
}

const nodesOf = (field: string) => (data: Record<string, unknown>) =>
  (data[field] as { nodes: unknown[] }).nodes.length;

const SUBSCRIPTIONS = (action: string) => `query ($first: Int) {
  subscriptions(first: $first) {
    totalCount
    nodes {
      id offerName
      customer { name relationships { partner { name } } }
      transactingPartner { name }
      resellerOfRecord { name }
      parentSubscription { id }
      eligibility(action: ${action}) { eligible blocking { code } }
    }
  }
}`;

describe("statements per request do not grow with the page size", () => {
  it("the volume world is as large as the test claims", () => {
    expect(volume.subscriptionCount).toBeGreaterThanOrEqual(150);
    expect(volume.world.customers).toHaveLength(VOLUME.busyCustomers + VOLUME.idleCustomers);
  });

  it("subscriptions with customer, relationships, partners, parent and TRANSFER eligibility", async () => {
    const results = await measure(
      "subscriptions + eligibility(TRANSFER)",
      SUBSCRIPTIONS("TRANSFER"),
      "prov",
      nodesOf("subscriptions"),
    );
    expectConstant(results, [1, 10, 50, 100]);
  });

  it("subscriptions with customer, relationships, partners, parent and CANCEL eligibility", async () => {
    const results = await measure(
      "subscriptions + eligibility(CANCEL)",
      SUBSCRIPTIONS("CANCEL"),
      "prov",
      nodesOf("subscriptions"),
    );
    expectConstant(results, [1, 10, 50, 100]);
  });

  it("the nested answers are right, not just cheap", async () => {
    const res = await t.gql<{
      subscriptions: {
        totalCount: number;
        nodes: {
          id: string;
          customer: { relationships: { partner: { name: string } }[] };
          parentSubscription: { id: string } | null;
          transactingPartner: { name: string } | null;
          eligibility: { eligible: boolean; blocking: { code: string }[] };
        }[];
      };
    }>(SUBSCRIPTIONS("TRANSFER"), { first: 100 }, { as: "prov" });
    const { totalCount, nodes } = res.body.data!.subscriptions;
    expect(totalCount).toBe(volume.subscriptionCount);
    const first = nodes[0]!;
    expect(first.id).toBe(toGlobalId("CustomerSubscription", t.world.subscriptions.get("big-s0")!));
    expect(first.parentSubscription?.id).toBe(toGlobalId("CustomerSubscription", t.world.subscriptions.get("big-s1")!));
    // The provider's own relationships and its reseller's, never "direct"'s.
    for (const n of nodes) {
      expect(n.customer.relationships.map((r) => r.partner.name).sort()).toEqual([
        expect.stringMatching(/^Reseller 00[0-2]$/),
        "Volume Provider",
      ]);
      // prov bills every one of them: it cannot take them over from itself (R13).
      expect(n.eligibility.blocking.map((b) => b.code)).toContain("TRANSFER_SOURCE_EQUALS_TARGET");
    }
    // The add-on is blocked as an add-on (R17) on top.
    expect(first.eligibility.blocking.map((b) => b.code)).toContain("ADDON_REQUIRES_BASE_SUBSCRIPTION");
  });

  it("customers with channels, hasNonCspSubscriptions and relationships", async () => {
    const results = await measure(
      "customers + channels + relationships",
      `query ($first: Int) { customers(first: $first) { totalCount nodes { name channels hasNonCspSubscriptions relationships { status } } } }`,
      "prov",
      nodesOf("customers"),
    );
    expectConstant(results, [1, 10, 50, 100]);
  });

  it("resellers with counts, compliance flags and the reseller", async () => {
    const results = await measure(
      "resellers + counts + complianceFlags",
      `query ($first: Int) { resellers(first: $first) { totalCount nodes { counts { customers subscriptions } complianceFlags reseller { name } } } }`,
      "prov",
      nodesOf("resellers"),
    );
    expectConstant(results, [1, 10, 50, 100]);
    const res = await t.gql<{
      resellers: {
        nodes: {
          reseller: { name: string };
          counts: { customers: number; subscriptions: number };
          complianceFlags: string[];
        }[];
      };
    }>(
      `{ resellers(first: 100) { nodes { counts { customers subscriptions } complianceFlags reseller { name } } } }`,
      {},
      { as: "prov" },
    );
    const byName = new Map(res.body.data!.resellers.nodes.map((n) => [n.reseller.name, n]));
    // res0 owns busy customers 0, 3, … 27 (10, "big" among them) and idle 0, 3, … (25, 5 of them only REQUESTED).
    expect(byName.get("Reseller 000")?.counts.customers).toBe(10 + 25 - 5);
    expect(byName.get("Reseller 003")?.complianceFlags).toEqual(["MPA_NOT_SIGNED"]);
    expect(byName.get("Reseller 005")?.complianceFlags).toEqual(["OTHER_REGION"]);
    expect(byName.get("Reseller 004")?.counts).toEqual({ customers: 0, subscriptions: 0 });
  });

  it("subscriptions with one to five decisions each: the facts are read once, whatever the actions", async () => {
    // The bench's "50 subscriptions × 5 decisions": every action of every row is one batch of facts, so the count
    // depends neither on the page size nor on how many actions the page asks for.
    const ACTIONS = ["SUPPORT", "TRANSFER", "CANCEL", "SUSPEND", "REACTIVATE"];
    const query = (n: number) => `query ($first: Int) { subscriptions(first: $first) { nodes { id
      ${ACTIONS.slice(0, n)
        .map((a) => `${a.toLowerCase()}: eligibility(action: ${a}) { eligible blocking { code ruleId } }`)
        .join(" ")} } } }`;
    const counts: number[] = [];
    for (const n of [2, 5]) {
      const results = await measure(`subscriptions × ${n} decisions`, query(n), "prov", nodesOf("subscriptions"));
      expectConstant(results, [1, 10, 50, 100]);
      counts.push(results[0]!.sqlCount);
    }
    expect(counts[1]).toBe(counts[0]);
    // Every row really has its five decisions (prov bills them all: TRANSFER to itself is refused, R13).
    const res = await t.gql<{ subscriptions: { nodes: Record<string, { eligible: boolean } | string>[] } }>(
      query(5),
      { first: 100 },
      { as: "prov" },
    );
    for (const node of res.body.data!.subscriptions.nodes) {
      for (const a of ACTIONS) expect(node[a.toLowerCase()], a).toHaveProperty("eligible");
      expect((node.transfer as { eligible: boolean }).eligible).toBe(false);
    }
  });

  it("transferEligibility over one customer's subscriptions", async () => {
    const results = await measure(
      "transferEligibility",
      `query ($first: Int, $c: ID!) { transferEligibility(customerId: $c, first: $first) {
        totalCount nodes { subscription { id offerName } decision { eligible blocking { code ruleId } advisories { code } } } } }`,
      "direct",
      (data) => (data.transferEligibility as { nodes: unknown[] }).nodes.length,
      { c: toGlobalId("Customer", t.world.customers.get("big")!) },
    );
    expectConstant(results, [1, 10, 50, 100]);
  });
});

describe("totalCount of a first page that holds every row", () => {
  const QUERY = `query ($first: Int, $after: String, $c: String!) {
    subscriptions(first: $first, after: $after, filter: { customerId: $c }) {
      totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`;

  it("is the page's length, one COUNT statement less; a page with more, or after a cursor, still counts", async () => {
    const c = toGlobalId("Customer", t.world.customers.get("busy1")!);
    type Answer = {
      subscriptions: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: unknown[] };
    };
    const whole = await t.gql<Answer>(QUERY, { first: 100, c }, { as: "prov" });
    const part = await t.gql<Answer>(QUERY, { first: 1, c }, { as: "prov" });
    const all = whole.body.data!.subscriptions;
    expect(all.pageInfo.hasNextPage).toBe(false);
    expect(all.nodes.length).toBeGreaterThan(1);
    // The count is right whichever way it was found.
    expect(all.totalCount).toBe(all.nodes.length);
    expect(part.body.data!.subscriptions.totalCount).toBe(all.nodes.length);
    expect(part.body.data!.subscriptions.pageInfo.hasNextPage).toBe(true);
    expect(whole.sqlCount).toBe(part.sqlCount - 1);
    // The last page, reached with a cursor, holds only the rest: it is counted.
    const rest = await t.gql<Answer>(
      QUERY,
      { first: 100, after: part.body.data!.subscriptions.pageInfo.endCursor, c },
      { as: "prov" },
    );
    expect(rest.body.data!.subscriptions.nodes.length).toBe(all.nodes.length - 1);
    expect(rest.body.data!.subscriptions.totalCount).toBe(all.nodes.length);
    expect(rest.sqlCount).toBe(part.sqlCount);
  });

  it("backward: the last page without a cursor that holds every row is its own count; a shorter one counts", async () => {
    const c = toGlobalId("Customer", t.world.customers.get("busy1")!);
    const LAST = `query ($last: Int, $c: String!) {
      subscriptions(last: $last, filter: { customerId: $c }) {
        totalCount pageInfo { hasPreviousPage hasNextPage } nodes { id } } }`;
    type Answer = {
      subscriptions: {
        totalCount: number;
        pageInfo: { hasPreviousPage: boolean; hasNextPage: boolean };
        nodes: { id: string }[];
      };
    };
    const forward = (await t.gql<Answer>(QUERY, { first: 100, c }, { as: "prov" })).body.data!.subscriptions.nodes;
    const whole = await t.gql<Answer>(LAST, { last: 100, c }, { as: "prov" });
    const tail = await t.gql<Answer>(LAST, { last: 2, c }, { as: "prov" });
    const all = whole.body.data!.subscriptions;
    expect(all.pageInfo.hasPreviousPage).toBe(false);
    expect(all.nodes.map((n) => n.id)).toEqual(forward.map((n) => n.id));
    expect(all.totalCount).toBe(forward.length);
    const last2 = tail.body.data!.subscriptions;
    expect(last2.pageInfo.hasPreviousPage).toBe(true);
    expect(last2.nodes.map((n) => n.id)).toEqual(forward.slice(-2).map((n) => n.id));
    expect(last2.totalCount).toBe(forward.length);
    expect(whole.sqlCount).toBe(tail.sqlCount - 1);
  });
});

describe("networkSummary", () => {
  const SUMMARY = `query ($asOf: LocalDate) { networkSummary(asOf: $asOf) {
    customerCount multiChannelCustomerCount subscriptionCount termsEndingIn30Days termsEndingIn60Days
    incomingTransfersPending outgoingTransfersPending transfersExpiringWithin7Days relationshipsRequested
    activeResellerCount resellersWithComplianceIssues openProviderRequests
    subscriptionsByChannel { channel count } subscriptionsByStatus { status count } subscriptionsByOfferKind { offerKind count }
  } }`;

  it("runs the same number of statements whatever the size of the viewer's network", async () => {
    const counts: Record<string, number> = {};
    const summaries: Record<string, { customerCount: number; subscriptionCount: number }> = {};
    for (const as of ["prov", "direct", "res0", "res4"]) {
      const res = await t.gql<{ networkSummary: { customerCount: number; subscriptionCount: number } }>(
        SUMMARY,
        { asOf: TODAY },
        { as },
      );
      expect(res.body.errors).toBeUndefined();
      counts[as] = res.sqlCount;
      summaries[as] = res.body.data!.networkSummary;
    }
    // A small world (the tenant-scoping one) for comparison.
    const small = await startTestServer(scopingWorld());
    try {
      const res = await small.gql(SUMMARY, { asOf: TODAY }, { as: "P1" });
      expect(res.body.errors).toBeUndefined();
      counts["small world P1"] = res.sqlCount;
    } finally {
      await small.close();
    }
    console.log(
      `[sql] networkSummary: ${Object.entries(counts)
        .map(([k, v]) => `${k} → ${v}`)
        .join(", ")} statements`,
    );
    // The networks really differ in size.
    expect(summaries.prov).toMatchObject({ customerCount: 105, subscriptionCount: volume.subscriptionCount });
    expect(summaries.res4).toMatchObject({ customerCount: 0, subscriptionCount: 0 });
    expect(new Set(Object.values(counts)).size, JSON.stringify(counts)).toBe(1);
    expect(counts.prov).toBeLessThanOrEqual(MAX_STATEMENTS);
  });
});

describe("networkSummary counts only the fields asked for", () => {
  const FULL = `query ($asOf: LocalDate) { networkSummary(asOf: $asOf) {
    customerCount multiChannelCustomerCount subscriptionCount termsEndingIn30Days termsEndingIn60Days
    incomingTransfersPending outgoingTransfersPending transfersExpiringWithin7Days relationshipsRequested
    activeResellerCount resellersWithComplianceIssues openProviderRequests
    subscriptionsByChannel { channel count } subscriptionsByStatus { status count } subscriptionsByOfferKind { offerKind count }
  } }`;
  // The dashboard's selection (the bench's), one part through a fragment: no breakdowns, no multi-channel count,
  // no provider requests.
  const DASHBOARD = `query ($asOf: LocalDate) { networkSummary(asOf: $asOf) { customerCount subscriptionCount
    ...Terms ... on NetworkSummary { incomingTransfersPending outgoingTransfersPending }
    relationshipsRequested activeResellerCount resellersWithComplianceIssues } }
    fragment Terms on NetworkSummary { termsEndingIn30Days }`;

  it("answers the asked fields as the full summary does, with fewer statements", async () => {
    for (const as of ["prov", "res0", "direct"]) {
      const full = await t.gql<{ networkSummary: Record<string, unknown> }>(FULL, { asOf: TODAY }, { as });
      const part = await t.gql<{ networkSummary: Record<string, unknown> }>(DASHBOARD, { asOf: TODAY }, { as });
      expect(full.body.errors).toBeUndefined();
      expect(part.body.errors).toBeUndefined();
      const asked = Object.keys(part.body.data!.networkSummary);
      expect(asked).toHaveLength(8);
      const expected = Object.fromEntries(asked.map((k) => [k, full.body.data!.networkSummary[k]]));
      expect(part.body.data!.networkSummary, as).toEqual(expected);
      expect(part.sqlCount, as).toBeLessThan(full.sqlCount);
    }
    // Not a comparison of zeros.
    const prov = await t.gql<{ networkSummary: { subscriptionCount: number } }>(
      DASHBOARD,
      { asOf: TODAY },
      { as: "prov" },
    );
    expect(prov.body.data!.networkSummary.subscriptionCount).toBe(volume.subscriptionCount);
  });

  it("a breakdown alone still comes from the grouped statement", async () => {
    const full = await t.gql<{ networkSummary: Record<string, unknown> }>(FULL, { asOf: TODAY }, { as: "prov" });
    const byStatus = await t.gql<{ networkSummary: Record<string, unknown> }>(
      `{ networkSummary { subscriptionsByStatus { status count } } }`,
      {},
      { as: "prov" },
    );
    expect(byStatus.body.data!.networkSummary.subscriptionsByStatus).toEqual(
      full.body.data!.networkSummary.subscriptionsByStatus,
    );
    expect((full.body.data!.networkSummary.subscriptionsByStatus as unknown[]).length).toBeGreaterThan(1);
  });
});

describe("providerRequests", () => {
  // 120 requests to "prov" from its three busy resellers: per busy customer two CANCELs of its subscriptions and
  // two ORDERs; every fifth one FULFILLED. The newest is a CANCEL, so every loader runs on every page, N = 1 included.
  const PER_CUSTOMER = 4;
  let openOfProv = 0;

  beforeAll(async () => {
    const w = t.world;
    const start = Date.parse(`${TODAY}T00:00:00Z`);
    const rows: ProviderRequest[] = [];
    for (let i = 0; i < VOLUME.busyCustomers; i++) {
      const key = i === 0 ? "big" : `busy${i}`;
      for (let j = 0; j < PER_CUSTOMER; j++) {
        const n = rows.length;
        const order = j >= 2;
        const status = n % 5 === 4 ? ProviderRequestStatus.FULFILLED : ProviderRequestStatus.OPEN;
        if (status === ProviderRequestStatus.OPEN) openOfProv++;
        rows.push(
          Object.assign(new ProviderRequest(), {
            id: randomUUID(),
            resellerId: w.partners.get(`res${i % 3}`)!,
            providerId: w.partners.get("prov")!,
            customerId: w.customers.get(key)!,
            action: order ? ProviderRequestAction.ORDER : ProviderRequestAction.CANCEL,
            subscriptionId: order ? null : w.subscriptions.get(`${key}-s${j}`)!,
            offerName: order ? `Offer request ${n}` : null,
            offerId: order ? `CFQ7TTC0LFLZ:${String(n).padStart(4, "0")}` : null,
            offerKind: order ? OfferKind.LICENSE_BASED : null,
            quantity: order ? 5 : null,
            termDuration: order ? TermDuration.P1Y : null,
            note: null,
            status,
            responseNote: null,
            createdByUserId: null,
            createdAt: new Date(start - n * 60_000),
            respondedAt: null,
            version: 1,
          }),
        );
      }
    }
    for (let i = 0; i < rows.length; i += 50) {
      await t.app.dataSource.getRepository(ProviderRequest).insert(rows.slice(i, i + 50));
    }
  });

  const PROVIDER_REQUESTS = `query ($first: Int, $filter: ProviderRequestFilter) {
    providerRequests(first: $first, filter: $filter) {
      totalCount
      nodes {
        id action status direction offerName quantity createdAt
        reseller { name } provider { name } customer { name } subscription { offerName customer { name } }
      }
    }
  }`;

  it("the provider's inbox with reseller, provider, customer and subscription", async () => {
    const results = await measure(
      "providerRequests (received)",
      PROVIDER_REQUESTS,
      "prov",
      nodesOf("providerRequests"),
    );
    expectConstant(results, [1, 10, 50, 100]);
  });

  it("a reseller's sent requests, filtered by status", async () => {
    const results = await measure(
      "providerRequests (sent, OPEN)",
      PROVIDER_REQUESTS,
      "res0",
      nodesOf("providerRequests"),
      { filter: { direction: "SENT", status: ["OPEN"] } },
    );
    // res0's customers are busy 0, 3, … 27: 10 × 4 requests, 32 of them OPEN.
    expectConstant(results, [1, 10, 32, 32]);
  });

  it("the nested answers are right, and networkSummary counts what is open", async () => {
    const res = await t.gql<{
      providerRequests: {
        totalCount: number;
        nodes: {
          action: string;
          direction: string;
          reseller: { name: string };
          customer: { name: string } | null;
          subscription: { offerName: string; customer: { name: string } } | null;
        }[];
      };
    }>(PROVIDER_REQUESTS, { first: 100 }, { as: "prov" });
    expect(res.body.errors).toBeUndefined();
    const { totalCount, nodes } = res.body.data!.providerRequests;
    expect(totalCount).toBe(VOLUME.busyCustomers * PER_CUSTOMER);
    // Newest first: big's requests, from res0.
    expect(nodes[0]).toMatchObject({ action: "CANCEL", direction: "RECEIVED", reseller: { name: "Reseller 000" } });
    for (const n of nodes) {
      expect(n.customer).not.toBeNull();
      if (n.action === "CANCEL") expect(n.subscription?.customer).toEqual(n.customer);
      else expect(n.subscription).toBeNull();
    }
    for (const [as, open] of [
      ["prov", openOfProv],
      ["res0", 32],
      ["res4", 0],
      ["direct", 0],
    ] as const) {
      const summary = await t.gql<{ networkSummary: { openProviderRequests: number } }>(
        `{ networkSummary { openProviderRequests } }`,
        {},
        { as },
      );
      expect(summary.body.data?.networkSummary.openProviderRequests, as).toBe(open);
    }
  });
});
