import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { In } from "typeorm";
import { EligibilityAction, RuleBook, TransferPolicy } from "../../server/src/domain/enums";
import { startOfDate } from "../../server/src/common/instants";
import { EligibilityService, subscriptionFacts } from "../../server/src/modules/eligibility/eligibility.service";
import { CUSTOMER_SUBSCRIPTIONS_READ, subscriptionFactsOfRow } from "../../server/src/modules/eligibility/facts-query";
import { CustomerSubscription } from "../../server/src/modules/subscription/customer-subscription.entity";
import { Partner } from "../../server/src/modules/partner/partner.entity";
import { requestStore } from "../../server/src/common/sql-counter";
import { TODAY, volumeWorld } from "./fixtures";
import { startTestServer, type TestServer } from "./harness";

// The eligibility facts' hot paths read raw rows (facts-query.ts) where they used to hydrate entities. These tests
// hold the two paths to the same facts on the database the suite runs on (SQLite, or PostgreSQL with
// TEST_DATABASE_URL), timestamps, dates, booleans and JSON columns included, and hold a batch of several actions to
// the decisions each action gets alone, in a fixed number of statements.

let t: TestServer;
const volume = volumeWorld();

beforeAll(async () => {
  t = await startTestServer(volume.world);
  // Some rows with every V2 column set, so that the comparison covers timestamps, JSON and nullable integers.
  const ds = t.app.dataSource;
  const ids = ["big-s2", "big-s3", "busy1-s0"].map((k) => t.world.subscriptions.get(k)!);
  await ds.getRepository(CustomerSubscription).update(
    { id: In(ids) },
    {
      purchasedAt: new Date("2026-01-02T03:04:05.678Z"),
      renewedAt: new Date("2026-06-07T08:09:10Z"),
      tranches: [
        { quantity: 2, purchasedAt: "2026-06-07T08:09:10Z" },
        { quantity: 1, purchasedAt: "2026-06-09T00:00:00Z" },
      ],
      maxQuantity: 300,
      scheduledChange: { quantity: 5, termDuration: null, billingCycle: null },
      activeAzureSubscriptions: 3,
    },
  );
});

afterAll(async () => {
  await t?.close();
});

const partnerOf = (key: string) =>
  t.app.dataSource.getRepository(Partner).findOneByOrFail({ id: t.world.partners.get(key)! });

describe("eligibility facts from raw rows", () => {
  it("equal the facts of the hydrated entities, for every subscription", async () => {
    const ds = t.app.dataSource;
    const entities = await ds.getRepository(CustomerSubscription).find();
    const rows = (await ds.query(`SELECT * FROM customer_subscription`)) as Record<string, unknown>[];
    expect(rows).toHaveLength(volume.subscriptionCount);
    const raw = new Map(rows.map((r) => [r.id as string, subscriptionFactsOfRow(r)]));
    for (const e of entities) expect(raw.get(e.id), e.id).toEqual(subscriptionFacts(e));
    // The edited rows really carry the values (not defaults on both sides).
    const edited = raw.get(t.world.subscriptions.get("big-s2")!)!;
    expect(edited.purchasedAt).toBe(Date.parse("2026-01-02T03:04:05Z"));
    expect(edited.renewedAt).toBe(Date.parse("2026-06-07T08:09:10Z"));
    expect(edited.tranches).toEqual([
      { quantity: 2, purchasedAt: Date.parse("2026-06-07T08:09:10Z") },
      { quantity: 1, purchasedAt: Date.parse("2026-06-09T00:00:00Z") },
    ]);
    expect([edited.maxQuantity, edited.activeAzureSubscriptions, edited.scheduledChange?.quantity]).toEqual([
      300, 3, 5,
    ]);
    expect(raw.get(t.world.subscriptions.get("big-s4")!)!.isAzurePlan).toBe(true);
  });
});

