import { MigrationInterface, QueryRunner } from "typeorm";

export class OidcSessions1796194947887 implements MigrationInterface {
    name = 'OidcSessions1796194947887'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "user_session" ("id" character varying(36) NOT NULL, "secret_hash" character varying(64) NOT NULL, "user_id" character varying(36) NOT NULL, "method" character varying(10) NOT NULL, "created_at" TIMESTAMP NOT NULL, "expires_at" TIMESTAMP NOT NULL, CONSTRAINT "UQ_6f052e42a0309fe9096abe6551d" UNIQUE ("secret_hash"), CONSTRAINT "PK_adf3b49590842ac3cf54cac451a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_13275383dcdf095ee29f2b3455" ON "user_session"  ("user_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_0e82e6a3406d6ea5e5c4d06458" ON "user_session"  ("expires_at") `);
        await queryRunner.query(`ALTER TABLE "user" ADD "oidc_tenant_id" character varying(64)`);
        await queryRunner.query(`ALTER TABLE "user" ADD "oidc_object_id" character varying(64)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_20dec7ec641306c460c4fbe0cc" ON "user"  ("oidc_tenant_id", "oidc_object_id") `);
        await queryRunner.query(`ALTER TABLE "user_session" ADD CONSTRAINT "FK_13275383dcdf095ee29f2b3455a" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "user_session" DROP CONSTRAINT "FK_13275383dcdf095ee29f2b3455a"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_20dec7ec641306c460c4fbe0cc"`);
        await queryRunner.query(`ALTER TABLE "user" DROP COLUMN "oidc_object_id"`);
        await queryRunner.query(`ALTER TABLE "user" DROP COLUMN "oidc_tenant_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_0e82e6a3406d6ea5e5c4d06458"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_13275383dcdf095ee29f2b3455"`);
        await queryRunner.query(`DROP TABLE "user_session"`);
    }

}
