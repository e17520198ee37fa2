import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Room for CANCEL_SCHEDULED_CHANGE (23 characters) in provider_request.action. PostgreSQL only: SQLite does not
 * enforce a varchar's length, so its column takes the value as it is.
 */
export class ProviderRequestActionLength1796530000000 implements MigrationInterface {
    name = 'ProviderRequestActionLength1796530000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "provider_request" ALTER COLUMN "action" TYPE character varying(32)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DELETE FROM "provider_request" WHERE length("action") > 20`);
        await queryRunner.query(`ALTER TABLE "provider_request" ALTER COLUMN "action" TYPE character varying(20)`);
    }

}
