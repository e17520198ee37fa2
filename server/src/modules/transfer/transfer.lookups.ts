import { findByGlobalId, forUpdate } from "../../common/lookup";
import { userError, UserErrorCode } from "../../common/user-error";
import type { ServiceContext } from "../../service-context";
import { Transfer } from "./transfer.entity";

/** A transfer the viewer's network is a party to, locked for the update (PostgreSQL), or NOT_FOUND on `field`. */
export async function visibleTransfer(
  s: ServiceContext,
  globalId: string | null | undefined,
  field = "transferId",
): Promise<Transfer> {
  const transfer = await findByGlobalId(
    globalId,
    "Transfer",
    (id) => {
      const qb = s.scope
        .visibleTransfers(s.em.getRepository(Transfer).createQueryBuilder("t"), "t")
        .andWhere("t.id = :id", { id });
      return forUpdate(qb, s.canLockRows).getOne();
    },
    () => userError(field, UserErrorCode.NOT_FOUND, s.t("TRANSFER_NOT_FOUND")),
  );
  s.audit.target("Transfer", transfer.id).target("Customer", transfer.customerId);
  if (transfer.resellerId) s.audit.concerns(transfer.resellerId);
  return transfer;
}
