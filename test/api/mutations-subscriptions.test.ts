import type { Request } from "express";
import { graphql, type GraphQLSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildContext } from "../../server/src/auth/request-context";
import { createSchema } from "../../server/src/schema";
import {
  OfferKind,
  PartnershipStatus,
  PartnerType,
  RelationshipStatus,
  SalesChannel,
  SubscriptionStatus,
} from "../../server/src/domain/enums";
import type { World } from "../../server/src/scenarios/world";
import { startTestServer, type TestServer } from "./harness";
import {
  cspLicense,
  customer,
  day,
  expectOk,
  expectRefused,
  ids,
  mutation,
  partner,
  query,
  rel,
  today,
  USER_ERRORS,
  type UserErrorShape,
} from "./mutation-helpers";

// Subscription mutations through the real server: registering non-CSP subscriptions, ordering, the
// lifecycle (cancel, suspend, reactivate), optimistic concurrency and concurrent requests.

const { INDIRECT_PROVIDER, INDIRECT_RESELLER, DIRECT_BILL } = PartnerType;

const world: World = {
  partners: [
    partner("prov", "1100001", [INDIRECT_PROVIDER]),
    partner("res", "2100001", [INDIRECT_RESELLER]),
    partner("resNoMpa", "2100002", [INDIRECT_RESELLER], { mpaSigned: false }),
    partner("direct", "3100001", [DIRECT_BILL]),
    partner("direct2", "3100002", [DIRECT_BILL]),
  ],
  partnerships: [
    { provider: "prov", reseller: "res", status: PartnershipStatus.ACTIVE },
    { provider: "prov", reseller: "resNoMpa", status: PartnershipStatus.ACTIVE },
  ],
  customers: [
    customer("acme"),
    customer("nomca", { mcaAccepted: false }),
    customer("pending"),
    // Orders placed on fixed dates (the term-end tests).
    customer("dated"),
  ],
  relationships: [
    rel("prov", "acme"),
    rel("res", "acme"),
    rel("direct", "acme"),
    rel("direct2", "acme"),
    rel("prov", "nomca"),
    rel("direct", "pending", RelationshipStatus.REQUESTED),
    rel("direct", "dated"),
  ],
  subscriptions: [
    cspLicense("eaAzure", "acme", null, {
      offerName: "Azure (Enterprise Agreement)",
      offerKind: OfferKind.USAGE_BASED,
      channel: SalesChannel.EA,
    }),
    cspLicense("day7", "acme", "prov", { purchaseDate: day(-7) }),
    cspLicense("day8", "acme", "prov", { purchaseDate: day(-8) }),
    cspLicense("susp", "acme", "prov"),
    cspLicense("pastTerm", "acme", "prov", {
      status: SubscriptionStatus.SUSPENDED,
      purchaseDate: day(-366),
      commitmentEndDate: day(-1),
    }),
    cspLicense("stale", "acme", "prov"),
    cspLicense("race", "acme", "prov"),
    cspLicense("race2", "acme", "prov"),
    cspLicense("xfer", "acme", "direct"),
  ],
  transfers: [],
};

const SUBSCRIPTION_FIELDS = `id status channel commerceModel offerKind offerName quantity purchaseDate commitmentEndDate
  termDuration billingCycle autoRenew isAzurePlan version transactingPartner { name } resellerOfRecord { name }`;
const SUBSCRIPTION = `subscription { ${SUBSCRIPTION_FIELDS} }`;
const DECISION = `decision { eligible blocking { code ruleId } advisories { code ruleId severity } }`;
const REGISTER = `mutation($input: RegisterExternalSubscriptionInput!) {
  registerExternalSubscription(input: $input) { ${SUBSCRIPTION} ${USER_ERRORS} } }`;
const ORDER = `mutation($input: OrderSubscriptionInput!) { orderSubscription(input: $input) { ${SUBSCRIPTION} ${DECISION} ${USER_ERRORS} } }`;
const action = (name: string) =>
  `mutation($input: SubscriptionActionInput!) { ${name}(input: $input) { ${SUBSCRIPTION} ${DECISION} ${USER_ERRORS} } }`;
const CANCEL = action("cancelSubscription");
const SUSPEND = action("suspendSubscription");
const REACTIVATE = action("reactivateSubscription");
const CREATE_TRANSFER = `mutation($input: CreateTransferInput!) { createTransfer(input: $input) { transfer { id status } ${USER_ERRORS} } }`;

