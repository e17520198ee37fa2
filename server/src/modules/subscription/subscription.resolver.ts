import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { GraphQLLocalDate } from "graphql-scalars";
import type { RequestContext } from "../../context";
import { requireViewer } from "../../context";
import { paginate, PageArgs } from "../../common/connection";
import { badInput, notFound } from "../../common/errors";
import { EligibilityAction, SalesChannel } from "../../domain/enums";
import { Customer } from "../customer/customer.entity";
import { Partner } from "../partner/partner.entity";
import { requireId } from "../../common/global-id";
import { namedResellerArg } from "../partner/partner.lookups";
import { EligibilityService, SUBSCRIPTION_ACTIONS } from "../eligibility/eligibility.service";
import { EligibilityDecision } from "../eligibility/eligibility.types";
import { presentDecision } from "../eligibility/present";
import { CustomerSubscription } from "./customer-subscription.entity";
import { subscriptionQuery } from "./subscription.query";
import {
  CustomerSubscriptionConnection,
  SubscriptionFilter,
  TransferCandidate,
  TransferCandidateConnection,
} from "./subscription.types";

const byTermEnd = {
  column: "s.commitment_end_date",
  idColumn: "s.id",
  direction: "ASC" as const,
  value: (s: CustomerSubscription) => s.commitmentEndDate,
  id: (s: CustomerSubscription) => s.id,
};

@Resolver(() => CustomerSubscription)
export class SubscriptionResolver {
  @Authorized()
  @Query(() => CustomerSubscriptionConnection, {
    description: "Subscriptions of the customers in the viewer's network, soonest term end first.",
  })
  async subscriptions(
    @Args() page: PageArgs,
    @Arg("filter", () => SubscriptionFilter, { nullable: true }) filter: SubscriptionFilter | null,
    @Ctx() ctx: RequestContext,
  ) {
    const { scope } = requireViewer(ctx);
    return new CustomerSubscriptionConnection(
      await paginate(subscriptionQuery(ctx.dataSource, scope, filter), page, byTermEnd),
    );
  }

  @Authorized()
  @Query(() => TransferCandidateConnection, {
    description:
      "Partner Center's transfer eligibility, with every reason: each CSP subscription of the customer and whether the viewer's partner (the target) may take it over.",
  })
  async transferEligibility(
    @Arg("customerId", () => ID) customerId: string,
    @Arg("resellerId", () => ID, { nullable: true }) resellerId: string | null,
    @Arg("asOf", () => GraphQLLocalDate, { nullable: true }) asOf: string | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    const { scope, partner } = requireViewer(ctx);
    const id = requireId(customerId, "Customer", "customerId");
    if (!(await ctx.loaders.customer.load(id))) throw notFound("Customer", "customerId");
    const reseller = await namedResellerArg(ctx.loaders, resellerId, "resellerId");
    const day = asOf ?? ctx.today;
    const qb = subscriptionQuery(ctx.dataSource, scope, null)
      .andWhere("s.customer_id = :id", { id })
      .andWhere("s.channel = :csp", { csp: SalesChannel.CSP })
      .andWhere("s.status <> 'DELETED'");
    const result = await paginate(qb, page, byTermEnd);
    const decisions = await new EligibilityService(ctx.dataSource).decideForSubscriptions(
      partner,
      EligibilityAction.TRANSFER,
      result.nodes,
      { asOf: day, policy: ctx.config.transferPolicy, reseller },
    );
    const candidates = result.nodes.map((s) =>
      Object.assign(new TransferCandidate(), {
        subscription: s,
        decision: presentDecision(decisions.get(s.id)!, day, ctx.locale),
      }),
    );
    return new TransferCandidateConnection({ ...result, nodes: candidates });
  }

  @FieldResolver(() => Customer)
  async customer(@Root() s: CustomerSubscription, @Ctx() ctx: RequestContext): Promise<Customer> {
    const c = await ctx.loaders.customer.load(s.customerId);
    if (!c) throw notFound("Customer");
    return c;
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
  async eligibility(
    @Root() s: CustomerSubscription,
    @Arg("action", () => EligibilityAction) action: EligibilityAction,
    @Arg("asOf", () => GraphQLLocalDate, { nullable: true }) asOf: string | null,
    @Arg("resellerId", () => ID, { nullable: true }) resellerId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<EligibilityDecision> {
    requireViewer(ctx);
    if (!SUBSCRIPTION_ACTIONS.has(action))
      throw badInput("action", `${action} is decided for a customer, not a subscription`);
    const day = asOf ?? ctx.today;
    const reseller = await namedResellerArg(ctx.loaders, resellerId, "resellerId");
    const decision = await ctx.loaders.eligibility.load({ action, asOf: day, subscription: s, reseller });
    return presentDecision(decision, day, ctx.locale);
  }
}
