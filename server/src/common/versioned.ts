import type { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from "typeorm";
import type { QueryDeepPartialEntity } from "typeorm/query-builder/QueryPartialEntity";
import { ensureThat, type Failure } from "./ensure";

/** A row with optimistic concurrency: every write bumps `version`. */
export interface Versioned {
  id: string;
  version: number;
}

/**
 * Writes `changes` to the row only if it still has the version that was read (or `expectedVersion`, the one a
 * client saw) and matches `where` (e.g. still PENDING), bumping `version`; otherwise someone else changed it first
 * and `onConflict` fails the mutation. Returns the row as written.
 */
export async function updateVersioned<E extends ObjectLiteral & Versioned>(
  em: EntityManager,
  entity: EntityTarget<E>,
  row: Versioned,
  changes: QueryDeepPartialEntity<E>,
  onConflict: Failure,
  options: { expectedVersion?: number | null; where?: Partial<Record<keyof E & string, unknown>> } = {},
): Promise<E> {
  const result = await em
    .createQueryBuilder()
    .update(entity)
    .set({ ...changes, version: () => "version + 1" } as QueryDeepPartialEntity<E>)
    .where({ ...options.where, id: row.id, version: options.expectedVersion ?? row.version })
    .execute();
  ensureThat(result.affected === 1, onConflict);
  return em.getRepository(entity).findOneByOrFail({ id: row.id } as FindOptionsWhere<E>);
}
