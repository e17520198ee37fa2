// No imports: the SQL logger needs this, and everything imports the SQL logger (through errors.ts).

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
