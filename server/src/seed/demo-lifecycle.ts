import {
  BillingCycle,
  CommerceModel,
  OfferKind,
  ProductType,
  SalesChannel,
  SubscriptionStatus,
  TermDuration,
} from "../domain/enums";
import { addDays, daysBetween, termEndDate } from "../common/dates";
import type { WorldSubscription } from "../scenarios/world";

// Rule book V2 states in the demo network (issue 9): seats bought in several batches, reduction windows still open,
// changes saved for renewal, offer maximums, Azure plans with Azure subscriptions under them, and the product types
// beside licences (software subscriptions, perpetual software, marketplace SaaS). Deterministic, with a random source
// of its own, so every row and field the demo had before stays as it was (the V1 live examples, the Partner Center
// sync's comparison, counts the browser tests read); the few new rows go to customers no test names.

/** mulberry32, as demo-world.ts: a tiny deterministic PRNG. */
function rng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    chance: (p: number) => next() < p,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
  };
}

const SEED = 0x5eed_0009;
const pad = (n: number) => String(n).padStart(2, "0");

/** The Microsoft 365 Business plans have a 300-seat maximum per subscription. */
const BUSINESS_PLAN_MAX = 300;

/** New rows: what Partner Center sells beside licences (names as in the CSP price lists; ids illustrative). */
const OTHER_PRODUCTS = [
  {
    offerName: "SQL Server Standard 2022 - 2 Core License Pack - 1 year",
    offerId: "DG7GMGF0M80J:0005",
    productType: ProductType.SOFTWARE_SUBSCRIPTION,
    termDuration: TermDuration.P1Y,
    billingCycle: BillingCycle.ANNUAL,
  },
  {
    offerName: "Windows Server 2022 Standard - 16 Core License Pack",
    offerId: "DG7GMGF0D5RK:0002",
    productType: ProductType.PERPETUAL_SOFTWARE,
    termDuration: null,
    billingCycle: BillingCycle.NONE,
  },
  {
    offerName: "Adobe Acrobat Pro for teams (marketplace SaaS)",
    offerId: "8F2B4C7D5E1A:0001",
    productType: ProductType.MARKETPLACE_SAAS,
    termDuration: TermDuration.P1Y,
    billingCycle: BillingCycle.MONTHLY,
  },
] as const;

/** An instant `daysAgo` days before asOf at a time of day, as the world's files write instants. */
const instant = (asOf: string, daysAgo: number, hour: number, minute: number) =>
  `${addDays(asOf, -daysAgo)}T${pad(hour)}:${pad(minute)}:00Z`;

/**
 * Adds the V2 states to the demo's subscriptions (in place) and returns the new rows, with keys from `nextKey`.
 * `excludedCustomers` get no new rows (the customers tests and docs name).
 */