interface Subscription {
  id: string;
  status: string;
  channel: string;
  commerceModel: string;
  offerKind: string;
  offerName: string;
  quantity: number;
  purchaseDate: string;
  commitmentEndDate: string;
  termDuration: string | null;
  billingCycle: string;
  autoRenew: boolean;
  isAzurePlan: boolean;
  version: number;
  transactingPartner: { name: string } | null;
  resellerOfRecord: { name: string } | null;
}
interface Decision {
  eligible: boolean;
  blocking: { code: string; ruleId: string }[];
  advisories: { code: string; ruleId: string; severity: string }[];
}
type SubscriptionPayload = {
  subscription: Subscription | null;
  decision?: Decision | null;
  userErrors: UserErrorShape[];
};

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

async function readSubscription(subscriptionId: string, who = PROV): Promise<Subscription> {
  const data = await query<{ node: Subscription }>(
    t,
    `query($id: ID!) { node(id: $id) { ... on CustomerSubscription { ${SUBSCRIPTION_FIELDS} } } }`,
    { id: subscriptionId },
    who,
  );
  return data.node;
}

describe("registerExternalSubscription", () => {
  const input = () => ({
    customerId: id.customer("acme"),
    offerName: "Microsoft 365 E5 (EA)",
    offerKind: "LICENSE_BASED",
    channel: "EA",
    quantity: 50,
    purchaseDate: day(-100),
    commitmentEndDate: day(265),
  });

  it("refuses the CSP channel on the channel field", async () => {
    await expectRefused(t, REGISTER, { ...input(), channel: "CSP" }, { as: "direct" }, [
      { code: "INVALID_INPUT", field: ["input", "channel"] },
    ]);
    await expectRefused(t, REGISTER, { ...input(), commitmentEndDate: day(-101) }, { as: "direct" }, [
      { code: "INVALID_INPUT", field: ["input", "commitmentEndDate"] },
    ]);
  });

  it("needs an ACTIVE relationship with the customer: a customer only requested is not found", async () => {
    await expectRefused(t, REGISTER, { ...input(), customerId: id.customer("pending") }, { as: "direct" }, [
      { code: "NOT_FOUND", field: ["input", "customerId"] }, // a pending request shows nothing of the customer
    ]);
  });

  it("records an EA subscription the partner can then support, with the non-CSP advisory", async () => {
    const p = expectOk(await mutation<SubscriptionPayload>(t, REGISTER, input(), { as: "direct" }));
    expect(p.subscription).toMatchObject({
      status: "ACTIVE",
      channel: "EA",
      offerKind: "LICENSE_BASED",
      offerName: "Microsoft 365 E5 (EA)",
      quantity: 50,
      purchaseDate: day(-100),
      commitmentEndDate: day(265),
      transactingPartner: null,
      resellerOfRecord: null,
      version: 1,
    });
    const list = await query<{
      subscriptions: { nodes: { id: string; channel: string; eligibility: Decision }[] };
    }>(
      t,
      `{ subscriptions(filter: { channel: [EA], search: "e5" }) { nodes { id channel
        eligibility(action: SUPPORT) { eligible blocking { code ruleId } advisories { code ruleId severity } } } } }`,
      {},
      { as: "direct" },
    );
    expect(list.subscriptions.nodes).toEqual([
      {
        id: p.subscription!.id,
        channel: "EA",
        eligibility: {
          eligible: true,
          blocking: [],
          advisories: [{ code: "NON_CSP_CHANNEL_REQUIRES_REPROVISION", ruleId: "R7a", severity: "ADVISORY" }],
        },
      },
    ]);
  });
});

