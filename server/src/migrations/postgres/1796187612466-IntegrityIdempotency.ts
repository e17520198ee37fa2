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
