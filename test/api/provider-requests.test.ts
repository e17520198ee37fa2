import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toGlobalId } from "../../server/src/common/global-id";
import { OfferKind, PartnershipStatus, PartnerType, RelationshipStatus, UserRole } from "../../server/src/domain/enums";
import { ruleMessages } from "../../server/src/modules/eligibility/messages";
import type { World } from "../../server/src/scenarios/world";
import { expectError } from "./fixtures";
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
  snapshot,
  today,
  USER_ERRORS,
  type UserErrorShape,
} from "./mutation-helpers";

// Requests from an indirect reseller to one of its providers (R22: resellers order, cancel, suspend, reactivate
// and transfer through their provider), through the real server: sending, the provider's inbox, fulfilment with
// the ordinary mutations, withdrawal, refusals, scoping and the provider's decision returned to the reseller.

const { INDIRECT_PROVIDER, INDIRECT_RESELLER, DIRECT_BILL } = PartnerType;
const { ACTIVE, INVITED } = PartnershipStatus;

const world: World = {
  partners: [
    partner("prov", "1300001", [INDIRECT_PROVIDER]),
    // Also a provider of "res": must not see what res asks "prov".
    partner("prov2", "1300002", [INDIRECT_PROVIDER]),
    partner("provCa", "1300003", [INDIRECT_PROVIDER], { country: "CA" }),
    partner("provNone", "1300004", [INDIRECT_PROVIDER]),
    partner("res", "2300001", [INDIRECT_RESELLER]),
    // Another reseller of "prov".
    partner("res2", "2300002", [INDIRECT_RESELLER]),
    partner("resInvited", "2300003", [INDIRECT_RESELLER]),
    partner("direct", "3300001", [DIRECT_BILL]),
  ],
  partnerships: [
    { provider: "prov", reseller: "res", status: ACTIVE },
    { provider: "prov2", reseller: "res", status: ACTIVE },
    { provider: "provCa", reseller: "res", status: ACTIVE },
    { provider: "prov", reseller: "res2", status: ACTIVE },
    { provider: "prov", reseller: "resInvited", status: INVITED },
  ],
  customers: [customer("fab"), customer("con"), customer("req"), customer("other"), customer("shared")],
  relationships: [
    rel("res", "fab"),
    rel("prov", "fab"),
    rel("direct", "fab"),
    // Only the reseller: its provider has no relationship of its own (R1 in the provider's decision).
    rel("res", "con"),
    rel("res", "req", RelationshipStatus.REQUESTED),
    rel("res2", "other"),
    rel("prov", "other"),
    rel("res", "shared"),
    rel("res2", "shared"),
    rel("prov", "shared"),
  ],
  subscriptions: [
    // Bought 60 days ago: past the 7-day cancellation window.
    cspLicense("fabE3", "fab", "prov", { offerName: "Microsoft 365 E3", resellerOfRecord: "res" }),
    cspLicense("fabNew", "fab", "prov", {
      offerName: "Teams Essentials",
      resellerOfRecord: "res",
      purchaseDate: day(-2),
    }),
    cspLicense("fabDirect", "fab", "direct", { offerName: "Visio Plan 2" }),
    cspLicense("otherS", "other", "prov", { offerName: "Project Plan 3", resellerOfRecord: "res2" }),
    cspLicense("sharedS", "shared", "prov", { offerName: "Power BI Pro", resellerOfRecord: "res2" }),
  ],
  transfers: [],
  users: [
    { partner: "res", email: "admin@res.example", displayName: "Res admin", role: UserRole.GLOBAL_ADMIN },
    { partner: "res", email: "sales@res.example", displayName: "Res sales", role: UserRole.SALES_AGENT },
    { partner: "res", email: "helpdesk@res.example", displayName: "Res helpdesk", role: UserRole.HELPDESK_AGENT },
  ],
};

const REQUEST_FIELDS = `id action status direction offerName offerId offerKind quantity termDuration note responseNote
  createdAt respondedAt version reseller { name } provider { name } customer { name } subscription { id offerName }`;
