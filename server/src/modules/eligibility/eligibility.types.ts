import { Field, ID, InputType, ObjectType } from "type-graphql";
import { GraphQLLocalDate } from "graphql-scalars";
import { EligibilityAction, EligibilityReasonCode, OfferKind, Severity } from "../../domain/enums";

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

  @Field(() => GraphQLLocalDate, { description: "The date the decision was made for." })
  asOf: string;
}

@InputType({
  description:
    "Subject: subscriptionId for SUPPORT, TRANSFER, CANCEL, SUSPEND, REACTIVATE; customerId (+ offerKind) for ORDER and REMOVE_RELATIONSHIP.",
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

  @Field(() => GraphQLLocalDate, { nullable: true, description: "Decision date; defaults to today (UTC)." })
  asOf?: string | null;
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