describe("a batch of actions", () => {
  const ACTIONS = [
    EligibilityAction.SUPPORT,
    EligibilityAction.TRANSFER,
    EligibilityAction.CANCEL,
    EligibilityAction.SUSPEND,
    EligibilityAction.REACTIVATE,
  ];

  it.each([RuleBook.V1, RuleBook.V2])("decides as each action alone, reading the facts once (%s)", async (ruleBook) => {
    const ds = t.app.dataSource;
    const subscriptions = await ds.getRepository(CustomerSubscription).find({ order: { id: "ASC" } });
    const opts = { asOf: TODAY, at: startOfDate(TODAY), ruleBook, policy: TransferPolicy.CURRENT };
    for (const actorKey of ["prov", "direct"]) {
      const actor = await partnerOf(actorKey);
      const service = new EligibilityService(ds);
      const counted = async <T>(work: () => Promise<T>) => {
        const store = { requestId: "test", statements: 0 };
        const result = await requestStore.run(store, work);
        return { result, statements: store.statements };
      };
      const batch = await counted(() =>
        service.decideBatch(
          actor,
          ACTIONS.map((action) => ({ action, opts, subscriptions })),
        ),
      );
      // Customers with relationships, the actor's Azure plans, the open transfers: whatever the subjects.
      expect(batch.statements).toBe(3);
      for (const [i, action] of ACTIONS.entries()) {
        const alone = await service.decideForSubscriptions(actor, action, subscriptions, opts);
        expect(batch.result[i]!.size).toBe(subscriptions.length);
        expect(batch.result[i], `${actorKey} ${action}`).toEqual(alone);
      }
      // A batch of one action that reads no other subscription and no transfer runs one statement.
      const cancel = await counted(() =>
        service.decideBatch(actor, [{ action: EligibilityAction.CANCEL, opts, subscriptions }]),
      );
      expect(cancel.statements).toBe(1);
    }
  });

  it("the pending transfers still block the provider's subscriptions for another target (R16)", async () => {
    const ds = t.app.dataSource;
    const direct = await partnerOf("direct");
    const held = t.world.subscriptions.get("big-s10")!;
    const free = t.world.subscriptions.get("big-s11")!;
    const subscriptions = await ds.getRepository(CustomerSubscription).findBy({ id: In([held, free]) });
    const decisions = await new EligibilityService(ds).decideForSubscriptions(
      direct,
      EligibilityAction.TRANSFER,
      subscriptions,
      { asOf: TODAY, policy: TransferPolicy.CURRENT },
    );
    const codes = (id: string) => decisions.get(id)!.blocking.map((r) => r.ruleId);
    expect(codes(held)).toContain("R16");
    expect(codes(free)).not.toContain("R16");
  });

  it("reads for customers the subscriptions ORDER and REMOVE_RELATIONSHIP look at", async () => {
    const ds = t.app.dataSource;
    const prov = await partnerOf("prov");
    const big = t.world.customers.get("big")!;
    const idle = t.world.customers.get("idle1")!;
    const [order, remove] = await new EligibilityService(ds).decideBatch(prov, [
      {
        action: EligibilityAction.ORDER,
        opts: { asOf: TODAY, policy: TransferPolicy.CURRENT },
        customerIds: [big, idle],
      },
      {
        action: EligibilityAction.REMOVE_RELATIONSHIP,
        opts: { asOf: TODAY, policy: TransferPolicy.CURRENT },
        customerIds: [big, idle],
      },
    ]);
    // prov bills big's subscriptions (R6 blocks removing it); idle1 has none.
    expect(remove!.get(big)!.blocking.map((r) => r.ruleId)).toContain("R6");
    expect(remove!.get(idle)!.blocking.map((r) => r.ruleId)).not.toContain("R6");
    expect(order!.size).toBe(2);
    expect(Object.keys(CUSTOMER_SUBSCRIPTIONS_READ).sort()).toEqual(
      [EligibilityAction.ORDER, EligibilityAction.REMOVE_RELATIONSHIP, EligibilityAction.TRANSFER].sort(),
    );
  });
});
