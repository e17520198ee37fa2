import { MigrationInterface, QueryRunner } from "typeorm";

/** A reseller may ask its provider for a V2 lifecycle change: the auto-renew value or the scheduled change asked for. */
export class ProviderRequestLifecycle1796510000000 implements MigrationInterface {
    name = 'ProviderRequestLifecycle1796510000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "provider_request" ADD "auto_renew" boolean`);
        await queryRunner.query(`ALTER TABLE "provider_request" ADD "scheduled_change" text`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "provider_request" DROP COLUMN "scheduled_change"`);
        await queryRunner.query(`ALTER TABLE "provider_request" DROP COLUMN "auto_renew"`);
    }

}
