import { MigrationInterface, QueryRunner } from "typeorm";

// Partner facts that only channelgate records (issue 8: Partner Center serves no read API for a partner's program
// status, its own MPA signature or its advisor-only standing): when each was recorded through recordPartnerFacts,
// and by which partner. Nullable: never recorded (the value comes from the seed or the sync's default).
export class PartnerRecordedFacts1796700000000 implements MigrationInterface {
  name = "PartnerRecordedFacts1796700000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "partner" ADD COLUMN "program_status_recorded_at" TIMESTAMP`);
    await queryRunner.query(`ALTER TABLE "partner" ADD COLUMN "mpa_signed_recorded_at" TIMESTAMP`);
    await queryRunner.query(`ALTER TABLE "partner" ADD COLUMN "advisor_only_recorded_at" TIMESTAMP`);
    await queryRunner.query(`ALTER TABLE "partner" ADD COLUMN "facts_recorded_by_id" character varying(36)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "partner" DROP COLUMN "facts_recorded_by_id"`);
    await queryRunner.query(`ALTER TABLE "partner" DROP COLUMN "advisor_only_recorded_at"`);
    await queryRunner.query(`ALTER TABLE "partner" DROP COLUMN "mpa_signed_recorded_at"`);
    await queryRunner.query(`ALTER TABLE "partner" DROP COLUMN "program_status_recorded_at"`);
  }
}
