import { MigrationInterface, QueryRunner } from "typeorm";

export class OidcSessions1796194940745 implements MigrationInterface {
    name = 'OidcSessions1796194940745'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "user_session" ("id" varchar(36) PRIMARY KEY NOT NULL, "secret_hash" varchar(64) NOT NULL, "user_id" varchar(36) NOT NULL, "method" varchar(10) NOT NULL, "created_at" datetime NOT NULL, "expires_at" datetime NOT NULL, CONSTRAINT "UQ_6f052e42a0309fe9096abe6551d" UNIQUE ("secret_hash"))`);
        await queryRunner.query(`CREATE INDEX "IDX_13275383dcdf095ee29f2b3455" ON "user_session" ("user_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_0e82e6a3406d6ea5e5c4d06458" ON "user_session" ("expires_at") `);
        await queryRunner.query(`DROP INDEX "IDX_b512a254641f366fb1de78a2a2"`);
        await queryRunner.query(`CREATE TABLE "temporary_user" ("id" varchar(36) PRIMARY KEY NOT NULL, "partner_id" varchar(36) NOT NULL, "email" varchar(254) NOT NULL, "display_name" varchar(200) NOT NULL, "role" varchar(30) NOT NULL, "deactivated_at" datetime, "oidc_tenant_id" varchar(64), "oidc_object_id" varchar(64), CONSTRAINT "UQ_e12875dfb3b1d92d7d7c5377e22" UNIQUE ("email"), CONSTRAINT "FK_b512a254641f366fb1de78a2a25" FOREIGN KEY ("partner_id") REFERENCES "partner" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_user"("id", "partner_id", "email", "display_name", "role", "deactivated_at") SELECT "id", "partner_id", "email", "display_name", "role", "deactivated_at" FROM "user"`);
        await queryRunner.query(`DROP TABLE "user"`);
        await queryRunner.query(`ALTER TABLE "temporary_user" RENAME TO "user"`);
        await queryRunner.query(`CREATE INDEX "IDX_b512a254641f366fb1de78a2a2" ON "user" ("partner_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_20dec7ec641306c460c4fbe0cc" ON "user" ("oidc_tenant_id", "oidc_object_id") `);
        await queryRunner.query(`DROP INDEX "IDX_13275383dcdf095ee29f2b3455"`);
        await queryRunner.query(`DROP INDEX "IDX_0e82e6a3406d6ea5e5c4d06458"`);
        await queryRunner.query(`CREATE TABLE "temporary_user_session" ("id" varchar(36) PRIMARY KEY NOT NULL, "secret_hash" varchar(64) NOT NULL, "user_id" varchar(36) NOT NULL, "method" varchar(10) NOT NULL, "created_at" datetime NOT NULL, "expires_at" datetime NOT NULL, CONSTRAINT "UQ_6f052e42a0309fe9096abe6551d" UNIQUE ("secret_hash"), CONSTRAINT "FK_13275383dcdf095ee29f2b3455a" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_user_session"("id", "secret_hash", "user_id", "method", "created_at", "expires_at") SELECT "id", "secret_hash", "user_id", "method", "created_at", "expires_at" FROM "user_session"`);
        await queryRunner.query(`DROP TABLE "user_session"`);
        await queryRunner.query(`ALTER TABLE "temporary_user_session" RENAME TO "user_session"`);
        await queryRunner.query(`CREATE INDEX "IDX_13275383dcdf095ee29f2b3455" ON "user_session" ("user_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_0e82e6a3406d6ea5e5c4d06458" ON "user_session" ("expires_at") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_0e82e6a3406d6ea5e5c4d06458"`);
        await queryRunner.query(`DROP INDEX "IDX_13275383dcdf095ee29f2b3455"`);
        await queryRunner.query(`ALTER TABLE "user_session" RENAME TO "temporary_user_session"`);
        await queryRunner.query(`CREATE TABLE "user_session" ("id" varchar(36) PRIMARY KEY NOT NULL, "secret_hash" varchar(64) NOT NULL, "user_id" varchar(36) NOT NULL, "method" varchar(10) NOT NULL, "created_at" datetime NOT NULL, "expires_at" datetime NOT NULL, CONSTRAINT "UQ_6f052e42a0309fe9096abe6551d" UNIQUE ("secret_hash"))`);
        await queryRunner.query(`INSERT INTO "user_session"("id", "secret_hash", "user_id", "method", "created_at", "expires_at") SELECT "id", "secret_hash", "user_id", "method", "created_at", "expires_at" FROM "temporary_user_session"`);
        await queryRunner.query(`DROP TABLE "temporary_user_session"`);
        await queryRunner.query(`CREATE INDEX "IDX_0e82e6a3406d6ea5e5c4d06458" ON "user_session" ("expires_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_13275383dcdf095ee29f2b3455" ON "user_session" ("user_id") `);
        await queryRunner.query(`DROP INDEX "IDX_20dec7ec641306c460c4fbe0cc"`);
        await queryRunner.query(`DROP INDEX "IDX_b512a254641f366fb1de78a2a2"`);
        await queryRunner.query(`ALTER TABLE "user" RENAME TO "temporary_user"`);
        await queryRunner.query(`CREATE TABLE "user" ("id" varchar(36) PRIMARY KEY NOT NULL, "partner_id" varchar(36) NOT NULL, "email" varchar(254) NOT NULL, "display_name" varchar(200) NOT NULL, "role" varchar(30) NOT NULL, "deactivated_at" datetime, CONSTRAINT "UQ_e12875dfb3b1d92d7d7c5377e22" UNIQUE ("email"), CONSTRAINT "FK_b512a254641f366fb1de78a2a25" FOREIGN KEY ("partner_id") REFERENCES "partner" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "user"("id", "partner_id", "email", "display_name", "role", "deactivated_at") SELECT "id", "partner_id", "email", "display_name", "role", "deactivated_at" FROM "temporary_user"`);
        await queryRunner.query(`DROP TABLE "temporary_user"`);
        await queryRunner.query(`CREATE INDEX "IDX_b512a254641f366fb1de78a2a2" ON "user" ("partner_id") `);
        await queryRunner.query(`DROP INDEX "IDX_0e82e6a3406d6ea5e5c4d06458"`);
        await queryRunner.query(`DROP INDEX "IDX_13275383dcdf095ee29f2b3455"`);
        await queryRunner.query(`DROP TABLE "user_session"`);
    }

}
