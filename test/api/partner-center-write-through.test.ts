import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { toGlobalId } from "../../server/src/common/global-id";
import { RuleBook, SubscriptionStatus } from "../../server/src/domain/enums";
import { AuditEvent } from "../../server/src/modules/audit/audit-event.entity";
import { CustomerSubscription } from "../../server/src/modules/subscription/customer-subscription.entity";
import type { RunningEmulator } from "../../server/src/partner-center/emulator/server";
import type { EmulatorState } from "../../server/src/partner-center/emulator/state";
import { fullSync } from "../../server/src/partner-center/sync";
import type { UpstreamPort } from "../../server/src/upstream/upstream";
import { requestIdsFor } from "../../server/src/upstream/request-ids";
import { asOf, HOME, startPartnerCenterFixture, type PartnerCenterFixture } from "./partner-center-fixture";

// Issue 8 item 6: with the partner-center adapter, a mutation the rule book allows is written through to Partner
// Center (the emulator, in-process on a free port) before channelgate records Partner Center's answer; an order is
// placed once however it is retried; Partner Center's refusals come back as PARTNER_CENTER user errors with nothing
// changed; our own refusals never reach Partner Center.

interface SubscriptionAnswer {
  subscription: { id: string; status: string; quantity: number } | null;
  userErrors: Array<{
    field: string[] | null;
    code: string;
    message: string;
    source: string;
    upstreamCode: number | null;
    ruleId: string | null;
  }>;
}

const PAYLOAD = `subscription { id status quantity } userErrors { field code message source upstreamCode ruleId }`;
const ORDER = `mutation Order($input: OrderSubscriptionInput!) { orderSubscription(input: $input) { ${PAYLOAD} } }`;
const SUSPEND = `mutation($input: SubscriptionActionInput!) { suspendSubscription(input: $input) { ${PAYLOAD} } }`;
const REACTIVATE = `mutation($input: SubscriptionActionInput!) { reactivateSubscription(input: $input) { ${PAYLOAD} } }`;
const CANCEL = `mutation($input: SubscriptionActionInput!) { cancelSubscription(input: $input) { ${PAYLOAD} } }`;

