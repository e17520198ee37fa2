import { UserError, UserErrorsAbort } from "./user-error";

/**
 * What to do when a check fails: a user error (the mutation rolls back and answers with it) or any other Error,
 * thrown as is (e.g. a GraphQLError from common/errors.ts in a query).
 */
export type Failure = () => UserError | Error;

function fail(failure: Failure, partial?: Record<string, unknown>): never {
  const reason = failure();
  if (reason instanceof UserError) throw new UserErrorsAbort([reason], partial);
  throw reason;
}

/** The value when it is present; otherwise fails. Narrows: `const c = ensure(await load(id), notFound)`. */
export function ensure<T>(value: T, failure: Failure, partial?: Record<string, unknown>): NonNullable<T> {
  if (value === null || value === undefined) fail(failure, partial);
  return value as NonNullable<T>;
}

/** Fails unless the condition holds; narrows like an `if`. */
export function ensureThat(condition: boolean, failure: Failure, partial?: Record<string, unknown>): asserts condition {
  if (!condition) fail(failure, partial);
}

/**
 * Fails with every collected user error at once (a form shows them all), with the payload fields in `partial`
 * (e.g. the decision that refused). Does nothing when the list is empty.
 */
export function ensureNoErrors(errors: readonly UserError[], partial?: Record<string, unknown>): void {
  if (errors.length > 0) throw new UserErrorsAbort([...errors], partial);
}
