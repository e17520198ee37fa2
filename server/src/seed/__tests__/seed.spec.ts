import "reflect-metadata";
import type { DataSource } from "typeorm";
import { ProviderRequest } from "../../modules/provider-request/provider-request.entity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDataSource } from "../../data-source";
import { Customer } from "../../modules/customer/customer.entity";
import { CustomerRelationship } from "../../modules/customer/customer-relationship.entity";
import { CustomerSubscription } from "../../modules/subscription/customer-subscription.entity";
import { Partner } from "../../modules/partner/partner.entity";
import { ResellerPartnership } from "../../modules/partner/reseller-partnership.entity";
import { Transfer, TransferLine } from "../../modules/transfer/transfer.entity";
import { User } from "../../modules/user/user.entity";
import { UserRole } from "../../domain/enums";
import { buildDemoWorld, DEMO_USERS } from "../demo-world";
import { deleteAllRows, isDatabaseEmpty, seedDemoData } from "../seed";

const AS_OF = "2026-11-24";

describe("seedDemoData (SQLite in memory)", () => {
  let ds: DataSource;
  const world = buildDemoWorld(AS_OF);

  beforeAll(async () => {
    process.env.LOG_MIGRATIONS = "0";
    ds = createDataSource({ databaseUrl: null, sqlitePath: ":memory:" });
    await ds.initialize();
    await ds.runMigrations({ transaction: "all" });
  });
  afterAll(async () => {
    await ds.destroy();
  });

  const rowCounts = async () => ({
    partners: await ds.getRepository(Partner).count(),
    partnerships: await ds.getRepository(ResellerPartnership).count(),
    users: await ds.getRepository(User).count(),
    customers: await ds.getRepository(Customer).count(),
    relationships: await ds.getRepository(CustomerRelationship).count(),
    subscriptions: await ds.getRepository(CustomerSubscription).count(),
    transfers: await ds.getRepository(Transfer).count(),
    transferLines: await ds.getRepository(TransferLine).count(),
  });
  const worldCounts = {
    partners: world.partners.length,
    partnerships: world.partnerships.length,
    users: world.users?.length ?? 0,
    customers: world.customers.length,
    relationships: world.relationships.length,
    subscriptions: world.subscriptions.length,
    transfers: world.transfers.length,
    transferLines: world.transfers.reduce((n, t) => n + t.subscriptions.length, 0),
  };

  it("seeds an empty database with exactly the demo world", async () => {
    expect(await isDatabaseEmpty(ds)).toBe(true);
    const started = performance.now();
    const counts = await seedDemoData(ds, AS_OF);
    const ms = performance.now() - started;
    expect(counts).toEqual({
      partners: worldCounts.partners,
      customers: worldCounts.customers,
      subscriptions: worldCounts.subscriptions,
      transfers: worldCounts.transfers,
      users: worldCounts.users,
      providerRequests: 3,
    });
    expect(await rowCounts()).toEqual(worldCounts);
    // Two open requests from Wingtip Toys IT to Trey Research Distribution (an order and a cancellation), one fulfilled.
    const requests = await ds.getRepository(ProviderRequest).find({ order: { createdAt: "ASC" } });
    expect(requests.map((r) => [r.action, r.status])).toEqual([
      ["ORDER", "FULFILLED"],
      ["ORDER", "OPEN"],
      ["CANCEL", "OPEN"],
    ]);
    expect(await isDatabaseEmpty(ds)).toBe(false);
    expect(ms).toBeLessThan(10_000);
  });

  it("stores the demo users on their partners", async () => {
    for (const demo of Object.values(DEMO_USERS)) {
      const user = await ds.getRepository(User).findOne({ where: { email: demo.email }, relations: { partner: true } });
      expect(user?.role).toBe(UserRole.GLOBAL_ADMIN);
      expect(user?.partner?.name).toBe(demo.partner);
    }
  });

  it("links add-ons, resellers of record and transfer lines to rows of the same customer", async () => {
    const orphans = await ds.query(
      `SELECT count(*) AS n FROM customer_subscription s
       JOIN customer_subscription p ON p.id = s.parent_id
       WHERE p.customer_id <> s.customer_id`,
    );
    expect(Number(orphans[0].n)).toBe(0);
    const lines = await ds.query(
      `SELECT count(*) AS n FROM transfer_line l
       JOIN transfer t ON t.id = l.transfer_id
       JOIN customer_subscription s ON s.id = l.subscription_id
       WHERE s.customer_id <> t.customer_id OR s.transacting_partner_id <> t.source_partner_id`,
    );
    expect(Number(lines[0].n)).toBe(0);
    const dates = await ds.query(`SELECT max(purchase_date) AS last FROM customer_subscription`);
    expect(dates[0].last <= AS_OF).toBe(true);
  });

  it("deletes every row, children first, and can seed again", async () => {
    await deleteAllRows(ds);
    expect(Object.values(await rowCounts()).every((n) => n === 0)).toBe(true);
    expect(await isDatabaseEmpty(ds)).toBe(true);
    await seedDemoData(ds, AS_OF);
    expect(await rowCounts()).toEqual(worldCounts);
  });
});
