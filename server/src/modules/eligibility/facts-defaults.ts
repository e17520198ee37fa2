import { startOfDate } from "../../common/instants";
import { BillingCycle, OfferKind, ProductType, RuleBook } from "../../domain/enums";
import type { DecisionFacts, SubscriptionFacts } from "./facts";

// RULES.md "v2: vocabulary": every v2 fact is optional, and its default keeps a v1 world's meaning. These fill
// them in for facts written the v1 way (tests, the seed's checks).

/** The v1 part of a subscription's facts. */
export type V1SubscriptionFacts = Omit<
  SubscriptionFacts,
  | "quantity"
  | "purchasedAt"
  | "renewedAt"
  | "productType"
  | "tranches"
  | "autoRenew"
  | "termDuration"
  | "billingCycle"
  | "maxQuantity"
  | "scheduledChange"
  | "activeAzureSubscriptions"
> &
  Partial<SubscriptionFacts>;

export function withLifecycleDefaults(s: V1SubscriptionFacts): SubscriptionFacts {
  const purchasedAt = s.purchasedAt ?? startOfDate(s.purchaseDate);
  const renewedAt = s.renewedAt !== undefined ? s.renewedAt : s.renewalDate ? startOfDate(s.renewalDate) : null;
  const quantity = s.quantity ?? 1;
  const usage = s.offerKind === OfferKind.USAGE_BASED;
  return {
    ...s,
    quantity,
    purchasedAt,
    renewedAt,
    productType:
      s.productType ?? (s.isAzurePlan ? ProductType.AZURE_PLAN : usage ? ProductType.USAGE : ProductType.LICENSE),
    tranches: s.tranches ?? (quantity > 0 ? [{ quantity, purchasedAt: renewedAt ?? purchasedAt }] : []),
    autoRenew: s.autoRenew ?? true,
    termDuration: s.termDuration ?? null,
    billingCycle: s.billingCycle ?? (usage ? BillingCycle.MONTHLY : BillingCycle.ANNUAL),
    maxQuantity: s.maxQuantity ?? null,
    scheduledChange: s.scheduledChange ?? null,
    activeAzureSubscriptions: s.activeAzureSubscriptions ?? 0,
  };
}

/** The decision facts v1 never reads, at their V1 values. */
export const v1DecisionDefaults = (
  asOf: string,
): Pick<
  DecisionFacts,
  "ruleBook" | "at" | "transfersOfSubject" | "namedTransfer" | "quantity" | "autoRenew" | "change"
> => ({
  ruleBook: RuleBook.V1,
  at: startOfDate(asOf),
  transfersOfSubject: [],
  namedTransfer: null,
  quantity: null,
  autoRenew: null,
  change: null,
});
