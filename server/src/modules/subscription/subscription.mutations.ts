import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { RequestContext } from "../../context";
import { EligibilityAction } from "../../domain/enums";
import { mutate } from "../../service-context";
import { SubscriptionService } from "./subscription.service";
import {
  OrderSubscriptionInput,
  RegisterExternalSubscriptionInput,
  SubscriptionActionInput,
  SubscriptionPayload,
} from "./subscription.types";

const subscriptionService = new SubscriptionService();

@Resolver()
export class SubscriptionMutations {
  @Mutation(() => SubscriptionPayload, {
    description:
      "Multi-channel support: record a subscription the customer bought outside CSP, to support it (needs a relationship).",
  })
  registerExternalSubscription(
    @Arg("input", () => RegisterExternalSubscriptionInput) input: RegisterExternalSubscriptionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, SubscriptionPayload, (s) => subscriptionService.registerExternal(s, input));
  }

  @Mutation(() => SubscriptionPayload, {
    description:
      "Buy a new-commerce CSP subscription for a customer; runs the ORDER rules (an indirect provider names the reseller).",
  })
  orderSubscription(
    @Arg("input", () => OrderSubscriptionInput) input: OrderSubscriptionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, SubscriptionPayload, (s) => subscriptionService.order(s, input));
  }

  @Mutation(() => SubscriptionPayload, {
    description: "Cancel (CANCEL rules: transacting partner, 7-day window for new commerce).",
  })
  cancelSubscription(
    @Arg("input", () => SubscriptionActionInput) input: SubscriptionActionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, SubscriptionPayload, (s) =>
      subscriptionService.changeStatus(s, input, EligibilityAction.CANCEL),
    );
  }

  @Mutation(() => SubscriptionPayload, {
    description: "Suspend an active subscription (new commerce keeps billing while suspended).",
  })
  suspendSubscription(
    @Arg("input", () => SubscriptionActionInput) input: SubscriptionActionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, SubscriptionPayload, (s) =>
      subscriptionService.changeStatus(s, input, EligibilityAction.SUSPEND),
    );
  }

  @Mutation(() => SubscriptionPayload, {
    description: "Reactivate a suspended subscription before its term ends (REACTIVATE rules).",
  })
  reactivateSubscription(
    @Arg("input", () => SubscriptionActionInput) input: SubscriptionActionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, SubscriptionPayload, (s) =>
      subscriptionService.changeStatus(s, input, EligibilityAction.REACTIVATE),
    );
  }
}
