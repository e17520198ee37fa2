import { MigrationInterface, QueryRunner } from "typeorm";

// Rule book V2: a subscription's product type, purchase and renewal instants, seat tranches, maximum seats,
// scheduled change and (Azure plans) active Azure subscriptions. Existing rows get RULES.md's defaults: the product
// type from the offer kind and isAzurePlan, the instants at 00:00:00 UTC of their dates, one tranche of every seat
// at the last renewal (else the purchase), no maximum, nothing scheduled, no active Azure subscription.
export class SubscriptionLifecycle1796400000000 implements MigrationInterface {
  name = "SubscriptionLifecycle1796400000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    const add = (column: string) => queryRunner.query(`ALTER TABLE "customer_subscription" ADD COLUMN ${column}`);
    await add(`"product_type" varchar(30) NOT NULL DEFAULT ('LICENSE')`);
    await add(`"purchased_at" datetime NOT NULL DEFAULT ('1970-01-01 00:00:00.000')`);
    await add(`"renewed_at" datetime`);
    await add(`"tranches" text NOT NULL DEFAULT ('[]')`);
    await add(`"max_quantity" integer`);
    await add(`"scheduled_change" text`);
    await add(`"active_azure_subscriptions" integer NOT NULL DEFAULT (0)`);
    await queryRunner.query(`UPDATE "customer_subscription" SET
      "product_type" = CASE WHEN "is_azure_plan" THEN 'AZURE_PLAN' WHEN "offer_kind" = 'USAGE_BASED' THEN 'USAGE' ELSE 'LICENSE' END,
      "purchased_at" = "purchase_date" || ' 00:00:00.000',
      "renewed_at" = CASE WHEN "renewal_date" IS NULL THEN NULL ELSE "renewal_date" || ' 00:00:00.000' END,
      "tranches" = CASE WHEN "quantity" < 1 THEN '[]' ELSE
        '[{"quantity":' || "quantity" || ',"purchasedAt":"' || COALESCE("renewal_date", "purchase_date") || 'T00:00:00Z"}]' END`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of [
      "active_azure_subscriptions",
      "scheduled_change",
      "max_quantity",
      "tranches",
      "renewed_at",
      "purchased_at",
      "product_type",
    ])
      await queryRunner.query(`ALTER TABLE "customer_subscription" DROP COLUMN "${column}"`);
  }
}
