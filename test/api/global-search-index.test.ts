import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QueryRunner } from "typeorm";
import { TenantScope } from "../../server/src/auth/scope";
import { RelationshipStatus } from "../../server/src/domain/enums";
import { Customer } from "../../server/src/modules/customer/customer.entity";
import { Partner } from "../../server/src/modules/partner/partner.entity";
import { searchService, type SearchContext } from "../../server/src/modules/search/search.service";
import { CustomerSubscription } from "../../server/src/modules/subscription/customer-subscription.entity";
import { customer, relationship, scopingWorld, subscription } from "./fixtures";
import { startTestServer, type TestServer } from "./harness";

// The global search's trigram indexes (migration SearchTrigramIndexes) give the answers of the plain scan: for every
// partner of the scoping world and a few hundred texts (substrings of every name, domain and offer name, in both
// cases, plus quotes, LIKE wildcards, accents and texts shorter than a trigram), the search through the index and the
// search without it return the same rows in the same order. SQLite: the FTS5 trigram tables (kept by triggers: rows
// renamed, added and deleted after the load are part of the world) against `index: false`. PostgreSQL: the same SQL
// with sequential scans turned off (the pg_trgm GIN indexes) against index scans turned off.

let t: TestServer;
const postgres = !!process.env.TEST_DATABASE_URL;

beforeAll(async () => {
  const world = scopingWorld();
  world.customers.push(
    customer("U1", "Café Ünïcode GmbH"),
    customer("U2", 'O\'Brien "Quoted" & Sons'),
    customer("U3", "50% Off_Deals Ltd"),
    customer("U4", "To Be Renamed Inc"),
  );
  for (const key of ["U1", "U2", "U3", "U4"])
    world.relationships.push(relationship("P1", key, RelationshipStatus.ACTIVE));
  world.subscriptions.push(
    subscription("u1a", "U1", "Microsoft 365 E5 (no Teams)", "P1", null),
    subscription("u2a", "U2", "Dynamics 365 Business Central Essentials", "P1", null),
    subscription("u3a", "U3", "Old Offer Name", "P1", null),
    subscription("u4a", "U4", "Windows 365 Enterprise", "P1", null),
  );
  t = await startTestServer(world);
  // Changes after the load, through the triggers: a customer renamed, an offer renamed, a subscription deleted.
  const ds = t.app.dataSource;
  await ds.getRepository(Customer).update({ id: t.world.customers.get("U4")! }, { name: "Renamed Northwind Traders" });
  await ds
    .getRepository(CustomerSubscription)
    .update({ id: t.world.subscriptions.get("u3a")! }, { offerName: "Visio Plan 2" });
  await ds.getRepository(CustomerSubscription).delete({ id: t.world.subscriptions.get("u4a")! });
});

afterAll(async () => {
  await t?.close();
});

/** Texts to search: substrings of every searchable text of the world (lengths 2, 3 and 5, both cases), and oddities. */
async function texts(): Promise<string[]> {
  const ds = t.app.dataSource;
  const customers = await ds.getRepository(Customer).find();
  const subscriptions = await ds.getRepository(CustomerSubscription).find();
  const sources = [...customers.flatMap((c) => [c.name, c.domain]), ...subscriptions.map((s) => s.offerName)];
  const out = new Set<string>();
  for (const text of sources) {
    const chars = [...text];
    for (const length of [2, 3, 5]) {
      for (let i = 0; i + length <= chars.length; i += 4) out.add(chars.slice(i, i + length).join(""));
    }
    out.add(text);
    out.add(text.toUpperCase());
  }
  for (const odd of [
    '"quoted"',
    "o'brien",
    "50%",
    "off_",
    "%%%",
    "___",
    "café",
    "CAFÉ",
    "ünï",
    "365 e",
    "renamed",
    "to be renamed",
    "old offer",
    "windows 365",
    "nothing at all",
    '" OR "',
    "NEAR(a b)",
    "a*",
    "^ab",
  ])
    out.add(odd);
  return [...out].filter((q) => [...q.trim()].length >= 2);
}

async function contextOf(runner: QueryRunner, key: string): Promise<SearchContext> {
  const partner = await runner.manager.getRepository(Partner).findOneByOrFail({ id: t.world.partners.get(key)! });
  return { em: runner.manager, scope: await TenantScope.load(runner.manager, partner) };
}

/** Ids of what a search found, in order. */
const idsOf = (found: { customers: { id: string }[]; subscriptions: { id: string }[] }) => ({
  customers: found.customers.map((c) => c.id),
  subscriptions: found.subscriptions.map((s) => s.id),
});