describe("write-through to Partner Center (emulator)", () => {
  let pc: PartnerCenterFixture;
  let emulator: RunningEmulator;
  let state: EmulatorState;
  let ds: DataSource;
  let upstream: UpstreamPort;
  let customerIds: string[];

  beforeAll(async () => {
    pc = await startPartnerCenterFixture({ config: () => ({ ruleBook: RuleBook.V1 }) });
    ({ emulator, state, ds, upstream, customerIds } = pc);
  }, 300_000);

  afterAll(async () => {
    await pc?.close();
  });

  beforeEach(() => {
    emulator.writes.faults.refuseOffers.clear();
    emulator.writes.faults.refusePatches.clear();
    emulator.writes.faults.dropCheckoutAnswers = 0;
  });

  const gql = <T>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    pc.gql<T>(query, variables, headers);

  const orderInput = (offerId: string, customerId = customerIds[0]!) => ({
    customerId,
    offerName: `Write-through ${offerId}`,
    offerId,
    offerKind: "LICENSE_BASED",
    quantity: 3,
    termDuration: "P1Y",
    billingCycle: "MONTHLY",
  });

  async function order(offerId: string, key?: string) {
    const r = await gql<{ orderSubscription: SubscriptionAnswer }>(
      ORDER,
      { input: orderInput(offerId) },
      key ? { "Idempotency-Key": key } : {},
    );
    return { ...r, answer: r.body.data?.orderSubscription };
  }

  const localCount = () => ds.getRepository(CustomerSubscription).count();
  const emuSubscription = (id: string) => state.subscriptions.find((s) => s.id === id);

  it("an order is placed in Partner Center once and recorded under Partner Center's subscription id", async () => {
    const before = { orders: emulator.writes.orders.length, local: await localCount() };
    const key = `order-${randomUUID()}`;
    const first = await order("CFQ7TTC0LH18:0001", key);
    expect(first.answer?.userErrors).toEqual([]);
    expect(emulator.writes.orders.length).toBe(before.orders + 1);
    const placed = emulator.writes.orders.at(-1)!;
    const subscriptionId = placed.lineItems[0]!.subscriptionId!;
    const row = await ds.getRepository(CustomerSubscription).findOneByOrFail({ id: subscriptionId });
    expect(row).toMatchObject({ offerId: "CFQ7TTC0LH18:0001", quantity: 3, status: SubscriptionStatus.ACTIVE });
    expect(await localCount()).toBe(before.local + 1);
    expect(emuSubscription(subscriptionId)).toMatchObject({ quantity: 3, status: SubscriptionStatus.ACTIVE });
    // Cart then checkout, each with its own MS-RequestId.
    const calls = emulator.calls.filter((c) => c.method === "POST");
    const [cart, checkout] = calls.slice(-2);
    expect(cart!.path).toMatch(/\/carts$/);
    expect(checkout!.path).toMatch(/\/carts\/[0-9a-f-]+\/checkout$/);
    expect(cart!.requestId).not.toBe(checkout!.requestId);

    // The client retries with the same Idempotency-Key: the stored answer, and Partner Center is not called.
    const callsBefore = emulator.calls.length;
    const again = await order("CFQ7TTC0LH18:0001", key);
    expect(again.headers.get("idempotency-replayed")).toBe("true");
    expect(again.answer).toEqual(first.answer);
    expect(emulator.calls.length).toBe(callsBefore);
    expect(emulator.writes.orders.length).toBe(before.orders + 1);
    expect(await localCount()).toBe(before.local + 1);
  });

  it("a lost checkout answer is retried with the same MS-RequestId and gets the same order", async () => {
    const before = {
      orders: emulator.writes.orders.length,
      replays: emulator.writes.replays,
      local: await localCount(),
    };
    emulator.writes.faults.dropCheckoutAnswers = 1;
    const r = await order("CFQ7TTC0LH0R:0002");
    expect(r.answer?.userErrors).toEqual([]);
    expect(emulator.writes.orders.length).toBe(before.orders + 1);
    expect(emulator.writes.replays).toBe(before.replays + 1);
    const checkouts = emulator.calls.filter((c) => c.path.endsWith("/checkout")).slice(-2);
    expect(checkouts[0]!.status).toBe(0); // the connection was cut: no answer
    expect(checkouts[1]!.requestId).toBe(checkouts[0]!.requestId);
    const subscriptionId = emulator.writes.orders.at(-1)!.lineItems[0]!.subscriptionId!;
    expect(r.answer?.subscription?.id).toBeTruthy();
    expect(await ds.getRepository(CustomerSubscription).countBy({ id: subscriptionId })).toBe(1);
    expect(await localCount()).toBe(before.local + 1);
  });

  it("a mutation that failed for good is sent again with the same Idempotency-Key: Partner Center replays, no second order", async () => {
    const before = { orders: emulator.writes.orders.length, local: await localCount() };
    const key = `lost-${randomUUID()}`;
    // Every attempt of the checkout loses its answer (3 attempts): the mutation fails and channelgate keeps nothing.
    emulator.writes.faults.dropCheckoutAnswers = 3;
    const failed = await order("CFQ7TTC0LFLS:0002", key);
    expect(failed.body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    expect(emulator.writes.orders.length).toBe(before.orders + 1); // Partner Center did place it
    expect(await localCount()).toBe(before.local);
    // The same request again: same MS-RequestIds for the cart and the checkout, so the same cart and order.
    const retried = await order("CFQ7TTC0LFLS:0002", key);
    expect(retried.answer?.userErrors).toEqual([]);
    expect(emulator.writes.orders.length).toBe(before.orders + 1);
    const subscriptionId = emulator.writes.orders.at(-1)!.lineItems[0]!.subscriptionId!;
    expect(await ds.getRepository(CustomerSubscription).countBy({ id: subscriptionId })).toBe(1);
    expect(await localCount()).toBe(before.local + 1);
  });

  it("suspend, reactivate and cancel reach Partner Center before channelgate records them", async () => {
    const placed = await order("CFQ7TTC0LH16:0001");
    const id = placed.answer!.subscription!.id;
    const dbId = emulator.writes.orders.at(-1)!.lineItems[0]!.subscriptionId!;
    const act = async (mutation: string) =>
      (await gql<Record<string, SubscriptionAnswer>>(mutation, { input: { subscriptionId: id } })).body.data!;

    const suspended = Object.values(await act(SUSPEND))[0]!;
    expect(suspended.userErrors).toEqual([]);
    expect(suspended.subscription?.status).toBe("SUSPENDED");
    expect(emulator.writes.patches.at(-1)).toMatchObject({ subscriptionId: dbId, status: "suspended" });
    expect(emuSubscription(dbId)?.status).toBe(SubscriptionStatus.SUSPENDED);

    const reactivated = Object.values(await act(REACTIVATE))[0]!;
    expect(reactivated.userErrors).toEqual([]);
    expect(emulator.writes.patches.at(-1)).toMatchObject({ subscriptionId: dbId, status: "active" });

    const cancelled = Object.values(await act(CANCEL))[0]!;
    expect(cancelled.userErrors).toEqual([]);
    expect(emulator.writes.patches.at(-1)).toMatchObject({ subscriptionId: dbId, status: "deleted" });
    expect(emuSubscription(dbId)?.status).toBe(SubscriptionStatus.DELETED);
    expect((await ds.getRepository(CustomerSubscription).findOneByOrFail({ id: dbId })).status).toBe(
      SubscriptionStatus.DELETED,
    );
  });

  it("the port PATCHes quantity and auto-renew (the lifecycle mutations' call)", async () => {
    await order("CFQ7TTC0LH1G:0001");
    const dbId = emulator.writes.orders.at(-1)!.lineItems[0]!.subscriptionId!;
    const sub = emuSubscription(dbId)!;
    const customerId = state.customers.get(sub.customer)!.id;
    await upstream.updateSubscription(customerId, dbId, { quantity: 7 }, requestIdsFor(null, "changeQuantity#1"));
    expect(emulator.writes.patches.at(-1)).toMatchObject({ subscriptionId: dbId, quantity: 7 });
    await upstream.updateSubscription(customerId, dbId, { autoRenew: false }, requestIdsFor(null, "setAutoRenew#1"));
    expect(emulator.writes.patches.at(-1)).toMatchObject({
      subscriptionId: dbId,
      quantity: 7,
      autoRenewEnabled: false,
    });
    expect(sub).toMatchObject({ quantity: 7, autoRenew: false });
  });

  it("Partner Center's refusal is a PARTNER_CENTER user error, nothing changes, and the disagreement is audited", async () => {
    const before = { orders: emulator.writes.orders.length, local: await localCount() };
    emulator.writes.faults.refuseOffers.set("CFQ7TTC0LGZT:0001", {
      status: 403,
      code: 2006,
      description: "The partner is not enabled for this offer.",
    });
    const r = await order("CFQ7TTC0LGZT:0001");
    expect(r.answer?.subscription).toBeNull();
    expect(r.answer?.userErrors).toEqual([
      {
        field: ["input", "offerId"],
        code: "PARTNER_CENTER_REFUSED",
        message: "The partner is not enabled for this offer.",
        source: "PARTNER_CENTER",
        upstreamCode: 2006,
        ruleId: null,
      },
    ]);
    expect(emulator.writes.orders.length).toBe(before.orders);
    expect(await localCount()).toBe(before.local);
    const events = await ds.getRepository(AuditEvent).find({ where: { operation: "orderSubscription" } });
    const refused = events.filter((e) => e.userErrors?.some((u) => u.source === "PARTNER_CENTER"));
    expect(refused).toHaveLength(1);
    expect(refused[0]!.outcome).toBe("REFUSED");
    expect(refused[0]!.decision?.eligible).toBe(true);
    expect(refused[0]!.userErrors![0]).toMatchObject({ upstreamCode: 2006, disagreement: true });

    // A refused PATCH: the subscription stays as it was on both sides.
    const placed = await order("CFQ7TTC0LH05:0001");
    const dbId = emulator.writes.orders.at(-1)!.lineItems[0]!.subscriptionId!;
    emulator.writes.faults.refusePatches.set(dbId, {
      status: 400,
      code: 20004,
      description: "Suspend is not allowed.",
    });
    const patches = emulator.writes.patches.length;
    const suspended = (
      await gql<{ suspendSubscription: SubscriptionAnswer }>(SUSPEND, {
        input: { subscriptionId: placed.answer!.subscription!.id },
      })
    ).body.data!.suspendSubscription;
    expect(suspended.userErrors).toMatchObject([{ source: "PARTNER_CENTER", upstreamCode: 20004 }]);
    expect(emulator.writes.patches.length).toBe(patches);
    expect((await ds.getRepository(CustomerSubscription).findOneByOrFail({ id: dbId })).status).toBe(
      SubscriptionStatus.ACTIVE,
    );
    expect(emuSubscription(dbId)?.status).toBe(SubscriptionStatus.ACTIVE);
  });

  it("our own refusal never calls Partner Center", async () => {
    // An old new-commerce subscription: past the cancellation window, so the rule book refuses CANCEL.
    const old = state.subscriptions.find(
      (s) =>
        s.transactingPartner === HOME &&
        s.status === SubscriptionStatus.ACTIVE &&
        s.commerceModel === "NEW_COMMERCE" &&
        s.purchaseDate < asOf &&
        Date.parse(asOf) - Date.parse(s.renewalDate ?? s.purchaseDate) > 30 * 86_400_000,
    )!;
    expect(old).toBeDefined();
    const row = await ds.getRepository(CustomerSubscription).findOneByOrFail({ id: old.id });
    const globalId = toGlobalId("CustomerSubscription", row.id);
    const calls = emulator.calls.length;
    const r = (await gql<{ cancelSubscription: SubscriptionAnswer }>(CANCEL, { input: { subscriptionId: globalId } }))
      .body.data!.cancelSubscription;
    expect(r.userErrors.length).toBeGreaterThan(0);
    expect(r.userErrors.every((e) => e.source === "CHANNELGATE")).toBe(true);
    expect(r.userErrors.some((e) => e.ruleId !== null)).toBe(true);
    expect(emulator.calls.length).toBe(calls);
    expect(emuSubscription(old.id)?.status).toBe(SubscriptionStatus.ACTIVE);

    // An order the rule book refuses (a customer without a relationship is not even visible): no call either.
    const refused = await gql<{ orderSubscription: SubscriptionAnswer }>(ORDER, {
      input: orderInput("CFQ7TTC0LH18:0001", toGlobalId("Customer", randomUUID())),
    });
    expect(refused.body.data!.orderSubscription.userErrors[0]).toMatchObject({ source: "CHANNELGATE" });
    expect(emulator.calls.length).toBe(calls);
  });

  it("a relationship request also answers Partner Center's request link", async () => {
    const calls = emulator.calls.length;
    const r = await gql<{
      requestCustomerRelationship: {
        partnerCenterUrl: string | null;
        acceptanceUrl: string | null;
        userErrors: unknown[];
      };
    }>(
      `mutation($input: RequestRelationshipInput!) { requestCustomerRelationship(input: $input) {
         partnerCenterUrl acceptanceUrl userErrors { code message } } }`,
      { input: { customerDomain: `nobody-${randomUUID().slice(0, 8)}.example` } },
    );
    const answer = r.body.data!.requestCustomerRelationship;
    expect(answer.userErrors).toEqual([]);
    expect(answer.acceptanceUrl).toMatch(/^\/relationships\/accept\?token=/);
    expect(answer.partnerCenterUrl).toContain(state.partners.get(HOME)!.tenantId);
    expect(emulator.calls.slice(calls).map((c) => `${c.method} ${c.path}`)).toEqual([
      "GET /v1/customers/relationshiprequests",
    ]);
  });

  it("the port creates, accepts and cancels new-commerce transfers, each call replayable by its MS-RequestId", async () => {
    // Two of the home partner's subscriptions of one customer, handed to another partner of the network.
    const mine = state.subscriptions.filter(
      (s) => s.transactingPartner === HOME && s.status === SubscriptionStatus.ACTIVE,
    );
    const customerKey = mine[0]!.customer;
    const lines = mine.filter((s) => s.customer === customerKey).slice(0, 1);
    const target = [...state.partners.values()].find((p) => p.key !== HOME)!;
    const customerId = state.customers.get(customerKey)!.id;
    const ids = requestIdsFor(`test|${randomUUID()}`, "createTransfer#1");
    const transfer = {
      customerId,
      sourcePartnerTenantId: state.partners.get(HOME)!.tenantId,
      targetPartnerTenantId: target.tenantId,
      lineItems: lines.map((l) => ({
        subscriptionId: l.id,
        quantity: l.quantity,
        friendlyName: l.offerName,
        partnerIdOnRecord: null,
      })),
    };
    const before = state.transfers.length;
    const id = await upstream.createTransfer(transfer, ids);
    // The same call again (same MS-RequestId): the same transfer, not a second one.
    expect(await upstream.createTransfer(transfer, ids)).toBe(id);
    expect(state.transfers.length).toBe(before + 1);
    expect(state.transfers.at(-1)).toMatchObject({ id, status: "PENDING", source: HOME, target: target.key });

    await upstream.updateTransfer(customerId, id!, "Cancel", requestIdsFor(null, "withdrawTransfer#1"));
    expect(state.transfers.at(-1)!.status).toBe("WITHDRAWN");
    // A second update is refused by Partner Center: only a pending transfer can be updated.
    await expect(
      upstream.updateTransfer(customerId, id!, "Complete", requestIdsFor(null, "acceptTransfer#1")),
    ).rejects.toMatchObject({ status: 400, description: "Only a pending transfer can be updated." });

    const second = await upstream.createTransfer(transfer, requestIdsFor(null, "createTransfer#2"));
    await upstream.updateTransfer(customerId, second!, "Complete", requestIdsFor(null, "acceptTransfer#2"));
    expect(state.transfers.at(-1)!.status).toBe("COMPLETED");
    expect(state.subscriptionsByKey.get(lines[0]!.key)!.transactingPartner).toBe(target.key);
  });

  it("a full sync afterwards finds channelgate in line with what Partner Center answered", async () => {
    // Every row written through matches Partner Center; only the port-only PATCH of the quantity test (which
    // changed Partner Center and not channelgate, as the lifecycle mutations will) is brought in.
    const portOnly = emulator.writes.patches.filter((p) => p.quantity === 7).at(-1)!.subscriptionId;
    const rows = await ds.getRepository(CustomerSubscription).find();
    const before = new Map(rows.map((r) => [r.id, r.version]));
    // Rows written from Partner Center's answers carry its provenance, as synced rows do.
    const ordered = new Set(emulator.writes.orders.map((o) => o.lineItems[0]!.subscriptionId!));
    expect(ordered.size).toBeGreaterThan(3);
    for (const r of rows.filter((x) => ordered.has(x.id))) expect(r.source).toBe("partner-center");
    const report = await fullSync(ds, pc.client(8));
    const after = await ds.getRepository(CustomerSubscription).find();
    const moved = after.filter((r) => before.get(r.id) !== r.version).map((r) => r.id);
    expect(moved).toEqual([portOnly]);
    expect(report.changed).toBe(1);
  });
});
