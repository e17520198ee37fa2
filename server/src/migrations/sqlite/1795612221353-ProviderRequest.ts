import { MigrationInterface, QueryRunner } from "typeorm";

export class ProviderRequest1795612221353 implements MigrationInterface {
    name = 'ProviderRequest1795612221353'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "provider_request" ("id" varchar(36) PRIMARY KEY NOT NULL, "reseller_id" varchar(36) NOT NULL, "provider_id" varchar(36) NOT NULL, "customer_id" varchar(36) NOT NULL, "action" varchar(20) NOT NULL, "subscription_id" varchar(36), "offer_name" varchar(200), "offer_id" varchar(100), "offer_kind" varchar(20), "quantity" integer, "term_duration" varchar(5), "note" varchar(1000), "status" varchar(20) NOT NULL, "response_note" varchar(1000), "created_by_user_id" varchar(36), "created_at" datetime NOT NULL, "responded_at" datetime, "version" integer NOT NULL DEFAULT (1))`);
        await queryRunner.query(`CREATE INDEX "IDX_4a6430c66eac42c7b9b5c0a10c" ON "provider_request" ("reseller_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_3fca5d8530c2f132b788f1a5b7" ON "provider_request" ("provider_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_4aba74e8b9b93f6ac48215e8c6" ON "provider_request" ("customer_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_bfd2e981ea5232398bd6646000" ON "provider_request" ("subscription_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_638bfc146d57f997ed2d93e585" ON "provider_request" ("status") `);
        await queryRunner.query(`CREATE INDEX "IDX_e156d702dab9211510b50f12ef" ON "provider_request" ("created_at") `);
        await queryRunner.query(`DROP INDEX "IDX_4a6430c66eac42c7b9b5c0a10c"`);
        await queryRunner.query(`DROP INDEX "IDX_3fca5d8530c2f132b788f1a5b7"`);
        await queryRunner.query(`DROP INDEX "IDX_4aba74e8b9b93f6ac48215e8c6"`);
        await queryRunner.query(`DROP INDEX "IDX_bfd2e981ea5232398bd6646000"`);
        await queryRunner.query(`DROP INDEX "IDX_638bfc146d57f997ed2d93e585"`);
        await queryRunner.query(`DROP INDEX "IDX_e156d702dab9211510b50f12ef"`);
        await queryRunner.query(`CREATE TABLE "temporary_provider_request" ("id" varchar(36) PRIMARY KEY NOT NULL, "reseller_id" varchar(36) NOT NULL, "provider_id" varchar(36) NOT NULL, "customer_id" varchar(36) NOT NULL, "action" varchar(20) NOT NULL, "subscription_id" varchar(36), "offer_name" varchar(200), "offer_id" varchar(100), "offer_kind" varchar(20), "quantity" integer, "term_duration" varchar(5), "note" varchar(1000), "status" varchar(20) NOT NULL, "response_note" varchar(1000), "created_by_user_id" varchar(36), "created_at" datetime NOT NULL, "responded_at" datetime, "version" integer NOT NULL DEFAULT (1), CONSTRAINT "FK_4a6430c66eac42c7b9b5c0a10c9" FOREIGN KEY ("reseller_id") REFERENCES "partner" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_3fca5d8530c2f132b788f1a5b70" FOREIGN KEY ("provider_id") REFERENCES "partner" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_4aba74e8b9b93f6ac48215e8c67" FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_bfd2e981ea5232398bd6646000e" FOREIGN KEY ("subscription_id") REFERENCES "customer_subscription" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_provider_request"("id", "reseller_id", "provider_id", "customer_id", "action", "subscription_id", "offer_name", "offer_id", "offer_kind", "quantity", "term_duration", "note", "status", "response_note", "created_by_user_id", "created_at", "responded_at", "version") SELECT "id", "reseller_id", "provider_id", "customer_id", "action", "subscription_id", "offer_name", "offer_id", "offer_kind", "quantity", "term_duration", "note", "status", "response_note", "created_by_user_id", "created_at", "responded_at", "version" FROM "provider_request"`);
        await queryRunner.query(`DROP TABLE "provider_request"`);
        await queryRunner.query(`ALTER TABLE "temporary_provider_request" RENAME TO "provider_request"`);
        await queryRunner.query(`CREATE INDEX "IDX_4a6430c66eac42c7b9b5c0a10c" ON "provider_request" ("reseller_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_3fca5d8530c2f132b788f1a5b7" ON "provider_request" ("provider_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_4aba74e8b9b93f6ac48215e8c6" ON "provider_request" ("customer_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_bfd2e981ea5232398bd6646000" ON "provider_request" ("subscription_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_638bfc146d57f997ed2d93e585" ON "provider_request" ("status") `);
        await queryRunner.query(`CREATE INDEX "IDX_e156d702dab9211510b50f12ef" ON "provider_request" ("created_at") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_e156d702dab9211510b50f12ef"`);
        await queryRunner.query(`DROP INDEX "IDX_638bfc146d57f997ed2d93e585"`);
        await queryRunner.query(`DROP INDEX "IDX_bfd2e981ea5232398bd6646000"`);
        await queryRunner.query(`DROP INDEX "IDX_4aba74e8b9b93f6ac48215e8c6"`);
        await queryRunner.query(`DROP INDEX "IDX_3fca5d8530c2f132b788f1a5b7"`);
        await queryRunner.query(`DROP INDEX "IDX_4a6430c66eac42c7b9b5c0a10c"`);
        await queryRunner.query(`ALTER TABLE "provider_request" RENAME TO "temporary_provider_request"`);
        await queryRunner.query(`CREATE TABLE "provider_request" ("id" varchar(36) PRIMARY KEY NOT NULL, "reseller_id" varchar(36) NOT NULL, "provider_id" varchar(36) NOT NULL, "customer_id" varchar(36) NOT NULL, "action" varchar(20) NOT NULL, "subscription_id" varchar(36), "offer_name" varchar(200), "offer_id" varchar(100), "offer_kind" varchar(20), "quantity" integer, "term_duration" varchar(5), "note" varchar(1000), "status" varchar(20) NOT NULL, "response_note" varchar(1000), "created_by_user_id" varchar(36), "created_at" datetime NOT NULL, "responded_at" datetime, "version" integer NOT NULL DEFAULT (1))`);
        await queryRunner.query(`INSERT INTO "provider_request"("id", "reseller_id", "provider_id", "customer_id", "action", "subscription_id", "offer_name", "offer_id", "offer_kind", "quantity", "term_duration", "note", "status", "response_note", "created_by_user_id", "created_at", "responded_at", "version") SELECT "id", "reseller_id", "provider_id", "customer_id", "action", "subscription_id", "offer_name", "offer_id", "offer_kind", "quantity", "term_duration", "note", "status", "response_note", "created_by_user_id", "created_at", "responded_at", "version" FROM "temporary_provider_request"`);
        await queryRunner.query(`DROP TABLE "temporary_provider_request"`);
        await queryRunner.query(`CREATE INDEX "IDX_e156d702dab9211510b50f12ef" ON "provider_request" ("created_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_638bfc146d57f997ed2d93e585" ON "provider_request" ("status") `);
        await queryRunner.query(`CREATE INDEX "IDX_bfd2e981ea5232398bd6646000" ON "provider_request" ("subscription_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_4aba74e8b9b93f6ac48215e8c6" ON "provider_request" ("customer_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_3fca5d8530c2f132b788f1a5b7" ON "provider_request" ("provider_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_4a6430c66eac42c7b9b5c0a10c" ON "provider_request" ("reseller_id") `);
        await queryRunner.query(`DROP INDEX "IDX_e156d702dab9211510b50f12ef"`);
        await queryRunner.query(`DROP INDEX "IDX_638bfc146d57f997ed2d93e585"`);
        await queryRunner.query(`DROP INDEX "IDX_bfd2e981ea5232398bd6646000"`);
        await queryRunner.query(`DROP INDEX "IDX_4aba74e8b9b93f6ac48215e8c6"`);
        await queryRunner.query(`DROP INDEX "IDX_3fca5d8530c2f132b788f1a5b7"`);
        await queryRunner.query(`DROP INDEX "IDX_4a6430c66eac42c7b9b5c0a10c"`);
        await queryRunner.query(`DROP TABLE "provider_request"`);
    }

}
