import { MigrationInterface, QueryRunner } from "typeorm";

/** The partner's record of a customer's Microsoft Customer Agreement acceptance (recordCustomerAgreement). */
export class CustomerAgreement1796199000000 implements MigrationInterface {
    name = 'CustomerAgreement1796199000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "customer" ADD COLUMN "mca_accepted_on" date`);
        await queryRunner.query(`ALTER TABLE "customer" ADD COLUMN "mca_accepted_by_name" varchar(200)`);
        await queryRunner.query(`ALTER TABLE "customer" ADD COLUMN "mca_accepted_by_email" varchar(254)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "customer" DROP COLUMN "mca_accepted_by_email"`);
        await queryRunner.query(`ALTER TABLE "customer" DROP COLUMN "mca_accepted_by_name"`);
        await queryRunner.query(`ALTER TABLE "customer" DROP COLUMN "mca_accepted_on"`);
    }

}
