import { ProductType, SubscriptionStatus, TermDuration } from "../../domain/enums";
import type { PcEntitlement, PcOrder } from "../resources";
import { BILLING_CYCLE, billingCycleOf, offerIdOf, type EmuSubscription, type EmulatorState } from "./state";
import { isoDateTime } from "./subscription-body";

// Software purchases as Partner Center serves them: each software subscription and perpetual software purchase of
// the world is line item 0 of an order (get-an-order-by-id, order-resources) and a software entitlement
// (get-a-collection-of-entitlements, entitlement-resources). A software subscription is also a subscription
// (productType "Software"); a perpetual purchase is not (cancel-software-purchases), so the entitlement and the order
// are all Partner Center holds of it.

/** The world's software a partner sees for a customer (it bills it or is its reseller of record). */
export function softwareOf(state: EmulatorState, partner: string, customer: string): EmuSubscription[] {
  return state.subscriptions.filter(
    (s) =>
      s.customer === customer &&
      s.orderId !== undefined &&
      (s.transactingPartner === partner || s.resellerOfRecord === partner),
  );
}

/** What remains in use: a cancelled or ended purchase leaves no entitlement. */
const inUse = (s: EmuSubscription) =>
  s.status === SubscriptionStatus.ACTIVE || s.status === SubscriptionStatus.SUSPENDED;

/**
 * The software entitlement of a purchase (entitlement-resources: referenceOrder, productId, skuId, quantity,
 * entitlementType, expiryDate "if applicable", given with showExpiry=true). A software subscription's right to use
 * ends with its term; a perpetual one has no expiry date.
 */
export function entitlementBody(s: EmuSubscription, showExpiry: boolean): PcEntitlement {
  const [productId, skuId] = offerIdOf(s).split(":");
  const perpetual = s.productType === ProductType.PERPETUAL_SOFTWARE;
  return {
    includedEntitlements: [],
    referenceOrder: { id: s.orderId!, lineItemId: "0" },
    productId: productId!,
    ...(skuId ? { skuId } : {}),
    quantity: s.quantity,
    entitledArtifacts: [],
    entitlementType: "software",
    ...(showExpiry && !perpetual ? { expiryDate: isoDateTime(s.commitmentEndDate) } : {}),
  };
}

export function softwareEntitlements(
  state: EmulatorState,
  partner: string,
  customer: string,
  showExpiry: boolean,
): PcEntitlement[] {
  return softwareOf(state, partner, customer)
    .filter(inUse)
    .map((s) => entitlementBody(s, showExpiry));
}

/**
 * The order of a software purchase (order-resources: id, referenceCustomerId, billingCycle, lineItems, creationDate,
 * status). Its line item names the offer, the seats, the term (the world's licence default P1Y when it gives none,
 * as the subscription list serves it), the reseller of record's PartnerID and, for a software subscription, the
 * subscription it created.
 */
export function orderBody(state: EmulatorState, s: EmuSubscription): PcOrder {
  const customer = state.customers.get(s.customer)!;
  const reseller = s.resellerOfRecord ? state.partners.get(s.resellerOfRecord) : undefined;
  const term = s.termDuration === undefined ? TermDuration.P1Y : s.termDuration;
  return {
    id: s.orderId!,
    referenceCustomerId: customer.id,
    billingCycle: BILLING_CYCLE[billingCycleOf(s)],
    lineItems: [
      {
        lineItemNumber: 0,
        offerId: offerIdOf(s),
        ...(s.productType === ProductType.SOFTWARE_SUBSCRIPTION ? { subscriptionId: s.id } : {}),
        friendlyName: s.offerName,
        quantity: s.quantity,
        ...(term ? { termDuration: term } : {}),
        ...(reseller ? { partnerIdOnRecord: reseller.partnerId } : {}),
      },
    ],
    creationDate: isoDateTime(s.purchaseDate),
    status: inUse(s) ? "completed" : "cancelled",
    attributes: { objectType: "Order" },
  };
}
