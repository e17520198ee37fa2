import { MigrationInterface, QueryRunner } from "typeorm";

// The global search's substring match is indexed (issue 11): pg_trgm GIN indexes on exactly the expressions
// modules/search compares with LIKE '%…%' (LOWER(c.name), c.domain, LOWER(s.offer_name)), so a search reads the
// rows whose text holds the query's trigrams instead of every subscription of the network. The exact-match arm
// LOWER(s.offer_id) = … gets a plain expression index, so the planner can OR every arm of the WHERE as bitmaps.
// A query of fewer than 3 characters has no trigram: PostgreSQL then scans as before.
//
// pg_trgm ships with PostgreSQL (contrib) and is a trusted extension (PostgreSQL 13+): the database's owner may
// create it. Where it is not installed, or the migration's user may not create it, the migration stops with what to
// do instead of PostgreSQL's bare error.
export class SearchTrigramIndexes1796740000000 implements MigrationInterface {
  name = "SearchTrigramIndexes1796740000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    const installed = (await queryRunner.query(`SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'`)) as unknown[];
    if (installed.length === 0) {
      const available = (await queryRunner.query(
        `SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'`,
      )) as unknown[];
      if (available.length === 0) {
        throw new Error(
          "Migration SearchTrigramIndexes: the PostgreSQL extension pg_trgm is not available on this server. " +
            "Install PostgreSQL's contrib modules (Debian/Ubuntu: the postgresql-contrib package; most managed " +
            "services list pg_trgm as supported), then start again: the global search needs its trigram indexes.",
        );
      }
      try {
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
      } catch (error) {
        throw new Error(
          `Migration SearchTrigramIndexes: could not create the PostgreSQL extension pg_trgm (${(error as Error).message}). ` +
            "Have the database's owner or a superuser run `CREATE EXTENSION pg_trgm;` in this database, then start again.",
        );
      }
    }
    await queryRunner.query(
      `CREATE INDEX "IDX_search_customer_name_trgm" ON "customer" USING gin (lower("name") gin_trgm_ops)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_search_customer_domain_trgm" ON "customer" USING gin ("domain" gin_trgm_ops)`);
    await queryRunner.query(
      `CREATE INDEX "IDX_search_sub_offer_name_trgm" ON "customer_subscription" USING gin (lower("offer_name") gin_trgm_ops)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_search_sub_offer_id_lower" ON "customer_subscription" (lower("offer_id"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_search_sub_offer_id_lower"`);
    await queryRunner.query(`DROP INDEX "IDX_search_sub_offer_name_trgm"`);
    await queryRunner.query(`DROP INDEX "IDX_search_customer_domain_trgm"`);
    await queryRunner.query(`DROP INDEX "IDX_search_customer_name_trgm"`);
    // pg_trgm stays: other objects of the database may use it.
  }
}
