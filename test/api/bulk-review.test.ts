import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toGlobalId } from "../../server/src/common/global-id";
import { expectError, scopingWorld } from "./fixtures";
import { startTestServer, type TestServer } from "./harness";

// The bulk actions' review: `subscriptions(filter: { ids })` answers the chosen subscriptions with each one's
// decision in one request, the caller's network only (auth/scope.ts), at most 100 ids, with a bounded number of SQL
// statements whatever the number of ids.

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer(scopingWorld());
});

afterAll(async () => {
  await t?.close();
});

const REVIEW = `query($ids: [ID!], $first: Int) { subscriptions(first: $first, filter: { ids: $ids }) {
  totalCount nodes { id offerName eligibility(action: SUSPEND) { eligible blocking { ruleId } } } } }`;

interface Review {
  subscriptions: {
    totalCount: number;
    nodes: { id: string; offerName: string; eligibility: { eligible: boolean; blocking: { ruleId: string }[] } }[];
  };
}

const sub = (key: string) => toGlobalId("CustomerSubscription", t.world.subscriptions.get(key)!);

describe("subscriptions(filter: { ids })", () => {
  it("answers exactly the chosen subscriptions of the network, each with its own decision", async () => {
    const res = await t.gql<Review>(REVIEW, { ids: [sub("s1a"), sub("s2a"), sub("s1c")], first: 3 }, { as: "P1" });
    expect(res.body.errors).toBeUndefined();
    const nodes = res.body.data!.subscriptions.nodes;
    expect(nodes.map((n) => n.offerName).sort()).toEqual([
      "Azure plan",
      "Microsoft 365 Business Premium",
      "Microsoft 365 E3",
    ]);
    for (const n of nodes) expect(typeof n.eligibility.eligible).toBe("boolean");
  });

  it("leaves out another network's subscriptions (no error that would tell they exist)", async () => {
    const res = await t.gql<Review>(REVIEW, { ids: [sub("s1a"), sub("s3a"), sub("s4a")], first: 3 }, { as: "P1" });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.subscriptions.nodes.map((n) => n.offerName)).toEqual(["Microsoft 365 E3"]);
    const reseller = await t.gql<Review>(REVIEW, { ids: [sub("s1a"), sub("s2a")], first: 2 }, { as: "R1" });
    expect(reseller.body.data!.subscriptions.nodes.map((n) => n.offerName)).toEqual(["Microsoft 365 E3"]);
  });

  it("an empty list matches nothing", async () => {
    const res = await t.gql<Review>(REVIEW, { ids: [], first: 5 }, { as: "P1" });
    expect(res.body.data!.subscriptions).toMatchObject({ totalCount: 0, nodes: [] });
  });

  it("refuses an id that is not a subscription's, naming the field", async () => {
    const customerId = toGlobalId("Customer", t.world.customers.get("C1")!);
    const res = await t.gql(REVIEW, { ids: [sub("s1a"), customerId], first: 2 }, { as: "P1" });
    expectError(res.body, "BAD_USER_INPUT", "filter.ids");
  });

  it("refuses more than 100 ids", async () => {
    const ids = Array.from({ length: 101 }, () => sub("s1a"));
    const res = await t.gql(REVIEW, { ids, first: 100 }, { as: "P1" });
    expect(res.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(res.body.errors)).toMatch(/ids/);
  });

  it("asks the same number of SQL statements for 1 id as for every id of the network (no N+1)", async () => {
    const all = ["s1a", "s1b", "s1c", "s1d", "s2a", "s2b", "s2c"].map(sub);
    const one = await t.gql<Review>(REVIEW, { ids: all.slice(0, 1), first: 1 }, { as: "P1" });
    const many = await t.gql<Review>(REVIEW, { ids: all, first: all.length }, { as: "P1" });
    expect(one.body.data!.subscriptions.nodes).toHaveLength(1);
    expect(many.body.data!.subscriptions.nodes).toHaveLength(all.length);
    expect(Number.isInteger(one.sqlCount)).toBe(true);
    expect(many.sqlCount).toBe(one.sqlCount);
  });
});