const DECISION = `providerDecision { action eligible asOf blocking { code ruleId message } advisories { code ruleId } }`;
const REQUEST = `mutation($input: RequestProviderActionInput!) {
  requestProviderAction(input: $input) { providerRequest { ${REQUEST_FIELDS} } ${DECISION} ${USER_ERRORS} } }`;
const RESOLVE = `mutation($input: ResolveProviderRequestInput!) {
  resolveProviderRequest(input: $input) { providerRequest { ${REQUEST_FIELDS} } ${USER_ERRORS} } }`;
const WITHDRAW = `mutation($input: ProviderRequestIdInput!) {
  withdrawProviderRequest(input: $input) { providerRequest { ${REQUEST_FIELDS} } ${USER_ERRORS} } }`;
const LIST = `query($filter: ProviderRequestFilter, $first: Int, $after: String) {
  providerRequests(filter: $filter, first: $first, after: $after) {
    totalCount nodes { ${REQUEST_FIELDS} } pageInfo { hasNextPage endCursor } } }`;
const NODE = `query($id: ID!) { node(id: $id) { ... on ProviderRequest { ${REQUEST_FIELDS} } } }`;
const SUMMARY = `{ networkSummary { openProviderRequests } }`;

interface RequestNode {
  id: string;
  action: string;
  status: string;
  direction: string;
  offerName: string | null;
  offerId: string | null;
  offerKind: string | null;
  quantity: number | null;
  termDuration: string | null;
  note: string | null;
  responseNote: string | null;
  createdAt: string;
  respondedAt: string | null;
  version: number;
  reseller: { name: string };
  provider: { name: string };
  customer: { name: string } | null;
  subscription: { id: string; offerName: string } | null;
}
interface DecisionShape {
  action: string;
  eligible: boolean;
  asOf: string;
  blocking: { code: string; ruleId: string; message: string }[];
  advisories: { code: string; ruleId: string }[];
}
type RequestPayload = {
  providerRequest: RequestNode | null;
  providerDecision: DecisionShape | null;
  userErrors: UserErrorShape[];
};
type ClosePayload = { providerRequest: RequestNode | null; userErrors: UserErrorShape[] };

let t: TestServer;
let id: ReturnType<typeof ids>;
const RES = { as: "res" };
const PROV = { as: "prov" };
const requestGid = () => toGlobalId("ProviderRequest", randomUUID());

beforeAll(async () => {
  t = await startTestServer(world, { now: new Date() });
  id = ids(t);
});
afterAll(async () => {
  await t?.close();
});

const orderInput = (extra: Record<string, unknown> = {}) => ({
  providerId: id.partner("prov"),
  customerId: id.customer("fab"),
  action: "ORDER",
  offerName: "Microsoft 365 E3",
  offerId: "CFQ7TTC0LFLZ:0001",
  offerKind: "LICENSE_BASED",
  quantity: 25,
  termDuration: "P1Y",
  note: "Start of next month, please.",
  ...extra,
});
const subscriptionInput = (action: string, sub: string, extra: Record<string, unknown> = {}) => ({
  providerId: id.partner("prov"),
  customerId: id.customer("fab"),
  action,
  subscriptionId: id.sub(sub),
  ...extra,
});

async function send(input: Record<string, unknown>, who: { as?: string; email?: string } = RES) {
  return expectOk(await mutation<RequestPayload>(t, REQUEST, input, who));
}

async function list(who: { as?: string; email?: string }, filter: Record<string, unknown> | null = null, first = 100) {
  const data = await query<{
    providerRequests: { totalCount: number; nodes: RequestNode[]; pageInfo: { hasNextPage: boolean } };
  }>(t, LIST, { filter, first }, who);
  return data.providerRequests;
}

async function openCount(who: { as: string }): Promise<number> {
  return (await query<{ networkSummary: { openProviderRequests: number } }>(t, SUMMARY, {}, who)).networkSummary
    .openProviderRequests;
}

