import { MigrationInterface, QueryRunner } from "typeorm";

// Partner Center sync runs (issue 8 items 3 and 5): startSync's progress, the incremental sync's audit-record
// checkpoint, and at most one RUNNING row (partial unique index) across replicas; webhook events handled (dedup).
export class SyncRun1796500000000 implements MigrationInterface {
    name = 'SyncRun1796500000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "sync_run" ("id" character varying(36) NOT NULL, "kind" character varying(20) NOT NULL, "status" character varying(20) NOT NULL, "phase" character varying(20), "phases" text NOT NULL, "customers" integer NOT NULL DEFAULT '0', "subscriptions" integer NOT NULL DEFAULT '0', "resellers" integer NOT NULL DEFAULT '0', "transfers" integer NOT NULL DEFAULT '0', "changed" integer NOT NULL DEFAULT '0', "calls" integer NOT NULL DEFAULT '0', "retries" integer NOT NULL DEFAULT '0', "throttled" integer NOT NULL DEFAULT '0', "started_at" TIMESTAMP NOT NULL, "finished_at" TIMESTAMP, "heartbeat_at" TIMESTAMP NOT NULL, "error" character varying(2000), "resume_from" character varying(64), "audit_until" TIMESTAMP, "started_by_user_id" character varying(36), CONSTRAINT "PK_sync_run" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_sync_run_running" ON "sync_run" ("status") WHERE "status" = 'RUNNING'`);
        await queryRunner.query(`CREATE INDEX "IDX_sync_run_started" ON "sync_run" ("started_at") `);
        await queryRunner.query(`CREATE TABLE "webhook_event" ("id" character varying(64) NOT NULL, "event_name" character varying(100) NOT NULL, "resource_uri" character varying(500) NOT NULL, "outcome" character varying(20) NOT NULL, "received_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_webhook_event" PRIMARY KEY ("id"))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "webhook_event"`);
        await queryRunner.query(`DROP INDEX "IDX_sync_run_started"`);
        await queryRunner.query(`DROP INDEX "UQ_sync_run_running"`);
        await queryRunner.query(`DROP TABLE "sync_run"`);
    }

}
