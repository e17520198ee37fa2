import { Brackets, type DataSource, type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from "typeorm";
import type { ScopeShape, TenantScope } from "../../auth/scope";
import { badInput } from "../../common/errors";
import { isIsoDate } from "../../common/dates";
import { fromGlobalId, requireId } from "../../common/global-id";
import { CustomerSubscription } from "./customer-subscription.entity";
import type { SubscriptionFilter } from "./subscription.types";

/**
 * The scoped, filtered subscription query shared by the list and the dashboards. `shape` "list" for a statement that
 * aggregates over the whole network (TenantScope.visibleCustomers).
 */
export function subscriptionQuery(
  ds: DataSource | EntityManager,
  scope: TenantScope,
  filter: SubscriptionFilter | null,
  fieldPrefix = "filter",
  shape: ScopeShape = "probe",
): SelectQueryBuilder<CustomerSubscription> {
  return subscriptionConditions(
    ds.getRepository(CustomerSubscription).createQueryBuilder("s"),
    scope,
    filter,
    fieldPrefix,
    shape,
  );
}

/**
 * The scope and filter conditions of `subscriptionQuery` on `qb` (alias `s`): only where-methods, so a hand-written
 * statement records them too (common/scoped-sql.ts).
 */
export function subscriptionConditions<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  scope: TenantScope,
  filter: SubscriptionFilter | null,
  fieldPrefix = "filter",
  shape: ScopeShape = "probe",
): SelectQueryBuilder<T> {
  scope.visibleSubscriptions(qb, "s", shape);
  if (!filter) return qb;
  if (filter.status?.length) qb.andWhere("s.status IN (:...statuses)", { statuses: filter.status });
  if (filter.channel?.length) qb.andWhere("s.channel IN (:...channels)", { channels: filter.channel });
  if (filter.offerKind) qb.andWhere("s.offer_kind = :offerKind", { offerKind: filter.offerKind });
  for (const [key, op] of [
    ["termEndsBefore", "<="],
    ["termEndsAfter", ">="],
  ] as const) {
    const value = filter[key];
    if (value === null || value === undefined) continue;
    if (!isIsoDate(value)) throw badInput(`${fieldPrefix}.${key}`, "must be a date YYYY-MM-DD");
    qb.andWhere(`s.commitment_end_date ${op} :${key}`, { [key]: value });
  }
  if (filter.customerId) {
    qb.andWhere("s.customer_id = :customerId", {
      customerId: requireId(filter.customerId, "Customer", `${fieldPrefix}.customerId`),
    });
  }
  if (filter.resellerId) {
    qb.andWhere("s.reseller_of_record_id = :rorId", {
      rorId: requireId(filter.resellerId, "Partner", `${fieldPrefix}.resellerId`),
    });
  }
  if (filter.ids) {
    const ids = filter.ids.map((id) => requireId(id, "CustomerSubscription", `${fieldPrefix}.ids`));
    if (ids.length === 0) qb.andWhere("1 = 0");
    else qb.andWhere("s.id IN (:...filterIds)", { filterIds: ids });
  }
  if (filter.search) {
    const raw = filter.search.trim();
    const term = `%${raw.toLowerCase()}%`;
    // The global search finds a subscription by its offer, its catalog offer id, or its own id (either form).
    const id = fromGlobalId(raw)?.id ?? raw.toLowerCase();
    qb.andWhere(
      new Brackets((w) =>
        w
          .where("LOWER(s.offer_name) LIKE :term", { term })
          .orWhere("LOWER(s.offer_id) = :offerId", { offerId: raw.toLowerCase() })
          .orWhere("s.id = :searchId", { searchId: id }),
      ),
    );
  }
  return qb;
}
