import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { ProviderRequestStatus, type ProviderRequest } from "./provider-request.entity";

// A provider request is live while OPEN: until the provider answers it (FULFILLED, DECLINED) or the reseller
// withdraws it. The predicate and its SQL twin, side by side.

/** The request still waits for an answer. */
export function isOpen(r: Pick<ProviderRequest, "status">): boolean {
  return r.status === ProviderRequestStatus.OPEN;
}

/** SQL filter of isOpen (alias.status). */
export function whereOpen<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string): SelectQueryBuilder<T> {
  return qb.andWhere(`${alias}.status = :openStatus`, { openStatus: ProviderRequestStatus.OPEN });
}
