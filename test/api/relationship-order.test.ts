import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toGlobalId } from "../../server/src/common/global-id";
import { PartnershipStatus, PartnerType, RelationshipStatus, UserRole } from "../../server/src/domain/enums";
import { CustomerRelationship } from "../../server/src/modules/customer/customer-relationship.entity";
import type { World } from "../../server/src/scenarios/world";
import { startTestServer, type TestServer } from "./harness";
import { customer, partner, query, rel } from "./mutation-helpers";

// A customer's relationships are listed oldest request first. A two-tier request (or a seeded world) gives several
// relationships the same requested_at: without a tie-breaker, PostgreSQL and SQLite return those in whatever order
// the plan happens to read them. The id breaks the tie, so the list is the same on every call and on both databases.

const RESELLERS = ["res1", "res2", "res3", "res4", "res5", "res6", "res7", "res8"];

const world: World = {
  partners: [
    partner("prov", "1000001", [PartnerType.INDIRECT_PROVIDER]),
    ...RESELLERS.map((key, i) => partner(key, `200000${i + 1}`, [PartnerType.INDIRECT_RESELLER])),
  ],
  partnerships: RESELLERS.map((reseller) => ({ provider: "prov", reseller, status: PartnershipStatus.ACTIVE })),
  customers: [customer("shared")],
  // The world loader stamps every relationship with the same requested_at.
  relationships: [
    rel("prov", "shared"),
    ...RESELLERS.map((key, i) =>
      rel(key, "shared", i % 2 === 0 ? RelationshipStatus.ACTIVE : RelationshipStatus.REQUESTED),
    ),
  ],
  subscriptions: [],
  transfers: [],
  users: [{ partner: "prov", email: "admin@prov.example", displayName: "Prov admin", role: UserRole.GLOBAL_ADMIN }],
};

const RELATIONSHIPS = `{ customers(first: 5) { nodes { relationships { id requestedAt } } } }`;

describe("a customer's relationships with identical request dates", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(world);
  });
  afterAll(() => t.close());

  it("are ordered by request date, then by id, on every call", async () => {
    const customerId = t.world.customers.get("shared")!;
    const rows = await t.app.dataSource.getRepository(CustomerRelationship).findBy({ customerId });
    expect(rows).toHaveLength(RESELLERS.length + 1);
    expect(new Set(rows.map((r) => r.requestedAt.getTime())).size).toBe(1);
    const expected = rows
      .map((r) => r.id)
      .sort()
      .map((id) => toGlobalId("CustomerRelationship", id));

    for (let call = 0; call < 3; call++) {
      const data = await query<{ customers: { nodes: { relationships: { id: string }[] }[] } }>(
        t,
        RELATIONSHIPS,
        {},
        { as: "prov" },
      );
      expect(data.customers.nodes).toHaveLength(1);
      expect(data.customers.nodes[0]!.relationships.map((r) => r.id)).toEqual(expected);
    }
  });
});
