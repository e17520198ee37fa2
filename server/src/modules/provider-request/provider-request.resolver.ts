import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../../context";
import { requireViewer } from "../../context";
import { PageArgs } from "../../common/connection";
import { ensure } from "../../common/ensure";
import { notFound } from "../../common/errors";
import { readContext } from "../../service-context";
import { Customer } from "../customer/customer.entity";
import { Partner } from "../partner/partner.entity";
import { CustomerSubscription } from "../subscription/customer-subscription.entity";
import { ProviderRequest, ProviderRequestAction } from "./provider-request.entity";
import { ProviderRequestService } from "./provider-request.service";
import {
  ProviderRequestConnection,
  ProviderRequestDirection,
  ProviderRequestFilter,
  ProviderRequestOrder,
} from "./provider-request.types";

const providerRequestService = new ProviderRequestService();

/** A partner a request names; it cannot be missing (the request would have been deleted with it). */
async function partnerOf(ctx: RequestContext, id: string): Promise<Partner> {
  return ensure(await ctx.loaders.partner.load(id), () => notFound("Partner"));
}

@Resolver(() => ProviderRequest)
export class ProviderRequestResolver {
  @Query(() => ProviderRequestConnection, {
    description:
      "Requests the viewer's partner sent to its providers (as an indirect reseller) or received from its resellers (as an indirect provider); newest first.",
  })
  async providerRequests(
    @Args() page: PageArgs,
    @Arg("filter", () => ProviderRequestFilter, { nullable: true }) filter: ProviderRequestFilter | null,
    @Arg("orderBy", () => ProviderRequestOrder, { nullable: true }) orderBy: ProviderRequestOrder | null,
    @Ctx() ctx: RequestContext,
  ) {
    const list = await providerRequestService.list(readContext(ctx), filter, page, orderBy);
    return new ProviderRequestConnection(list);
  }

  @FieldResolver(() => ProviderRequestDirection, { description: "From the viewer's side." })
  direction(@Root() r: ProviderRequest, @Ctx() ctx: RequestContext): ProviderRequestDirection {
    return requireViewer(ctx).partner.id === r.resellerId
      ? ProviderRequestDirection.SENT
      : ProviderRequestDirection.RECEIVED;
  }

  @FieldResolver(() => Partner, { description: "The indirect reseller that sent the request." })
  reseller(@Root() r: ProviderRequest, @Ctx() ctx: RequestContext): Promise<Partner> {
    return partnerOf(ctx, r.resellerId);
  }

  @FieldResolver(() => Partner, { description: "The indirect provider asked to act." })
  provider(@Root() r: ProviderRequest, @Ctx() ctx: RequestContext): Promise<Partner> {
    return partnerOf(ctx, r.providerId);
  }

  @FieldResolver(() => Customer, { nullable: true, description: "Null once the customer left the viewer's network." })
  customer(@Root() r: ProviderRequest, @Ctx() ctx: RequestContext): Promise<Customer | null> {
    return ctx.loaders.customer.load(r.customerId);
  }

  @FieldResolver(() => CustomerSubscription, {
    nullable: true,
    description:
      "CANCEL, SUSPEND, REACTIVATE, TRANSFER: the subscription concerned (null for ORDER, or when the viewer can no longer see it).",
  })
  subscription(@Root() r: ProviderRequest, @Ctx() ctx: RequestContext): Promise<CustomerSubscription | null> | null {
    if (!r.subscriptionId) return null;
    // A TRANSFER is about another partner's subscription: readable where a transfer needs it (both parties hold
    // the customer), as when the request was made (provider-request.subject.ts).
    return r.action === ProviderRequestAction.TRANSFER
      ? ctx.loaders.transferableSubscription.load(r.subscriptionId)
      : ctx.loaders.subscription.load(r.subscriptionId);
  }
}
