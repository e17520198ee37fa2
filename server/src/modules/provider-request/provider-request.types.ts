import { ArrayMaxSize, MaxLength } from "class-validator";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { ConnectionType, OrderByInput } from "../../common/connection";
import { Payload } from "../../common/mutation";
import { OfferKind, TermDuration } from "../../domain/enums";
import { EligibilityDecision, ScheduledChangeInput } from "../eligibility/eligibility.types";
import {
  MAX_NOTE_LENGTH,
  ProviderRequest,
  ProviderRequestAction,
  ProviderRequestStatus,
} from "./provider-request.entity";

export enum ProviderRequestDirection {
  SENT = "SENT",
  RECEIVED = "RECEIVED",
}
registerEnumType(ProviderRequestDirection, {
  name: "ProviderRequestDirection",
  description: "SENT: requests the viewer's partner sent as a reseller; RECEIVED: requests it received as a provider.",
});

export const ProviderRequestConnection = ConnectionType(ProviderRequest, "ProviderRequest");

/** The columns the request list sorts on. */
export enum ProviderRequestSortField {
  CREATED_AT = "CREATED_AT",
  STATUS = "STATUS",
  ACTION = "ACTION",
}
registerEnumType(ProviderRequestSortField, { name: "ProviderRequestSortField" });
export const ProviderRequestOrder = OrderByInput(ProviderRequestSortField, "ProviderRequest");
export type ProviderRequestOrder = InstanceType<typeof ProviderRequestOrder>;

@InputType()
export class ProviderRequestFilter {
  @ArrayMaxSize(10)
  @Field(() => [ProviderRequestStatus], { nullable: true })
  status?: ProviderRequestStatus[] | null;

  @Field(() => ProviderRequestDirection, { nullable: true })
  direction?: ProviderRequestDirection | null;

  @MaxLength(200)
  @Field(() => String, { nullable: true, description: "Customer id." })
  customerId?: string | null;

  @MaxLength(200)
  @Field(() => String, {
    nullable: true,
    description: "A provider's view: only requests from this reseller (Partner id).",
  })
  resellerId?: string | null;
}

export enum ProviderRequestOutcome {
  FULFILLED = "FULFILLED",
  DECLINED = "DECLINED",
}
registerEnumType(ProviderRequestOutcome, {
  name: "ProviderRequestOutcome",
  description: "How the provider closes a request: FULFILLED (it did what was asked) or DECLINED.",
});

@InputType({
  description:
    "ORDER names an offer (offerName, offerId, offerKind, quantity; termDuration for license-based offers); the other actions name a subscription of the customer, with quantity (CHANGE_QUANTITY), autoRenew (SET_AUTO_RENEW) or change (SCHEDULE_CHANGE).",
})
export class RequestProviderActionInput {
  @Field(() => ID, { description: "The indirect provider to ask: one you have an ACTIVE partnership with." })
  providerId: string;
  @Field(() => ID, { description: "A customer you hold an ACTIVE relationship with." })
  customerId: string;
  @Field(() => ProviderRequestAction)
  action: ProviderRequestAction;
  @Field(() => ID, {
    nullable: true,
    description: "CANCEL, SUSPEND, REACTIVATE (a subscription credited to you), TRANSFER: the subscription.",
  })
  subscriptionId?: string | null;
  @Field(() => String, { nullable: true, description: "ORDER: the offer's name." })
  offerName?: string | null;
  @Field(() => String, { nullable: true, description: "ORDER: catalog id, e.g. CFQ7TTC0LFLZ:0001." })
  offerId?: string | null;
  @Field(() => OfferKind, { nullable: true, description: "ORDER: license-based or usage-based." })
  offerKind?: OfferKind | null;
  @Field(() => Int, {
    nullable: true,
    description:
      "ORDER: seats (1–300000); 1 (or none) for usage-based offers. CHANGE_QUANTITY: required, the new seat total.",
  })
  quantity?: number | null;
  @Field(() => Boolean, { nullable: true, description: "SET_AUTO_RENEW: required, the value wanted." })
  autoRenew?: boolean | null;
  @Field(() => ScheduledChangeInput, { nullable: true, description: "SCHEDULE_CHANGE: required, the change wanted." })
  change?: ScheduledChangeInput | null;
  @Field(() => TermDuration, { nullable: true, description: "ORDER of a license-based offer: required." })
  termDuration?: TermDuration | null;
  @Field(() => String, {
    nullable: true,
    description: `A note to the provider (at most ${MAX_NOTE_LENGTH} characters).`,
  })
  note?: string | null;
}

@InputType()
export class ResolveProviderRequestInput {
  @Field(() => ID)
  requestId: string;
  @Field(() => ProviderRequestOutcome)
  outcome: ProviderRequestOutcome;
  @Field(() => String, {
    nullable: true,
    description: `A note to the reseller, e.g. why it was declined (at most ${MAX_NOTE_LENGTH} characters).`,
  })
  responseNote?: string | null;
}

@InputType()
export class ProviderRequestIdInput {
  @Field(() => ID)
  requestId: string;
}

@ObjectType()
export class RequestProviderActionPayload extends Payload {
  @Field(() => ProviderRequest, { nullable: true })
  providerRequest: ProviderRequest | null;

  @Field(() => EligibilityDecision, {
    nullable: true,
    description:
      "The provider's own eligibility for the action today (decided as the provider, naming you as the reseller for ORDER and TRANSFER): whether it will be able to do it, and every reason why not. The request is sent either way.",
  })
  providerDecision: EligibilityDecision | null;
}

@ObjectType()
export class ProviderRequestPayload extends Payload {
  @Field(() => ProviderRequest, { nullable: true })
  providerRequest: ProviderRequest | null;
}
