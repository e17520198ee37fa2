import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { RequestContext } from "../../context";
import { mutate } from "../../service-context";
import { ProviderRequestService } from "./provider-request.service";
import {
  ProviderRequestIdInput,
  ProviderRequestPayload,
  RequestProviderActionInput,
  RequestProviderActionPayload,
  ResolveProviderRequestInput,
} from "./provider-request.types";

const providerRequestService = new ProviderRequestService();

// The permission matrix admits any role that may handle some action (auth/permissions.ts); the service checks the
// role for the request's own action (provider-request.checks.ts).
@Resolver()
export class ProviderRequestMutations {
  @Mutation(() => RequestProviderActionPayload, {
    description:
      "An indirect reseller asks one of its indirect providers to order, cancel, suspend, reactivate or transfer for it (it cannot itself, R22). The request stays OPEN until the provider fulfils it, by doing it with the ordinary mutation (orderSubscription naming the reseller, cancelSubscription, suspendSubscription, reactivateSubscription, createTransfer naming the reseller) and then resolveProviderRequest FULFILLED, or declines it. The payload carries the provider's current eligibility for the action. Roles: those of the matching mutation (TRANSFER needs GLOBAL_ADMIN or ADMIN_AGENT).",
  })
  requestProviderAction(
    @Arg("input", () => RequestProviderActionInput) input: RequestProviderActionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, RequestProviderActionPayload, (s) => providerRequestService.request(s, input));
  }

  @Mutation(() => ProviderRequestPayload, {
    description:
      "The provider closes an OPEN request from one of its resellers: FULFILLED once it has done the work with the ordinary mutation (this only records it: nothing else changes), or DECLINED, with an optional note to the reseller.",
  })
  resolveProviderRequest(
    @Arg("input", () => ResolveProviderRequestInput) input: ResolveProviderRequestInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, ProviderRequestPayload, (s) => providerRequestService.resolve(s, input));
  }

  @Mutation(() => ProviderRequestPayload, {
    description: "The reseller withdraws its request while it is OPEN.",
  })
  withdrawProviderRequest(
    @Arg("input", () => ProviderRequestIdInput) input: ProviderRequestIdInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, ProviderRequestPayload, (s) => providerRequestService.withdraw(s, input));
  }
}
