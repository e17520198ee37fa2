import { Field, Int, ObjectType } from "type-graphql";
import { GraphQLInstant } from "../../common/instant-scalar";
import { BillingCycle, TermDuration } from "../../domain/enums";

// The rule book V2 shapes stored with a subscription (JSON columns) and shown on it.

@ObjectType({ description: "Seats of the current term added at one instant (at purchase, at renewal, or mid-term)." })
export class SeatTranche {
  @Field(() => Int)
  quantity: number;

  @Field(() => GraphQLInstant, { description: "When these seats were added (UTC)." })
  purchasedAt: string;
}

@ObjectType({ description: "A change saved for the next renewal; an absent field keeps the current value." })
export class ScheduledChange {
  @Field(() => Int, { nullable: true })
  quantity?: number | null;

  @Field(() => TermDuration, { nullable: true })
  termDuration?: TermDuration | null;

  @Field(() => BillingCycle, { nullable: true })
  billingCycle?: BillingCycle | null;
}
