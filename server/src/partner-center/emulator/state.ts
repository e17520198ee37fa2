import { createHash } from "node:crypto";
import {
  BillingCycle,
  CommerceModel,
  OfferKind,
  PartnershipStatus,
  ProductType,
  RelationshipStatus,
  SalesChannel,
  SubscriptionStatus,
  TermDuration,
  TransferStatus,
} from "../../domain/enums";
import { softwarePurchaseId } from "../software-purchases";
import type { PcScheduledNextTermInstructions, PcSubscription } from "../resources";
import type { World, WorldPartner, WorldSubscription, WorldTransfer } from "../../scenarios/world";

// What Partner Center holds of a world: partners, provider ↔ reseller partnerships, customers, their reseller
// relationships, CSP subscriptions and transfers. Subscriptions from other channels (EA, direct, Open …) are
// channelgate's own records (multi-channel support) and are not here. Ids are derived from the world keys, so a
// restarted emulator serves the same ids.

/** A GUID derived from a name (SHA-1, version 5 layout), stable across runs. */
export function stableGuid(name: string): string {
  const h = createHash("sha1").update(`channelgate-emulator:${name}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface EmuPartner extends WorldPartner {
  tenantId: string;
}
export interface EmuCustomer {
  key: string;
  /** Customer id = its tenant id, as in Partner Center. */
  id: string;
  name: string;
  domain: string;
  country: string;
  mcaAccepted: boolean;
}
export interface EmuSubscription extends WorldSubscription {
  id: string;
  /**
   * Software (perpetual or subscription): the order that bought it, whose line item 0 it is (software-purchases.ts).
   * A perpetual purchase is no subscription in Partner Center: it is served as that order and a software entitlement.
   */
  orderId?: string;
  /** New commerce: the change saved for the next renewal (a subscription PATCH sets or removes it). */
  scheduledNextTermInstructions?: PcScheduledNextTermInstructions | null;
}
export interface EmuTransfer extends WorldTransfer {
  id: string;
}

export interface EmulatorState {
  asOf: string;
  /** The emulator's present (ms): which seat-return windows are still open. */
  now: number;
  partners: Map<string, EmuPartner>;
  partnersByTenant: Map<string, EmuPartner>;
  partnerships: World["partnerships"];
  customers: Map<string, EmuCustomer>;
  customersById: Map<string, EmuCustomer>;
  relationships: World["relationships"];
  subscriptions: EmuSubscription[];
  /** Catalog SKUs by "productId:skuId" (get-a-sku-by-id). */
  catalog: Map<string, EmuSku>;
  subscriptionsByKey: Map<string, EmuSubscription>;
  transfers: EmuTransfer[];
  /** Memo of customersOf (the state does not change while served). */
  customersOfPartner: Map<string, string[]>;
  subscriptionsByCustomer: Map<string, EmuSubscription[]>;
}

/**
 * Builds the emulator's store from a world (the demo network or a scenario world) as of a date (YYYY-MM-DD); `now`
 * is the emulator's present (a scenario's instant; the clock by default).
 */
export function stateFromWorld(world: World, asOf: string, now: Date = new Date()): EmulatorState {
  const partners = new Map<string, EmuPartner>();
  const partnersByTenant = new Map<string, EmuPartner>();
  for (const p of world.partners) {
    const e = { ...p, tenantId: p.tenantId ?? stableGuid(`partner:${p.key}`) };
    partners.set(p.key, e);
    partnersByTenant.set(e.tenantId, e);
  }
  const customers = new Map<string, EmuCustomer>();
  const customersById = new Map<string, EmuCustomer>();
  for (const c of world.customers) {
    // A partner's own CSP transaction tenant shares the partner's tenant id in the demo world; in Partner
    // Center the customer id is the customer's tenant id, so both worlds agree.
    // A partner's own tenant as a customer of another partner (partnerTenantOf) is that partner's tenant.
    const ownTenant = c.partnerTenantOf ? partners.get(c.partnerTenantOf)?.tenantId : undefined;
    const e: EmuCustomer = {
      key: c.key,
      id: c.tenantId ?? ownTenant ?? stableGuid(`customer:${c.key}`),
      name: c.name,
      domain: c.domain.toLowerCase(),
      country: c.country,
      mcaAccepted: c.mcaAccepted,
    };
    customers.set(c.key, e);
    customersById.set(e.id, e);
  }
  const subscriptions: EmuSubscription[] = [];
  const catalog = new Map<string, EmuSku>();
  const subscriptionsByKey = new Map<string, EmuSubscription>();
  const subscriptionsByCustomer = new Map<string, EmuSubscription[]>();
  for (const s of world.subscriptions) {
    if (s.channel !== SalesChannel.CSP) continue;
    const software =
      s.productType === ProductType.PERPETUAL_SOFTWARE || s.productType === ProductType.SOFTWARE_SUBSCRIPTION;
    const orderId = software ? orderIdOf(s.key) : undefined;
    const e: EmuSubscription = {
      ...s,
      // A perpetual purchase's row is keyed by its order line item, the one id Partner Center gives it.
      id:
        s.productType === ProductType.PERPETUAL_SOFTWARE
          ? softwarePurchaseId(orderId!, 0)
          : stableGuid(`subscription:${s.key}`),
      ...(orderId ? { orderId } : {}),
    };
    // The one source of scheduledNextTermInstructions: seeded here from the world's scheduled change, then only a
    // subscription PATCH sets or removes it (emulator/writes.ts).
    if (isNewCommerceLicense(s) && !s.isAzurePlan) e.scheduledNextTermInstructions = scheduledInstructions(s);
    const [productId, skuId] = offerIdOf(s).split(":");
    if (s.maxQuantity !== undefined && isNewCommerceLicense(s) && productId && skuId) {
      if (!catalog.has(`${productId}:${skuId}`)) {
        catalog.set(`${productId}:${skuId}`, { productId, skuId, title: s.offerName, maximumQuantity: s.maxQuantity });
      }
    }
    subscriptions.push(e);
    subscriptionsByKey.set(s.key, e);
    // Not among the customer's subscriptions: served as an order and an entitlement only (emulator/software.ts).
    if (s.productType === ProductType.PERPETUAL_SOFTWARE) continue;
    const list = subscriptionsByCustomer.get(s.customer) ?? [];
    list.push(e);
    subscriptionsByCustomer.set(s.customer, list);
  }
  const transfers = world.transfers.map((t) => ({ ...t, id: stableGuid(`transfer:${t.key}`) }));
  return {
    asOf,
    now: now.getTime(),
    partners,
    partnersByTenant,
    partnerships: world.partnerships,
    customers,
    customersById,
    relationships: world.relationships,
    subscriptions,
    catalog,
    subscriptionsByKey,
    transfers,
    customersOfPartner: new Map(),
    subscriptionsByCustomer,
  };
}

/** Partner keys with an ACTIVE partnership where `partner` is the provider (its indirect resellers). */
export function activeResellersOf(state: EmulatorState, partner: string): string[] {
  return state.partnerships
    .filter((p) => p.provider === partner && p.status === PartnershipStatus.ACTIVE)
    .map((p) => p.reseller);
}

/** Partner keys with an ACTIVE partnership where `partner` is the reseller (its indirect providers). */
export function activeProvidersOf(state: EmulatorState, partner: string): string[] {
  return state.partnerships
    .filter((p) => p.reseller === partner && p.status === PartnershipStatus.ACTIVE)
    .map((p) => p.provider);
}

/** Customer keys of a partner: those with an accepted (ACTIVE) reseller relationship with it. */
export function customersOf(state: EmulatorState, partner: string): string[] {
  const memo = state.customersOfPartner.get(partner);
  if (memo) return memo;
  const keys = new Set<string>();
  for (const r of state.relationships) {
    if (r.partner === partner && r.status === RelationshipStatus.ACTIVE) keys.add(r.customer);
  }
  const list = [...state.customers.keys()].filter((k) => keys.has(k));
  state.customersOfPartner.set(partner, list);
  return list;
}

/** Whether the customer accepted a relationship with DAP for this partner. */
export function delegatedAccess(state: EmulatorState, partner: string, customer: string): boolean {
  return state.relationships.some(
    (r) =>
      r.partner === partner &&
      r.customer === customer &&
      r.status === RelationshipStatus.ACTIVE &&
      r.includesDelegatedAdmin,
  );
}

/** An order id as Partner Center writes them (12 hexadecimal digits, e.g. "c403d91b21d2"), stable for a world key. */
function orderIdOf(key: string): string {
  return createHash("sha1").update(`order:${key}`).digest("hex").slice(0, 12);
}

/** The CSP subscriptions a partner sees for a customer: those it bills, or of which it is the reseller of record. */
export function subscriptionsOf(state: EmulatorState, partner: string, customer: string): EmuSubscription[] {
  return (state.subscriptionsByCustomer.get(customer) ?? []).filter(
    (s) => s.transactingPartner === partner || s.resellerOfRecord === partner,
  );
}

/**
 * Transfers of a customer the partner takes part in (source or target). Withdrawn transfers are gone (the
 * withdrawal is a DELETE in Partner Center); accepted ones in progress have no documented status value and are
 * not served.
 */
export function transfersOf(state: EmulatorState, partner: string, customer: string): EmuTransfer[] {
  return state.transfers.filter(
    (t) =>
      t.customer === customer &&
      (t.source === partner || t.target === partner) &&
      t.status !== TransferStatus.WITHDRAWN &&
      t.status !== TransferStatus.ACCEPTED,
  );
}

export function isNewCommerceLicense(s: WorldSubscription): boolean {
  return s.commerceModel === CommerceModel.NEW_COMMERCE && s.offerKind === OfferKind.LICENSE_BASED;
}

export function billingCycleOf(s: WorldSubscription): BillingCycle {
  return s.billingCycle ?? (s.offerKind === OfferKind.USAGE_BASED ? BillingCycle.MONTHLY : BillingCycle.ANNUAL);
}

/** Partner Center's billingCycle values (subscription-resources). */
export const BILLING_CYCLE: Record<BillingCycle, PcSubscription["billingCycle"]> = {
  MONTHLY: "monthly",
  ANNUAL: "annual",
  TRIENNIAL: "triennial",
  NONE: "none",
};

/** The subscription's offer id as served: the world's, or one made from the offer name. */
export function offerIdOf(s: WorldSubscription): string {
  if (s.offerId) return s.offerId;
  // A new commerce offer the world gives a maximum is in the catalog: its id is "productId:skuId", as new commerce
  // offer ids are written, with a product id made from the offer (12 characters like Microsoft's, e.g. CFQ7TTC0LH18).
  if (s.maxQuantity !== undefined && isNewCommerceLicense(s))
    return `${catalogProductId(s.offerName, s.maxQuantity)}:0001`;
  return s.offerName.toUpperCase().replace(/[^A-Z0-9]+/g, "-");
}

const PRODUCT_ID_ALPHABET = "0123456789BCDFGHJKLMNPQRSTVWXZ";

/** A deterministic catalog product id for an offer of the world (same name and maximum: same product). */
function catalogProductId(offerName: string, maxQuantity: number): string {
  const digest = createHash("sha256").update(`catalog-product:${offerName}:${maxQuantity}`).digest();
  return Array.from(digest.subarray(0, 12), (b) => PRODUCT_ID_ALPHABET[b % PRODUCT_ID_ALPHABET.length]).join("");
}

/** A SKU of the emulator's catalog: those of the world's new commerce offers that give a maximum seat count. */
export interface EmuSku {
  productId: string;
  skuId: string;
  title: string;
  maximumQuantity: number;
}

/**
 * The change saved for the next renewal, as Partner Center's scheduledNextTermInstructions (create-scheduled-changes:
 * https://learn.microsoft.com/partner-center/developer/create-scheduled-changes), seeded from the world's scheduled
 * change (null: none): the product term it renews into and its seats, the fields the world leaves out being the
 * current ones. The catalog's product and SKU ids are the offer id's parts ("productId:skuId"), as new commerce offer
 * ids are written.
 */
function scheduledInstructions(s: WorldSubscription): PcScheduledNextTermInstructions | null {
  const change = s.scheduledChange;
  if (!change) return null;
  const offerId = offerIdOf(s);
  const [productId, skuId] = offerId.split(":");
  const termDuration = change.termDuration ?? (s.termDuration === undefined ? TermDuration.P1Y : s.termDuration);
  return {
    product: {
      productId: productId ?? offerId,
      ...(skuId ? { skuId } : {}),
      billingCycle: BILLING_CYCLE[change.billingCycle ?? billingCycleOf(s)],
      ...(termDuration ? { termDuration } : {}),
    },
    quantity: change.quantity ?? s.quantity,
  };
}

export const EMULATOR_SUBSCRIPTION_STATUS: Record<SubscriptionStatus, string> = {
  [SubscriptionStatus.ACTIVE]: "active",
  [SubscriptionStatus.SUSPENDED]: "suspended",
  [SubscriptionStatus.EXPIRED]: "expired",
  [SubscriptionStatus.DISABLED]: "disabled",
  [SubscriptionStatus.DELETED]: "deleted",
};
