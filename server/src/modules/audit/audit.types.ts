import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLJSON } from "graphql-scalars";
import { ConnectionType } from "../../common/connection";
import { UserError } from "../../common/user-error";
import { EligibilityAction, EligibilityReasonCode, Severity } from "../../domain/enums";
import { AuditOutcome } from "./audit-event.entity";

registerEnumType(AuditOutcome, {
  name: "AuditOutcome",
  description: "ACCEPTED: the change committed with its event. REFUSED: user errors. FAILED: an internal error.",
});

export enum AuditActorKind {
  USER = "USER",
  API_TOKEN = "API_TOKEN",
  CUSTOMER_ADMIN = "CUSTOMER_ADMIN",
  ANONYMOUS = "ANONYMOUS",
}
registerEnumType(AuditActorKind, {
  name: "AuditActorKind",
  description: "A partner's user, an API token, a customer's admin through an acceptance link, or nobody known.",
});

@ObjectType({ description: "Who acted, as recorded when it happened." })
export class AuditActor {
  @Field(() => AuditActorKind)
  kind: AuditActorKind;

  @Field(() => String, {
    nullable: true,
    description: "The user's email, or the customer admin's UPN as given when accepting a link.",
  })
  name: string | null;

  @Field(() => ID, { nullable: true, description: "The user (global id); also set for an API token's calls." })
  userId: string | null;

  @Field(() => ID, { nullable: true, description: "The API token (global id) the call was signed with." })
  apiTokenId: string | null;
}

@ObjectType({ description: "An object a mutation named or touched." })
export class AuditTarget {
  @Field({ description: "Its type, e.g. Customer or CustomerSubscription." })
  type: string;

  @Field(() => ID, { description: "Its global id (it may since have been deleted)." })
  id: string;
}

@ObjectType({ description: "One changed field: its value before and after (null before = created)." })
export class AuditFieldChange {
  @Field()
  field: string;

  @Field(() => GraphQLJSON, { nullable: true })
  before: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  after: unknown;
}

@ObjectType({ description: "What a mutation changed on one object." })
export class AuditChange {
  @Field()
  type: string;

  @Field(() => ID)
  id: string;

  @Field(() => [AuditFieldChange])
  fields: AuditFieldChange[];
}

@ObjectType({ description: "A reason of the recorded decision; the message is in the reader's language." })
export class AuditReason {
  @Field()
  ruleId: string;

  @Field(() => EligibilityReasonCode)
  code: EligibilityReasonCode;

  @Field(() => Severity)
  severity: Severity;

  @Field()
  message: string;
}

@ObjectType({ description: "The eligibility decision the mutation made, with its reasons by rule id." })
export class AuditDecision {
  @Field(() => EligibilityAction)
  action: EligibilityAction;

  @Field()
  eligible: boolean;

  @Field({ description: "The date it was decided for (YYYY-MM-DD)." })
  asOf: string;

  @Field(() => [AuditReason])
  blocking: AuditReason[];

  @Field(() => [AuditReason])
  advisories: AuditReason[];
}

@ObjectType("AuditEvent", {
  description: "One mutation call, accepted or refused: who, what it named and changed, and why (decision log).",
})
export class AuditEventView {
  @Field(() => ID)
  id: string;

  @Field()
  occurredAt: Date;

  @Field(() => String, { nullable: true, description: "The HTTP request id (X-Request-Id), as in the server log." })
  requestId: string | null;

  @Field(() => AuditActor)
  actor: AuditActor;

  @Field({ description: "The mutation, e.g. orderSubscription." })
  operation: string;

  @Field(() => AuditOutcome)
  outcome: AuditOutcome;

  @Field(() => [AuditTarget])
  targets: AuditTarget[];

  @Field(() => [AuditChange], { description: "Empty unless the change committed." })
  changes: AuditChange[];

  @Field(() => AuditDecision, { nullable: true })
  decision: AuditDecision | null;

  @Field(() => [UserError], { description: "Why it was refused; empty when accepted." })
  userErrors: UserError[];
}

export const AuditEventConnection = ConnectionType(AuditEventView, "AuditEvent");

@InputType({ description: "All given conditions must hold." })
export class AuditEventFilter {
  @Field(() => ID, { nullable: true, description: "Events that named this customer." })
  customerId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "Events about one of the viewer's resellers (its Partner id; NOT_FOUND when it is not the viewer's reseller): " +
      "those that named the reseller or touched its partnership, provider requests, transfers or subscriptions " +
      "(as reseller of record), and those that named a customer the reseller now serves (an ACTIVE relationship). " +
      "Still only the viewer's own events: never the reseller's.",
  })
  resellerId?: string | null;

  @Field(() => ID, { nullable: true, description: "Events by this user or API token." })
  actorId?: string | null;

  @Field(() => String, { nullable: true, description: "The mutation's name, e.g. cancelSubscription." })
  operation?: string | null;

  @Field(() => Date, { nullable: true, description: "From this instant (inclusive)." })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: "Before this instant (exclusive)." })
  to?: Date | null;
}
