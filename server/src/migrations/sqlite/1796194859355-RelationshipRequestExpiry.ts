import { MigrationInterface, QueryRunner } from "typeorm";

/** Acceptance links expire (issue 7 item 5): links issued before this migration get 7 days from their request. */
export class RelationshipRequestExpiry1796194859355 implements MigrationInterface {
    name = 'RelationshipRequestExpiry1796194859355'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "customer_relationship" ADD COLUMN "request_expires_at" datetime`);
        await queryRunner.query(`UPDATE "customer_relationship" SET "request_expires_at" = datetime("requested_at", '+7 days') WHERE "request_token" IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "customer_relationship" DROP COLUMN "request_expires_at"`);
    }
}
