import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialectOf } from "../../server/src/common/transaction";
import {
  BillingCycle,
  PartnerType,
  ProductType,
  RuleBook,
  SubscriptionStatus,
  TermDuration,
  TransferStatus,
} from "../../server/src/domain/enums";
import { LifecycleScheduler } from "../../server/src/modules/lifecycle/scheduler";
import { CustomerSubscription } from "../../server/src/modules/subscription/customer-subscription.entity";
import { Transfer } from "../../server/src/modules/transfer/transfer.entity";
import type { World, WorldSubscription } from "../../server/src/scenarios/world";
import { startTestServer, type TestServer } from "./harness";
import { cspLicense, customer, partner, rel } from "./mutation-helpers";

// The sandbox's clock through the real database (SQLite, or PostgreSQL with TEST_DATABASE_URL), at fixed instants:
// term ends renew or expire, pending transfers expire after 30 days, each change audited as the system, and on
// PostgreSQL two schedulers ticking at once (two replicas) apply each change once.

const { DIRECT_BILL } = PartnerType;
const sub = (key: string, extra: Partial<WorldSubscription>): WorldSubscription =>
  cspLicense(key, "fab", "direct", {
    purchaseDate: "2026-01-31T10:00:00Z",
    commitmentEndDate: "2027-01-30",
    termDuration: TermDuration.P1Y,
    billingCycle: BillingCycle.MONTHLY,
    quantity: 10,
    ...extra,
  });

const world = (): World => ({
  partners: [partner("direct", "3950001", [DIRECT_BILL]), partner("target", "3950002", [DIRECT_BILL])],
  partnerships: [],
  customers: [customer("fab")],
  relationships: [rel("direct", "fab"), rel("target", "fab")],
  subscriptions: [
    sub("renews", {
      quantity: 12,
      tranches: [
        { quantity: 10, purchasedAt: "2026-01-31T10:00:00Z" },
        { quantity: 2, purchasedAt: "2026-06-01T09:00:00Z" },
      ],
      scheduledChange: { quantity: 8, termDuration: TermDuration.P1M },
    }),
    sub("lapses", { autoRenew: false }),
    sub("suspended", { status: SubscriptionStatus.SUSPENDED }),
    sub("later", { commitmentEndDate: "2027-03-30" }),
    sub("perpetual", { productType: ProductType.PERPETUAL_SOFTWARE, commitmentEndDate: "2026-01-31" }),
    sub("moved", { commitmentEndDate: "2027-06-30" }),
  ],
  transfers: [
    {
      key: "old",
      customer: "fab",
      source: "direct",
      target: "target",
      reseller: null,
      status: TransferStatus.PENDING,
      createdAt: "2026-12-31T23:59:59Z",
      subscriptions: ["moved"],
    },
    {
      key: "fresh",
      customer: "fab",
      source: "direct",
      target: "target",
      reseller: null,
      status: TransferStatus.PENDING,
      createdAt: "2027-01-20T12:00:00Z",
      subscriptions: ["later"],
    },
  ],
});

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer(world(), { config: { ruleBook: RuleBook.V2 } });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const subscription = (key: string) =>
  t.app.dataSource.getRepository(CustomerSubscription).findOneByOrFail({ id: t.world.subscriptions.get(key)! });
const transfer = (key: string) =>
  t.app.dataSource.getRepository(Transfer).findOneByOrFail({ id: t.world.transfers.get(key)! });
const events = async (operation: string) =>
  (await t.app.dataSource.query(
    dialectOf(t.app.dataSource) === "postgres"
      ? `SELECT operation, actor_user_id, actor_label, partner_id, changes FROM audit_event WHERE operation = $1`
      : `SELECT operation, actor_user_id, actor_label, partner_id, changes FROM audit_event WHERE operation = ?`,
    [operation],
  )) as { actor_user_id: string | null; actor_label: string; partner_id: string; changes: string }[];

