import { MigrationInterface, QueryRunner } from "typeorm";

export class AuditEvent1796187810413 implements MigrationInterface {
    name = 'AuditEvent1796187810413'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "audit_event" ("id" character varying(36) NOT NULL, "occurred_at" TIMESTAMP NOT NULL, "request_id" character varying(64), "actor_user_id" character varying(36), "actor_api_token_id" character varying(36), "actor_label" character varying(254), "partner_id" character varying(36), "operation" character varying(80) NOT NULL, "outcome" character varying(10) NOT NULL, "customer_id" character varying(36), "targets" text NOT NULL, "changes" text NOT NULL, "decision" text, "user_errors" text, CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_17418abb0b55c20d5ead67c1c0" ON "audit_event"  ("occurred_at", "id") `);
        await queryRunner.query(`CREATE INDEX "IDX_9b8903f53140ed35649a468418" ON "audit_event"  ("operation", "occurred_at", "id") `);
        await queryRunner.query(`CREATE INDEX "IDX_c8dd363bf45249d5ff4d49856d" ON "audit_event"  ("actor_api_token_id", "occurred_at", "id") `);
        await queryRunner.query(`CREATE INDEX "IDX_4fef5aeded1c67c69ef8d3a2ae" ON "audit_event"  ("actor_user_id", "occurred_at", "id") `);
        await queryRunner.query(`CREATE INDEX "IDX_69034ca2e7c9ec2f71f16a63eb" ON "audit_event"  ("customer_id", "occurred_at", "id") `);
        await queryRunner.query(`CREATE INDEX "IDX_2ba3ab73d4a37bfd0652583ac0" ON "audit_event"  ("partner_id", "occurred_at", "id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_2ba3ab73d4a37bfd0652583ac0"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_69034ca2e7c9ec2f71f16a63eb"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_4fef5aeded1c67c69ef8d3a2ae"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_c8dd363bf45249d5ff4d49856d"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_9b8903f53140ed35649a468418"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_17418abb0b55c20d5ead67c1c0"`);
        await queryRunner.query(`DROP TABLE "audit_event"`);
    }

}
