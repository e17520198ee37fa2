import { MigrationInterface, QueryRunner } from "typeorm";

// Rule book V2: see the SQLite migration of the same name (same columns, same defaults for existing rows).
export class SubscriptionLifecycle1796400000000 implements MigrationInterface {
  name = "SubscriptionLifecycle1796400000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "customer_subscription"
      ADD "product_type" character varying(30) NOT NULL DEFAULT 'LICENSE',
      ADD "purchased_at" TIMESTAMP,
      ADD "renewed_at" TIMESTAMP,
      ADD "tranches" text NOT NULL DEFAULT '[]',
      ADD "max_quantity" integer,
      ADD "scheduled_change" text,
      ADD "active_azure_subscriptions" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`UPDATE "customer_subscription" SET
      "product_type" = CASE WHEN "is_azure_plan" THEN 'AZURE_PLAN' WHEN "offer_kind" = 'USAGE_BASED' THEN 'USAGE' ELSE 'LICENSE' END,
      "purchased_at" = "purchase_date"::timestamp,
      "renewed_at" = "renewal_date"::timestamp,
      "tranches" = CASE WHEN "quantity" < 1 THEN '[]' ELSE
        json_build_array(json_build_object('quantity', "quantity",
          'purchasedAt', to_char(COALESCE("renewal_date", "purchase_date"), 'YYYY-MM-DD') || 'T00:00:00Z'))::text END`);
    await queryRunner.query(`ALTER TABLE "customer_subscription" ALTER COLUMN "purchased_at" SET NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "customer_subscription"
      DROP COLUMN "active_azure_subscriptions", DROP COLUMN "scheduled_change", DROP COLUMN "max_quantity",
      DROP COLUMN "tranches", DROP COLUMN "renewed_at", DROP COLUMN "purchased_at", DROP COLUMN "product_type"`);
  }
}
