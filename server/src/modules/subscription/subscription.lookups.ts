import { findByGlobalId, forUpdate } from "../../common/lookup";
import { userError, UserErrorCode } from "../../common/user-error";
import type { ServiceContext } from "../../service-context";
import { CustomerSubscription } from "./customer-subscription.entity";

/**
 * A subscription the viewer's network may see, or a NOT_FOUND user error on `field`. With `lock`, it is read again
 * locked for the update (PostgreSQL), so the decision and the write see the same row.
 */
export async function visibleSubscription(
  s: ServiceContext,
  globalId: string | null | undefined,
  options: { field?: string; lock?: boolean } = {},
): Promise<CustomerSubscription> {
  const field = options.field ?? "subscriptionId";
  const visible = await findByGlobalId(
    globalId,
    "CustomerSubscription",
    (id) => s.loaders.subscription.load(id),
    () => userError(field, UserErrorCode.NOT_FOUND, s.t("SUBSCRIPTION_NOT_FOUND")),
  );
  s.audit.target("CustomerSubscription", visible.id).target("Customer", visible.customerId);
  if (visible.resellerOfRecordId) s.audit.concerns(visible.resellerOfRecordId);
  if (!options.lock) return visible;
  const qb = s.em.getRepository(CustomerSubscription).createQueryBuilder("s").where("s.id = :id", { id: visible.id });
  return forUpdate(qb, s.canLockRows).getOneOrFail();
}