describe("an ORDER through the provider", () => {
  let requestId = "";

  it("nothing is open at first", async () => {
    for (const who of ["res", "prov", "prov2", "res2"]) expect(await openCount({ as: who }), who).toBe(0);
  });

  it("the reseller sends it: OPEN, with the provider's decision up front", async () => {
    const p = await send(orderInput());
    requestId = p.providerRequest!.id;
    expect(p.providerRequest).toMatchObject({
      action: "ORDER",
      status: "OPEN",
      direction: "SENT",
      offerName: "Microsoft 365 E3",
      offerId: "CFQ7TTC0LFLZ:0001",
      offerKind: "LICENSE_BASED",
      quantity: 25,
      termDuration: "P1Y",
      note: "Start of next month, please.",
      responseNote: null,
      respondedAt: null,
      version: 1,
      reseller: { name: "Res Ltd" },
      provider: { name: "Prov Ltd" },
      customer: { name: "Fab Inc" },
      subscription: null,
    });
    // prov holds an active relationship with fab, is in its country and partnered with res: it can order.
    expect(p.providerDecision).toEqual({
      action: "ORDER",
      eligible: true,
      asOf: today(),
      blocking: [],
      advisories: [],
    });
  });

  it("the provider sees it under RECEIVED with the customer and the reseller; the reseller under SENT", async () => {
    const received = await list(PROV, { direction: "RECEIVED", status: ["OPEN"] });
    expect(received.totalCount).toBe(1);
    expect(received.nodes).toHaveLength(1);
    expect(received.nodes[0]).toMatchObject({
      id: requestId,
      direction: "RECEIVED",
      status: "OPEN",
      customer: { name: "Fab Inc" },
      reseller: { name: "Res Ltd" },
      provider: { name: "Prov Ltd" },
    });
    expect((await list(PROV, { direction: "SENT" })).totalCount).toBe(0);
    const sent = await list(RES, { direction: "SENT" });
    expect(sent.nodes.map((n) => [n.id, n.direction])).toEqual([[requestId, "SENT"]]);
    expect((await list(RES, { direction: "RECEIVED" })).totalCount).toBe(0);
    expect((await list(PROV, { customerId: id.customer("fab") })).totalCount).toBe(1);
    expect((await list(PROV, { customerId: id.customer("con") })).totalCount).toBe(0);
    expect(await openCount(PROV)).toBe(1);
    expect(await openCount(RES)).toBe(1);
    expect(await openCount({ as: "prov2" })).toBe(0);
    expect(await openCount({ as: "res2" })).toBe(0);
  });

  it("the provider orders with the ordinary mutation, naming the reseller, then marks the request FULFILLED", async () => {
    const request = (await list(PROV, { direction: "RECEIVED" })).nodes[0]!;
    const order = await mutation<{
      subscription: { resellerOfRecord: { name: string } } | null;
      userErrors: UserErrorShape[];
    }>(
      t,
      `mutation($input: OrderSubscriptionInput!) { orderSubscription(input: $input) {
        subscription { resellerOfRecord { name } } ${USER_ERRORS} } }`,
      {
        customerId: id.customer("fab"),
        offerName: request.offerName,
        offerId: request.offerId,
        offerKind: request.offerKind,
        quantity: request.quantity,
        termDuration: request.termDuration,
        resellerId: id.partner("res"),
      },
      PROV,
    );
    expect(order.userErrors).toEqual([]);
    expect(order.subscription?.resellerOfRecord).toEqual({ name: "Res Ltd" });

    const p = expectOk(
      await mutation<ClosePayload>(
        t,
        RESOLVE,
        { requestId, outcome: "FULFILLED", responseNote: "Ordered, 25 seats." },
        PROV,
      ),
    );
    expect(p.providerRequest).toMatchObject({
      id: requestId,
      status: "FULFILLED",
      responseNote: "Ordered, 25 seats.",
      version: 2,
      direction: "RECEIVED",
    });
    expect(p.providerRequest!.respondedAt).not.toBeNull();
  });

  it("the reseller sees the outcome; nothing is open any more", async () => {
    const node = (await query<{ node: RequestNode }>(t, NODE, { id: requestId }, RES)).node;
    expect(node).toMatchObject({ status: "FULFILLED", responseNote: "Ordered, 25 seats.", direction: "SENT" });
    const fulfilled = await list(RES, { status: ["FULFILLED"] });
    expect(fulfilled.nodes.map((n) => n.id)).toEqual([requestId]);
    expect((await list(RES, { status: ["OPEN"] })).totalCount).toBe(0);
    expect(await openCount(PROV)).toBe(0);
    expect(await openCount(RES)).toBe(0);
  });

  it("a closed request is answered once only", async () => {
    const field = ["input", "requestId"];
    await expectRefused(t, RESOLVE, { requestId, outcome: "FULFILLED" }, PROV, [{ code: "INVALID_STATE", field }]);
    await expectRefused(t, RESOLVE, { requestId, outcome: "DECLINED" }, PROV, [{ code: "INVALID_STATE", field }]);
    await expectRefused(t, WITHDRAW, { requestId }, RES, [{ code: "INVALID_STATE", field }]);
  });
});

