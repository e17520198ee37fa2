import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import { ensureThat, type Failure } from "./ensure";

/** PostgreSQL's unique_violation SQLSTATE, and better-sqlite3's codes for a unique index or primary key. */
const UNIQUE_CODES = new Set(["23505", "SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"]);

/**
 * True when a write failed on a unique constraint or index, on either dialect. TypeORM wraps the driver's error
 * (QueryFailedError.driverError); the code is read from either.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const driverError = "driverError" in error ? error.driverError : error;
  const code =
    typeof driverError === "object" && driverError !== null && "code" in driverError ? driverError.code : null;
  return typeof code === "string" && UNIQUE_CODES.has(code);
}

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
