import type { UserErrorLike } from "../../lib/user-errors";

/** A mutation call that failed outright (network, GraphQL error such as FORBIDDEN) as a form-level error. */
export function requestFailure(error: unknown): UserErrorLike[] {
  return [
    {
      field: null,
      message: error instanceof Error ? error.message : String(error),
      code: "REQUEST_FAILED",
      ruleId: null,
    },
  ];
}

/**
 * refetchQueries for a form's mutation: refetch the named queries only when the payload has no userErrors
 * (a refused mutation changed nothing).
 */
export function refetchOnSuccess<T>(
  payloadOf: (data: T) => { userErrors: readonly unknown[] } | null | undefined,
  queries: string[],
) {
  return (result: { data?: T | null }): string[] => {
    const payload = result.data ? payloadOf(result.data) : null;
    return payload && payload.userErrors.length === 0 ? queries : [];
  };
}
