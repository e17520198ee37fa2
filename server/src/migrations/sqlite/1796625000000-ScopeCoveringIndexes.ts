import { MigrationInterface, QueryRunner } from "typeorm";

// Tenant scoping and dashboard counts read indexes only (issue 10, item 3). auth/scope.ts scopes with
// EXISTS (… scope_cr.customer_id = x AND partner_id IN (network) AND status …): (customer_id, partner_id, status) answers
// that probe from the index alone, so a per-customer statement no longer rebuilds the whole network's customer list
// through the low-selectivity `status` index. (partner_id, status, customer_id) covers the per-partner counts
// (relationship requests, a reseller's customers). The wide customer_subscription index holds every column the scoped
// counts and the dashboard's grouped breakdown read, so they never touch the table; (reseller_of_record_id, status)
// covers a reseller's live-subscription count.
export class ScopeCoveringIndexes1796625000000 implements MigrationInterface {
  name = "ScopeCoveringIndexes1796625000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_scope_cr_customer_partner_status" ON "customer_relationship" ("customer_id", "partner_id", "status")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_scope_cr_partner_status_customer" ON "customer_relationship" ("partner_id", "status", "customer_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_scope_sub_customer_counts" ON "customer_subscription" ("customer_id", "channel", "status", "offer_kind", "commitment_end_date", "transacting_partner_id", "reseller_of_record_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_scope_sub_reseller_status" ON "customer_subscription" ("reseller_of_record_id", "status")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_scope_sub_reseller_status"`);
    await queryRunner.query(`DROP INDEX "IDX_scope_sub_customer_counts"`);
    await queryRunner.query(`DROP INDEX "IDX_scope_cr_partner_status_customer"`);
    await queryRunner.query(`DROP INDEX "IDX_scope_cr_customer_partner_status"`);
  }
}
