import { Arg, Ctx, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../../context";
import { requireViewer } from "../../context";
import { badInput, notFound } from "../../common/errors";
import { requireId } from "../../common/global-id";
import { EligibilityAction } from "../../domain/enums";
import { Customer } from "../customer/customer.entity";
import { CustomerSubscription } from "../subscription/customer-subscription.entity";
import { namedResellerArg } from "../partner/partner.lookups";
import { EligibilityService, SUBSCRIPTION_ACTIONS } from "./eligibility.service";
import { EligibilityDecision, EligibilityInput, EligibilityRule } from "./eligibility.types";
import { presentDecision } from "./present";
import { allRules, rulesByAction } from "./registry";
import { ruleMessage } from "./messages";

@Resolver()
export class EligibilityResolver {
  /**
   * Decides for the viewer's partner. The subject may lie outside the viewer's network (a transfer target or
   * a partner without a relationship asks exactly that): the answer carries reasons, never the subject's data.
   */
  @Query(() => EligibilityDecision, { description: "May the viewer's partner do this? Every reason, with its rule." })
  async eligibility(@Arg("input", () => EligibilityInput) input: EligibilityInput, @Ctx() ctx: RequestContext) {
    const { partner } = requireViewer(ctx);
    const asOf = input.asOf ?? ctx.today;
    const reseller = await namedResellerArg(ctx.loaders, input.resellerId, "resellerId");
    const service = new EligibilityService(ctx.dataSource);
    const opts = { asOf, policy: ctx.config.transferPolicy, reseller, offerKind: input.offerKind ?? null };
    if (SUBSCRIPTION_ACTIONS.has(input.action)) {
      if (!input.subscriptionId) throw badInput("subscriptionId", `is required for ${input.action}`);
      const id = requireId(input.subscriptionId, "CustomerSubscription", "subscriptionId");
      const subscription = await ctx.dataSource.getRepository(CustomerSubscription).findOneBy({ id });
      if (!subscription) throw notFound("Subscription", "subscriptionId");
      const decisions = await service.decideForSubscriptions(partner, input.action, [subscription], opts);
      return presentDecision(decisions.get(id)!, asOf, ctx.locale);
    }
    if (!input.customerId) throw badInput("customerId", `is required for ${input.action}`);
    if (input.action === EligibilityAction.ORDER && !input.offerKind)
      throw badInput("offerKind", "is required for ORDER");
    const id = requireId(input.customerId, "Customer", "customerId");
    const exists = await ctx.dataSource.getRepository(Customer).existsBy({ id });
    if (!exists) throw notFound("Customer", "customerId");
    const decisions = await service.decideForCustomers(partner, input.action, [id], opts);
    return presentDecision(decisions.get(id)!, asOf, ctx.locale);
  }

  @Query(() => [EligibilityRule], { description: "The rule book: every rule, the actions it applies to, its message." })
  eligibilityRules(@Ctx() ctx: RequestContext): EligibilityRule[] {
    return allRules.map((rule) =>
      Object.assign(new EligibilityRule(), {
        id: rule.id,
        code: rule.code,
        severity: rule.severity,
        source: rule.source.url,
        sourceTitle: rule.source.title,
        message: ruleMessage(rule.id, ctx.locale),
        actions: (Object.keys(rulesByAction) as EligibilityAction[]).filter((a) => rulesByAction[a].includes(rule)),
      }),
    );
  }
}
