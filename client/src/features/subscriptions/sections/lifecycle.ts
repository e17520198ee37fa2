import type {
  BillingCycle,
  ScheduledChangeInput,
  SubscriptionPanelFieldsFragment,
  TermDuration,
} from "../../../graphql/generated";
import type { Locale, Translate } from "../../../lib/i18n";

export type PanelSubscription = SubscriptionPanelFieldsFragment;
export type PlanChange = {
  quantity?: number | null;
  termDuration?: TermDuration | null;
  billingCycle?: BillingCycle | null;
};

/**
 * The billing plans each term can have: billing is never longer than the term (the six plans Partner Center sells;
 * rule R50, https://learn.microsoft.com/en-us/partner-center/developer/create-scheduled-changes). The server decides;
 * the planner only offers what can be chosen.
 */
export const BILLING_FOR_TERM: Record<TermDuration, readonly BillingCycle[]> = {
  P1M: ["MONTHLY"],
  P1Y: ["MONTHLY", "ANNUAL"],
  P3Y: ["MONTHLY", "ANNUAL", "TRIENNIAL"],
};

/** Products whose seats can be changed and whose renewal can be planned (R42, R48). */
export const hasSeatWindows = (s: PanelSubscription) =>
  s.productType === "LICENSE" || s.productType === "SOFTWARE_SUBSCRIPTION";

/** "12 seats, 1 year, billed monthly": what a change makes of the subscription (absent fields keep their value). */
export function describePlan(
  t: Translate,
  locale: Locale,
  s: Pick<PanelSubscription, "quantity" | "termDuration" | "billingCycle">,
  change: PlanChange | null,
): string {
  const quantity = change?.quantity ?? s.quantity;
  const term = change?.termDuration ?? s.termDuration;
  const billing = change?.billingCycle ?? s.billingCycle;
  const seats = t("lifecycle.seats.count", { count: quantity });
  if (!term) return seats;
  const plan = t("lifecycle.plan", {
    term: t(`subscriptions.term.${term}`),
    billing: t(`lifecycle.billing.${billing}`),
  });
  return t("lifecycle.planner.what", { seats, plan });
}

/** The subscription's current plan as a change (what "renew as it is" means). */
export const currentPlan = (s: PanelSubscription): ScheduledChangeInput => ({
  quantity: s.quantity,
  termDuration: s.termDuration,
  billingCycle: s.billingCycle,
});