describe("orderSubscription", () => {
  const license = (extra: Record<string, unknown> = {}) => ({
    customerId: id.customer("acme"),
    offerId: "CFQ7TTC0LFLZ:0001",
    offerName: "Microsoft 365 E3",
    offerKind: "LICENSE_BASED",
    quantity: 25,
    termDuration: "P1Y",
    ...extra,
  });
  let ordered = "";

  it("an indirect reseller must order through its provider (R22)", async () => {
    const p = await expectRefused<SubscriptionPayload>(t, ORDER, license(), { as: "res" }, [
      { code: "INDIRECT_RESELLER_MUST_USE_PROVIDER", field: null, ruleId: "R22" },
    ]);
    expect(p.decision).toMatchObject({
      eligible: false,
      blocking: [{ code: "INDIRECT_RESELLER_MUST_USE_PROVIDER", ruleId: "R22" }],
    });
    expect(p.subscription).toBeNull();
  });

  it("a provider cannot name a reseller that has not signed the MPA (R24)", async () => {
    await expectRefused(t, ORDER, license({ resellerId: id.partner("resNoMpa") }), PROV, [
      { code: "RESELLER_MPA_NOT_SIGNED", field: ["input", "resellerId"], ruleId: "R24" },
    ]);
  });

  it("the customer must have accepted the MCA (R3)", async () => {
    await expectRefused(t, ORDER, license({ customerId: id.customer("nomca") }), PROV, [
      { code: "MCA_NOT_ACCEPTED", field: ["input", "customerId"], ruleId: "R3" },
    ]);
  });

  it("a license-based offer needs a term", async () => {
    await expectRefused(t, ORDER, license({ termDuration: null }), PROV, [
      { code: "INVALID_INPUT", field: ["input", "termDuration"] },
    ]);
    await expectRefused(t, ORDER, license({ quantity: 0 }), PROV, [
      { code: "INVALID_INPUT", field: ["input", "quantity"] },
    ]);
  });

  it("creates an ACTIVE new-commerce CSP subscription billed by the provider for the reseller", async () => {
    const p = expectOk(await mutation<SubscriptionPayload>(t, ORDER, license({ resellerId: id.partner("res") }), PROV));
    expect(p.subscription).toMatchObject({
      status: "ACTIVE",
      channel: "CSP",
      commerceModel: "NEW_COMMERCE",
      offerKind: "LICENSE_BASED",
      quantity: 25,
      termDuration: "P1Y",
      billingCycle: "ANNUAL",
      autoRenew: true,
      version: 1,
      transactingPartner: { name: "Prov Ltd" },
      resellerOfRecord: { name: "Res Ltd" },
      purchaseDate: today(),
    });
    // Its commitmentEndDate: see "the term end" below, on fixed dates.
    expect(p.decision).toEqual({ eligible: true, blocking: [], advisories: [] });
    ordered = p.subscription!.id;
    // The reseller of record sees it in its own list.
    const seen = await query<{ subscriptions: { nodes: { id: string }[] } }>(
      t,
      `query($r: String) { subscriptions(filter: { resellerId: $r, channel: [CSP] }) { nodes { id } } }`,
      { r: id.partner("res") },
      { as: "res" },
    );
    expect(seen.subscriptions.nodes.map((n) => n.id)).toContain(ordered);
  });

  it("a usage-based order next to an EA Azure subscription carries the R8 advisory", async () => {
    const p = expectOk(
      await mutation<SubscriptionPayload>(
        t,
        ORDER,
        {
          customerId: id.customer("acme"),
          offerId: "DZH318Z0BPS6:0001",
          offerName: "Azure plan",
          offerKind: "USAGE_BASED",
          isAzurePlan: true,
        },
        { as: "direct" },
      ),
    );
    expect(p.subscription).toMatchObject({
      status: "ACTIVE",
      channel: "CSP",
      offerKind: "USAGE_BASED",
      isAzurePlan: true,
      termDuration: null,
      billingCycle: "MONTHLY",
      transactingPartner: { name: "Direct Ltd" },
      resellerOfRecord: null,
    });
    expect(p.decision).toEqual({
      eligible: true,
      blocking: [],
      advisories: [{ code: "AZURE_COEXISTS_WITH_OTHER_CHANNEL", ruleId: "R8", severity: "ADVISORY" }],
    });
  });

  it("cancelling within 7 days of purchase deletes it (today and day 7 are inside)", async () => {
    for (const subscriptionId of [ordered, id.sub("day7")]) {
      const p = expectOk(await mutation<SubscriptionPayload>(t, CANCEL, { subscriptionId }, PROV));
      expect(p.subscription).toMatchObject({ id: subscriptionId, status: "DELETED", autoRenew: false, version: 2 });
      expect(await readSubscription(subscriptionId)).toMatchObject({ status: "DELETED", version: 2 });
    }
  });

  it("cancelling after 7 days is refused (R30) and the subscription stays ACTIVE", async () => {
    await expectRefused(t, CANCEL, { subscriptionId: id.sub("day8") }, PROV, [
      { code: "CANCELLATION_WINDOW_CLOSED", field: ["input", "subscriptionId"], ruleId: "R30" },
    ]);
    expect(await readSubscription(id.sub("day8"))).toMatchObject({ status: "ACTIVE", version: 1 });
    // Only the transacting partner may cancel; another CSP partner of the customer does not even see it.
    await expectRefused(t, CANCEL, { subscriptionId: id.sub("day8") }, { as: "direct" }, [
      { code: "NOT_FOUND", field: ["input", "subscriptionId"] },
    ]);
  });
});

