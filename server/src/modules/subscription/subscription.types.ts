import { ArrayMaxSize, MaxLength } from "class-validator";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLLocalDate } from "graphql-scalars";
import { BillingCycle, OfferKind, SalesChannel, SubscriptionStatus, TermDuration } from "../../domain/enums";
import { ConnectionType, OrderByInput } from "../../common/connection";
import { Payload } from "../../common/mutation";
import { CustomerSubscription } from "./customer-subscription.entity";
import { EligibilityDecision } from "../eligibility/eligibility.types";

export const CustomerSubscriptionConnection = ConnectionType(CustomerSubscription, "CustomerSubscription");

/** The columns the subscription list sorts on (a whitelist: each has an index with the id, see the migrations). */
export enum SubscriptionSortField {
  TERM_END = "TERM_END",
  OFFER_NAME = "OFFER_NAME",
  CUSTOMER_NAME = "CUSTOMER_NAME",
  STATUS = "STATUS",
  QUANTITY = "QUANTITY",
  PURCHASE_DATE = "PURCHASE_DATE",
}
registerEnumType(SubscriptionSortField, { name: "SubscriptionSortField" });
export const SubscriptionOrder = OrderByInput(SubscriptionSortField, "Subscription");
export type SubscriptionOrder = InstanceType<typeof SubscriptionOrder>;

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
  @Field(() => String, {
    nullable: true,
    description: "Matches the offer name (case-insensitive, substring), the catalog offer id, or the subscription id.",
  })
  search?: string | null;

  @ArrayMaxSize(100)
  @Field(() => [ID], {
    nullable: true,
    description:
      "Only these subscriptions (at most 100; an empty list matches none): e.g. a selection whose eligibility is reviewed in one request before a bulk action.",
  })
  ids?: string[] | null;
}

@ObjectType({ description: "A subscription of the customer and what the viewer's decision to take it over would be." })
export class TransferCandidate {
  @Field(() => CustomerSubscription)
  subscription: CustomerSubscription;

  @Field(() => EligibilityDecision)
  decision: EligibilityDecision;
}

export const TransferCandidateConnection = ConnectionType(TransferCandidate, "TransferCandidate");

@InputType()
export class RegisterExternalSubscriptionInput {
  @Field(() => ID)
  customerId: string;
  @Field()
  offerName: string;
  @Field(() => String, { nullable: true })
  offerId?: string | null;
  @Field(() => OfferKind)
  offerKind: OfferKind;
  @Field(() => SalesChannel, { description: "Where the customer bought it: any channel but CSP." })
  channel: SalesChannel;
  @Field(() => Int)
  quantity: number;
  @Field(() => GraphQLLocalDate)
  purchaseDate: string;
  @Field(() => GraphQLLocalDate)
  commitmentEndDate: string;
  @Field(() => SubscriptionStatus, { defaultValue: SubscriptionStatus.ACTIVE })
  status: SubscriptionStatus;
}

@InputType()
export class OrderSubscriptionInput {
  @Field(() => ID)
  customerId: string;
  @Field()
  offerName: string;
  @Field({ description: "Catalog id, e.g. CFQ7TTC0LFLZ:0001." })
  offerId: string;
  @Field(() => OfferKind)
  offerKind: OfferKind;
  @Field(() => Int, { defaultValue: 1 })
  quantity: number;
  @Field(() => TermDuration, { nullable: true, description: "Required for license-based offers." })
  termDuration?: TermDuration | null;
  @Field(() => BillingCycle, { nullable: true })
  billingCycle?: BillingCycle | null;
  @Field(() => ID, { nullable: true, description: "Indirect provider: the reseller of record it orders for." })
  resellerId?: string | null;
  @Field(() => ID, { nullable: true, description: "For an add-on: its base subscription." })
  parentSubscriptionId?: string | null;
  @Field({ defaultValue: false, description: "Ordering the Azure plan offer." })
  isAzurePlan: boolean;
}

@InputType()
export class SubscriptionActionInput {
  @Field(() => ID)
  subscriptionId: string;
  @Field(() => Int, { nullable: true, description: "The version you saw; the change is refused if it moved on." })
  expectedVersion?: number | null;
}

@ObjectType()
export class SubscriptionPayload extends Payload {
  @Field(() => CustomerSubscription, { nullable: true })
  subscription: CustomerSubscription | null;
  @Field(() => EligibilityDecision, { nullable: true, description: "The decision the mutation ran (with advisories)." })
  decision: EligibilityDecision | null;
}