describe("scoping: the reseller and the provider only", () => {
  let toProv = "";
  let toProv2 = "";

  it("another provider, another reseller and anyone else cannot see a request, by list or node(id:)", async () => {
    toProv = (await send(subscriptionInput("SUSPEND", "fabE3"))).providerRequest!.id;
    // res's request to its other provider: prov has res in its network, yet does not see it.
    toProv2 = (await send(orderInput({ providerId: id.partner("prov2"), note: null }))).providerRequest!.id;

    const visible = async (who: string) => (await list({ as: who })).nodes.map((n) => n.id);
    expect(await visible("res")).toEqual(expect.arrayContaining([toProv, toProv2]));
    expect(await visible("prov")).toContain(toProv);
    expect(await visible("prov")).not.toContain(toProv2);
    expect(await visible("prov2")).toEqual([toProv2]);
    for (const who of ["res2", "provCa", "direct", "resInvited"]) expect(await visible(who), who).toEqual([]);

    for (const [who, requestId] of [
      ["prov2", toProv],
      ["res2", toProv],
      ["direct", toProv],
      ["prov", toProv2],
      ["res2", toProv2],
    ] as const) {
      const res = await t.gql(NODE, { id: requestId }, { as: who });
      expectError(res.body, "NOT_FOUND", "id");
    }
    for (const [who, requestId] of [
      ["res", toProv],
      ["prov", toProv],
      ["res", toProv2],
      ["prov2", toProv2],
    ] as const) {
      const data = await query<{ node: RequestNode }>(t, NODE, { id: requestId }, { as: who });
      expect(data.node.id, who).toBe(requestId);
    }
    // The provider sees the subscription concerned (through its reseller's active relationship).
    const node = (await query<{ node: RequestNode }>(t, NODE, { id: toProv }, PROV)).node;
    expect(node.subscription).toEqual({ id: id.sub("fabE3"), offerName: "Microsoft 365 E3" });
  });

  it("only the provider resolves, only the reseller withdraws; outsiders get NOT_FOUND", async () => {
    const field = ["input", "requestId"];
    await expectRefused(t, WITHDRAW, { requestId: toProv }, { as: "res2" }, [{ code: "NOT_FOUND", field }]);
    await expectRefused(t, WITHDRAW, { requestId: toProv }, PROV, [{ code: "NOT_ALLOWED", field }]);
    await expectRefused(t, RESOLVE, { requestId: toProv, outcome: "FULFILLED" }, RES, [{ code: "NOT_ALLOWED", field }]);
    await expectRefused(t, RESOLVE, { requestId: toProv, outcome: "DECLINED" }, { as: "prov2" }, [
      { code: "NOT_FOUND", field },
    ]);
    await expectRefused(t, RESOLVE, { requestId: toProv2, outcome: "DECLINED" }, PROV, [{ code: "NOT_FOUND", field }]);
    await expectRefused(t, WITHDRAW, { requestId: requestGid() }, RES, [{ code: "NOT_FOUND", field }]);
    await expectRefused(t, WITHDRAW, { requestId: id.sub("fabE3") }, RES, [{ code: "NOT_FOUND", field }]);
  });

  it("the reseller withdraws; the provider declines the other one", async () => {
    const withdrawn = expectOk(await mutation<ClosePayload>(t, WITHDRAW, { requestId: toProv }, RES));
    expect(withdrawn.providerRequest).toMatchObject({ status: "WITHDRAWN", version: 2, responseNote: null });
    await expectRefused(t, RESOLVE, { requestId: toProv, outcome: "FULFILLED" }, PROV, [
      { code: "INVALID_STATE", field: ["input", "requestId"] },
    ]);
    const declined = expectOk(
      await mutation<ClosePayload>(
        t,
        RESOLVE,
        { requestId: toProv2, outcome: "DECLINED", responseNote: "  Out of stock.  " },
        { as: "prov2" },
      ),
    );
    expect(declined.providerRequest).toMatchObject({ status: "DECLINED", responseNote: "Out of stock." });
    const statuses = (await list(RES, { status: ["WITHDRAWN", "DECLINED"] })).nodes.map((n) => [n.id, n.status]);
    expect(statuses).toEqual([
      [toProv2, "DECLINED"],
      [toProv, "WITHDRAWN"],
    ]);
  });
});