describe("the term end of an order, on fixed dates", () => {
  // An order is bought on the request's date. These build the request context exactly as the server does, with a
  // fixed date in it, and run the mutation through the schema. The term ends the day before the same date one
  // term later; a day the end month lacks counts as its last day, never as an overflow into the next month (a
  // monthly order of 31 January ends on 27 February, not on 2 March).
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await createSchema();
  });

  async function orderOn(date: string, input: Record<string, unknown>): Promise<SubscriptionPayload> {
    const req = { headers: { authorization: `Bearer ${await t.tokenFor("direct")}` } } as unknown as Request;
    const contextValue = { ...(await buildContext(req, t.app.dataSource, t.config)), today: date };
    const res = await graphql({ schema, source: ORDER, variableValues: { input }, contextValue });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return (res.data as { orderSubscription: SubscriptionPayload }).orderSubscription;
  }

  const order = (extra: Record<string, unknown>) => ({
    customerId: id.customer("dated"),
    offerId: "CFQ7TTC0LFLZ:0001",
    offerName: "Microsoft 365 E3",
    offerKind: "LICENSE_BASED",
    quantity: 5,
    ...extra,
  });

  it.each([
    ["2025-01-31", "P1M", "2025-02-27"],
    ["2025-01-30", "P1M", "2025-02-27"],
    ["2025-01-29", "P1M", "2025-02-27"],
    ["2024-01-31", "P1M", "2024-02-28"],
    ["2025-03-31", "P1M", "2025-04-29"],
    ["2025-01-01", "P1M", "2025-01-31"],
    ["2025-12-31", "P1M", "2026-01-30"],
    ["2025-01-15", "P1Y", "2026-01-14"],
    ["2024-02-29", "P1Y", "2025-02-27"],
    ["2025-05-31", "P3Y", "2028-05-30"],
  ])("bought on %s for %s, it ends on %s", async (date, termDuration, end) => {
    const p = expectOk(await orderOn(date, order({ termDuration })));
    expect(p.subscription).toMatchObject({ purchaseDate: date, termDuration, commitmentEndDate: end });
  });

  it("a usage-based order has no term: its commitment is one month", async () => {
    const usage = order({
      offerId: "DZH318Z0NKH4:0001",
      offerName: "Defender usage",
      offerKind: "USAGE_BASED",
      quantity: 1,
    });
    const p = expectOk(await orderOn("2025-01-31", usage));
    expect(p.subscription).toMatchObject({
      purchaseDate: "2025-01-31",
      termDuration: null,
      commitmentEndDate: "2025-02-27",
    });
  });
});

describe("suspend and reactivate", () => {
  it("suspend → SUSPENDED, again → refused, reactivate → ACTIVE; each success bumps the version", async () => {
    const subscriptionId = id.sub("susp");
    const s = expectOk(await mutation<SubscriptionPayload>(t, SUSPEND, { subscriptionId }, PROV));
    expect(s.subscription).toMatchObject({ status: "SUSPENDED", version: 2 });
    await expectRefused(t, SUSPEND, { subscriptionId }, PROV, [
      { code: "SUBSCRIPTION_NOT_ACTIVE", field: ["input", "subscriptionId"] },
    ]);
    const r = expectOk(await mutation<SubscriptionPayload>(t, REACTIVATE, { subscriptionId }, PROV));
    expect(r.subscription).toMatchObject({ status: "ACTIVE", version: 3 });
    await expectRefused(t, REACTIVATE, { subscriptionId }, PROV, [
      { code: "SUBSCRIPTION_NOT_REACTIVATABLE", field: ["input", "subscriptionId"], ruleId: "R31" },
    ]);
    expect(await readSubscription(subscriptionId)).toMatchObject({ status: "ACTIVE", version: 3 });
  });

  it("reactivating after the term ended is refused (R31)", async () => {
    await expectRefused(t, REACTIVATE, { subscriptionId: id.sub("pastTerm") }, PROV, [
      { code: "SUBSCRIPTION_NOT_REACTIVATABLE", field: ["input", "subscriptionId"], ruleId: "R31" },
    ]);
    expect(await readSubscription(id.sub("pastTerm"))).toMatchObject({ status: "SUSPENDED", version: 1 });
  });

  it("a stale expectedVersion is a CONFLICT and changes nothing", async () => {
    const subscriptionId = id.sub("stale");
    await expectRefused(t, SUSPEND, { subscriptionId, expectedVersion: 0 }, PROV, [
      { code: "CONFLICT", field: ["input", "expectedVersion"] },
    ]);
    const ok = expectOk(await mutation<SubscriptionPayload>(t, SUSPEND, { subscriptionId, expectedVersion: 1 }, PROV));
    expect(ok.subscription).toMatchObject({ status: "SUSPENDED", version: 2 });
    await expectRefused(t, REACTIVATE, { subscriptionId, expectedVersion: 1 }, PROV, [
      { code: "CONFLICT", field: ["input", "expectedVersion"] },
    ]);
    expect(await readSubscription(subscriptionId)).toMatchObject({ status: "SUSPENDED", version: 2 });
  });
});

