import { MigrationInterface, QueryRunner } from "typeorm";

// The reseller an audit event concerns (issue 11: a reseller page's activity). Filled by the writer from what the
// mutation reported (audit-recorder.ts); events written before this migration keep null and are found on the reseller
// page through their customer only. (partner_id, reseller_id, occurred_at, id) serves the page's newest-first keyset
// reads within the reader's own events.
export class AuditEventReseller1796730000000 implements MigrationInterface {
  name = "AuditEventReseller1796730000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_event" ADD "reseller_id" varchar(36)`);
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_event_partner_reseller" ON "audit_event" ("partner_id", "reseller_id", "occurred_at", "id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_audit_event_partner_reseller"`);
    await queryRunner.query(`ALTER TABLE "audit_event" DROP COLUMN "reseller_id"`);
  }
}
