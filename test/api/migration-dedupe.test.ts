import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PartnerType, RelationshipStatus } from "../../server/src/domain/enums";
import { IntegrityIdempotency1796187612466 as PostgresMigration } from "../../server/src/migrations/postgres/1796187612466-IntegrityIdempotency";
import { IntegrityIdempotency1796187612466 as SqliteMigration } from "../../server/src/migrations/sqlite/1796187612466-IntegrityIdempotency";
import { CustomerRelationship } from "../../server/src/modules/customer/customer-relationship.entity";
import { startTestServer, type TestServer } from "./harness";
import { customer, partner } from "./mutation-helpers";

// The IntegrityIdempotency migration on a database that concurrent requests filled with duplicates before its
// unique indexes existed: down, write the duplicates, up again — one live relationship per pair remains.

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({
    partners: [partner("direct", "3900001", [PartnerType.DIRECT_BILL])],
    partnerships: [],
    customers: [customer("dup"), customer("dup2")],
    relationships: [],
    subscriptions: [],
    transfers: [],
  });
});
afterAll(() => t.close());

it("keeps one live relationship per (customer, partner): ACTIVE over REQUESTED, then the first", async () => {
  const ds = t.app.dataSource;
  const migration = ds.options.type === "postgres" ? new PostgresMigration() : new SqliteMigration();
  const runner = ds.createQueryRunner();
  await migration.down(runner);
  const row = (customerKey: string, id: string, status: RelationshipStatus) => ({
    id,
    partnerId: t.world.partners.get("direct")!,
    customerId: t.world.customers.get(customerKey)!,
    status,
    includesDelegatedAdmin: true,
    requestedAt: new Date(),
    acceptedAt: null,
    acceptedBy: null,
    removedAt: null,
    requestToken: status === RelationshipStatus.REQUESTED ? randomUUID() : null,
    version: 1,
  });
  const active = ["00000000-0000-4000-8000-000000000003", "00000000-0000-4000-8000-000000000002"];
  await ds
    .getRepository(CustomerRelationship)
    .insert([
      row("dup", "00000000-0000-4000-8000-000000000001", RelationshipStatus.REQUESTED),
      row("dup", active[0]!, RelationshipStatus.ACTIVE),
      row("dup", active[1]!, RelationshipStatus.ACTIVE),
      row("dup2", "00000000-0000-4000-8000-000000000004", RelationshipStatus.REQUESTED),
      row("dup2", "00000000-0000-4000-8000-000000000005", RelationshipStatus.REQUESTED),
    ]);
  await migration.up(runner);
  await runner.release();
  const live = await ds.getRepository(CustomerRelationship).find({ order: { id: "ASC" } });
  expect(live.map((r) => [r.id.slice(-1), r.status])).toEqual([
    ["1", "REMOVED"],
    ["2", "ACTIVE"],
    ["3", "REMOVED"],
    ["4", "REQUESTED"],
    ["5", "REMOVED"],
  ]);
  // The index is back: a second live row for a pair is refused.
  await expect(
    ds.getRepository(CustomerRelationship).insert(row("dup", randomUUID(), RelationshipStatus.REQUESTED)),
  ).rejects.toThrow();
});