describe("global search: the trigram index path and the plain scan agree", () => {
  it("for every partner and every text, the same rows in the same order", async () => {
    const ds = t.app.dataSource;
    const indexed = ds.createQueryRunner();
    const scanned = ds.createQueryRunner();
    try {
      if (postgres) {
        // Each runner holds its own connection: one may not scan the tables, the other may not use an index.
        await indexed.query("SET enable_seqscan = off");
        await scanned.query("SET enable_indexscan = off");
        await scanned.query("SET enable_bitmapscan = off");
      }
      const queries = await texts();
      expect(queries.length).toBeGreaterThan(150);
      let found = 0;
      for (const key of ["P1", "R1", "D"]) {
        const a = await contextOf(indexed, key);
        const b = await contextOf(scanned, key);
        for (const q of queries) {
          const viaIndex = idsOf(await searchService.search(a, q, 20, { index: true }));
          const viaScan = idsOf(await searchService.search(b, q, 20, { index: false }));
          expect(viaIndex, `${key} searching ${JSON.stringify(q)}`).toEqual(viaScan);
          found += viaIndex.customers.length + viaIndex.subscriptions.length;
        }
      }
      // The comparison is not between two empty answers.
      expect(found).toBeGreaterThan(300);
    } finally {
      await indexed.release();
      await scanned.release();
    }
    // About 1,000 searches: seconds alone, minutes on a busy shared machine.
  }, 300_000);

  it("the index follows renames and deletions (its triggers), and finds accented and quoted names", async () => {
    const ds = t.app.dataSource;
    const runner = ds.createQueryRunner();
    try {
      const p1 = await contextOf(runner, "P1");
      const search = async (q: string) => {
        const found = await searchService.search(p1, q, 20, { index: true });
        return { customers: found.customers.map((c) => c.name), offers: found.subscriptions.map((s) => s.offerName) };
      };
      expect((await search("northwind")).customers).toEqual(["Renamed Northwind Traders"]);
      expect((await search("to be renamed")).customers).toEqual([]);
      expect((await search("visio plan")).offers).toEqual(["Visio Plan 2"]);
      expect((await search("old offer")).offers).toEqual([]);
      expect((await search("windows 365")).offers).toEqual([]);
      expect((await search("café")).customers).toEqual(["Café Ünïcode GmbH"]);
      expect((await search('"quoted"')).customers).toEqual(['O\'Brien "Quoted" & Sons']);
      expect((await search("50% off_")).customers).toEqual(["50% Off_Deals Ltd"]);
    } finally {
      await runner.release();
    }
  });

  it("the trigram indexes are there, on the search's own expressions", async () => {
    const ds = t.app.dataSource;
    if (postgres) {
      // The indexes exist on the expressions the search compares. (On this tiny database the planner kept a
      // sequential scan even with enable_seqscan off; on the 300,000-subscription network EXPLAIN shows
      // "Bitmap Index Scan on IDX_search_sub_offer_name_trgm": see README, Global search.)
      const rows = (await ds.query(
        `SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'IDX_search_%' ORDER BY indexname`,
      )) as { indexname: string; indexdef: string }[];
      const defs = Object.fromEntries(rows.map((r) => [r.indexname, r.indexdef]));
      expect(defs.IDX_search_sub_offer_name_trgm).toMatch(/USING gin \(lower\(\(offer_name\)::text\) gin_trgm_ops\)/);
      expect(defs.IDX_search_customer_name_trgm).toMatch(/USING gin \(lower\(\(name\)::text\) gin_trgm_ops\)/);
      expect(defs.IDX_search_customer_domain_trgm).toMatch(/USING gin \(domain gin_trgm_ops\)/);
      expect(defs.IDX_search_sub_offer_id_lower).toMatch(/lower\(\(offer_id\)::text\)/);
    } else {
      // The FTS5 tables hold every row, under the row's own rowid.
      for (const [table, source] of [
        ["customer_search", "customer"],
        ["subscription_search", "customer_subscription"],
      ]) {
        const [{ n }] = (await ds.query(
          `SELECT COUNT(*) AS n FROM ${source} x WHERE NOT EXISTS (SELECT 1 FROM ${table} f WHERE f.rowid = x.rowid)`,
        )) as [{ n: number }];
        expect(n, `${source} rows missing from ${table}`).toBe(0);
        const [{ total }] = (await ds.query(`SELECT COUNT(*) AS total FROM ${table}`)) as [{ total: number }];
        const [{ rows }] = (await ds.query(`SELECT COUNT(*) AS rows FROM ${source}`)) as [{ rows: number }];
        expect(total).toBe(rows);
      }
    }
  });
});
