import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Written by hand (TypeORM's generator does not produce partial indexes well); the same statements on both dialects.
 * Uniqueness per state: one REQUESTED or ACTIVE relationship per (customer, partner), one OPEN provider request per
 * (reseller, provider, action, subscription) — ORDER requests have no subscription and NULLs never collide. And the
 * idempotency_key table (server/src/http/idempotency.ts).
 */
export class IntegrityIdempotency1796187612466 implements MigrationInterface {
  name = "IntegrityIdempotency1796187612466";

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Duplicates that concurrent requests made before these indexes: keep one live relationship per pair (ACTIVE
    // over REQUESTED, then the first id) and the first OPEN request per subject; the others end as REMOVED/WITHDRAWN.
    await queryRunner.query(
      `UPDATE "customer_relationship" SET "status" = 'REMOVED', "removed_at" = "requested_at", "request_token" = NULL WHERE "status" IN ('REQUESTED', 'ACTIVE') AND EXISTS (SELECT 1 FROM "customer_relationship" "o" WHERE "o"."customer_id" = "customer_relationship"."customer_id" AND "o"."partner_id" = "customer_relationship"."partner_id" AND "o"."id" <> "customer_relationship"."id" AND (("o"."status" = 'ACTIVE' AND "customer_relationship"."status" = 'REQUESTED') OR ("o"."status" = "customer_relationship"."status" AND "o"."id" < "customer_relationship"."id")))`,
    );
    await queryRunner.query(
      `UPDATE "provider_request" SET "status" = 'WITHDRAWN', "responded_at" = "created_at" WHERE "status" = 'OPEN' AND "subscription_id" IS NOT NULL AND EXISTS (SELECT 1 FROM "provider_request" "o" WHERE "o"."status" = 'OPEN' AND "o"."reseller_id" = "provider_request"."reseller_id" AND "o"."provider_id" = "provider_request"."provider_id" AND "o"."action" = "provider_request"."action" AND "o"."subscription_id" = "provider_request"."subscription_id" AND "o"."id" < "provider_request"."id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_customer_relationship_live" ON "customer_relationship" ("customer_id", "partner_id") WHERE "status" IN ('REQUESTED', 'ACTIVE')`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_provider_request_open" ON "provider_request" ("reseller_id", "provider_id", "action", "subscription_id") WHERE "status" = 'OPEN'`,
    );
    await queryRunner.query(
      `CREATE TABLE "idempotency_key" ("caller_key" character varying(300) NOT NULL, "key" character varying(255) NOT NULL, "request_hash" character varying(64) NOT NULL, "status_code" integer, "response" text, "created_at" timestamp NOT NULL, CONSTRAINT "PK_idempotency_key" PRIMARY KEY ("caller_key", "key"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_idempotency_key_created_at" ON "idempotency_key" ("created_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_idempotency_key_created_at"`);
    await queryRunner.query(`DROP TABLE "idempotency_key"`);
    await queryRunner.query(`DROP INDEX "UQ_provider_request_open"`);
    await queryRunner.query(`DROP INDEX "UQ_customer_relationship_live"`);
  }
}
