import type { UserErrorLike } from "../../lib/user-errors";

/** A mutation that failed outright (network, FORBIDDEN…) shown like a user error without a field. */
export function thrownAsUserErrors(error: unknown): UserErrorLike[] {
  const message = error instanceof Error ? error.message : String(error);
  return [{ field: null, message, code: "ERROR", ruleId: null }];
}
