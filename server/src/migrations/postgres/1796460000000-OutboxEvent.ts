import { MigrationInterface, QueryRunner } from "typeorm";

/** The transactional outbox of live events (modules/live): a bigserial id gives the publishing order. */
export class OutboxEvent1796460000000 implements MigrationInterface {
    name = 'OutboxEvent1796460000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "outbox_event" ("id" BIGSERIAL NOT NULL, "type" character varying(40) NOT NULL, "occurred_at" TIMESTAMP NOT NULL, "subject_type" character varying(40) NOT NULL, "subject_id" character varying(36) NOT NULL, "customer_id" character varying(36), "operation" character varying(80), "due_on" character varying(10), "audience" text NOT NULL, "dedupe_key" character varying(120), "published_at" TIMESTAMP, CONSTRAINT "PK_outbox_event" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_outbox_event_unpublished" ON "outbox_event" ("published_at", "id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_outbox_event_dedupe_key" ON "outbox_event" ("dedupe_key") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."UQ_outbox_event_dedupe_key"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_outbox_event_unpublished"`);
        await queryRunner.query(`DROP TABLE "outbox_event"`);
    }

}
