import { MigrationInterface, QueryRunner } from "typeorm";

// Eligibility facts (issue 10): TRANSFER's R14 reads the actor's Azure plans of a page's customers. A partial index
// on the few Azure plan rows, by (customer, transacting partner), answers that without scanning every subscription
// of each customer. The predicate is written as the query writes it (`= TRUE`) so that SQLite's planner can use it.
export class EligibilityFactsIndex1796620000000 implements MigrationInterface {
  name = "EligibilityFactsIndex1796620000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_sub_azure_plan_customer_partner" ON "customer_subscription" ("customer_id", "transacting_partner_id") WHERE "is_azure_plan" = TRUE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_sub_azure_plan_customer_partner"`);
  }
}
