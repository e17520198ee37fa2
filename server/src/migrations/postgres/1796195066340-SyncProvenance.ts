import { MigrationInterface, QueryRunner } from "typeorm";

// Provenance of synced rows (issue 8): where a row came from ("partner-center") and when it was last synced.
// Nullable: rows channelgate creates itself (seed, mutations) carry none.
export class SyncProvenance1796195066340 implements MigrationInterface {
    name = 'SyncProvenance1796195066340'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "partner" ADD COLUMN "source" character varying(20)`);
        await queryRunner.query(`ALTER TABLE "partner" ADD COLUMN "synced_at" TIMESTAMP`);
        await queryRunner.query(`ALTER TABLE "reseller_partnership" ADD COLUMN "source" character varying(20)`);
        await queryRunner.query(`ALTER TABLE "reseller_partnership" ADD COLUMN "synced_at" TIMESTAMP`);
        await queryRunner.query(`ALTER TABLE "customer" ADD COLUMN "source" character varying(20)`);
        await queryRunner.query(`ALTER TABLE "customer" ADD COLUMN "synced_at" TIMESTAMP`);
        await queryRunner.query(`ALTER TABLE "customer_relationship" ADD COLUMN "source" character varying(20)`);
        await queryRunner.query(`ALTER TABLE "customer_relationship" ADD COLUMN "synced_at" TIMESTAMP`);
        await queryRunner.query(`ALTER TABLE "customer_subscription" ADD COLUMN "source" character varying(20)`);
        await queryRunner.query(`ALTER TABLE "customer_subscription" ADD COLUMN "synced_at" TIMESTAMP`);
        await queryRunner.query(`ALTER TABLE "transfer" ADD COLUMN "source" character varying(20)`);
        await queryRunner.query(`ALTER TABLE "transfer" ADD COLUMN "synced_at" TIMESTAMP`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "transfer" DROP COLUMN "synced_at"`);
        await queryRunner.query(`ALTER TABLE "transfer" DROP COLUMN "source"`);
        await queryRunner.query(`ALTER TABLE "customer_subscription" DROP COLUMN "synced_at"`);
        await queryRunner.query(`ALTER TABLE "customer_subscription" DROP COLUMN "source"`);
        await queryRunner.query(`ALTER TABLE "customer_relationship" DROP COLUMN "synced_at"`);
        await queryRunner.query(`ALTER TABLE "customer_relationship" DROP COLUMN "source"`);
        await queryRunner.query(`ALTER TABLE "customer" DROP COLUMN "synced_at"`);
        await queryRunner.query(`ALTER TABLE "customer" DROP COLUMN "source"`);
        await queryRunner.query(`ALTER TABLE "reseller_partnership" DROP COLUMN "synced_at"`);
        await queryRunner.query(`ALTER TABLE "reseller_partnership" DROP COLUMN "source"`);
        await queryRunner.query(`ALTER TABLE "partner" DROP COLUMN "synced_at"`);
        await queryRunner.query(`ALTER TABLE "partner" DROP COLUMN "source"`);
    }

}