export function addLifecycleStates(
  subscriptions: WorldSubscription[],
  asOf: string,
  excludedCustomers: ReadonlySet<string>,
  nextKey: () => string,
): WorldSubscription[] {
  const r = rng(SEED);
  const liveLicences = subscriptions.filter(
    (s) =>
      s.channel === SalesChannel.CSP &&
      s.status === SubscriptionStatus.ACTIVE &&
      s.commerceModel === CommerceModel.NEW_COMMERCE &&
      s.offerKind === OfferKind.LICENSE_BASED &&
      s.parent === null,
  );
  for (const s of liveLicences) {
    const termStart = s.renewalDate ?? s.purchaseDate;
    const daysIn = daysBetween(termStart, asOf);
    if (s.offerName.startsWith("Microsoft 365 Business") && s.quantity <= BUSINESS_PLAN_MAX)
      s.maxQuantity = BUSINESS_PLAN_MAX;
    // Seats added mid-term: one or two later batches, a third of them still inside their 168-hour window.
    if (s.quantity >= 4 && daysIn >= 2 && r.chance(0.3)) {
      const batches = s.quantity >= 8 && r.chance(0.4) ? 2 : 1;
      const sizes = Array.from({ length: batches }, () => r.int(1, Math.max(1, Math.floor(s.quantity / 4))));
      const added = sizes.reduce((a, b) => a + b, 0);
      const open = r.chance(0.35);
      // Days before asOf, newest last; never on the term's first day or today (the seed's instant is 00:00 UTC).
      const latest = open ? r.int(1, Math.min(6, daysIn - 1)) : r.int(Math.min(8, daysIn - 1), daysIn - 1);
      const days = sizes.map((_, i) => (i === sizes.length - 1 ? latest : r.int(latest, daysIn - 1)));
      s.tranches = [
        { quantity: s.quantity - added, purchasedAt: `${termStart}T00:00:00Z` },
        ...sizes.map((quantity, i) => ({
          quantity,
          purchasedAt: instant(asOf, days[i] ?? latest, r.int(7, 18), r.int(0, 59)),
        })),
      ].sort((a, b) => a.purchasedAt.localeCompare(b.purchasedAt));
    }
    // A change saved for the renewal (auto-renew on): fewer or more seats, or a longer term or billing plan.
    if (s.autoRenew && r.chance(0.08)) {
      if (s.termDuration === TermDuration.P1M) {
        s.scheduledChange = { termDuration: TermDuration.P1Y, billingCycle: BillingCycle.MONTHLY };
      } else if (s.billingCycle === BillingCycle.MONTHLY && r.chance(0.4)) {
        s.scheduledChange = { billingCycle: BillingCycle.ANNUAL };
      } else {
        const q = Math.max(1, s.quantity + (r.chance(0.6) ? -r.int(1, 3) : r.int(1, 5)));
        s.scheduledChange = { quantity: Math.min(q, s.maxQuantity ?? q) };
      }
    }
  }
  // Azure plans count the Azure subscriptions under them (an Azure plan with active ones cannot be cancelled).
  for (const s of subscriptions) {
    if (s.isAzurePlan && s.status === SubscriptionStatus.ACTIVE) s.activeAzureSubscriptions = r.int(0, 4);
  }
  // A few customers also hold software subscriptions, perpetual software and SaaS, from the partner billing them.
  const added: WorldSubscription[] = [];
  const hosts = new Set<string>();
  const perPartner = new Map<string, number>();
  for (const s of liveLicences) {
    if (added.length >= OTHER_PRODUCTS.length * 4) break;
    const partner = s.transactingPartner ?? "";
    // At most two per billing partner, so that every demo sign-in has some.
    if (excludedCustomers.has(s.customer) || hosts.has(s.customer) || (perPartner.get(partner) ?? 0) >= 2) continue;
    if (!r.chance(0.05)) continue;
    hosts.add(s.customer);
    perPartner.set(partner, (perPartner.get(partner) ?? 0) + 1);
    const product = OTHER_PRODUCTS[added.length % OTHER_PRODUCTS.length]!;
    const bought = addDays(asOf, -r.int(1, 200));
    const perpetual = product.productType === ProductType.PERPETUAL_SOFTWARE;
    added.push({
      key: nextKey(),
      customer: s.customer,
      offerName: product.offerName,
      offerId: product.offerId,
      offerKind: OfferKind.LICENSE_BASED,
      commerceModel: CommerceModel.NEW_COMMERCE,
      channel: SalesChannel.CSP,
      status: SubscriptionStatus.ACTIVE,
      transactingPartner: s.transactingPartner,
      resellerOfRecord: s.resellerOfRecord,
      purchaseDate: bought,
      renewalDate: null,
      // Perpetual software has no term: its end date is its purchase date (RULES.md v2: vocabulary).
      commitmentEndDate: perpetual ? bought : termEndDate(bought, 12),
      quantity: r.int(1, 20),
      isAzurePlan: false,
      parent: null,
      // Perpetual software has no term; the world loader stores a licence without one as P1Y, so none is given here
      // (a null would be stored as P1Y but served as none by the Partner Center emulator).
      ...(product.termDuration ? { termDuration: product.termDuration } : {}),
      billingCycle: product.billingCycle,
      autoRenew: !perpetual,
      productType: product.productType,
    });
  }
  return added;
}
