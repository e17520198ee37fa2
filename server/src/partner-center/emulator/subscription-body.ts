import { OfferKind, ProductType, TermDuration } from "../../domain/enums";
import { HOUR_MS, SEAT_REDUCTION_WINDOW_HOURS } from "../../domain/policy";
import type { PcSubscription } from "../resources";
import {
  BILLING_CYCLE,
  EMULATOR_SUBSCRIPTION_STATUS,
  billingCycleOf,
  offerIdOf,
  isNewCommerceLicense,
  type EmuSubscription,
  type EmulatorState,
} from "./state";

/** A date (00:00:00 UTC) or a date-time as Partner Center's ISO date-time. */
export function isoDateTime(date: string): string {
  return date.length === 10 ? `${date}T00:00:00Z` : new Date(date).toISOString();
}

/**
 * The seats of a new-commerce license subscription still inside their return window at `now`, batch by batch:
 * each batch of seats (bought, renewed or added mid-term) can be reduced for 168 hours
 * (https://learn.microsoft.com/partner-center/customers/create-a-new-subscription), which Partner Center reports as
 * `refundableQuantity` (subscription-resources; the SDK's RefundableQuantity and RefundableQuantityDetail).
 */
function refundableQuantity(s: EmuSubscription, now: number): PcSubscription["refundableQuantity"] {
  const termStart = s.renewalDate ?? s.purchaseDate;
  const batches = s.tranches ?? [{ quantity: s.quantity, purchasedAt: termStart }];
  const details = batches
    .map((t) => ({
      quantity: t.quantity,
      until: Date.parse(isoDateTime(t.purchasedAt)) + SEAT_REDUCTION_WINDOW_HOURS * HOUR_MS,
    }))
    .filter((d) => d.quantity > 0 && d.until > now)
    .map((d) => ({ quantity: d.quantity, allowedUntilDateTime: new Date(d.until).toISOString() }));
  return { totalQuantity: details.reduce((n, d) => n + d.quantity, 0), details };
}

/** A subscription as Partner Center serves it (subscription-resources page). */
export function subscriptionBody(state: EmulatorState, s: EmuSubscription): PcSubscription {
  const usage = s.offerKind === OfferKind.USAGE_BASED;
  const reseller = s.resellerOfRecord ? state.partners.get(s.resellerOfRecord) : undefined;
  const parent = s.parent ? state.subscriptionsByKey.get(s.parent) : undefined;
  const term = s.termDuration === undefined ? (usage ? null : TermDuration.P1Y) : s.termDuration;
  const body = baseBody(s, usage, reseller, parent, term);
  const newCommerceLicense = isNewCommerceLicense(s) && !s.isAzurePlan;
  return {
    ...body,
    ...(newCommerceLicense ? { refundableQuantity: refundableQuantity(s, state.now) } : {}),
  };
}

function baseBody(
  s: EmuSubscription,
  usage: boolean,
  reseller: { partnerId: string } | undefined,
  parent: EmuSubscription | undefined,
  term: TermDuration | null,
): PcSubscription {
  return {
    id: s.id,
    offerId: offerIdOf(s),
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
        ? s.productType === ProductType.SOFTWARE_SUBSCRIPTION
          ? // manage-billing-frequency-software-subs: a software subscription's productType is "Software".
            { productType: { id: "Software", displayName: "Software" } }
          : { productType: { id: "OnlineServicesNCE", displayName: "OnlineServicesNCE" } }
        : {}),
    // subscription-resources: isMicrosoftProduct; false for a commercial marketplace (third-party) subscription, as in
    // the example of cancel-an-azure-marketplace-subscription. The world's marketplace offers are its SaaS ones.
    isMicrosoftProduct: s.productType !== ProductType.MARKETPLACE_SAAS,
    attributes: { objectType: "Subscription" },
  };
}

export { BILLING_CYCLE };
