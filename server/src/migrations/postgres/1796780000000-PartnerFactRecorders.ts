import { MigrationInterface, QueryRunner } from "typeorm";

// Per-fact provenance of the partner facts channelgate records (recordPartnerFacts): which partner recorded each fact,
// beside when (the *_recorded_at columns of PartnerRecordedFacts). Rows recorded before this migration knew only the
// last recorder of any fact (facts_recorded_by_id): it is copied to each fact recorded then, the best that is known.
export class PartnerFactRecorders1796780000000 implements MigrationInterface {
  name = "PartnerFactRecorders1796780000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const fact of ["program_status", "mpa_signed", "advisor_only"]) {
      await queryRunner.query(`ALTER TABLE "partner" ADD COLUMN "${fact}_recorded_by_id" character varying(36)`);
      await queryRunner.query(
        `UPDATE "partner" SET "${fact}_recorded_by_id" = "facts_recorded_by_id" WHERE "${fact}_recorded_at" IS NOT NULL`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const fact of ["advisor_only", "mpa_signed", "program_status"]) {
      await queryRunner.query(`ALTER TABLE "partner" DROP COLUMN "${fact}_recorded_by_id"`);
    }
  }
}
