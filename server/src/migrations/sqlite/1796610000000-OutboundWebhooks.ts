import { MigrationInterface, QueryRunner } from "typeorm";

// Outbound webhooks (modules/webhook): partners' endpoints (secret encrypted) and the delivery log, claimed by
// (status, next_attempt_at) and listed per endpoint newest first.
export class OutboundWebhooks1796610000000 implements MigrationInterface {
  name = "OutboundWebhooks1796610000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "webhook_endpoint" ("id" varchar(36) PRIMARY KEY NOT NULL, "partner_id" varchar(36) NOT NULL, "url" varchar(2048) NOT NULL, "description" varchar(200) NOT NULL DEFAULT (''), "event_types" text NOT NULL, "active" boolean NOT NULL, "disabled_reason" varchar(200), "secret_prefix" varchar(12) NOT NULL, "secret_ciphertext" text NOT NULL, "created_by_user_id" varchar(36), "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "secret_rotated_at" datetime, CONSTRAINT "FK_webhook_endpoint_partner" FOREIGN KEY ("partner_id") REFERENCES "partner" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`CREATE INDEX "IDX_webhook_endpoint_partner_created" ON "webhook_endpoint" ("partner_id", "created_at", "id")`);
    await queryRunner.query(`CREATE TABLE "webhook_delivery" ("id" varchar(36) PRIMARY KEY NOT NULL, "endpoint_id" varchar(36) NOT NULL, "partner_id" varchar(36) NOT NULL, "event_id" varchar(20) NOT NULL, "event_type" varchar(40) NOT NULL, "payload" text NOT NULL, "status" varchar(12) NOT NULL, "attempt_count" integer NOT NULL, "response_code" integer, "response_time_ms" integer, "error" varchar(500), "attempt_log" text NOT NULL, "next_attempt_at" datetime, "delivered_at" datetime, "created_at" datetime NOT NULL, "replay_of_id" varchar(36), CONSTRAINT "FK_webhook_delivery_endpoint" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoint" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`CREATE INDEX "IDX_webhook_delivery_due" ON "webhook_delivery" ("status", "next_attempt_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_webhook_delivery_endpoint_created" ON "webhook_delivery" ("endpoint_id", "created_at", "id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_webhook_delivery_endpoint_created"`);
    await queryRunner.query(`DROP INDEX "IDX_webhook_delivery_due"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
    await queryRunner.query(`DROP INDEX "IDX_webhook_endpoint_partner_created"`);
    await queryRunner.query(`DROP TABLE "webhook_endpoint"`);
  }
}
