import { Arg, Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../../context";
import { requireViewer } from "../../context";
import { paginate, PageArgs } from "../../common/connection";
import { badInput } from "../../common/errors";
import { Customer } from "../customer/customer.entity";
import { CustomerSubscription } from "../subscription/customer-subscription.entity";
import { Partner } from "../partner/partner.entity";
import { requireId } from "../../common/global-id";
import { ProviderRequest } from "./provider-request.entity";
import { ProviderRequestConnection, ProviderRequestDirection, ProviderRequestFilter } from "./provider-request.types";

@Resolver(() => ProviderRequest)
export class ProviderRequestResolver {
  @Authorized()
  @Query(() => ProviderRequestConnection, {
    description:
      "Requests the viewer's partner sent to its providers (as an indirect reseller) or received from its resellers (as an indirect provider); newest first.",
  })
  async providerRequests(
    @Args() page: PageArgs,
    @Arg("filter", () => ProviderRequestFilter, { nullable: true }) filter: ProviderRequestFilter | null,
    @Ctx() ctx: RequestContext,
  ) {
    const { scope, partner } = requireViewer(ctx);
    const qb = scope.visibleProviderRequests(
      ctx.dataSource.getRepository(ProviderRequest).createQueryBuilder("pr"),
      "pr",
    );
    if (filter?.status?.length) qb.andWhere("pr.status IN (:...statuses)", { statuses: filter.status });
    if (filter?.direction === ProviderRequestDirection.SENT) {
      qb.andWhere("pr.reseller_id = :me", { me: partner.id });
    } else if (filter?.direction === ProviderRequestDirection.RECEIVED) {
      qb.andWhere("pr.provider_id = :me", { me: partner.id });
    }
    if (filter?.customerId) {
      qb.andWhere("pr.customer_id = :customerId", {
        customerId: requireId(filter.customerId, "Customer", "filter.customerId"),
      });
    }
    const result = await paginate(qb, page, {
      column: "pr.created_at",
      idColumn: "pr.id",
      direction: "DESC",
      value: (r) => r.createdAt.toISOString(),
      id: (r) => r.id,
      toParameter: (v) => {
        const date = new Date(String(v));
        if (Number.isNaN(date.getTime())) throw badInput("after", "is not a cursor returned by this list");
        return date;
      },
    });
    return new ProviderRequestConnection(result);
  }

  @FieldResolver(() => ProviderRequestDirection, { description: "From the viewer's side." })
  direction(@Root() r: ProviderRequest, @Ctx() ctx: RequestContext): ProviderRequestDirection {
    return requireViewer(ctx).partner.id === r.resellerId
      ? ProviderRequestDirection.SENT
      : ProviderRequestDirection.RECEIVED;
  }

  @FieldResolver(() => Partner, { description: "The indirect reseller that sent the request." })
  async reseller(@Root() r: ProviderRequest, @Ctx() ctx: RequestContext): Promise<Partner> {
    return (await ctx.loaders.partner.load(r.resellerId))!;
  }

  @FieldResolver(() => Partner, { description: "The indirect provider asked to act." })
  async provider(@Root() r: ProviderRequest, @Ctx() ctx: RequestContext): Promise<Partner> {
    return (await ctx.loaders.partner.load(r.providerId))!;
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
    return r.subscriptionId ? ctx.loaders.subscription.load(r.subscriptionId) : null;
  }
}
