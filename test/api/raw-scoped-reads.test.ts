import type { Request } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildContext } from "../../server/src/auth/request-context";
import { paginate } from "../../server/src/common/connection";
import { toGlobalId } from "../../server/src/common/global-id";
import { rawQuery } from "../../server/src/common/raw-rows";
import { scopeCondition } from "../../server/src/common/scoped-sql";
import { SalesChannel, SubscriptionStatus } from "../../server/src/domain/enums";
import { Customer } from "../../server/src/modules/customer/customer.entity";
import { CustomerRelationship } from "../../server/src/modules/customer/customer-relationship.entity";
import { CustomerSubscription } from "../../server/src/modules/subscription/customer-subscription.entity";
import { SubscriptionService } from "../../server/src/modules/subscription/subscription.service";
import { readContext, type ServiceContext } from "../../server/src/service-context";
import { scopingWorld } from "./fixtures";
import { startTestServer, type TestServer } from "./harness";

// Issue 10: the customer page's loaders and transferEligibility read through hand-written statements whose tenant
// scope is the TenantScope helper's own condition, recorded (common/scoped-sql.ts). These tests hold them to the
// query-builder path they replaced, as every viewer of the scoping world, on the suite's database: the same rows
// (none more: customers a viewer must not see stay unseen), the same objects, the same pages.

let t: TestServer;
const VIEWERS = ["P1", "P2", "R1", "R3", "R4", "D"] as const;

beforeAll(async () => {
  t = await startTestServer(scopingWorld());
});

afterAll(async () => {
  await t?.close();
});

async function contextOf(key: string): Promise<ServiceContext> {
  const req = { headers: { authorization: `Bearer ${await t.tokenFor(key)}` } } as unknown as Request;
  return readContext(await buildContext(req, t.app.dataSource, t.config));
}

const ids = <T extends { id: string }>(rows: readonly T[]) => rows.map((r) => r.id).sort();
const loaded = <T>(rows: readonly (T | null | Error)[]) =>
  rows.filter((r): r is T => r !== null && !(r instanceof Error));

describe("scoped loaders from hand-written statements", () => {
  it("see exactly what the query builder with the same scope sees, as the same objects", async () => {
    const ds = t.app.dataSource;
    const customerIds = [...t.world.customers.values()];
    const subscriptionIds = [...t.world.subscriptions.values()];
    let hidden = 0;
    for (const viewer of VIEWERS) {
      const s = await contextOf(viewer);
      const scope = s.scope;

      const customers = loaded(await s.loaders.customer.loadMany(customerIds));
      const expectedCustomers = await scope
        .visibleCustomers(ds.getRepository(Customer).createQueryBuilder("c"), "c.id")
        .getMany();
      expect(ids(customers), viewer).toEqual(ids(expectedCustomers));
      for (const c of customers) expect(c).toStrictEqual(expectedCustomers.find((e) => e.id === c.id));
      hidden += customerIds.length - customers.length;
      // One customer the viewer must not see, asked alone: null, not an error and not the row.
      const outside = customerIds.find((id) => !expectedCustomers.some((c) => c.id === id))!;
      expect(await (await contextOf(viewer)).loaders.customer.load(outside)).toBeNull();

      const subscriptions = loaded(await s.loaders.subscription.loadMany(subscriptionIds));
      const expectedSubscriptions = await scope
        .visibleSubscriptions(ds.getRepository(CustomerSubscription).createQueryBuilder("s"), "s")
        .getMany();
      expect(ids(subscriptions), viewer).toEqual(ids(expectedSubscriptions));
      for (const x of subscriptions) expect(x).toStrictEqual(expectedSubscriptions.find((e) => e.id === x.id));

      const transferable = loaded(await s.loaders.transferableSubscription.loadMany(subscriptionIds));
      const expectedTransferable = await scope
        .transferableSubscriptions(ds.getRepository(CustomerSubscription).createQueryBuilder("s"), "s.customer_id")
        .getMany();
      expect(ids(transferable), viewer).toEqual(ids(expectedTransferable));

      const relationships = (await s.loaders.relationshipsOfCustomer.loadMany(customerIds)) as CustomerRelationship[][];
      const expectedRelationships = await scope
        .networkRelationships(ds.getRepository(CustomerRelationship).createQueryBuilder("cr"), "cr")
        .orderBy("cr.requested_at", "ASC")
        .addOrderBy("cr.id", "ASC")
        .getMany();
      customerIds.forEach((id, i) =>
        expect(relationships[i], viewer).toStrictEqual(expectedRelationships.filter((r) => r.customerId === id)),
      );
    }
    expect(hidden).toBeGreaterThan(0);
  });

  it("records a scope helper's condition with its parameters in text order, lists spread", async () => {
    const s = await contextOf("P1");
    const condition = scopeCondition((qb) => s.scope.visibleSubscriptions(qb, "s"));
    const network = s.scope.networkPartnerIds;
    expect(network.length).toBeGreaterThan(1);
    expect(condition.params).toEqual([...network, "ACTIVE", ...network, ...network, "CSP"]);
    expect(condition.sql.split("?").length - 1).toBe(condition.params.length);
    expect(condition.sql).not.toMatch(/:\w/);
    // The same rows as the query builder's statement.
    const rows = await rawQuery(
      t.app.dataSource,
      `SELECT s.id AS "id" FROM customer_subscription s WHERE ${condition.sql}`,
      condition.params,
    );
    const expected = await s.scope
      .visibleSubscriptions(t.app.dataSource.getRepository(CustomerSubscription).createQueryBuilder("s"), "s")
      .getMany();
    expect(rows.map((r) => r.id).sort()).toEqual(ids(expected));
  });

  it("refuses what it cannot record rather than dropping a condition", () => {
    expect(() => scopeCondition(() => undefined)).toThrow(/no condition/);
    expect(() => scopeCondition((qb) => qb.andWhere("x.a = :missing"))).toThrow(/:missing/);
    expect(() => scopeCondition((qb) => qb.innerJoin("x.b", "b"))).toThrow();
  });
});

