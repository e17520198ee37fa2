import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { RequestContext } from "../../context";
import { mutate } from "../../service-context";
import { SubscriptionLifecycleService } from "./subscription-lifecycle.service";
import {
  CancelScheduledChangeInput,
  ChangeSubscriptionQuantityInput,
  ScheduleSubscriptionChangeInput,
  SetSubscriptionAutoRenewInput,
  SubscriptionChangePayload,
} from "./subscription-lifecycle.inputs";

const lifecycle = new SubscriptionLifecycleService();

/** Rule book V2: seats, auto-renew and the change saved for renewal; each decided as `eligibility(action: …)`. */
@Resolver()
export class SubscriptionLifecycleMutations {
  @Mutation(() => SubscriptionChangePayload, {
    description:
      "Set the seat count now (CHANGE_QUANTITY): an increase adds a tranche with its own 168-hour window; a reduction takes seats from the newest open window first. Deletes a change saved for renewal.",
  })
  changeSubscriptionQuantity(
    @Arg("input", () => ChangeSubscriptionQuantityInput) input: ChangeSubscriptionQuantityInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, SubscriptionChangePayload, (s) => lifecycle.changeQuantity(s, input));
  }

  @Mutation(() => SubscriptionChangePayload, {
    description: "Turn auto-renew on or off (SET_AUTO_RENEW). Turning it off deletes a change saved for renewal.",
  })
  setSubscriptionAutoRenew(
    @Arg("input", () => SetSubscriptionAutoRenewInput) input: SetSubscriptionAutoRenewInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, SubscriptionChangePayload, (s) => lifecycle.setAutoRenew(s, input));
  }

  @Mutation(() => SubscriptionChangePayload, {
    description: "Save a change for the next renewal (SCHEDULE_CHANGE); it replaces the one saved before.",
  })
  scheduleSubscriptionChange(
    @Arg("input", () => ScheduleSubscriptionChangeInput) input: ScheduleSubscriptionChangeInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, SubscriptionChangePayload, (s) => lifecycle.scheduleChange(s, input));
  }

  @Mutation(() => SubscriptionChangePayload, {
    description:
      "Remove the change saved for renewal, so the subscription renews as it is (decided as SCHEDULE_CHANGE to the current plan).",
  })
  cancelScheduledChange(
    @Arg("input", () => CancelScheduledChangeInput) input: CancelScheduledChangeInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, SubscriptionChangePayload, (s) => lifecycle.cancelScheduledChange(s, input));
  }
}
