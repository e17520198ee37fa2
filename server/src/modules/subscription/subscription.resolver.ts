import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import { requireViewer, type RequestContext } from "../../context";
import { PageArgs } from "../../common/connection";
import { ensure } from "../../common/ensure";
import { notFound } from "../../common/errors";
import { selectedNodeFields } from "../../common/selected-fields";
import { EligibilityAction } from "../../domain/enums";
import { readContext } from "../../service-context";
import { Customer } from "../customer/customer.entity";
import { EligibilityDecision, ScheduledChangeInput } from "../eligibility/eligibility.types";
import { GraphQLInstant } from "../../common/instant-scalar";
import { Partner } from "../partner/partner.entity";
import { CustomerSubscription } from "./customer-subscription.entity";
import { SubscriptionService } from "./subscription.service";
import {
  CustomerSubscriptionConnection,
  SubscriptionFilter,
  SubscriptionOrder,
  TransferCandidateConnection,
} from "./subscription.types";

const subscriptionService = new SubscriptionService();

@Resolver(() => CustomerSubscription)
export class SubscriptionResolver {
  @Query(() => CustomerSubscriptionConnection, {
    description: "Subscriptions of the customers in the viewer's network, soonest term end first unless orderBy says.",
  })
  async subscriptions(
    @Args() page: PageArgs,
    @Arg("filter", () => SubscriptionFilter, { nullable: true }) filter: SubscriptionFilter | null,
    @Arg("orderBy", () => SubscriptionOrder, { nullable: true }) orderBy: SubscriptionOrder | null,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const fields = selectedNodeFields(info);
    return new CustomerSubscriptionConnection(
      await subscriptionService.list(readContext(ctx), filter, page, orderBy, fields),
    );
  }

  @Query(() => TransferCandidateConnection, {
    description:
      "Partner Center's transfer eligibility, with every reason: each CSP subscription of the customer and whether the viewer's partner (the target) may take it over.",
  })
  async transferEligibility(
    @Arg("customerId", () => ID) customerId: string,
    @Arg("resellerId", () => ID, { nullable: true }) resellerId: string | null,
    @Arg("asOf", () => GraphQLInstant, {
      nullable: true,
      description:
        "Decision instant: a date (00:00:00 UTC) or a date-time with Z or ±HH:MM; defaults to now. Rule book V1 reads its UTC date.",
    })
    asOf: string | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    const args = { customerId, resellerId, asOf };
    return new TransferCandidateConnection(await subscriptionService.transferCandidates(readContext(ctx), args, page));
  }

  @FieldResolver(() => Customer)
  async customer(@Root() s: CustomerSubscription, @Ctx() ctx: RequestContext): Promise<Customer> {
    return ensure(await ctx.loaders.customer.load(s.customerId), () => notFound("Customer"));
  }

  @FieldResolver(() => Partner, { nullable: true, description: "The CSP partner that bills it (none outside CSP)." })
  transactingPartner(@Root() s: CustomerSubscription, @Ctx() ctx: RequestContext): Promise<Partner | null> | null {
    return s.transactingPartnerId ? ctx.loaders.partner.load(s.transactingPartnerId) : null;
  }

  @FieldResolver(() => Partner, { nullable: true, description: "The indirect reseller credited for it." })
  resellerOfRecord(@Root() s: CustomerSubscription, @Ctx() ctx: RequestContext): Promise<Partner | null> | null {
    return s.resellerOfRecordId ? ctx.loaders.partner.load(s.resellerOfRecordId) : null;
  }

  @FieldResolver(() => CustomerSubscription, { nullable: true, description: "The base subscription of an add-on." })
  parentSubscription(
    @Root() s: CustomerSubscription,
    @Ctx() ctx: RequestContext,
  ): Promise<CustomerSubscription | null> | null {
    return s.parentId ? ctx.loaders.subscription.load(s.parentId) : null;
  }

  @FieldResolver(() => EligibilityDecision, {
    description: "The viewer's partner's decision for an action on this subscription; batched over a page.",
  })
  eligibility(
    @Root() s: CustomerSubscription,
    @Arg("action", () => EligibilityAction) action: EligibilityAction,
    @Arg("asOf", () => GraphQLInstant, {
      nullable: true,
      description: "A date (00:00:00 UTC) or a date-time with Z or ±HH:MM; defaults to now. V1 reads its UTC date.",
    })
    asOf: string | null,
    @Arg("resellerId", () => ID, { nullable: true }) resellerId: string | null,
    @Arg("quantity", () => Int, { nullable: true, description: "CHANGE_QUANTITY (V2): the requested seat total." })
    quantity: number | null,
    @Arg("autoRenew", () => Boolean, { nullable: true, description: "SET_AUTO_RENEW (V2): the value wanted." })
    autoRenew: boolean | null,
    @Arg("change", () => ScheduledChangeInput, { nullable: true, description: "SCHEDULE_CHANGE (V2): the change." })
    change: ScheduledChangeInput | null,
    @Ctx() ctx: RequestContext,
  ): Promise<EligibilityDecision> {
    requireViewer(ctx);
    return subscriptionService.decisionFor(ctx, s, { action, asOf, resellerId, quantity, autoRenew, change });
  }

  @FieldResolver(() => EligibilityDecision, {
    nullable: true,
    description:
      "Ask my provider (an indirect reseller, R22): the decision of the provider that bills this subscription (its " +
      "transacting partner), decided as that provider today — what requestProviderAction's providerDecision would " +
      "say: whether the provider could do it if asked, with every reason why not. Null unless the viewer is this " +
      "subscription's reseller of record and the provider one of its providers with an ACTIVE partnership. Batched " +
      "over a page (one decision batch per provider).",
  })
  providerEligibility(
    @Root() s: CustomerSubscription,
    @Arg("action", () => EligibilityAction) action: EligibilityAction,
    @Arg("quantity", () => Int, { nullable: true, description: "CHANGE_QUANTITY (V2): the requested seat total." })
    quantity: number | null,
    @Arg("autoRenew", () => Boolean, { nullable: true, description: "SET_AUTO_RENEW (V2): the value wanted." })
    autoRenew: boolean | null,
    @Ctx() ctx: RequestContext,
  ): Promise<EligibilityDecision | null> {
    requireViewer(ctx);
    return subscriptionService.providerDecisionFor(ctx, s, { action, quantity, autoRenew });
  }
}