describe("transferEligibility's candidates from a hand-written statement", () => {
  const service = new SubscriptionService();

  it("are the query builder's page, cursors and count, for every viewer and page", async () => {
    const ds = t.app.dataSource;
    let compared = 0;
    for (const viewer of VIEWERS) {
      for (const [key, customerId] of t.world.customers) {
        const s = await contextOf(viewer);
        const visible = await s.loaders.customer.load(customerId);
        const args = { customerId: toGlobalId("Customer", customerId), resellerId: null, asOf: null };
        if (!visible) {
          // A customer outside the network: NOT_FOUND, nothing of its subscriptions.
          await expect(service.transferCandidates(s, args, { first: 5 }), `${viewer} ${key}`).rejects.toThrow(
            /not found/i,
          );
          continue;
        }
        for (const page of [{ first: 1 }, { first: 20 }, { last: 2 }]) {
          const got = await service.transferCandidates(s, args, page);
          const qb = s.scope
            .transferableSubscriptions(ds.getRepository(CustomerSubscription).createQueryBuilder("s"), "s.customer_id")
            .andWhere("s.customer_id = :customerId", { customerId })
            .andWhere("s.channel = :csp", { csp: SalesChannel.CSP })
            .andWhere("s.status <> :deleted", { deleted: SubscriptionStatus.DELETED });
          const expected = await paginate(qb, page, {
            column: "s.commitment_end_date",
            idColumn: "s.id",
            direction: "ASC",
            value: (x: CustomerSubscription) => x.commitmentEndDate,
            id: (x: CustomerSubscription) => x.id,
          });
          expect(
            got.nodes.map((n) => n.subscription),
            `${viewer} ${key}`,
          ).toStrictEqual(expected.nodes);
          expect(got.cursors).toEqual(expected.cursors);
          expect([got.hasNextPage, got.hasPreviousPage]).toEqual([expected.hasNextPage, expected.hasPreviousPage]);
          expect(await got.count()).toBe(await expected.count());
          if (got.cursors[0]) {
            const next = await service.transferCandidates(s, args, { first: 3, after: got.cursors[0] });
            const expectedNext = await paginate(
              qb,
              { first: 3, after: got.cursors[0] },
              {
                column: "s.commitment_end_date",
                idColumn: "s.id",
                direction: "ASC",
                value: (x: CustomerSubscription) => x.commitmentEndDate,
                id: (x: CustomerSubscription) => x.id,
              },
            );
            expect(next.nodes.map((n) => n.subscription)).toStrictEqual(expectedNext.nodes);
          }
          compared += got.nodes.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(0);
  });
});
