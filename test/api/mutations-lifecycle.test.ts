import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatInstant } from "../../server/src/common/instants";
import {
  BillingCycle,
  PartnerType,
  ProductType,
  ProgramStatus,
  RuleBook,
  TermDuration,
  UserRole,
} from "../../server/src/domain/enums";
import type { World, WorldSubscription } from "../../server/src/scenarios/world";
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
  USER_ERRORS,
  type UserErrorShape,
} from "./mutation-helpers";

// The rule book V2 lifecycle mutations through the real server (SQLite, or PostgreSQL with TEST_DATABASE_URL):
// seat tranches and their 168-hour windows against the real clock, auto-renew, the change saved for renewal and
// what deletes it, refusals with every reason (the same as the eligibility query's), tenants, idempotent retries.

const { DIRECT_BILL } = PartnerType;
const HOUR = 3_600_000;
// Instants relative to the real clock (the mutations decide at the request's second).
const started = Math.floor(Date.now() / 1000) * 1000;
const hoursAgo = (h: number) => formatInstant(started - h * HOUR);

const plan = { termDuration: TermDuration.P1Y, billingCycle: BillingCycle.MONTHLY };
const sub = (key: string, owner: string, extra: Partial<WorldSubscription>): WorldSubscription =>
  cspLicense(key, owner === "susp" ? "gx" : "fab", owner, {
    purchaseDate: hoursAgo(60 * 24),
    commitmentEndDate: day(300),
    ...plan,
    ...extra,
  });

const world: World = {
  partners: [
    partner("direct", "3900001", [DIRECT_BILL]),
    partner("outsider", "3900002", [DIRECT_BILL]),
    partner("susp", "3900003", [DIRECT_BILL], { programStatus: ProgramStatus.SUSPENDED }),
  ],
  partnerships: [],
  customers: [customer("fab"), customer("gx"), customer("other")],
  relationships: [rel("direct", "fab"), rel("susp", "gx"), rel("outsider", "other")],
  subscriptions: [
    sub("grow", "direct", { quantity: 10 }),
    sub("windows", "direct", {
      quantity: 18,
      tranches: [
        { quantity: 10, purchasedAt: hoursAgo(60 * 24) },
        { quantity: 5, purchasedAt: hoursAgo(100) },
        { quantity: 3, purchasedAt: hoursAgo(2) },
      ],
    }),
    sub("closed", "direct", { quantity: 10 }),
    sub("sched", "direct", {
      quantity: 10,
      tranches: [
        { quantity: 8, purchasedAt: hoursAgo(60 * 24) },
        { quantity: 2, purchasedAt: hoursAgo(1) },
      ],
      scheduledChange: { quantity: 12 },
    }),
    sub("renewoff", "direct", { quantity: 5, scheduledChange: { termDuration: TermDuration.P3Y } }),
    sub("plain", "direct", { quantity: 5 }),
    sub("cancelme", "direct", {
      quantity: 5,
      purchaseDate: hoursAgo(5),
      scheduledChange: { billingCycle: BillingCycle.ANNUAL },
    }),
    sub("manualrenew", "direct", { quantity: 5, autoRenew: false }),
    sub("saas", "direct", { quantity: 5, productType: ProductType.MARKETPLACE_SAAS }),
    sub("perpetual", "direct", { quantity: 5, productType: ProductType.PERPETUAL_SOFTWARE }),
    sub("capped", "direct", { quantity: 5, maxQuantity: 6 }),
    sub("idem", "direct", { quantity: 10 }),
    sub("suspended", "susp", {
      quantity: 6,
      tranches: [
        { quantity: 4, purchasedAt: hoursAgo(60 * 24) },
        { quantity: 2, purchasedAt: hoursAgo(3) },
      ],
    }),
  ],
  transfers: [],
  users: [
    { partner: "direct", email: "admin@direct.example", displayName: "Admin", role: UserRole.GLOBAL_ADMIN },
    { partner: "direct", email: "helpdesk@direct.example", displayName: "Helpdesk", role: UserRole.HELPDESK_AGENT },
  ],
};

const SUB = `subscription { quantity autoRenew version tranches { quantity purchasedAt }
  scheduledChange { quantity termDuration billingCycle } }`;
