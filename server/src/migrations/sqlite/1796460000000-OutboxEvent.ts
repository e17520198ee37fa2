import { MigrationInterface, QueryRunner } from "typeorm";

/** The transactional outbox of live events (modules/live): AUTOINCREMENT keeps ids increasing, never reused. */
export class OutboxEvent1796460000000 implements MigrationInterface {
    name = 'OutboxEvent1796460000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "outbox_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "type" varchar(40) NOT NULL, "occurred_at" datetime NOT NULL, "subject_type" varchar(40) NOT NULL, "subject_id" varchar(36) NOT NULL, "customer_id" varchar(36), "operation" varchar(80), "due_on" varchar(10), "audience" text NOT NULL, "dedupe_key" varchar(120), "published_at" datetime)`);
        await queryRunner.query(`CREATE INDEX "IDX_outbox_event_unpublished" ON "outbox_event" ("published_at", "id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_outbox_event_dedupe_key" ON "outbox_event" ("dedupe_key") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "UQ_outbox_event_dedupe_key"`);
        await queryRunner.query(`DROP INDEX "IDX_outbox_event_unpublished"`);
        await queryRunner.query(`DROP TABLE "outbox_event"`);
    }

}
