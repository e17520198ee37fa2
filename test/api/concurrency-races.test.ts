import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PartnershipStatus, PartnerType, TransferStatus } from "../../server/src/domain/enums";
import type { World } from "../../server/src/scenarios/world";
import { startTestServer, type TestServer } from "./harness";
import { customerAdminSession } from "./fixtures";
import { cspLicense, customer, day, ids, partner, rel, USER_ERRORS, type UserErrorShape } from "./mutation-helpers";

// Concurrent identical requests through one real server (SQLite, or PostgreSQL with TEST_DATABASE_URL), counting
// the effects in the database afterwards: one row per unique thing, one winner per state change, and losers that
// answer the sequential duplicate's user error — never an internal error.

const { INDIRECT_PROVIDER, INDIRECT_RESELLER, DIRECT_BILL } = PartnerType;
const N = 20;
const ROUNDS = 5;

const world: World = {
  partners: [
    partner("direct", "3700001", [DIRECT_BILL]),
    partner("direct2", "3700002", [DIRECT_BILL]),
    partner("prov", "1700001", [INDIRECT_PROVIDER]),
    partner("res", "2700001", [INDIRECT_RESELLER]),
    partner("res2", "2700002", [INDIRECT_RESELLER]),
  ],
  partnerships: [{ provider: "prov", reseller: "res", status: PartnershipStatus.ACTIVE }],
  customers: [customer("fab"), customer("lone")],
  relationships: [rel("direct", "fab"), rel("direct2", "fab"), rel("prov", "fab"), rel("res", "fab")],
  subscriptions: [
    // Bought yesterday: still inside the cancellation window.
    ...Array.from({ length: ROUNDS }, (_, i) => cspLicense(`race${i}`, "fab", "direct", { purchaseDate: day(-1) })),
    cspLicense("cancel", "fab", "direct", { purchaseDate: day(-1) }),
    cspLicense("ta", "fab", "direct"),
    cspLicense("tr", "fab", "direct"),
    cspLicense("tw", "fab", "direct"),
    { ...cspLicense("viaRes", "fab", "prov"), resellerOfRecord: "res" },
  ],
  transfers: [
    ...Array.from({ length: ROUNDS }, (_, i) => pending(`race${i}`)),
    pending("ta"),
    pending("tr"),
    pending("tw"),
  ],
};

function pending(key: string) {
  return {
    key,
    customer: "fab",
    source: "direct",
    target: "direct2",
    reseller: null,
    status: TransferStatus.PENDING,
    createdAt: day(-1),
    subscriptions: [key],
  };
}

const answer = (name: string) =>
  `mutation($input: TransferIdInput!) { ${name}(input: $input) { transfer { id status } ${USER_ERRORS} } }`;
const ACCEPT = answer("acceptTransfer");
const REJECT = answer("rejectTransfer");
const WITHDRAW = answer("withdrawTransfer");
const CANCEL = `mutation($input: SubscriptionActionInput!) {
  cancelSubscription(input: $input) { subscription { id status } ${USER_ERRORS} } }`;
