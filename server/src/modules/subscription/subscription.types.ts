import { ArrayMaxSize, MaxLength } from "class-validator";
import { Field, InputType, ObjectType } from "type-graphql";
import { GraphQLLocalDate } from "graphql-scalars";
import { OfferKind, SalesChannel, SubscriptionStatus } from "../../domain/enums";
import { ConnectionType } from "../../common/connection";
import { CustomerSubscription } from "./customer-subscription.entity";
import { EligibilityDecision } from "../eligibility/eligibility.types";

export const CustomerSubscriptionConnection = ConnectionType(CustomerSubscription, "CustomerSubscription");

@InputType()
export class SubscriptionFilter {
  @ArrayMaxSize(20)
  @Field(() => [SubscriptionStatus], { nullable: true })
  status?: SubscriptionStatus[] | null;

  @ArrayMaxSize(20)
  @Field(() => [SalesChannel], { nullable: true })
  channel?: SalesChannel[] | null;

  @Field(() => OfferKind, { nullable: true })
  offerKind?: OfferKind | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: "Commitment term ends on or before this date." })
  termEndsBefore?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: "Commitment term ends on or after this date." })
  termEndsAfter?: string | null;

  @MaxLength(200)
  @Field(() => String, { nullable: true, description: "Customer id." })
  customerId?: string | null;

  @MaxLength(200)
  @Field(() => String, { nullable: true, description: "Reseller of record (Partner id)." })
  resellerId?: string | null;

  @MaxLength(200)
  @Field(() => String, { nullable: true, description: "Matches the offer name (case-insensitive, substring)." })
  search?: string | null;
}

@ObjectType({ description: "A subscription of the customer and what the viewer's decision to take it over would be." })
export class TransferCandidate {
  @Field(() => CustomerSubscription)
  subscription: CustomerSubscription;

  @Field(() => EligibilityDecision)
  decision: EligibilityDecision;
}

export const TransferCandidateConnection = ConnectionType(TransferCandidate, "TransferCandidate");