describe("concurrency", () => {
  const allowed = new Set(["CONFLICT", "SUBSCRIPTION_NOT_ACTIVE", "SUBSCRIPTION_NOT_REACTIVATABLE"]);

  async function fire(subscriptionId: string, expectedVersion?: number) {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.gql<Record<string, SubscriptionPayload>>(
          i % 2 === 0 ? SUSPEND : REACTIVATE,
          {
            input: { subscriptionId, ...(expectedVersion === undefined ? {} : { expectedVersion }) },
          },
          PROV,
        ),
      ),
    );
    let successes = 0;
    for (const res of results) {
      expect(res.status).toBe(200);
      expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
      const payload = Object.values(res.body.data!)[0]!;
      if (payload.userErrors.length === 0) {
        successes += 1;
        expect(payload.subscription).not.toBeNull();
      } else {
        expect(payload.userErrors).toHaveLength(1);
        expect(allowed.has(payload.userErrors[0]!.code), payload.userErrors[0]!.code).toBe(true);
      }
    }
    return successes;
  }

  it("20 concurrent suspend/reactivate mutations: no 500s, no lost update", async () => {
    const successes = await fire(id.sub("race"));
    expect(successes).toBeGreaterThanOrEqual(1);
    const final = await readSubscription(id.sub("race"));
    expect(final.version).toBe(1 + successes);
    // Each success toggles the status, so its parity tells the final status.
    expect(final.status).toBe(successes % 2 === 0 ? "ACTIVE" : "SUSPENDED");
  });

  it("20 concurrent mutations over the same expectedVersion: exactly one wins", async () => {
    const successes = await fire(id.sub("race2"), 1);
    expect(successes).toBe(1);
    expect(await readSubscription(id.sub("race2"))).toMatchObject({ status: "SUSPENDED", version: 2 });
  });

  it("10 concurrent createTransfer requests for one subscription: exactly one succeeds", async () => {
    const input = { customerId: id.customer("acme"), subscriptionIds: [id.sub("xfer")] };
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.gql<{ createTransfer: { transfer: { id: string; status: string } | null; userErrors: UserErrorShape[] } }>(
          CREATE_TRANSFER,
          { input },
          { as: "direct2" },
        ),
      ),
    );
    for (const res of results) expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
    const payloads = results.map((r) => r.body.data!.createTransfer);
    const winners = payloads.filter((p) => p.userErrors.length === 0);
    expect(winners).toHaveLength(1);
    expect(winners[0]!.transfer).toMatchObject({ status: "PENDING" });
    for (const p of payloads.filter((x) => x.userErrors.length > 0)) {
      expect(p.transfer).toBeNull();
      expect(p.userErrors.map((e) => [e.code, e.field, e.ruleId])).toEqual([
        ["SUBSCRIPTION_IN_OTHER_TRANSFER", ["input", "subscriptionIds", "0"], "R16"],
      ]);
    }
    const transfers = await query<{ transfers: { nodes: { id: string; subscriptions: { id: string }[] }[] } }>(
      t,
      `{ transfers { nodes { id subscriptions { id } } } }`,
      {},
      { as: "direct" },
    );
    expect(transfers.transfers.nodes).toEqual([
      { id: winners[0]!.transfer!.id, subscriptions: [{ id: id.sub("xfer") }] },
    ]);
  });
});