const CREATE_CUSTOMER = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } ${USER_ERRORS} } }`;
const INVITE = `mutation($input: InviteResellerInput!) { inviteReseller(input: $input) { partnership { id } ${USER_ERRORS} } }`;
const REQUEST_RELATIONSHIP = `mutation($input: RequestRelationshipInput!) {
  requestCustomerRelationship(input: $input) { acceptanceUrl ${USER_ERRORS} } }`;
const ACCEPT_RELATIONSHIP = `mutation($input: AcceptRelationshipInput!) {
  acceptCustomerRelationship(input: $input) { acceptedCount ${USER_ERRORS} } }`;
const REQUEST_PROVIDER = `mutation($input: RequestProviderActionInput!) {
  requestProviderAction(input: $input) { providerRequest { id } ${USER_ERRORS} } }`;
const ORDER = `mutation($input: OrderSubscriptionInput!) { orderSubscription(input: $input) { subscription { id } ${USER_ERRORS} } }`;

type Payload = { userErrors: UserErrorShape[] } & Record<string, unknown>;

let t: TestServer;
let id: ReturnType<typeof ids>;

beforeAll(async () => {
  t = await startTestServer(world);
  id = ids(t);
});
afterAll(() => t.close());

/** Sends the calls at once and returns each mutation payload; every answer is HTTP 200 without top-level errors. */
async function fireAll(calls: { query: string; input: Record<string, unknown>; as: string }[]): Promise<Payload[]> {
  const results = await Promise.all(calls.map((c) => t.gql<Record<string, Payload>>(c.query, { input: c.input }, c)));
  return results.map((res) => {
    expect(res.status).toBe(200);
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
    return Object.values(res.body.data!)[0]!;
  });
}

function fire(query: string, input: Record<string, unknown>, as: string): Promise<Payload[]> {
  return fireAll(Array.from({ length: N }, () => ({ query, input, as })));
}

const winners = (payloads: Payload[]) => payloads.filter((p) => p.userErrors.length === 0);
const loserErrors = (payloads: Payload[]) =>
  payloads.filter((p) => p.userErrors.length > 0).map((p) => p.userErrors.map((e) => [e.code, e.field?.join(".")]));

/** One number from the database (ids in these tests are the world's UUIDs, never user input). */
async function count(sql: string): Promise<number> {
  const rows: { n: string | number }[] = await t.app.dataSource.query(sql);
  return Number(rows[0]!.n);
}

const dbId = (map: Map<string, string>, key: string) => map.get(key)!;

describe(`${N} concurrent identical calls: exactly one effect`, () => {
  it(`acceptTransfer against cancelSubscription of its subscription (${ROUNDS} rounds): one wins`, async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const accept = { query: ACCEPT, input: { transferId: id.transfer(`race${i}`) }, as: "direct" };
      const cancel = { query: CANCEL, input: { subscriptionId: id.sub(`race${i}`) }, as: "direct" };
      // Either one sent first, by turns: both orders are raced.
      const cancelFirst = i % 2 === 1;
      const answers = await fireAll(cancelFirst ? [cancel, accept] : [accept, cancel]);
      const [accepted, cancelled] = cancelFirst ? [answers[1], answers[0]] : answers;
      const subId = dbId(t.world.subscriptions, `race${i}`);
      const [row] = await t.app.dataSource.query(
        `SELECT status, transacting_partner_id AS partner FROM customer_subscription WHERE id = '${subId}'`,
      );
      const transferRows = await t.app.dataSource.query(
        `SELECT status FROM transfer WHERE id = '${dbId(t.world.transfers, `race${i}`)}'`,
      );
      const wins = [accepted!, cancelled!].filter((p) => p.userErrors.length === 0).length;
      // The loser read the winner's row (locked on PostgreSQL) and is refused by a rule, with its reason; or, a
      // cancellation that starts after the subscription moved to direct2: NOT_FOUND, as in sequence (direct no
      // longer bills it, so it no longer sees it: need to know, auth/scope.ts).
      const loser = [accepted!, cancelled!].find((p) => p.userErrors.length > 0)!;
      expect(loser.userErrors).toHaveLength(1);
      const [error] = loser.userErrors;
      const movedAway =
        loser === cancelled && error!.code === "NOT_FOUND" && error!.field?.join(".") === "input.subscriptionId";
      expect(error!.ruleId !== null || movedAway, JSON.stringify(loser.userErrors)).toBe(true);
      expect(wins, `round ${i}: ${JSON.stringify([accepted, cancelled])}`).toBe(1);
      // Never a cancelled subscription moved to the new partner.
      if (row.status === "DELETED") {
        expect(row.partner).toBe(dbId(t.world.partners, "direct"));
        expect(transferRows[0].status).toBe("PENDING");
      } else {
        expect(row.partner).toBe(dbId(t.world.partners, "direct2"));
        expect(transferRows[0].status).toBe("COMPLETED");
      }
    }
  });

  it("acceptTransfer / rejectTransfer / withdrawTransfer: one answer each", async () => {
    for (const [query, key, as, status] of [
      [ACCEPT, "ta", "direct", "COMPLETED"],
      [REJECT, "tr", "direct", "REJECTED"],
      [WITHDRAW, "tw", "direct2", "WITHDRAWN"],
    ] as const) {
      const payloads = await fire(query, { transferId: id.transfer(key) }, as);
      expect(winners(payloads)).toHaveLength(1);
      for (const errors of loserErrors(payloads)) expect(["CONFLICT", "INVALID_STATE"]).toContain(errors[0]![0]);
      const transfer = dbId(t.world.transfers, key);
      expect(await count(`SELECT COUNT(*) AS n FROM transfer WHERE id = '${transfer}' AND status = '${status}'`)).toBe(
        1,
      );
    }
    const moved = dbId(t.world.subscriptions, "ta");
    expect(
      await count(`SELECT version AS n FROM customer_subscription WHERE id = '${moved}'`),
      "the accepted subscription moved once",
    ).toBe(2);
  });

  it("cancelSubscription: one cancellation", async () => {
    const payloads = await fire(CANCEL, { subscriptionId: id.sub("cancel") }, "direct");
    expect(winners(payloads)).toHaveLength(1);
    for (const errors of loserErrors(payloads)) expect(errors).toHaveLength(1);
    const sub = dbId(t.world.subscriptions, "cancel");
    expect(await count(`SELECT version AS n FROM customer_subscription WHERE id = '${sub}'`)).toBe(2);
    expect(
      await count(`SELECT COUNT(*) AS n FROM customer_subscription WHERE id = '${sub}' AND status = 'DELETED'`),
    ).toBe(1);
  });

  it("createCustomer with one domain: one customer, the others ALREADY_EXISTS on domain", async () => {
    const input = { name: "Race Inc", domain: "race.onmicrosoft.com", country: "US", mcaAccepted: true };
    const payloads = await fire(CREATE_CUSTOMER, input, "direct");
    expect(winners(payloads)).toHaveLength(1);
    const losers = loserErrors(payloads);
    expect(losers).toHaveLength(N - 1);
    for (const errors of losers) expect(errors).toEqual([["ALREADY_EXISTS", "input.domain"]]);
    expect(await count(`SELECT COUNT(*) AS n FROM customer WHERE domain = 'race.onmicrosoft.com'`)).toBe(1);
  });

  it("inviteReseller of one reseller: one invitation, the others ALREADY_EXISTS", async () => {
    const payloads = await fire(INVITE, { resellerPartnerId: "2700002" }, "prov");
    expect(winners(payloads)).toHaveLength(1);
    const losers = loserErrors(payloads);
    expect(losers).toHaveLength(N - 1);
    for (const errors of losers) expect(errors).toEqual([["ALREADY_EXISTS", "input.resellerPartnerId"]]);
    const res2 = dbId(t.world.partners, "res2");
    expect(await count(`SELECT COUNT(*) AS n FROM reseller_partnership WHERE reseller_id = '${res2}'`)).toBe(1);
  });

  it("requestCustomerRelationship: one pending row; accepting gives one active relationship", async () => {
    const payloads = await fire(REQUEST_RELATIONSHIP, { customerDomain: "lone.onmicrosoft.com" }, "direct2");
    // A repeated request replaces the link (as sequentially); a request that meets a concurrent one is CONFLICT.
    expect(winners(payloads).length).toBeGreaterThanOrEqual(1);
    for (const errors of loserErrors(payloads)) expect(errors).toEqual([["CONFLICT", "input.customerDomain"]]);
    const lone = dbId(t.world.customers, "lone");
    const direct2 = dbId(t.world.partners, "direct2");
    const mine = `FROM customer_relationship WHERE customer_id = '${lone}' AND partner_id = '${direct2}'`;
    expect(await count(`SELECT COUNT(*) AS n ${mine}`)).toBe(1);
    const [{ token }] = await t.app.dataSource.query(`SELECT request_token AS token ${mine}`);
    // The customer's global admin, signed in (one session, N clicks at once).
    const customerAdminToken = await customerAdminSession(t, "lone.onmicrosoft.com");
    const accepted = await fireAll(
      Array.from({ length: N }, () => ({
        query: ACCEPT_RELATIONSHIP,
        input: { token, customerAdminToken },
        as: "",
      })),
    );
    expect(winners(accepted)).toHaveLength(1);
    expect(await count(`SELECT COUNT(*) AS n ${mine} AND status = 'ACTIVE'`)).toBe(1);
    expect(await count(`SELECT COUNT(*) AS n ${mine}`)).toBe(1);
  });

  it("requestProviderAction: one OPEN request, the others the duplicate's ALREADY_EXISTS", async () => {
    const input = {
      providerId: id.partner("prov"),
      customerId: id.customer("fab"),
      action: "CANCEL",
      subscriptionId: id.sub("viaRes"),
    };
    const payloads = await fire(REQUEST_PROVIDER, input, "res");
    expect(winners(payloads)).toHaveLength(1);
    const losers = loserErrors(payloads);
    expect(losers).toHaveLength(N - 1);
    for (const errors of losers) expect(errors).toEqual([["ALREADY_EXISTS", "input.subscriptionId"]]);
    const sub = dbId(t.world.subscriptions, "viaRes");
    expect(
      await count(`SELECT COUNT(*) AS n FROM provider_request WHERE subscription_id = '${sub}' AND status = 'OPEN'`),
    ).toBe(1);
  });

  it("orderSubscription with one Idempotency-Key: one subscription, twenty identical answers", async () => {
    const input = {
      customerId: id.customer("fab"),
      offerName: "Microsoft 365 Business Premium",
      offerId: "CFQ7TTC0LCHC:0002",
      offerKind: "LICENSE_BASED",
      quantity: 3,
      termDuration: "P1Y",
    };
    const headers = { "idempotency-key": "order-race-1" };
    const results = await Promise.all(
      Array.from({ length: N }, () => t.gql(ORDER, { input }, { as: "direct", headers })),
    );
    const bodies = new Set(results.map((r) => JSON.stringify([r.status, r.body])));
    expect(bodies.size, [...bodies].join("\n")).toBe(1);
    const [first] = results;
    expect(first!.status).toBe(200);
    expect(first!.body.errors).toBeUndefined();
    expect(await count(`SELECT COUNT(*) AS n FROM customer_subscription WHERE offer_id = 'CFQ7TTC0LCHC:0002'`)).toBe(1);
  });
});
