import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
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
  /** Partner Center refused the write-through (its own numeric code is in `upstreamCode`). */
  PARTNER_CENTER_REFUSED: "PARTNER_CENTER_REFUSED",
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

/** Who refused: channelgate's own checks and rule book, or Partner Center answering a write-through. */
export enum UserErrorSource {
  CHANNELGATE = "CHANNELGATE",
  PARTNER_CENTER = "PARTNER_CENTER",
}

registerEnumType(UserErrorSource, {
  name: "UserErrorSource",
  description: "Who refused: channelgate (its checks and rule book) or Partner Center (a write-through it refused).",
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

  @Field(() => UserErrorSource, {
    description: "Who refused: CHANNELGATE, or PARTNER_CENTER when Partner Center refused the write-through.",
  })
  source: UserErrorSource = UserErrorSource.CHANNELGATE;

  @Field(() => Int, {
    nullable: true,
    description:
      "Partner Center's numeric error code when source is PARTNER_CENTER (its `description` is the message).",
  })
  upstreamCode: number | null = null;
}

/** Partner Center's refusal (its documented error JSON: numeric `code`, `description`) as a user error. */
export function partnerCenterError(field: string | null, code: number | null, description: string): UserError {
  return Object.assign(userError(field, UserErrorCode.PARTNER_CENTER_REFUSED, description), {
    source: UserErrorSource.PARTNER_CENTER,
    upstreamCode: code,
  });
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
