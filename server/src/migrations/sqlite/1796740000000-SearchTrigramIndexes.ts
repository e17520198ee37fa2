import { MigrationInterface, QueryRunner } from "typeorm";

// The global search's substring match is indexed (issue 11): FTS5 tables with the trigram tokenizer hold the text
// modules/search matches with LIKE '%…%' (a customer's name and domain, a subscription's offer name), under the
// row's rowid, kept in sync by triggers. A search asks them for the candidate rows (MATCH finds every row holding
// the query as a substring, case folded) and still applies its LIKE conditions to those, so the answer is the one
// the plain scan gives (test/api/global-search.test.ts compares both). Plain FTS5 tables (not external content):
// they keep their own copy, so a delete is by rowid alone and can never leave the index out of step with what it
// was told. Queries shorter than 3 characters have no trigram: they scan as before. The exact-match arm
// LOWER(offer_id) = … gets an expression index, so that SQLite reads every arm of the search's OR from an index.
//
// The rowid of a table without an INTEGER PRIMARY KEY may change on VACUUM: after one, rebuild with
// `DELETE FROM customer_search; INSERT INTO customer_search(rowid, name, domain) SELECT rowid, name, domain FROM customer;`
// (and the same for subscription_search). channelgate never runs VACUUM itself.
export class SearchTrigramIndexes1796740000000 implements MigrationInterface {
  name = "SearchTrigramIndexes1796740000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The exact-match arm LOWER(s.offer_id) = … as an index lookup, so that every arm of the search's OR is one.
    await queryRunner.query(`CREATE INDEX "IDX_search_sub_offer_id_lower" ON "customer_subscription" (lower("offer_id"))`);
    await queryRunner.query(`CREATE VIRTUAL TABLE "customer_search" USING fts5(name, domain, tokenize = 'trigram')`);
    await queryRunner.query(
      `INSERT INTO "customer_search" (rowid, name, domain) SELECT rowid, "name", "domain" FROM "customer"`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "customer_search_insert" AFTER INSERT ON "customer" BEGIN
         INSERT INTO "customer_search" (rowid, name, domain) VALUES (new.rowid, new."name", new."domain");
       END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "customer_search_delete" AFTER DELETE ON "customer" BEGIN
         DELETE FROM "customer_search" WHERE rowid = old.rowid;
       END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "customer_search_update" AFTER UPDATE OF "name", "domain" ON "customer" BEGIN
         DELETE FROM "customer_search" WHERE rowid = old.rowid;
         INSERT INTO "customer_search" (rowid, name, domain) VALUES (new.rowid, new."name", new."domain");
       END`,
    );

    await queryRunner.query(`CREATE VIRTUAL TABLE "subscription_search" USING fts5(offer_name, tokenize = 'trigram')`);
    await queryRunner.query(
      `INSERT INTO "subscription_search" (rowid, offer_name) SELECT rowid, "offer_name" FROM "customer_subscription"`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "subscription_search_insert" AFTER INSERT ON "customer_subscription" BEGIN
         INSERT INTO "subscription_search" (rowid, offer_name) VALUES (new.rowid, new."offer_name");
       END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "subscription_search_delete" AFTER DELETE ON "customer_subscription" BEGIN
         DELETE FROM "subscription_search" WHERE rowid = old.rowid;
       END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "subscription_search_update" AFTER UPDATE OF "offer_name" ON "customer_subscription" BEGIN
         DELETE FROM "subscription_search" WHERE rowid = old.rowid;
         INSERT INTO "subscription_search" (rowid, offer_name) VALUES (new.rowid, new."offer_name");
       END`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const trigger of ["insert", "delete", "update"]) {
      await queryRunner.query(`DROP TRIGGER "subscription_search_${trigger}"`);
      await queryRunner.query(`DROP TRIGGER "customer_search_${trigger}"`);
    }
    await queryRunner.query(`DROP TABLE "subscription_search"`);
    await queryRunner.query(`DROP TABLE "customer_search"`);
    await queryRunner.query(`DROP INDEX "IDX_search_sub_offer_id_lower"`);
  }
}
