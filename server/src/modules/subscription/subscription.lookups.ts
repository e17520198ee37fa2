import { findByGlobalId, forUpdate } from "../../common/lookup";
import { userError, UserErrorCode } from "../../common/user-error";
import type { ServiceContext } from "../../service-context";
import { CustomerSubscription } from "./customer-subscription.entity";

/**
 * A subscription the viewer's network may see, or a NOT_FOUND user error on `field`. With `lock`, it is read locked
 * for the update (PostgreSQL), so the decision and the write see the same row.
 */
export async function visibleSubscription(
  s: ServiceContext,
  globalId: string | null | undefined,
  options: { field?: string; lock?: boolean } = {},
): Promise<CustomerSubscription> {
  const field = options.field ?? "subscriptionId";
  // For an update, one statement reads the row in the viewer's scope and locks it (issue 10: it was read through
  // the loader, then read again to lock it).
  const locked = (id: string) =>
    forUpdate(
      s.scope.visibleSubscriptions(
        s.em.getRepository(CustomerSubscription).createQueryBuilder("s").where("s.id = :id", { id }),
        "s",
      ),
      s.canLockRows,
    ).getOne();
  const visible = await findByGlobalId(
    globalId,
    "CustomerSubscription",
    (id) => (options.lock ? locked(id) : s.loaders.subscription.load(id)),
    () => userError(field, UserErrorCode.NOT_FOUND, s.t("SUBSCRIPTION_NOT_FOUND")),
  );
  s.audit.target("CustomerSubscription", visible.id).target("Customer", visible.customerId);
  if (visible.resellerOfRecordId) s.audit.concerns(visible.resellerOfRecordId);
  return visible;
}
