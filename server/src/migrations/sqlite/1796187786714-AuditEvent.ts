import { MigrationInterface, QueryRunner } from "typeorm";

export class AuditEvent1796187786714 implements MigrationInterface {
    name = 'AuditEvent1796187786714'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "audit_event" ("id" varchar(36) PRIMARY KEY NOT NULL, "occurred_at" datetime NOT NULL, "request_id" varchar(64), "actor_user_id" varchar(36), "actor_api_token_id" varchar(36), "actor_label" varchar(254), "partner_id" varchar(36), "operation" varchar(80) NOT NULL, "outcome" varchar(10) NOT NULL, "customer_id" varchar(36), "targets" text NOT NULL, "changes" text NOT NULL, "decision" text, "user_errors" text)`);
        await queryRunner.query(`CREATE INDEX "IDX_17418abb0b55c20d5ead67c1c0" ON "audit_event" ("occurred_at", "id") `);
        await queryRunner.query(`CREATE INDEX "IDX_9b8903f53140ed35649a468418" ON "audit_event" ("operation", "occurred_at", "id") `);
        await queryRunner.query(`CREATE INDEX "IDX_c8dd363bf45249d5ff4d49856d" ON "audit_event" ("actor_api_token_id", "occurred_at", "id") `);
        await queryRunner.query(`CREATE INDEX "IDX_4fef5aeded1c67c69ef8d3a2ae" ON "audit_event" ("actor_user_id", "occurred_at", "id") `);
        await queryRunner.query(`CREATE INDEX "IDX_69034ca2e7c9ec2f71f16a63eb" ON "audit_event" ("customer_id", "occurred_at", "id") `);
        await queryRunner.query(`CREATE INDEX "IDX_2ba3ab73d4a37bfd0652583ac0" ON "audit_event" ("partner_id", "occurred_at", "id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_2ba3ab73d4a37bfd0652583ac0"`);
        await queryRunner.query(`DROP INDEX "IDX_69034ca2e7c9ec2f71f16a63eb"`);
        await queryRunner.query(`DROP INDEX "IDX_4fef5aeded1c67c69ef8d3a2ae"`);
        await queryRunner.query(`DROP INDEX "IDX_c8dd363bf45249d5ff4d49856d"`);
        await queryRunner.query(`DROP INDEX "IDX_9b8903f53140ed35649a468418"`);
        await queryRunner.query(`DROP INDEX "IDX_17418abb0b55c20d5ead67c1c0"`);
        await queryRunner.query(`DROP TABLE "audit_event"`);
    }

}
