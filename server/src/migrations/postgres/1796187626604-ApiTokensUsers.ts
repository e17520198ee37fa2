import { MigrationInterface, QueryRunner } from "typeorm";

export class ApiTokensUsers1796187626604 implements MigrationInterface {
    name = 'ApiTokensUsers1796187626604'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "api_token" ("id" character varying(36) NOT NULL, "partner_id" character varying(36) NOT NULL, "name" character varying(100) NOT NULL, "scopes" text NOT NULL, "prefix" character varying(12) NOT NULL, "secret_hash" character varying(64) NOT NULL, "role" character varying(30) NOT NULL, "created_by_user_id" character varying(36) NOT NULL, "created_at" TIMESTAMP NOT NULL, "expires_at" TIMESTAMP NOT NULL, "last_used_at" TIMESTAMP, "revoked_at" TIMESTAMP, CONSTRAINT "UQ_482a03313c765083f39c50f7357" UNIQUE ("secret_hash"), CONSTRAINT "PK_d862311c568d175c26f41bc6f98" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_9b695da45de0a5798b029eb24c" ON "api_token"  ("partner_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_4a865bf1ab72c27c0b8e784b34" ON "api_token"  ("created_by_user_id") `);
        await queryRunner.query(`ALTER TABLE "user" ADD "deactivated_at" TIMESTAMP`);
        await queryRunner.query(`ALTER TABLE "api_token" ADD CONSTRAINT "FK_9b695da45de0a5798b029eb24cf" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "api_token" ADD CONSTRAINT "FK_4a865bf1ab72c27c0b8e784b349" FOREIGN KEY ("created_by_user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "api_token" DROP CONSTRAINT "FK_4a865bf1ab72c27c0b8e784b349"`);
        await queryRunner.query(`ALTER TABLE "api_token" DROP CONSTRAINT "FK_9b695da45de0a5798b029eb24cf"`);
        await queryRunner.query(`ALTER TABLE "user" DROP COLUMN "deactivated_at"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_4a865bf1ab72c27c0b8e784b34"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_9b695da45de0a5798b029eb24c"`);
        await queryRunner.query(`DROP TABLE "api_token"`);
    }

}