describe("the scheduler's tick", () => {
  it("does nothing while every term lasts (the end date is a whole UTC day)", async () => {
    const scheduler = new LifecycleScheduler(t.app.dataSource, { ruleBook: RuleBook.V2 });
    expect(await scheduler.tick(new Date("2027-01-30T23:59:59Z"))).toEqual({
      at: "2027-01-30T23:59:59.000Z",
      renewed: 0,
      expired: 0,
      transfersExpired: 0,
      yielded: false,
    });
    expect((await subscription("renews")).commitmentEndDate).toBe("2027-01-30");
  });

  it("at 00:00 UTC the day after: renews with the scheduled change and one tranche, expires the rest, once", async () => {
    const scheduler = new LifecycleScheduler(t.app.dataSource, { ruleBook: RuleBook.V2 });
    const now = new Date("2027-01-31T00:00:00Z");
    // Two replicas ticking at the same instant: each change is applied once (PostgreSQL: the advisory lock and
    // the locked re-read; SQLite: one process, its transactions run one after another).
    const other = new LifecycleScheduler(t.app.dataSource, { ruleBook: RuleBook.V2 });
    const [a, b] = await Promise.all([scheduler.tick(now), other.tick(now)]);
    expect(a.renewed + b.renewed).toBe(1);
    expect(a.expired + b.expired).toBe(2);
    expect(a.transfersExpired + b.transfersExpired).toBe(1);

    const renewed = await subscription("renews");
    expect(renewed).toMatchObject({
      status: SubscriptionStatus.ACTIVE,
      quantity: 8,
      termDuration: TermDuration.P1M,
      renewalDate: "2027-01-31",
      // Bought on the 31st, monthly: the term ends the day before the 31st, or the last day of a shorter month.
      commitmentEndDate: "2027-02-27",
      tranches: [{ quantity: 8, purchasedAt: "2027-01-31T00:00:00Z" }],
      scheduledChange: null,
      version: 2,
    });
    expect(renewed.renewedAt?.toISOString()).toBe("2027-01-31T00:00:00.000Z");
    expect(await subscription("lapses")).toMatchObject({ status: SubscriptionStatus.EXPIRED, version: 2 });
    expect(await subscription("suspended")).toMatchObject({ status: SubscriptionStatus.EXPIRED });
    expect(await subscription("later")).toMatchObject({ status: SubscriptionStatus.ACTIVE, version: 1 });
    expect(await subscription("perpetual")).toMatchObject({ status: SubscriptionStatus.ACTIVE, version: 1 });
    // The transfer created 2026-12-31T23:59:59Z was open until 2027-01-30T23:59:59Z (720 h); the one of 2027-01-20 is open.
    expect((await transfer("old")).status).toBe(TransferStatus.EXPIRED);
    expect((await transfer("fresh")).status).toBe(TransferStatus.PENDING);

    // Audited as the system (no user), once per partner concerned; the transfer's to both partners.
    const renewals = await events("scheduler.renewSubscription");
    expect(renewals).toHaveLength(1);
    expect(renewals[0]).toMatchObject({ actor_user_id: null, partner_id: t.world.partners.get("direct") });
    expect(renewals[0]!.actor_label).toMatch(/scheduler/);
    expect(renewals[0]!.changes).toContain("commitmentEndDate");
    expect(await events("scheduler.expireSubscription")).toHaveLength(2);
    expect((await events("scheduler.expireTransfer")).map((e) => e.partner_id).sort()).toEqual(
      [t.world.partners.get("direct"), t.world.partners.get("target")].sort(),
    );

    // A second tick at the same instant finds nothing to do.
    expect(await scheduler.tick(now)).toMatchObject({ renewed: 0, expired: 0, transfersExpired: 0 });
  });

  it("keeps moving: the next monthly term, and terms missed while the server was stopped", async () => {
    const scheduler = new LifecycleScheduler(t.app.dataSource, { ruleBook: RuleBook.V2 });
    await scheduler.tick(new Date("2027-05-02T06:00:00Z"));
    expect(await subscription("renews")).toMatchObject({
      renewalDate: "2027-04-30",
      commitmentEndDate: "2027-05-30",
      tranches: [{ quantity: 8, purchasedAt: "2027-04-30T00:00:00Z" }],
    });
    expect(await subscription("later")).toMatchObject({
      renewalDate: "2027-03-31",
      commitmentEndDate: "2028-03-30",
      quantity: 10,
    });
    expect((await transfer("fresh")).status).toBe(TransferStatus.EXPIRED);
  });
});
