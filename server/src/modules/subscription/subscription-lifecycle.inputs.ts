import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { Payload } from "../../common/mutation";
import { EligibilityDecision, ScheduledChangeInput } from "../eligibility/eligibility.types";
import { CustomerSubscription } from "./customer-subscription.entity";
import { ScheduledChange, SeatTranche } from "./subscription-lifecycle.types";

// Inputs and payload of the four rule book V2 lifecycle mutations (RULES.md "v2: actions"). Each input carries the
// same subject fields as `eligibility(action: …)`, so the mutation and the query decide on the same facts.

@InputType({ description: "Set a subscription's seat count now (CHANGE_QUANTITY)." })
export class ChangeSubscriptionQuantityInput {
  @Field(() => ID)
  subscriptionId: string;

  @Field(() => Int, { description: "The new seat total (not a difference)." })
  quantity: number;

  @Field(() => Int, { nullable: true, description: "The version you saw; the change is refused if it moved on." })
  expectedVersion?: number | null;
}

@InputType({ description: "Turn a subscription's auto-renew on or off (SET_AUTO_RENEW)." })
export class SetSubscriptionAutoRenewInput {
  @Field(() => ID)
  subscriptionId: string;

  @Field(() => Boolean)
  autoRenew: boolean;

  @Field(() => Int, { nullable: true, description: "The version you saw; the change is refused if it moved on." })
  expectedVersion?: number | null;
}

@InputType({ description: "Save a change for the next renewal, replacing any saved one (SCHEDULE_CHANGE)." })
export class ScheduleSubscriptionChangeInput {
  @Field(() => ID)
  subscriptionId: string;

  @Field(() => ScheduledChangeInput)
  change: ScheduledChangeInput;

  @Field(() => Int, { nullable: true, description: "The version you saw; the change is refused if it moved on." })
  expectedVersion?: number | null;
}

@InputType({ description: "Remove the change saved for the next renewal: the subscription renews as it is." })
export class CancelScheduledChangeInput {
  @Field(() => ID)
  subscriptionId: string;

  @Field(() => Int, { nullable: true, description: "The version you saw; the change is refused if it moved on." })
  expectedVersion?: number | null;
}

@ObjectType({ description: "The answer of a lifecycle mutation: the subscription as written and what it changed." })
export class SubscriptionChangePayload extends Payload {
  @Field(() => CustomerSubscription, { nullable: true })
  subscription: CustomerSubscription | null;

  @Field(() => EligibilityDecision, { nullable: true, description: "The decision the mutation ran (with advisories)." })
  decision: EligibilityDecision | null;

  @Field(() => ScheduledChange, {
    nullable: true,
    description:
      "The change saved for renewal that this mutation deleted (a mid-term change deletes it, as Partner Center does; cancelScheduledChange removes it); null when none was.",
  })
  deletedScheduledChange: ScheduledChange | null;

  @Field(() => [SeatTranche], {
    nullable: true,
    description:
      "A seat reduction: the seats removed, by the tranche (purchasedAt) they came from, newest window first; null otherwise.",
  })
  removedSeats: SeatTranche[] | null;

  @Field(() => SeatTranche, {
    nullable: true,
    description: "A seat increase: the tranche added, with its own 168-hour reduction window from now; null otherwise.",
  })
  addedTranche: SeatTranche | null;
}
