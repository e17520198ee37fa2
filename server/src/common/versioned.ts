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
  options: {
    expectedVersion?: number | null;
    where?: Partial<Record<keyof E & string, unknown>>;
    /** `row` is the complete entity read in this transaction: the result is built from it, not read again. */
    read?: E;
  } = {},
): Promise<E> {
  const result = await em
    .createQueryBuilder()
    .update(entity)
    .set({ ...changes, version: () => "version + 1" } as QueryDeepPartialEntity<E>)
    .where({ ...options.where, id: row.id, version: options.expectedVersion ?? row.version })
    .execute();
  ensureThat(result.affected === 1, onConflict);
  // The whole row as read in this transaction (locked where the database can lock) and still at the version the
  // update matched: what was written is that row with the changes, known without reading it again. Changes
  // computed by SQL (functions) are read back.
  const read = options.read;
  if (read && read.id === row.id && !Object.values(changes).some((v) => typeof v === "function")) {
    return Object.assign(em.create(entity), read, changes, { version: read.version + 1 });
  }
  return em.getRepository(entity).findOneByOrFail({ id: row.id } as FindOptionsWhere<E>);
}