const PAYLOAD = `${SUB} decision { eligible blocking { ruleId } advisories { ruleId } }
  deletedScheduledChange { quantity termDuration billingCycle }
  addedTranche { quantity purchasedAt } removedSeats { quantity purchasedAt } ${USER_ERRORS}`;
const QUANTITY = `mutation($input: ChangeSubscriptionQuantityInput!) { changeSubscriptionQuantity(input: $input) { ${PAYLOAD} } }`;
const AUTO_RENEW = `mutation($input: SetSubscriptionAutoRenewInput!) { setSubscriptionAutoRenew(input: $input) { ${PAYLOAD} } }`;
const SCHEDULE = `mutation($input: ScheduleSubscriptionChangeInput!) { scheduleSubscriptionChange(input: $input) { ${PAYLOAD} } }`;
const UNSCHEDULE = `mutation($input: CancelScheduledChangeInput!) { cancelScheduledChange(input: $input) { ${PAYLOAD} } }`;

interface Tranche {
  quantity: number;
  purchasedAt: string;
}
interface Payload {
  userErrors: UserErrorShape[];
  subscription: {
    quantity: number;
    autoRenew: boolean;
    version: number;
    tranches: Tranche[];
    scheduledChange: Record<string, unknown> | null;
  } | null;
  decision: { eligible: boolean; blocking: { ruleId: string }[]; advisories: { ruleId: string }[] } | null;
  deletedScheduledChange: Record<string, unknown> | null;
  addedTranche: Tranche | null;
  removedSeats: Tranche[] | null;
}

const DIRECT = { as: "direct" };

let t: TestServer;
let id: ReturnType<typeof ids>;
beforeAll(async () => {
  t = await startTestServer(world, { config: { ruleBook: RuleBook.V2 } });
  id = ids(t);
}, 60_000);
afterAll(async () => {
  await t?.close();
});

/** The eligibility query's blocking rule ids for the same subject and inputs, decided now. */
async function queried(input: Record<string, unknown>): Promise<string[]> {
  const q = `query($input: EligibilityInput!) { eligibility(input: $input) { blocking { ruleId } } }`;
  const data = await query<{ eligibility: { blocking: { ruleId: string }[] } }>(t, q, { input }, DIRECT);
  return data.eligibility.blocking.map((b) => b.ruleId).sort();
}

const within = (instant: string, from: number, to: number) => {
  const at = Date.parse(instant);
  expect(at).toBeGreaterThanOrEqual(from);
  expect(at).toBeLessThanOrEqual(to);
};

