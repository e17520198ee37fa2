import { Field, ObjectType, registerEnumType } from "type-graphql";
import { EligibilityReasonCode } from "../domain/enums";

/** Codes of expected, user-fixable failures: every eligibility reason plus input and state problems. */
export const UserErrorCode = {
  ...EligibilityReasonCode,
  INVALID_INPUT: "INVALID_INPUT",
  NOT_FOUND: "NOT_FOUND",
  ALREADY_EXISTS: "ALREADY_EXISTS",
  INVALID_STATE: "INVALID_STATE",
  NOT_ALLOWED: "NOT_ALLOWED",
  TRANSFER_EXPIRED: "TRANSFER_EXPIRED",
  CONFLICT: "CONFLICT",
  // Why a sign-in was refused (the audit log's sign-in events, auth/sign-in-audit.ts).
  UNKNOWN_USER: "UNKNOWN_USER",
  DEACTIVATED: "DEACTIVATED",
  SIGN_IN_FAILED: "SIGN_IN_FAILED",
  SIGN_IN_EXPIRED: "SIGN_IN_EXPIRED",
  WRONG_TENANT: "WRONG_TENANT",
  NOT_GLOBAL_ADMIN: "NOT_GLOBAL_ADMIN",
  LINK_INVALID: "LINK_INVALID",
} as const;
export type UserErrorCode = (typeof UserErrorCode)[keyof typeof UserErrorCode];

registerEnumType(UserErrorCode, {
  name: "UserErrorCode",
  description:
    "Why a mutation refused: an eligibility reason code, or an input/state problem; in the audit log also why a sign-in was refused.",
});

@ObjectType({ description: "An expected failure of a mutation, tied to the input field it concerns." })
export class UserError {
  @Field(() => [String], { nullable: true, description: "Path of the input field, e.g. ['input', 'quantity']." })
  field: string[] | null;

  @Field()
  message: string;

  @Field(() => UserErrorCode)
  code: UserErrorCode;

  @Field(() => String, {
    nullable: true,
    description: "Rule id in the rule book when the error is an eligibility reason.",
  })
  ruleId: string | null;
}

export function userError(
  field: string | null,
  code: UserErrorCode,
  message: string,
  ruleId: string | null = null,
): UserError {
  return Object.assign(new UserError(), {
    field: field === null ? null : ["input", ...field.split(".")],
    code,
    message,
    ruleId,
  });
}

/** Thrown inside a transaction to roll it back and answer with user errors. */
export class UserErrorsAbort extends Error {
  constructor(
    readonly errors: UserError[],
    /** Payload fields to return with the errors (e.g. the decision that refused). */
    readonly partial: Record<string, unknown> = {},
  ) {
    super("user errors");
  }
}