describe("refusals", () => {
  it("only an indirect reseller asks a provider: the others act themselves (NOT_ALLOWED)", async () => {
    for (const who of ["direct", "prov"]) {
      await expectRefused(t, REQUEST, orderInput(), { as: who }, [{ code: "NOT_ALLOWED", field: null }]);
    }
  });

  it("an ACTIVE partnership with the provider is required (R23 code, on providerId)", async () => {
    const expected = [
      { code: "PROVIDER_RESELLER_PARTNERSHIP_REQUIRED", field: ["input", "providerId"], ruleId: "R23" },
    ];
    for (const providerId of [
      id.partner("provNone"),
      id.partner("direct"),
      id.partner("res"),
      id.customer("fab"),
      toGlobalId("Partner", randomUUID()),
      "garbage",
    ]) {
      await expectRefused(t, REQUEST, orderInput({ providerId }), RES, expected);
    }
    // Invited, not yet ACTIVE.
    await expectRefused(t, REQUEST, orderInput(), { as: "resInvited" }, [
      { ...expected[0]!, field: ["input", "providerId"] },
      { code: "NOT_FOUND", field: ["input", "customerId"] },
    ]);
  });

  it("the customer must be the reseller's, with an ACTIVE relationship (R1 on customerId)", async () => {
    const field = ["input", "customerId"];
    for (const key of ["other"]) {
      await expectRefused(t, REQUEST, orderInput({ customerId: id.customer(key) }), RES, [
        { code: "NOT_FOUND", field },
      ]);
    }
    await expectRefused(t, REQUEST, orderInput({ customerId: toGlobalId("Customer", randomUUID()) }), RES, [
      { code: "NOT_FOUND", field },
    ]);
    // Only requested, not accepted: the customer shows nothing, as if unknown.
    await expectRefused(t, REQUEST, orderInput({ customerId: id.customer("req") }), RES, [
      { code: "NOT_FOUND", field },
    ]);
    // Both problems at once, each on its field.
    await expectRefused(
      t,
      REQUEST,
      orderInput({ providerId: id.partner("provNone"), customerId: id.customer("other") }),
      RES,
      [
        { code: "PROVIDER_RESELLER_PARTNERSHIP_REQUIRED", field: ["input", "providerId"] },
        { code: "NOT_FOUND", field },
      ],
    );
  });

  it("the subscription must be a visible one of that customer, and credited to the reseller (but for TRANSFER)", async () => {
    const field = ["input", "subscriptionId"];
    // Another reseller's customer's subscription: not in res's network.
    await expectRefused(t, REQUEST, subscriptionInput("CANCEL", "otherS"), RES, [{ code: "NOT_FOUND", field }]);
    await expectRefused(t, REQUEST, subscriptionInput("CANCEL", "otherS", { customerId: id.customer("other") }), RES, [
      { code: "NOT_FOUND", field: ["input", "customerId"] },
    ]);
    // A subscription of another customer.
    await expectRefused(t, REQUEST, subscriptionInput("SUSPEND", "fabE3", { customerId: id.customer("con") }), RES, [
      { code: "NOT_FOUND", field },
    ]);
    await expectRefused(t, REQUEST, subscriptionInput("CANCEL", "fabE3", { subscriptionId: "garbage" }), RES, [
      { code: "NOT_FOUND", field },
    ]);
    // A shared customer: the subscription was sold through res2, so res does not even see it (need to know).
    for (const action of ["CANCEL", "SUSPEND", "REACTIVATE"]) {
      await expectRefused(
        t,
        REQUEST,
        subscriptionInput(action, "sharedS", { customerId: id.customer("shared") }),
        RES,
        [{ code: "NOT_FOUND", field }],
      );
    }
  });

  it("ORDER needs the offer fields (and a term for license-based offers); the others a subscription", async () => {
    const missing = { offerName: null, offerId: null, offerKind: null, quantity: null, termDuration: null };
    const invalid = (...fields: string[]) => fields.map((f) => ({ code: "INVALID_INPUT", field: ["input", f] }));
    await expectRefused(t, REQUEST, orderInput(missing), RES, invalid("offerName", "offerId", "offerKind"));
    await expectRefused(
      t,
      REQUEST,
      orderInput({ quantity: null, termDuration: null }),
      RES,
      invalid("quantity", "termDuration"),
    );
    await expectRefused(t, REQUEST, orderInput({ quantity: 0, offerName: "x" }), RES, invalid("offerName", "quantity"));
    await expectRefused(t, REQUEST, orderInput({ offerKind: "USAGE_BASED", quantity: 3 }), RES, invalid("quantity"));
    await expectRefused(t, REQUEST, orderInput({ subscriptionId: id.sub("fabE3") }), RES, invalid("subscriptionId"));
    await expectRefused(t, REQUEST, orderInput({ note: "x".repeat(1001) }), RES, invalid("note"));
    await expectRefused(t, REQUEST, subscriptionInput("CANCEL", "fabE3", { subscriptionId: null }), RES, [
      ...invalid("subscriptionId"),
    ]);
    await expectRefused(
      t,
      REQUEST,
      subscriptionInput("SUSPEND", "fabE3", { offerName: "Microsoft 365 E3", quantity: 3 }),
      RES,
      invalid("offerName", "quantity"),
    );
  });

  it("one OPEN request per subscription and action", async () => {
    const first = await send(subscriptionInput("CANCEL", "fabNew"));
    await expectRefused(t, REQUEST, subscriptionInput("CANCEL", "fabNew"), RES, [
      { code: "ALREADY_EXISTS", field: ["input", "subscriptionId"] },
    ]);
    // Another action on it is another request.
    const suspend = await send(subscriptionInput("SUSPEND", "fabNew"));
    for (const p of [first, suspend]) {
      expectOk(await mutation<ClosePayload>(t, WITHDRAW, { requestId: p.providerRequest!.id }, RES));
    }
    await send(subscriptionInput("CANCEL", "fabNew"));
  });

  it("roles: those of the matching mutation (a sales agent cannot ask for a TRANSFER; helpdesk nothing)", async () => {
    const before = await snapshot(t);
    const attempts: [string, Record<string, unknown>][] = [
      ["sales@res.example", subscriptionInput("TRANSFER", "fabDirect")],
      ["helpdesk@res.example", orderInput()],
      ["helpdesk@res.example", subscriptionInput("SUSPEND", "fabE3")],
    ];
    for (const [email, input] of attempts) {
      const res = await t.gql(REQUEST, { input }, { email });
      expect(res.body.data ?? null, email).toBeNull();
      expect(
        res.body.errors?.map((e) => e.extensions?.code),
        email,
      ).toEqual(["FORBIDDEN"]);
    }
    expect(await snapshot(t)).toBe(before);
    // A sales agent may ask for an order.
    const p = await send(orderInput({ note: null }), { email: "sales@res.example" });
    expect(p.providerRequest).toMatchObject({ status: "OPEN", note: null });
    expectOk(await mutation<ClosePayload>(t, WITHDRAW, { requestId: p.providerRequest!.id }, RES));
  });

  it("a V1 server refuses the V2 lifecycle requests, the valueless removal too, on action; nothing is written", async () => {
    const before = await snapshot(t);
    for (const action of ["CANCEL_SCHEDULED_CHANGE", "CHANGE_QUANTITY"]) {
      const extra = action === "CHANGE_QUANTITY" ? { quantity: 3 } : {};
      const res = await t.gql(REQUEST, { input: subscriptionInput(action, "fabE3", extra) }, RES);
      const error = expectError(res.body, "BAD_USER_INPUT", "action");
      expect(error.message).toMatch(/only under rule book V2/);
    }
    expect(await snapshot(t)).toBe(before);
  });

  it("bad arguments of the list are BAD_USER_INPUT", async () => {
    expectError(
      (await t.gql(LIST, { filter: { customerId: "nope" } }, RES)).body,
      "BAD_USER_INPUT",
      "filter.customerId",
    );
    expectError((await t.gql(LIST, { first: 0 }, RES)).body, "BAD_USER_INPUT", "first");
    expectError((await t.gql(LIST, { after: "nope" }, RES)).body, "BAD_USER_INPUT", "after");
    expectError((await t.gql(LIST, {})).body, "UNAUTHENTICATED");
  });
});

