import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { ensure, type Failure } from "./ensure";
import { decodeId, INVALID_ID, type NodeTypeName } from "./global-id";

/**
 * The row a global id argument names, loaded by `load` (which applies the viewer's scope), or `notFound`. An absent,
 * malformed or other-type id is "not found" too: the caller asked for something, and nothing of that type matches.
 */
export async function findByGlobalId<T>(
  globalId: string | null | undefined,
  type: NodeTypeName,
  load: (id: string) => Promise<T | null>,
  notFound: Failure,
): Promise<NonNullable<T>> {
  const id = decodeId(globalId, type);
  return ensure(id === null || id === INVALID_ID ? null : await load(id), notFound);
}

/** Locks the rows a query reads until the transaction ends, where the database can (PostgreSQL). */
export function forUpdate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  canLockRows: boolean,
): SelectQueryBuilder<T> {
  return canLockRows ? qb.setLock("pessimistic_write") : qb;
}
