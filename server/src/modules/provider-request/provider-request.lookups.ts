import { findByGlobalId, forUpdate } from "../../common/lookup";
import { userError, UserErrorCode } from "../../common/user-error";
import type { ServiceContext } from "../../service-context";
import { ProviderRequest } from "./provider-request.entity";

/** A request the viewer's partner sent or received, locked for the update (PostgreSQL), or NOT_FOUND on `field`. */
export async function visibleProviderRequest(
  s: ServiceContext,
  globalId: string | null | undefined,
  field = "requestId",
): Promise<ProviderRequest> {
  const request = await findByGlobalId(
    globalId,
    "ProviderRequest",
    (id) => {
      const qb = s.scope
        .visibleProviderRequests(s.em.getRepository(ProviderRequest).createQueryBuilder("pr"), "pr")
        .andWhere("pr.id = :id", { id });
      return forUpdate(qb, s.canLockRows).getOne();
    },
    () => userError(field, UserErrorCode.NOT_FOUND, s.t("PROVIDER_REQUEST_NOT_FOUND")),
  );
  s.audit.target("ProviderRequest", request.id).target("Customer", request.customerId).concerns(request.resellerId);
  return request;
}
