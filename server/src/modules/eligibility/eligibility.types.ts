import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { GraphQLLocalDate } from "graphql-scalars";
import { GraphQLInstant } from "../../common/instant-scalar";
import {
  BillingCycle,
  EligibilityAction,
  EligibilityReasonCode,
  OfferKind,
  RuleBook,
  Severity,
  TermDuration,
} from "../../domain/enums";

@ObjectType({
  description:
    "Seats whose reduction window is open, and its last instant (Partner Center's RefundableQuantityDetail).",
})
export class RefundableSeatWindow {
  @Field(() => Int)
  quantity: number;

  @Field(() => GraphQLInstant, { description: "The last instant these seats can be removed (UTC)." })
  allowedUntil: string;
}

@InputType({
  description:
    "SCHEDULE_CHANGE: what to save for the next renewal; at least one field (an absent one keeps the current value).",
})
export class ScheduledChangeInput {
  @Field(() => Int, { nullable: true })
  quantity?: number | null;

  @Field(() => TermDuration, { nullable: true })
  termDuration?: TermDuration | null;

  @Field(() => BillingCycle, { nullable: true })
  billingCycle?: BillingCycle | null;
}

@ObjectType({ description: "One reason behind a decision, with its rule in the rule book." })
export class EligibilityReason {
  @Field(() => EligibilityReasonCode)
  code: EligibilityReasonCode;

  @Field({ description: "Rule id in the rule book (docs/rules.md), e.g. R11b." })
  ruleId: string;

  @Field(() => Severity)
  severity: Severity;

  @Field({ description: "What it means and what to do, in the request's language (Accept-Language: en or pt-PT)." })
  message: string;

  @Field({ description: "Where the rule comes from: the address of its Partner Center page on Microsoft Learn." })
  source: string;

  @Field({ description: "A short title of the page at `source`, to show as the link's text." })
  sourceTitle: string;
}

@ObjectType({
  description: "May the viewer's partner do this action to this subject? Every reason, not just the first.",
})
export class EligibilityDecision {
  @Field(() => EligibilityAction)
  action: EligibilityAction;

  @Field()
  eligible: boolean;

  @Field(() => [EligibilityReason], { description: "Any one of these makes the action ineligible." })
  blocking: EligibilityReason[];

  @Field(() => [EligibilityReason], { description: "Information the user must see; never blocking." })
  advisories: EligibilityReason[];

  @Field(() => GraphQLLocalDate, { description: "The date the decision was made for (the UTC date of `at`)." })
  asOf: string;

  @Field(() => GraphQLInstant, { description: "The instant the decision was made for (UTC)." })
  at: string;

  @Field(() => RuleBook, { description: "The rule book that decided." })
  ruleBook: RuleBook;

  @Field(() => GraphQLInstant, {
    nullable: true,
    description:
      "V2, when eligible: the last instant until which the decision stays eligible with the same facts; null when it always does (and under V1).",
  })
  eligibleUntil: string | null;

  @Field(() => GraphQLInstant, {
    nullable: true,
    description:
      "V2, when not eligible: the first instant at which the decision becomes eligible with the same facts; null when time alone will not do it.",
  })
  becomesEligibleAt: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "V2 CHANGE_QUANTITY: seats that can be removed now (never below 1 seat left); null for other actions.",
  })
  refundableQuantity: number | null;

  @Field(() => [RefundableSeatWindow], {
    nullable: true,
    description: "V2 CHANGE_QUANTITY: each open reduction window, by deadline; null for other actions.",
  })
  refundableDetails: RefundableSeatWindow[] | null;
}

@InputType({
  description:
    "Subject: subscriptionId for SUPPORT, TRANSFER, CANCEL, SUSPEND, REACTIVATE, CHANGE_QUANTITY (+ quantity), SET_AUTO_RENEW (+ autoRenew), SCHEDULE_CHANGE (+ change); customerId (+ offerKind) for ORDER and REMOVE_RELATIONSHIP.",
})
export class EligibilityInput {
  @Field(() => EligibilityAction)
  action: EligibilityAction;

  @Field(() => ID, { nullable: true })
  subscriptionId?: string | null;

  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => OfferKind, { nullable: true, description: "ORDER: the kind of offer to buy." })
  offerKind?: OfferKind | null;

  @Field(() => ID, { nullable: true, description: "ORDER, TRANSFER: the reseller an indirect provider acts for." })
  resellerId?: string | null;

  @Field(() => GraphQLInstant, {
    nullable: true,
    description:
      "Decision instant: a date (00:00:00 UTC) or a date-time with Z or ±HH:MM; defaults to now. Rule book V1 reads its UTC date.",
  })
  asOf?: string | null;

  @Field(() => Int, { nullable: true, description: "CHANGE_QUANTITY (V2): the requested new seat total." })
  quantity?: number | null;

  @Field(() => Boolean, { nullable: true, description: "SET_AUTO_RENEW (V2): the value wanted." })
  autoRenew?: boolean | null;

  @Field(() => ScheduledChangeInput, { nullable: true, description: "SCHEDULE_CHANGE (V2): the change to save." })
  change?: ScheduledChangeInput | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "TRANSFER (V2): the viewer's own pending request, for the subscription's customer and transacting partner, that it would join.",
  })
  transferId?: string | null;
}

@ObjectType({ description: "A rule of the eligibility engine." })
export class EligibilityRule {
  @Field()
  id: string;

  @Field(() => EligibilityReasonCode)
  code: EligibilityReasonCode;

  @Field(() => Severity)
  severity: Severity;

  @Field(() => [EligibilityAction])
  actions: EligibilityAction[];

  @Field()
  message: string;

  @Field({ description: "Where the rule comes from: the address of its Partner Center page on Microsoft Learn." })
  source: string;

  @Field({ description: "A short title of the page at `source`, to show as the link's text." })
  sourceTitle: string;
}