describe("changeSubscriptionQuantity", () => {
  it("an increase adds a tranche of its own, dated now, whose seats can be removed again within 168 hours", async () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const p = expectOk(await mutation<Payload>(t, QUANTITY, { subscriptionId: id.sub("grow"), quantity: 13 }, DIRECT));
    const after = Date.now();
    expect(p.subscription!.quantity).toBe(13);
    expect(p.addedTranche!.quantity).toBe(3);
    within(p.addedTranche!.purchasedAt, before, after);
    expect(p.subscription!.tranches).toEqual([{ quantity: 10, purchasedAt: hoursAgo(60 * 24) }, p.addedTranche]);
    expect(p.removedSeats).toBeNull();
    expect(p.deletedScheduledChange).toBeNull();
    // Audited: the event of the accepted change records the quantity and the tranches before and after.
    const events: { changes: string; outcome: string }[] = await t.app.dataSource.query(
      `SELECT changes, outcome FROM audit_event WHERE operation = 'changeSubscriptionQuantity'`,
    );
    const accepted = events.filter((e) => e.outcome === "ACCEPTED");
    expect(accepted).toHaveLength(1);
    expect(accepted[0]!.changes).toContain('"quantity"');
    expect(accepted[0]!.changes).toContain('"tranches"');
    // The new seats are refundable until their own deadline; the old ones are not.
    const q = `query($id: ID!) { node(id: $id) { ... on CustomerSubscription {
      eligibility(action: CHANGE_QUANTITY, quantity: 10) { eligible refundableQuantity refundableDetails { quantity allowedUntil } } } } }`;
    const d = await query<{ node: { eligibility: Record<string, unknown> } }>(t, q, { id: id.sub("grow") }, DIRECT);
    expect(d.node.eligibility).toEqual({
      eligible: true,
      refundableQuantity: 3,
      refundableDetails: [
        { quantity: 3, allowedUntil: formatInstant(Date.parse(p.addedTranche!.purchasedAt) + 168 * HOUR) },
      ],
    });
  });

  it("a reduction inside the windows takes seats from the newest window first", async () => {
    const p = expectOk(
      await mutation<Payload>(t, QUANTITY, { subscriptionId: id.sub("windows"), quantity: 14 }, DIRECT),
    );
    expect(p.subscription!.quantity).toBe(14);
    expect(p.removedSeats).toEqual([
      { quantity: 3, purchasedAt: hoursAgo(2) },
      { quantity: 1, purchasedAt: hoursAgo(100) },
    ]);
    expect(p.subscription!.tranches).toEqual([
      { quantity: 10, purchasedAt: hoursAgo(60 * 24) },
      { quantity: 4, purchasedAt: hoursAgo(100) },
    ]);
    expect(p.addedTranche).toBeNull();
  });

  it("a reduction beyond the open windows is refused with R44 on quantity, as the eligibility query says; nothing changes", async () => {
    // 4 seats are left in an open window (100 hours ago); removing 5 needs one seat from the closed 60-day window.
    const input = { subscriptionId: id.sub("windows"), quantity: 9 };
    const p = await expectRefused<Payload>(t, QUANTITY, input, DIRECT, [
      { code: "SEAT_REDUCTION_WINDOW_CLOSED", field: ["input", "quantity"], ruleId: "R44" },
    ]);
    expect(p.decision!.eligible).toBe(false);
    expect(await queried({ action: "CHANGE_QUANTITY", ...input })).toEqual(["R44"]);
  });

  it("outside every window a reduction is refused; zero seats is refused with every reason (R43 and R44)", async () => {
    await expectRefused<Payload>(t, QUANTITY, { subscriptionId: id.sub("closed"), quantity: 9 }, DIRECT, [
      { code: "SEAT_REDUCTION_WINDOW_CLOSED", field: ["input", "quantity"], ruleId: "R44" },
    ]);
    const before = await snapshot(t);
    const zero = { subscriptionId: id.sub("closed"), quantity: 0 };
    const p = await mutation<Payload>(t, QUANTITY, zero, DIRECT);
    expect(p.userErrors.map((e) => [e.ruleId, e.field?.join(".")]).sort()).toEqual([
      ["R43", "input.quantity"],
      ["R44", "input.quantity"],
    ]);
    expect(await queried({ action: "CHANGE_QUANTITY", ...zero })).toEqual(["R43", "R44"]);
    expect(await snapshot(t)).toBe(before);
  });

  it("refuses a negative quantity as bad input, above the offer's maximum (R43), and a SaaS subscription (R42)", async () => {
    await expectRefused<Payload>(t, QUANTITY, { subscriptionId: id.sub("capped"), quantity: -1 }, DIRECT, [
      { code: "INVALID_INPUT", field: ["input", "quantity"], ruleId: null },
    ]);
    await expectRefused<Payload>(t, QUANTITY, { subscriptionId: id.sub("capped"), quantity: 7 }, DIRECT, [
      { code: "QUANTITY_OUT_OF_RANGE", field: ["input", "quantity"], ruleId: "R43" },
    ]);
    await expectRefused<Payload>(t, QUANTITY, { subscriptionId: id.sub("saas"), quantity: 6 }, DIRECT, [
      { code: "QUANTITY_CHANGE_NOT_SUPPORTED", field: ["input", "subscriptionId"], ruleId: "R42" },
    ]);
  });

  it("a mid-term change deletes the change saved for renewal, says so (R45 advisory) and returns what it deleted", async () => {
    const p = expectOk(await mutation<Payload>(t, QUANTITY, { subscriptionId: id.sub("sched"), quantity: 9 }, DIRECT));
    expect(p.decision!.advisories.map((a) => a.ruleId)).toEqual(["R45"]);
    expect(p.deletedScheduledChange).toEqual({ quantity: 12, termDuration: null, billingCycle: null });
    expect(p.subscription!.scheduledChange).toBeNull();
    expect(p.subscription!.tranches).toEqual([
      { quantity: 8, purchasedAt: hoursAgo(60 * 24) },
      { quantity: 1, purchasedAt: hoursAgo(1) },
    ]);
  });

  it("a suspended partner may remove seats in their window but not add any (R35)", async () => {
    expectOk(
      await mutation<Payload>(t, QUANTITY, { subscriptionId: id.sub("suspended"), quantity: 5 }, { as: "susp" }),
    );
    await expectRefused<Payload>(t, QUANTITY, { subscriptionId: id.sub("suspended"), quantity: 7 }, { as: "susp" }, [
      { code: "PARTNER_NOT_ACTIVE", field: ["input", "subscriptionId"], ruleId: "R35" },
    ]);
  });

  it("an idempotent retry answers the first result and adds no second tranche", async () => {
    const send = async () => {
      const res = await fetch(t.app.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${await t.tokenFor("direct")}`,
          "idempotency-key": "lifecycle-retry-1",
        },
        body: JSON.stringify({
          query: QUANTITY,
          variables: { input: { subscriptionId: id.sub("idem"), quantity: 11 } },
        }),
      });
      const { extensions: _ignored, ...body } = (await res.json()) as Record<string, unknown>;
      return { replayed: res.headers.get("idempotency-replayed"), body };
    };
    const first = await send();
    const second = await send();
    expect(second.replayed).toBe("true");
    expect(second.body).toEqual(first.body);
    const q = `query($id: ID!) { node(id: $id) { ... on CustomerSubscription { quantity tranches { quantity } } } }`;
    const d = await query<{ node: { quantity: number; tranches: Tranche[] } }>(t, q, { id: id.sub("idem") }, DIRECT);
    expect(d.node.quantity).toBe(11);
    expect(d.node.tranches.map((x) => x.quantity)).toEqual([10, 1]);
  });
});

describe("setSubscriptionAutoRenew", () => {
  it("off deletes the scheduled change (R45), on turns it back without one", async () => {
    const off = expectOk(
      await mutation<Payload>(t, AUTO_RENEW, { subscriptionId: id.sub("renewoff"), autoRenew: false }, DIRECT),
    );
    expect(off.subscription!.autoRenew).toBe(false);
    expect(off.decision!.advisories.map((a) => a.ruleId)).toEqual(["R45"]);
    expect(off.deletedScheduledChange).toEqual({ quantity: null, termDuration: "P3Y", billingCycle: null });
    expect(off.subscription!.scheduledChange).toBeNull();
    const on = expectOk(
      await mutation<Payload>(t, AUTO_RENEW, { subscriptionId: id.sub("renewoff"), autoRenew: true }, DIRECT),
    );
    expect(on.subscription).toMatchObject({ autoRenew: true, scheduledChange: null });
    expect(on.deletedScheduledChange).toBeNull();
    expect(on.decision!.advisories).toEqual([]);
  });

  it("SaaS renews and may be switched off; perpetual software has nothing to renew (R46), as the query says", async () => {
    const saas = expectOk(
      await mutation<Payload>(t, AUTO_RENEW, { subscriptionId: id.sub("saas"), autoRenew: false }, DIRECT),
    );
    expect(saas.subscription!.autoRenew).toBe(false);
    const input = { subscriptionId: id.sub("perpetual"), autoRenew: false };
    await expectRefused<Payload>(t, AUTO_RENEW, input, DIRECT, [
      { code: "AUTO_RENEW_NOT_APPLICABLE", field: ["input", "subscriptionId"], ruleId: "R46" },
    ]);
    expect(await queried({ action: "SET_AUTO_RENEW", ...input })).toEqual(["R46"]);
  });
});

describe("scheduleSubscriptionChange and cancelScheduledChange", () => {
  it("saves a change (replacing the saved one), then removes it", async () => {
    const change = { quantity: 8, termDuration: "P3Y", billingCycle: "ANNUAL" };
    const saved = expectOk(await mutation<Payload>(t, SCHEDULE, { subscriptionId: id.sub("plain"), change }, DIRECT));
    expect(saved.subscription!.scheduledChange).toEqual(change);
    expect(saved.subscription!.quantity).toBe(5);
    const replaced = expectOk(
      await mutation<Payload>(t, SCHEDULE, { subscriptionId: id.sub("plain"), change: { quantity: 4 } }, DIRECT),
    );
    expect(replaced.subscription!.scheduledChange).toEqual({ quantity: 4, termDuration: null, billingCycle: null });
    expect(replaced.decision!.advisories).toEqual([]);
    const removed = expectOk(await mutation<Payload>(t, UNSCHEDULE, { subscriptionId: id.sub("plain") }, DIRECT));
    expect(removed.deletedScheduledChange).toEqual({ quantity: 4, termDuration: null, billingCycle: null });
    expect(removed.subscription!.scheduledChange).toBeNull();
    await expectRefused<Payload>(t, UNSCHEDULE, { subscriptionId: id.sub("plain") }, DIRECT, [
      { code: "INVALID_STATE", field: ["input", "subscriptionId"], ruleId: null },
    ]);
  });

  it("refuses with every reason: auto-renew off (R49), a plan Partner Center does not sell (R50), an empty change", async () => {
    const input = {
      subscriptionId: id.sub("manualrenew"),
      change: { termDuration: "P1M", billingCycle: "ANNUAL", quantity: 0 },
    };
    const before = await snapshot(t);
    const p = await mutation<Payload>(t, SCHEDULE, input, DIRECT);
    expect(p.userErrors.map((e) => [e.ruleId, e.field?.join(".")]).sort()).toEqual([
      ["R43", "input.change.quantity"],
      ["R49", "input.subscriptionId"],
      ["R50", "input.change.billingCycle"],
    ]);
    expect(await queried({ action: "SCHEDULE_CHANGE", ...input })).toEqual(["R43", "R49", "R50"]);
    expect(await snapshot(t)).toBe(before);
    await expectRefused<Payload>(t, SCHEDULE, { subscriptionId: id.sub("plain"), change: {} }, DIRECT, [
      { code: "INVALID_INPUT", field: ["input", "change"], ruleId: null },
    ]);
  });
});

describe("cancelSubscription under V2", () => {
  it("deletes the change saved for renewal, with the R45 advisory", async () => {
    const q = `mutation($input: SubscriptionActionInput!) { cancelSubscription(input: $input) {
      subscription { status autoRenew scheduledChange { billingCycle } } decision { advisories { ruleId } } ${USER_ERRORS} } }`;
    const p = expectOk(
      await mutation<{
        userErrors: UserErrorShape[];
        subscription: { status: string; autoRenew: boolean; scheduledChange: unknown };
        decision: { advisories: { ruleId: string }[] };
      }>(t, q, { subscriptionId: id.sub("cancelme") }, DIRECT),
    );
    expect(p.subscription).toEqual({ status: "DELETED", autoRenew: false, scheduledChange: null });
    expect(p.decision.advisories.map((a) => a.ruleId)).toEqual(["R45"]);
  });
});

describe("tenants, roles and rule books", () => {
  const attempts = (sub: string): [string, Record<string, unknown>][] => [
    [QUANTITY, { subscriptionId: sub, quantity: 20 }],
    [AUTO_RENEW, { subscriptionId: sub, autoRenew: false }],
    [SCHEDULE, { subscriptionId: sub, change: { quantity: 3 } }],
    [UNSCHEDULE, { subscriptionId: sub }],
  ];

  it("another partner's subscription is NOT_FOUND for each mutation, and nothing changes", async () => {
    for (const [q, input] of attempts(id.sub("capped")))
      await expectRefused<Payload>(t, q, input, { as: "outsider" }, [
        { code: "NOT_FOUND", field: ["input", "subscriptionId"], ruleId: null },
      ]);
    // A made-up id and another type's id are NOT_FOUND too.
    await expectRefused<Payload>(t, QUANTITY, { subscriptionId: id.customer("fab"), quantity: 2 }, DIRECT, [
      { code: "NOT_FOUND", field: ["input", "subscriptionId"], ruleId: null },
    ]);
  });

  it("a Helpdesk agent (reads only) is FORBIDDEN", async () => {
    const before = await snapshot(t);
    for (const [q, input] of attempts(id.sub("capped"))) {
      const res = await t.gql(q, { input }, { email: "helpdesk@direct.example" });
      expect(res.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    expect(await snapshot(t)).toBe(before);
  });

  it("a V1 server refuses them: they exist only under rule book V2", async () => {
    const v1 = await startTestServer(world);
    try {
      const before = await snapshot(v1);
      for (const [q, input] of attempts(ids(v1).sub("capped"))) {
        const p = await mutation<Payload>(v1, q, input, DIRECT);
        expect(p.userErrors.map((e) => e.code)).toEqual(["NOT_ALLOWED"]);
      }
      expect(await snapshot(v1)).toBe(before);
    } finally {
      await v1.close();
    }
  });
});
