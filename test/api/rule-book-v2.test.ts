import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toGlobalId } from "../../server/src/common/global-id";
import { PartnerType, RuleBook } from "../../server/src/domain/enums";
import type { World } from "../../server/src/scenarios/world";
import { startTestServer, type TestServer } from "./harness";
import { customer, partner, relationship, subscription } from "./fixtures";

// Rule book V2 through the API: the lifecycle actions on a subscription's eligibility field, the decision's time-bound
// fields at an instant with a zone, and a V1 server that refuses what exists only under V2.

const world = (): World => ({
  partners: [
    partner("direct", "First Up Consultants", "6012345", [PartnerType.DIRECT_BILL]),
    partner("other", "Other Direct Partner", "6012346", [PartnerType.DIRECT_BILL]),
  ],
  partnerships: [],
  customers: [customer("fab", "Fabrikam")],
  relationships: [relationship("direct", "fab")],
  subscriptions: [
    subscription("e3", "fab", "Microsoft 365 E3", "direct", null, {
      purchaseDate: "2026-03-01T09:00:00Z",
      commitmentEndDate: "2027-02-28",
      quantity: 25,
      tranches: [
        { quantity: 20, purchasedAt: "2026-03-01T09:00:00Z" },
        { quantity: 5, purchasedAt: "2026-11-20T15:00:00Z" },
      ],
    }),
  ],
  transfers: [],
});

const FIELD = `query ($id: ID!, $q: Int, $asOf: Instant) {
  node(id: $id) { ... on CustomerSubscription {
    quantity productType tranches { quantity purchasedAt }
    eligibility(action: CHANGE_QUANTITY, quantity: $q, asOf: $asOf) {
      ruleBook eligible at eligibleUntil becomesEligibleAt refundableQuantity
      blocking { ruleId } refundableDetails { quantity allowedUntil }
    }
  } }
}`;

describe("rule book V2 on the API", () => {
  let v2: TestServer;
  let v1: TestServer;
  beforeAll(async () => {
    v2 = await startTestServer(world(), { config: { ruleBook: RuleBook.V2 } });
    v1 = await startTestServer(world());
  }, 60_000);
  afterAll(async () => {
    await v2?.close();
    await v1?.close();
  });
  const e3 = (t: TestServer) => toGlobalId("CustomerSubscription", t.world.subscriptions.get("e3")!);

  it("decides transferEligibility at an instant with a zone under V2, and at its UTC date under V1", async () => {
    const QUERY = `query ($c: ID!, $asOf: Instant) { transferEligibility(customerId: $c, asOf: $asOf) {
      nodes { decision { ruleBook asOf at blocking { ruleId } } } } }`;
    type Answer = { transferEligibility: { nodes: { decision: { ruleBook: string; asOf: string; at: string } }[] } };
    const ask = async (t: TestServer) => {
      const c = toGlobalId("Customer", t.world.customers.get("fab")!);
      const res = await t.gql<Answer>(QUERY, { c, asOf: "2026-11-24T00:30:00+01:00" }, { as: "direct" });
      expect(res.body.errors).toBeUndefined();
      return res.body.data!.transferEligibility.nodes.map((n) => n.decision);
    };
    const [underV2] = await ask(v2);
    expect(underV2).toMatchObject({ ruleBook: "V2", asOf: "2026-11-23", at: "2026-11-23T23:30:00Z" });
    const [underV1] = await ask(v1);
    expect(underV1).toMatchObject({ ruleBook: "V1", asOf: "2026-11-23", at: "2026-11-23T00:00:00Z" });
    const bad = await v2.gql(
      QUERY,
      { c: toGlobalId("Customer", v2.world.customers.get("fab")!), asOf: "24/11/2026" },
      {
        as: "direct",
      },
    );
    expect(bad.body.errors?.[0]?.message).toMatch(/asOf|Instant/);
  });

  it("answers CHANGE_QUANTITY with the open windows, at an instant given with a zone", async () => {
    const res = await v2.gql(FIELD, { id: e3(v2), q: 20, asOf: "2026-11-24T11:00:00+01:00" }, { as: "direct" });
    expect(res.body.errors).toBeUndefined();
    const node = (res.body.data as unknown as { node: Record<string, unknown> }).node;
    expect(node.productType).toBe("LICENSE");
    expect(node.tranches).toEqual([
      { quantity: 20, purchasedAt: "2026-03-01T09:00:00Z" },
      { quantity: 5, purchasedAt: "2026-11-20T15:00:00Z" },
    ]);
    expect(node.eligibility).toEqual({
      ruleBook: "V2",
      eligible: true,
      at: "2026-11-24T10:00:00Z",
      eligibleUntil: "2026-11-27T15:00:00Z",
      becomesEligibleAt: null,
      refundableQuantity: 5,
      blocking: [],
      refundableDetails: [{ quantity: 5, allowedUntil: "2026-11-27T15:00:00Z" }],
    });
    const tooMany = await v2.gql(FIELD, { id: e3(v2), q: 19, asOf: "2026-11-24T10:00Z" }, { as: "direct" });
    const d = (tooMany.body.data as unknown as { node: { eligibility: { blocking: { ruleId: string }[] } } }).node;
    expect(d.eligibility.blocking).toEqual([{ ruleId: "R44" }]);
  });

  it("tells a partner outside the subscription's network the reasons only: no seat windows, no instants", async () => {
    const q = `query ($id: ID!) { eligibility(input: { action: CHANGE_QUANTITY, subscriptionId: $id, quantity: 20,
      asOf: "2026-11-24T10:00:00Z" }) { eligible blocking { ruleId } eligibleUntil becomesEligibleAt
      refundableQuantity refundableDetails { quantity allowedUntil } } }`;
    const own = await v2.gql(q, { id: e3(v2) }, { as: "direct" });
    expect(own.body.data).toMatchObject({
      eligibility: { refundableQuantity: 5, eligibleUntil: "2026-11-27T15:00:00Z" },
    });
    const foreign = await v2.gql(q, { id: e3(v2) }, { as: "other" });
    expect(foreign.body.errors).toBeUndefined();
    const d = (foreign.body.data as { eligibility: Record<string, unknown> }).eligibility;
    expect(d.eligible).toBe(false);
    expect((d.blocking as unknown[]).length).toBeGreaterThan(0);
    expect(d).toMatchObject({
      eligibleUntil: null,
      becomesEligibleAt: null,
      refundableQuantity: null,
      refundableDetails: null,
    });
  });

  it("refuses an instant without a zone, and a V2 action on a V1 server", async () => {
    const noZone = await v2.gql(FIELD, { id: e3(v2), q: 20, asOf: "2026-11-24T10:00:00" }, { as: "direct" });
    expect(noZone.body.errors?.[0]?.message).toMatch(/Instant/);
    const onV1 = await v1.gql(FIELD, { id: e3(v1), q: 20, asOf: "2026-11-24" }, { as: "direct" });
    expect(onV1.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(onV1.body.errors?.[0]?.message).toMatch(/only under rule book V2/);
  });
});
