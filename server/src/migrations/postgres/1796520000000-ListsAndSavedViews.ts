import { MigrationInterface, QueryRunner } from "typeorm";

// Sortable lists: an index on (sort column, id) for each list's sort keys, so a keyset page (WHERE col > :v OR
// (col = :v AND id > :id) ORDER BY col, id) reads an index range in either direction. Saved views: a user's named
// list filter and sort.
export class ListsAndSavedViews1796520000000 implements MigrationInterface {
  name = "ListsAndSavedViews1796520000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_list_sub_term_end_id" ON "customer_subscription" ("commitment_end_date", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_list_sub_offer_name_id" ON "customer_subscription" ("offer_name", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_list_sub_quantity_id" ON "customer_subscription" ("quantity", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_list_sub_purchase_date_id" ON "customer_subscription" ("purchase_date", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_list_customer_name_id" ON "customer" ("name", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_list_customer_country_id" ON "customer" ("country", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_list_customer_created_at_id" ON "customer" ("created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_list_partnership_invited_at_id" ON "reseller_partnership" ("invited_at", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_list_transfer_created_at_id" ON "transfer" ("created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_list_request_created_at_id" ON "provider_request" ("created_at", "id")`);
    await queryRunner.query(`CREATE TABLE "saved_view" ("id" character varying(36) NOT NULL, "user_id" character varying(36) NOT NULL, "list" character varying(20) NOT NULL, "name" character varying(100) NOT NULL, "filter" text NOT NULL, "order_by" text, "created_at" TIMESTAMP NOT NULL, "updated_at" TIMESTAMP NOT NULL, CONSTRAINT "UQ_saved_view_user_list_name" UNIQUE ("user_id", "list", "name"), CONSTRAINT "PK_saved_view" PRIMARY KEY ("id"))`);
    await queryRunner.query(`ALTER TABLE "saved_view" ADD CONSTRAINT "FK_saved_view_user" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`CREATE INDEX "IDX_saved_view_user_list" ON "saved_view" ("user_id", "list")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "saved_view"`);
    await queryRunner.query(`DROP INDEX "IDX_list_request_created_at_id"`);
    await queryRunner.query(`DROP INDEX "IDX_list_transfer_created_at_id"`);
    await queryRunner.query(`DROP INDEX "IDX_list_partnership_invited_at_id"`);
    await queryRunner.query(`DROP INDEX "IDX_list_customer_created_at_id"`);
    await queryRunner.query(`DROP INDEX "IDX_list_customer_country_id"`);
    await queryRunner.query(`DROP INDEX "IDX_list_customer_name_id"`);
    await queryRunner.query(`DROP INDEX "IDX_list_sub_purchase_date_id"`);
    await queryRunner.query(`DROP INDEX "IDX_list_sub_quantity_id"`);
    await queryRunner.query(`DROP INDEX "IDX_list_sub_offer_name_id"`);
    await queryRunner.query(`DROP INDEX "IDX_list_sub_term_end_id"`);
  }
}
