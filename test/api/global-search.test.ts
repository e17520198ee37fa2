import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toGlobalId } from "../../server/src/common/global-id";
import { RelationshipStatus } from "../../server/src/domain/enums";
import { customer, expectError, NAMES, relationship, R1_HELPDESK, scopingWorld, subscription } from "./fixtures";
import { startTestServer, type TestServer } from "./harness";

// The global search (Query.search): customers by name, domain or tenant id and subscriptions by offer name, catalog
// offer id or id, only from the caller's network (auth/scope.ts), most relevant first, with its input checked.
// The scoping world (fixtures.ts) plus a customer of D whose name starts with "Plan" and a "Planner" subscription.

let t: TestServer;

beforeAll(async () => {
  const world = scopingWorld();
  world.customers.push(customer("C9", "Planet Foods"));
  world.relationships.push(relationship("D", "C9", RelationshipStatus.ACTIVE));
  world.subscriptions.push(subscription("s9a", "C9", "Planner Plan 1", "D", null));
  t = await startTestServer(world);
});

afterAll(async () => {
  await t?.close();
});

const SEARCH = `query($q: String!, $first: Int) { search(query: $q, first: $first) {
  customers { id name domain tenantId } subscriptions { id offerName offerId customer { name } } } }`;

interface Found {
  search: {
    customers: { id: string; name: string; domain: string; tenantId: string }[];
    subscriptions: { id: string; offerName: string; offerId: string; customer: { name: string } }[];
  };
}

async function search(as: string, q: string, first?: number, email?: string) {
  const res = await t.gql<Found>(SEARCH, { q, first }, email ? { email } : { as });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.search;
}

const names = (rows: { name: string }[]) => rows.map((r) => r.name);
const offers = (rows: { offerName: string }[]) => rows.map((r) => r.offerName);
const sub = (key: string) => toGlobalId("CustomerSubscription", t.world.subscriptions.get(key)!);

describe("global search: what it finds", () => {
  it("finds customers by name prefix or substring, case-insensitive, and subscriptions by offer name", async () => {
    expect(names((await search("P1", "ACME")).customers)).toEqual([NAMES.C1]);
    expect(names((await search("P1", "orp")).customers)).toEqual([NAMES.C1]);
    const found = await search("P1", "microsoft 365");
    expect(offers(found.subscriptions)).toEqual(["Microsoft 365 Business Premium", "Microsoft 365 E3"]);
  });

  it("finds a customer by its exact domain or tenant id, and a subscription by its id or catalog offer id", async () => {
    const [c1] = (await search("P1", "acme")).customers;
    expect(names((await search("P1", c1!.domain.toUpperCase())).customers)).toEqual([NAMES.C1]);
    expect(names((await search("P1", ` ${c1!.tenantId} `)).customers)).toEqual([NAMES.C1]);
    expect(offers((await search("P1", sub("s1a"))).subscriptions)).toEqual(["Microsoft 365 E3"]);
    const byUuid = await search("P1", t.world.subscriptions.get("s1a")!);
    expect(offers(byUuid.subscriptions)).toEqual(["Microsoft 365 E3"]);
    const offerId = byUuid.subscriptions[0]!.offerId;
    expect(offers((await search("P1", offerId.toLowerCase())).subscriptions)).toContain("Microsoft 365 E3");
  });

  it("orders by relevance: exact id or domain, then names starting with the text, then names containing it", async () => {
    const found = await search("D", "plan");
    // "Planet Foods" starts with the text; no other customer of D contains it.
    expect(names(found.customers)).toEqual(["Planet Foods"]);
    // "Planner Plan 1" starts with it; the two Exchange plans contain it (by name after that).
    expect(offers(found.subscriptions)).toEqual(["Planner Plan 1", "Exchange Online Plan 1", "Exchange Online Plan 2"]);
    const exact = await search("D", "planetfoods.onmicrosoft.com");
    expect(names(exact.customers)).toEqual(["Planet Foods"]);
  });

  it("returns at most `first` of each group", async () => {
    const found = await search("D", "plan", 2);
    expect(offers(found.subscriptions)).toEqual(["Planner Plan 1", "Exchange Online Plan 1"]);
  });

  it("treats LIKE wildcards as plain characters", async () => {
    const found = await search("P1", "%%");
    expect(found.customers).toEqual([]);
    expect(found.subscriptions).toEqual([]);
    expect((await search("P1", "__")).customers).toEqual([]);
  });
});

describe("global search: tenant scoping", () => {
  it("never shows another network's customer, by name, domain or tenant id", async () => {
    // C3 Charlie Labs belongs to P2's network (and D's), not P1's.
    const theirs = (await search("P2", "charlie")).customers;
    expect(names(theirs)).toEqual([NAMES.C3]);
    const { domain, tenantId } = theirs[0]!;
    for (const q of ["charlie", domain, tenantId, toGlobalId("Customer", t.world.customers.get("C3")!)]) {
      expect((await search("P1", q)).customers).toEqual([]);
    }
  });

  it("never shows another network's subscription, by offer name or id", async () => {
    expect(offers((await search("P2", "dynamics 365 sales")).subscriptions)).toEqual(["Dynamics 365 Sales"]);
    expect((await search("P1", "dynamics 365 sales")).subscriptions).toEqual([]);
    expect((await search("P1", sub("s3a"))).subscriptions).toEqual([]);
    // D bills s1e for C1, which P1's network also holds: P1 does not see D's subscription.
    expect((await search("P1", "exchange online")).subscriptions).toEqual([]);
  });

  it("a reseller sees its own customers only, not its provider's other resellers'", async () => {
    expect(names((await search("R1", "acme")).customers)).toEqual([NAMES.C1]);
    expect((await search("R1", "bravo")).customers).toEqual([]);
    expect((await search("R1", "business premium")).subscriptions).toEqual([]);
  });

  it("a customer whose relationship is only requested, or removed, is not found", async () => {
    expect((await search("P1", "hotel")).customers).toEqual([]);
    expect((await search("P1", "echo")).customers).toEqual([]);
  });

  it("read-only roles may search their network", async () => {
    expect(names((await search("", "acme", undefined, R1_HELPDESK)).customers)).toEqual([NAMES.C1]);
  });

  it("needs a sign-in", async () => {
    const res = await t.gql(SEARCH, { q: "acme" });
    expectError(res.body, "UNAUTHENTICATED");
  });
});

describe("global search: input", () => {
  it.each([
    ["a", "query", /at least 2 characters/],
    ["  a   ", "query", /at least 2 characters/],
    ["x".repeat(101), "query", /at most 100 characters/],
    ["x".repeat(201), "query", /200/],
  ])("refuses %j with an error naming the field", async (q, field, message) => {
    const res = await t.gql(SEARCH, { q }, { as: "P1" });
    expect(expectError(res.body, "BAD_USER_INPUT", field).message).toMatch(message);
  });

  it.each([0, 21, -1])("refuses first: %d", async (first) => {
    const res = await t.gql(SEARCH, { q: "acme", first }, { as: "P1" });
    expect(expectError(res.body, "BAD_USER_INPUT", "first").message).toMatch(/between 1 and 20/);
  });

  it("accepts exactly 2 and exactly 100 characters", async () => {
    expect((await search("P1", "ac")).customers.map((c) => c.name)).toContain(NAMES.C1);
    expect(await search("P1", "y".repeat(100))).toEqual({ customers: [], subscriptions: [] });
  });
});
