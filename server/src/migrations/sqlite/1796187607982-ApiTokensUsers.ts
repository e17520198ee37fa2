import { MigrationInterface, QueryRunner } from "typeorm";

export class ApiTokensUsers1796187607982 implements MigrationInterface {
    name = 'ApiTokensUsers1796187607982'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "api_token" ("id" varchar(36) PRIMARY KEY NOT NULL, "partner_id" varchar(36) NOT NULL, "name" varchar(100) NOT NULL, "scopes" text NOT NULL, "prefix" varchar(12) NOT NULL, "secret_hash" varchar(64) NOT NULL, "role" varchar(30) NOT NULL, "created_by_user_id" varchar(36) NOT NULL, "created_at" datetime NOT NULL, "expires_at" datetime NOT NULL, "last_used_at" datetime, "revoked_at" datetime, CONSTRAINT "UQ_482a03313c765083f39c50f7357" UNIQUE ("secret_hash"))`);
        await queryRunner.query(`CREATE INDEX "IDX_9b695da45de0a5798b029eb24c" ON "api_token" ("partner_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_4a865bf1ab72c27c0b8e784b34" ON "api_token" ("created_by_user_id") `);
        await queryRunner.query(`DROP INDEX "IDX_b512a254641f366fb1de78a2a2"`);
        await queryRunner.query(`CREATE TABLE "temporary_user" ("id" varchar(36) PRIMARY KEY NOT NULL, "partner_id" varchar(36) NOT NULL, "email" varchar(254) NOT NULL, "display_name" varchar(200) NOT NULL, "role" varchar(30) NOT NULL, "deactivated_at" datetime, CONSTRAINT "UQ_e12875dfb3b1d92d7d7c5377e22" UNIQUE ("email"), CONSTRAINT "FK_b512a254641f366fb1de78a2a25" FOREIGN KEY ("partner_id") REFERENCES "partner" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_user"("id", "partner_id", "email", "display_name", "role") SELECT "id", "partner_id", "email", "display_name", "role" FROM "user"`);
        await queryRunner.query(`DROP TABLE "user"`);
        await queryRunner.query(`ALTER TABLE "temporary_user" RENAME TO "user"`);
        await queryRunner.query(`CREATE INDEX "IDX_b512a254641f366fb1de78a2a2" ON "user" ("partner_id") `);
        await queryRunner.query(`DROP INDEX "IDX_9b695da45de0a5798b029eb24c"`);
        await queryRunner.query(`DROP INDEX "IDX_4a865bf1ab72c27c0b8e784b34"`);
        await queryRunner.query(`CREATE TABLE "temporary_api_token" ("id" varchar(36) PRIMARY KEY NOT NULL, "partner_id" varchar(36) NOT NULL, "name" varchar(100) NOT NULL, "scopes" text NOT NULL, "prefix" varchar(12) NOT NULL, "secret_hash" varchar(64) NOT NULL, "role" varchar(30) NOT NULL, "created_by_user_id" varchar(36) NOT NULL, "created_at" datetime NOT NULL, "expires_at" datetime NOT NULL, "last_used_at" datetime, "revoked_at" datetime, CONSTRAINT "UQ_482a03313c765083f39c50f7357" UNIQUE ("secret_hash"), CONSTRAINT "FK_9b695da45de0a5798b029eb24cf" FOREIGN KEY ("partner_id") REFERENCES "partner" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_4a865bf1ab72c27c0b8e784b349" FOREIGN KEY ("created_by_user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_api_token"("id", "partner_id", "name", "scopes", "prefix", "secret_hash", "role", "created_by_user_id", "created_at", "expires_at", "last_used_at", "revoked_at") SELECT "id", "partner_id", "name", "scopes", "prefix", "secret_hash", "role", "created_by_user_id", "created_at", "expires_at", "last_used_at", "revoked_at" FROM "api_token"`);
        await queryRunner.query(`DROP TABLE "api_token"`);
        await queryRunner.query(`ALTER TABLE "temporary_api_token" RENAME TO "api_token"`);
        await queryRunner.query(`CREATE INDEX "IDX_9b695da45de0a5798b029eb24c" ON "api_token" ("partner_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_4a865bf1ab72c27c0b8e784b34" ON "api_token" ("created_by_user_id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_4a865bf1ab72c27c0b8e784b34"`);
        await queryRunner.query(`DROP INDEX "IDX_9b695da45de0a5798b029eb24c"`);
        await queryRunner.query(`ALTER TABLE "api_token" RENAME TO "temporary_api_token"`);
        await queryRunner.query(`CREATE TABLE "api_token" ("id" varchar(36) PRIMARY KEY NOT NULL, "partner_id" varchar(36) NOT NULL, "name" varchar(100) NOT NULL, "scopes" text NOT NULL, "prefix" varchar(12) NOT NULL, "secret_hash" varchar(64) NOT NULL, "role" varchar(30) NOT NULL, "created_by_user_id" varchar(36) NOT NULL, "created_at" datetime NOT NULL, "expires_at" datetime NOT NULL, "last_used_at" datetime, "revoked_at" datetime, CONSTRAINT "UQ_482a03313c765083f39c50f7357" UNIQUE ("secret_hash"))`);
        await queryRunner.query(`INSERT INTO "api_token"("id", "partner_id", "name", "scopes", "prefix", "secret_hash", "role", "created_by_user_id", "created_at", "expires_at", "last_used_at", "revoked_at") SELECT "id", "partner_id", "name", "scopes", "prefix", "secret_hash", "role", "created_by_user_id", "created_at", "expires_at", "last_used_at", "revoked_at" FROM "temporary_api_token"`);
        await queryRunner.query(`DROP TABLE "temporary_api_token"`);
        await queryRunner.query(`CREATE INDEX "IDX_4a865bf1ab72c27c0b8e784b34" ON "api_token" ("created_by_user_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_9b695da45de0a5798b029eb24c" ON "api_token" ("partner_id") `);
        await queryRunner.query(`DROP INDEX "IDX_b512a254641f366fb1de78a2a2"`);
        await queryRunner.query(`ALTER TABLE "user" RENAME TO "temporary_user"`);
        await queryRunner.query(`CREATE TABLE "user" ("id" varchar(36) PRIMARY KEY NOT NULL, "partner_id" varchar(36) NOT NULL, "email" varchar(254) NOT NULL, "display_name" varchar(200) NOT NULL, "role" varchar(30) NOT NULL, CONSTRAINT "UQ_e12875dfb3b1d92d7d7c5377e22" UNIQUE ("email"), CONSTRAINT "FK_b512a254641f366fb1de78a2a25" FOREIGN KEY ("partner_id") REFERENCES "partner" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "user"("id", "partner_id", "email", "display_name", "role") SELECT "id", "partner_id", "email", "display_name", "role" FROM "temporary_user"`);
        await queryRunner.query(`DROP TABLE "temporary_user"`);
        await queryRunner.query(`CREATE INDEX "IDX_b512a254641f366fb1de78a2a2" ON "user" ("partner_id") `);
        await queryRunner.query(`DROP INDEX "IDX_4a865bf1ab72c27c0b8e784b34"`);
        await queryRunner.query(`DROP INDEX "IDX_9b695da45de0a5798b029eb24c"`);
        await queryRunner.query(`DROP TABLE "api_token"`);
    }

}
