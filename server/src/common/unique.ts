import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import { ensureThat, type Failure } from "./ensure";
import { isUniqueViolation } from "./unique-violation";

export { isUniqueViolation };

/**
 * Inserts the rows, or fails with `duplicate` when a unique constraint refuses them: a concurrent request wrote the
 * same thing first, and the caller gets the answer a sequential duplicate gets. On PostgreSQL the failed statement
 * aborts the transaction, so the failure must end the mutation (a user error does: it rolls back).
 */
export async function insertUnique<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: T | T[],
  duplicate: Failure,
): Promise<void> {
  try {
    await em.insert(target, rows);
  } catch (error) {
    ensureThat(!isUniqueViolation(error), duplicate);
    throw error;
  }
}