describe("providerDecision: what the provider would be told today", () => {
  const decisionOf = async (input: Record<string, unknown>, headers?: Record<string, string>) => {
    const res = await t.gql<{ requestProviderAction: RequestPayload }>(REQUEST, { input }, { ...RES, headers });
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
    const p = expectOk(res.body.data!.requestProviderAction);
    // The request is sent whatever the decision: the provider may fix what blocks it.
    expect(p.providerRequest!.status).toBe("OPEN");
    return p.providerDecision!;
  };
  const rules = (d: DecisionShape) => d.blocking.map((b) => `${b.ruleId} ${b.code}`);

  it("ORDER: the provider's own relationship with the customer (R1)", async () => {
    const d = await decisionOf(orderInput({ customerId: id.customer("con") }));
    expect(d).toMatchObject({ action: "ORDER", eligible: false, asOf: today() });
    expect(rules(d)).toEqual(["R1 RESELLER_RELATIONSHIP_REQUIRED"]);
    expect(d.blocking[0]!.message).toBe(ruleMessages.R1!.en);
    const pt = await decisionOf(orderInput({ customerId: id.customer("con") }), { "accept-language": "pt-PT" });
    expect(pt.blocking[0]!.message).toBe(ruleMessages.R1!["pt-PT"]);
  });

  it("ORDER: decided for the provider naming the reseller (regions R4, R25)", async () => {
    const d = await decisionOf(orderInput({ providerId: id.partner("provCa") }));
    expect(d.eligible).toBe(false);
    expect(rules(d)).toEqual([
      "R1 RESELLER_RELATIONSHIP_REQUIRED",
      "R4 CUSTOMER_REGION_MISMATCH",
      "R25 RESELLER_REGION_MISMATCH",
    ]);
  });

  it("ORDER of a usage-based offer: quantity defaults to 1, no term", async () => {
    const p = await send(orderInput({ offerKind: "USAGE_BASED", offerName: "Azure plan", quantity: null }));
    expect(p.providerRequest).toMatchObject({ offerKind: OfferKind.USAGE_BASED, quantity: 1, termDuration: null });
    expect(p.providerDecision).toMatchObject({ action: "ORDER", eligible: true });
  });

  it("CANCEL, SUSPEND, REACTIVATE: the provider's subscription rules", async () => {
    const cancel = await decisionOf(subscriptionInput("CANCEL", "fabE3"));
    expect(cancel).toMatchObject({ action: "CANCEL", eligible: false });
    expect(rules(cancel)).toEqual(["R30 CANCELLATION_WINDOW_CLOSED"]);
    const suspend = await decisionOf(subscriptionInput("SUSPEND", "fabNew"));
    expect(suspend).toMatchObject({ action: "SUSPEND", eligible: true, blocking: [] });
    const reactivate = await decisionOf(subscriptionInput("REACTIVATE", "fabE3"));
    expect(rules(reactivate)).toEqual(["R31 SUBSCRIPTION_NOT_REACTIVATABLE"]);
  });

  it("TRANSFER: the provider as target, naming the reseller", async () => {
    const d = await decisionOf(subscriptionInput("TRANSFER", "fabDirect"));
    expect(d).toMatchObject({ action: "TRANSFER", eligible: true, blocking: [], advisories: [] });
    // The provider already bills this one.
    const own = await decisionOf(subscriptionInput("TRANSFER", "fabE3"));
    expect(rules(own)).toEqual(["R13 TRANSFER_SOURCE_EQUALS_TARGET"]);
    // Another provider of res, without a relationship with fab.
    const other = await decisionOf(subscriptionInput("TRANSFER", "fabDirect", { providerId: id.partner("prov2") }));
    expect(rules(other)).toEqual(["R12 TRANSFER_TARGET_HAS_NO_RELATIONSHIP"]);
  });
});

