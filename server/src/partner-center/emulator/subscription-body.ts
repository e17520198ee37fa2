import { OfferKind, TermDuration, type BillingCycle } from "../../domain/enums";
import type { PcSubscription } from "../resources";
import {
  EMULATOR_SUBSCRIPTION_STATUS,
  billingCycleOf,
  isNewCommerceLicense,
  type EmuSubscription,
  type EmulatorState,
} from "./state";

/** A date (00:00:00 UTC) or a date-time as Partner Center's ISO date-time. */
export function isoDateTime(date: string): string {
  return date.length === 10 ? `${date}T00:00:00Z` : new Date(date).toISOString();
}

/** A subscription as Partner Center serves it (subscription-resources page). */
export function subscriptionBody(state: EmulatorState, s: EmuSubscription): PcSubscription {
  const usage = s.offerKind === OfferKind.USAGE_BASED;
  const reseller = s.resellerOfRecord ? state.partners.get(s.resellerOfRecord) : undefined;
  const parent = s.parent ? state.subscriptionsByKey.get(s.parent) : undefined;
  const term = s.termDuration === undefined ? (usage ? null : TermDuration.P1Y) : s.termDuration;
  return {
    id: s.id,
    offerId: s.offerId ?? s.offerName.toUpperCase().replace(/[^A-Z0-9]+/g, "-"),
    offerName: s.offerName,
    friendlyName: s.offerName,
    quantity: s.quantity,
    unitType: usage ? "Usage-based" : "Licenses",
    ...(parent ? { parentSubscriptionId: parent.id } : {}),
    creationDate: isoDateTime(s.purchaseDate),
    effectiveStartDate: isoDateTime(s.renewalDate ?? s.purchaseDate),
    commitmentEndDate: isoDateTime(s.commitmentEndDate),
    status: EMULATOR_SUBSCRIPTION_STATUS[s.status] as PcSubscription["status"],
    autoRenewEnabled: s.autoRenew ?? true,
    billingType: usage ? "usage" : "license",
    billingCycle: BILLING_CYCLE[billingCycleOf(s)],
    ...(term ? { termDuration: term } : {}),
    ...(reseller ? { partnerId: reseller.partnerId } : {}),
    contractType: "subscription",
    // Served for new commerce license-based subscriptions, null when nothing is saved ("original value = null" in
    // the example of manage-billing-frequency-software-subs; "not applicable for legacy offers").
    ...(isNewCommerceLicense(s) ? { scheduledNextTermInstructions: s.scheduledNextTermInstructions ?? null } : {}),
    ...(s.isAzurePlan
      ? { productType: { id: "Azure", displayName: "Azure" } }
      : isNewCommerceLicense(s)
        ? { productType: { id: "OnlineServicesNCE", displayName: "OnlineServicesNCE" } }
        : {}),
    attributes: { objectType: "Subscription" },
  };
}

export const BILLING_CYCLE: Record<BillingCycle, PcSubscription["billingCycle"]> = {
  MONTHLY: "monthly",
  ANNUAL: "annual",
  TRIENNIAL: "triennial",
  NONE: "none",
};
