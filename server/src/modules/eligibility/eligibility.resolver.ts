import { Arg, Ctx, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../../context";
import { requireViewer } from "../../context";
import { badInput, notFound } from "../../common/errors";
import { requireId } from "../../common/global-id";
import { dateOf, fromDate, parseInstant, startOfDate } from "../../common/instants";
import { EligibilityAction, RuleBook } from "../../domain/enums";
import { Transfer } from "../transfer/transfer.entity";
import type { Partner } from "../partner/partner.entity";
import { Customer } from "../customer/customer.entity";
import { CustomerSubscription } from "../subscription/customer-subscription.entity";
import { namedResellerArg } from "../partner/partner.lookups";
import { EligibilityService, SUBSCRIPTION_ACTIONS } from "./eligibility.service";
import { EligibilityDecision, EligibilityInput, EligibilityRule } from "./eligibility.types";
import { presentDecision } from "./present";
import { allRules, rulesByAction } from "./registry";
import { checkV2Input } from "./v2-input";
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
    const ruleBook = ctx.config.ruleBook;
    checkV2Input(input, ruleBook);
    // V2 decides at an instant (now unless asked); V1 on the UTC date of the one asked for.
    const asked = input.asOf ? parseInstant(input.asOf) : null;
    const now = fromDate(new Date());
    const instant = asked ?? (ruleBook === RuleBook.V2 && dateOf(now) === ctx.today ? now : startOfDate(ctx.today));
    const asOf = dateOf(instant);
    const at = ruleBook === RuleBook.V2 ? instant : startOfDate(asOf);
    let reseller = await namedResellerArg(ctx.loaders, input.resellerId, "resellerId");
    const service = new EligibilityService(ctx.dataSource);
    const opts = {
      asOf,
      at,
      ruleBook,
      policy: ctx.config.transferPolicy,
      reseller,
      offerKind: input.offerKind ?? null,
      quantity: input.quantity ?? null,
      autoRenew: input.autoRenew ?? null,
      change: input.change ?? null,
      transfer: null as Transfer | null,
    };
    if (SUBSCRIPTION_ACTIONS.has(input.action)) {
      if (!input.subscriptionId) throw badInput("subscriptionId", `is required for ${input.action}`);
      const id = requireId(input.subscriptionId, "CustomerSubscription", "subscriptionId");
      const subscription = await ctx.dataSource.getRepository(CustomerSubscription).findOneBy({ id });
      if (!subscription) throw notFound("Subscription", "subscriptionId");
      if (input.transferId) {
        opts.transfer = await namedTransfer(ctx, input.transferId, partner, subscription, reseller);
        reseller = opts.transfer.resellerId ? await ctx.loaders.partner.load(opts.transfer.resellerId) : null;
        opts.reseller = reseller;
      }
      const decisions = await service.decideForSubscriptions(partner, input.action, [subscription], opts);
      const decision = presentDecision(decisions.get(id)!, asOf, ctx.locale, at);
      // Need-to-know: about a subscription of a customer outside the viewer's network, reasons only. Seat windows
      // and the instants a decision changes would tell its purchase time and seat count. A competitor's
      // subscription of a customer the viewer holds is what a transfer needs, so its instants are answered.
      const seen =
        (await ctx.loaders.subscription.load(id)) !== null ||
        (await ctx.loaders.customer.load(subscription.customerId)) !== null;
      if (seen) return decision;
      return Object.assign(decision, {
        eligibleUntil: null,
        becomesEligibleAt: null,
        refundableQuantity: null,
        refundableDetails: null,
      });
    }
    if (!input.customerId) throw badInput("customerId", `is required for ${input.action}`);
    if (input.action === EligibilityAction.ORDER && !input.offerKind)
      throw badInput("offerKind", "is required for ORDER");
    const id = requireId(input.customerId, "Customer", "customerId");
    const exists = await ctx.dataSource.getRepository(Customer).existsBy({ id });
    if (!exists) throw notFound("Customer", "customerId");
    const decisions = await service.decideForCustomers(partner, input.action, [id], opts);
    return presentDecision(decisions.get(id)!, asOf, ctx.locale, at);
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

/**
 * V2 TRANSFER: the request a subscription would join must be the viewer's own (its target), for the subscription's
 * customer, from its transacting partner; a reseller named beside it must be the request's. Anything else is not a
 * question the engine answers: the same NOT_FOUND whether the request exists or belongs to someone else.
 */
async function namedTransfer(
  ctx: RequestContext,
  globalId: string,
  actor: Partner,
  subscription: CustomerSubscription,
  reseller: Partner | null,
): Promise<Transfer> {
  const id = requireId(globalId, "Transfer", "transferId");
  const transfer = await ctx.dataSource.getRepository(Transfer).findOneBy({ id });
  if (
    !transfer ||
    transfer.targetPartnerId !== actor.id ||
    transfer.customerId !== subscription.customerId ||
    transfer.sourcePartnerId !== subscription.transactingPartnerId
  )
    throw notFound("Transfer", "transferId");
  if (reseller && reseller.id !== transfer.resellerId)
    throw badInput("resellerId", "must be the reseller of the named transfer request");
  return transfer;
}