describe("the list and concurrent answers", () => {
  it("pages newest first with a keyset cursor", async () => {
    const all = (await list(RES, null, 100)).nodes;
    expect(all.length).toBeGreaterThan(5);
    const created = all.map((n) => n.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
    const paged: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: {
        providerRequests: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
      } = await query(
        t,
        `query($after: String) { providerRequests(first: 2, after: $after) {
          nodes { id } pageInfo { hasNextPage endCursor } } }`,
        { after },
        RES,
      );
      paged.push(...data.providerRequests.nodes.map((n) => n.id));
      if (!data.providerRequests.pageInfo.hasNextPage) break;
      after = data.providerRequests.pageInfo.endCursor;
    }
    expect(paged).toEqual(all.map((n) => n.id));
  });

  it("a resolve and a withdrawal at once: exactly one wins, the other is refused", async () => {
    const requestId = (await send(subscriptionInput("REACTIVATE", "fabNew"))).providerRequest!.id;
    const [resolved, withdrawn] = await Promise.all([
      mutation<ClosePayload>(t, RESOLVE, { requestId, outcome: "DECLINED" }, PROV),
      mutation<ClosePayload>(t, WITHDRAW, { requestId }, RES),
    ]);
    const ok = [resolved, withdrawn].filter((p) => p.userErrors.length === 0);
    const refused = [resolved, withdrawn].filter((p) => p.userErrors.length > 0);
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(["INVALID_STATE", "CONFLICT"]).toContain(refused[0]!.userErrors[0]!.code);
    const node = (await query<{ node: RequestNode }>(t, NODE, { id: requestId }, RES)).node;
    expect(node.status).toBe(ok[0]!.providerRequest!.status);
    expect(node.version).toBe(2);
  });
});

