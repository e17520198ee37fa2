import { MigrationInterface, QueryRunner } from "typeorm";

export class ProviderRequest1795612226997 implements MigrationInterface {
    name = 'ProviderRequest1795612226997'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "provider_request" ("id" character varying(36) NOT NULL, "reseller_id" character varying(36) NOT NULL, "provider_id" character varying(36) NOT NULL, "customer_id" character varying(36) NOT NULL, "action" character varying(20) NOT NULL, "subscription_id" character varying(36), "offer_name" character varying(200), "offer_id" character varying(100), "offer_kind" character varying(20), "quantity" integer, "term_duration" character varying(5), "note" character varying(1000), "status" character varying(20) NOT NULL, "response_note" character varying(1000), "created_by_user_id" character varying(36), "created_at" TIMESTAMP NOT NULL, "responded_at" TIMESTAMP, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_bfc133aa21b0ad6dd1611b012ba" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_4a6430c66eac42c7b9b5c0a10c" ON "provider_request"  ("reseller_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_3fca5d8530c2f132b788f1a5b7" ON "provider_request"  ("provider_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_4aba74e8b9b93f6ac48215e8c6" ON "provider_request"  ("customer_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_bfd2e981ea5232398bd6646000" ON "provider_request"  ("subscription_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_638bfc146d57f997ed2d93e585" ON "provider_request"  ("status") `);
        await queryRunner.query(`CREATE INDEX "IDX_e156d702dab9211510b50f12ef" ON "provider_request"  ("created_at") `);
        await queryRunner.query(`ALTER TABLE "provider_request" ADD CONSTRAINT "FK_4a6430c66eac42c7b9b5c0a10c9" FOREIGN KEY ("reseller_id") REFERENCES "partner"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "provider_request" ADD CONSTRAINT "FK_3fca5d8530c2f132b788f1a5b70" FOREIGN KEY ("provider_id") REFERENCES "partner"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "provider_request" ADD CONSTRAINT "FK_4aba74e8b9b93f6ac48215e8c67" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "provider_request" ADD CONSTRAINT "FK_bfd2e981ea5232398bd6646000e" FOREIGN KEY ("subscription_id") REFERENCES "customer_subscription"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "provider_request" DROP CONSTRAINT "FK_bfd2e981ea5232398bd6646000e"`);
        await queryRunner.query(`ALTER TABLE "provider_request" DROP CONSTRAINT "FK_4aba74e8b9b93f6ac48215e8c67"`);
        await queryRunner.query(`ALTER TABLE "provider_request" DROP CONSTRAINT "FK_3fca5d8530c2f132b788f1a5b70"`);
        await queryRunner.query(`ALTER TABLE "provider_request" DROP CONSTRAINT "FK_4a6430c66eac42c7b9b5c0a10c9"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_e156d702dab9211510b50f12ef"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_638bfc146d57f997ed2d93e585"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_bfd2e981ea5232398bd6646000"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_4aba74e8b9b93f6ac48215e8c6"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_3fca5d8530c2f132b788f1a5b7"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_4a6430c66eac42c7b9b5c0a10c"`);
        await queryRunner.query(`DROP TABLE "provider_request"`);
    }

}