describe("a TRANSFER request names another partner's subscription", () => {
  // Sent by "TRANSFER: the provider as target" above: fabDirect (billed by "direct", not res's) to Prov and Prov2.
  const transfersTo = (nodes: RequestNode[], provider: string) =>
    nodes.filter((n) => n.action === "TRANSFER" && n.provider.name === provider && n.status === "OPEN");
  const DIRECT_SUB = () => ({ id: id.sub("fabDirect"), offerName: "Visio Plan 2" });

  it("the reseller and each provider it asked read the subscription, where a transfer needs it", async () => {
    const sent = transfersTo((await list(RES, { direction: "SENT" })).nodes, "Prov Ltd");
    expect(sent.map((n) => n.subscription)).toContainEqual(DIRECT_SUB());
    expect(sent.every((n) => n.subscription !== null)).toBe(true);
    for (const [who, name] of [
      ["prov", "Prov Ltd"],
      ["prov2", "Prov2 Ltd"],
    ] as const) {
      const received = transfersTo((await list({ as: who }, { direction: "RECEIVED" })).nodes, name);
      expect(
        received.map((n) => n.subscription),
        who,
      ).toContainEqual(DIRECT_SUB());
    }
  });

  it("nobody else sees the request: not another reseller, not the partner that bills the subscription", async () => {
    const sent = transfersTo((await list(RES, { direction: "SENT" })).nodes, "Prov Ltd");
    const request = sent.find((n) => n.subscription?.id === id.sub("fabDirect"))!;
    for (const who of ["res2", "direct"]) {
      expectError((await t.gql(NODE, { id: request.id }, { as: who })).body, "NOT_FOUND", "id");
      expect(
        (await list({ as: who })).nodes.map((n) => n.id),
        who,
      ).not.toContain(request.id);
    }
  });
});
