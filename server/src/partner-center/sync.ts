import { randomUUID } from "node:crypto";
import { In, type DataSource, type EntityManager } from "typeorm";
import { runInTransaction } from "../data-source";
import {
  BillingCycle,
  CommerceModel,
  OfferKind,
  PartnershipStatus,
  PartnerType,
  ProductType,
  ProgramStatus,
  RelationshipStatus,
  SalesChannel,
  SubscriptionStatus,
  SyncPhase,
  TermDuration,
  TransferStatus,
} from "../domain/enums";
import { Customer } from "../modules/customer/customer.entity";
import { CustomerRelationship } from "../modules/customer/customer-relationship.entity";
import { Partner } from "../modules/partner/partner.entity";
import { ResellerPartnership } from "../modules/partner/reseller-partnership.entity";
import { CustomerSubscription } from "../modules/subscription/customer-subscription.entity";
import { defaultProductType, oneTranche } from "../modules/subscription/new-subscription";
import { HOUR_MS, SEAT_REDUCTION_WINDOW_HOURS } from "../domain/policy";
import type { ScheduledChange, SeatTranche } from "../modules/subscription/subscription-lifecycle.types";
import { dateOf, formatInstant, fromDate, parseInstant, type Instant } from "../common/instants";
import { Transfer, TransferLine } from "../modules/transfer/transfer.entity";
import { skuMaximumQuantity } from "./catalog";
import { softwarePurchaseId } from "./software-purchases";
import type { PartnerCenterClient } from "./client";
import type {
  PcAgreement,
  PcAgreementSignatureStatus,
  PcAzureEntitlement,
  PcCollection,
  PcCustomer,
  PcEntitlement,
  PcMpnProfile,
  PcOrder,
  PcOrganizationProfile,
  PcPartnerRelationship,
  PcScheduledNextTermInstructions,
  PcSubscription,
  PcTransferEntity,
} from "./resources";

// Full sync from Partner Center into channelgate's model (issue 8 item 3). Field mapping: README "Partner Center
// sync". Writes are upserts keyed by Partner Center's ids (tenant ids for partners and customers, subscription
// and transfer ids), and a row is written only when a mapped field differs: a second run with no upstream change
// writes nothing. One transaction for the home partner and its partnerships, then one per customer; a failure keeps
// what was written and reports the customer to resume from.

export const SYNC_SOURCE = "partner-center";
export const CUSTOMER_PAGE_SIZE = 100;

export interface SyncOptions {
  /** Skip customers before this one in Partner Center's list order (resume a failed run). */
  resumeFrom?: string | null;
  /** Progress lines (stderr in the CLI). */
  progress?: (line: string) => void;
  /** Structured progress (a sync run's phase counts and resume point), after each step. */
  onProgress?: (p: SyncProgress) => void;
  now?: () => Date;
}

export interface SyncProgress {
  phase: SyncPhase.PARTNERS | SyncPhase.CUSTOMERS;
  done: number;
  total: number;
  /** The customer a failed run would resume from (the next one not yet written). */
  resumeFrom: string | null;
  report: SyncReport;
}

export interface SyncReport {
  customers: number;
  subscriptions: number;
  resellers: number;
  transfers: number;
  /** Rows inserted or updated. */
  changed: number;
  /** What could not be imported, and why. */
  skipped: string[];
}

export class SyncFailure extends Error {
  constructor(
    message: string,
    readonly report: SyncReport,
    readonly resumeFrom: string | null,
  ) {
    super(message);
  }
}

export interface CustomerBundle {
  customer: PcCustomer;
  subscriptions: PcSubscription[];
  resellers: PcPartnerRelationship[];
  /** Null without App+User credentials (the agreements endpoint needs them). */
  agreements: PcAgreement[] | null;
  transfers: PcTransferEntity[];
  /** Azure plan id → its active Azure subscriptions (azureEntitlements). */
  azureEntitlements: Map<string, number>;
  /** New commerce offer id → the catalog SKU's maximumQuantity (null: the catalog has no such SKU or no maximum). */
  maxQuantities: Map<string, number | null>;
  /** Perpetual software: software entitlements without an expiry date, with the order each came from (App+User). */
  softwarePurchases?: Array<{ entitlement: PcEntitlement; order: PcOrder }>;
}

const SUBSCRIPTION_STATUS: Record<string, SubscriptionStatus> = {
  active: SubscriptionStatus.ACTIVE,
  suspended: SubscriptionStatus.SUSPENDED,
  expired: SubscriptionStatus.EXPIRED,
  disabled: SubscriptionStatus.DISABLED,
  deleted: SubscriptionStatus.DELETED,
};

const BILLING_CYCLE: Record<string, BillingCycle> = {
  monthly: BillingCycle.MONTHLY,
  annual: BillingCycle.ANNUAL,
  triennial: BillingCycle.TRIENNIAL,
  none: BillingCycle.NONE,
  onetime: BillingCycle.NONE,
};

const TERMS = new Set<string>(Object.values(TermDuration));

/**
 * channelgate's saved change from Partner Center's next-term instructions (create-scheduled-changes). channelgate
 * stores only the fields the user set and Partner Center the whole next term, so the saved change is kept while both
 * describe the same next term; otherwise it becomes the fields that differ from the current term (the quantity when
 * none does), or null when Partner Center holds none. Undefined — channelgate's own value stays — when Partner Center
 * serves no such field (legacy, usage) or a term or billing cycle channelgate does not model.
 */
export function scheduledChangeFrom(
  instructions: PcScheduledNextTermInstructions | null | undefined,
  current: { quantity: number; termDuration: TermDuration | null; billingCycle: BillingCycle },
  existing: ScheduledChange | null,
): ScheduledChange | null | undefined {
  if (instructions === undefined) return undefined;
  if (instructions === null) return null;
  const term = instructions.product?.termDuration;
  const cycle = BILLING_CYCLE[String(instructions.product?.billingCycle).toLowerCase()];
  if (!term || !TERMS.has(term) || !cycle || !Number.isInteger(instructions.quantity)) return undefined;
  const next = { quantity: instructions.quantity, termDuration: term as TermDuration, billingCycle: cycle };
  if (existing) {
    const saved = {
      quantity: existing.quantity ?? current.quantity,
      termDuration: existing.termDuration ?? current.termDuration,
      billingCycle: existing.billingCycle ?? current.billingCycle,
    };
    if (JSON.stringify(saved) === JSON.stringify(next)) return existing;
  }
  const change: ScheduledChange = {};
  if (next.quantity !== current.quantity) change.quantity = next.quantity;
  if (next.termDuration !== current.termDuration) change.termDuration = next.termDuration;
  if (next.billingCycle !== current.billingCycle) change.billingCycle = next.billingCycle;
  return Object.keys(change).length > 0 ? change : { quantity: next.quantity };
}

function dateOnly(value: string): string {
  return value.slice(0, 10);
}

/** A Partner Center date or date-time (UTC) as an instant cut to the second; null when unreadable. */
function instantOfPc(value: string): Instant | null {
  const t = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(t) ? null : fromDate(new Date(t));
}

const WINDOW_MS = SEAT_REDUCTION_WINDOW_HOURS * HOUR_MS;

/** Open return windows of tranches at `now`, comparable ("quantity@until"), sorted. */
function openWindows(tranches: readonly SeatTranche[], now: number): string[] {
  return tranches
    .map((t) => ({ quantity: t.quantity, until: (parseInstant(t.purchasedAt) ?? 0) + WINDOW_MS }))
    .filter((w) => w.until > now)
    .map((w) => `${w.quantity}@${w.until}`)
    .sort();
}

/**
 * The seat tranches of a synced subscription. Partner Center has no tranches, but for new commerce it reports the
 * seats still inside their 168-hour return window, batch by batch (`refundableQuantity.details`, each with
 * `allowedUntilDateTime`): each such batch becomes a tranche bought 168 hours before its window closes (guessed: the
 * window is documented as 168 hours from the batch's purchase), and the other seats one tranche at the start of the
 * current term, whose windows are closed. Without refundableQuantity (legacy), every seat is in one tranche at the
 * term start (as the seed and the V2 migration default them). Tranches channelgate already holds for the same term
 * and seat count are kept when they agree with Partner Center's open windows (mid-term additions it recorded itself).
 */
function tranchesOf(
  existing: CustomerSubscription | null,
  s: Pick<PcSubscription, "quantity" | "refundableQuantity">,
  termStart: Instant,
  now: number,
): SeatTranche[] {
  const quantity = s.quantity;
  const refundable = (s.refundableQuantity?.details ?? [])
    .map((d) => ({ quantity: d.quantity, until: instantOfPc(d.allowedUntilDateTime) }))
    .filter((d): d is { quantity: number; until: Instant } => d.quantity > 0 && d.until !== null && d.until > now);
  const reported = refundable.map((d) => `${d.quantity}@${d.until}`).sort();
  if (existing) {
    const kept = existing.tranches ?? [];
    const total = kept.reduce((n, t) => n + t.quantity, 0);
    if (
      kept.length > 0 &&
      total === quantity &&
      kept.every((t) => {
        const at = parseInstant(t.purchasedAt);
        return at !== null && at >= termStart;
      }) &&
      (!s.refundableQuantity || JSON.stringify(openWindows(kept, now)) === JSON.stringify(reported))
    )
      return kept;
  }
  const open = refundable.reduce((n, d) => n + d.quantity, 0);
  if (refundable.length === 0 || open > quantity) return oneTranche(quantity, termStart);
  const batches = refundable.map((d) => ({ quantity: d.quantity, purchasedAt: formatInstant(d.until - WINDOW_MS) }));
  if (quantity > open) batches.push({ quantity: quantity - open, purchasedAt: formatInstant(termStart) });
  return batches.sort((a, b) => (parseInstant(a.purchasedAt) ?? 0) - (parseInstant(b.purchasedAt) ?? 0));
}

/** Comparable form of a column value (dates by instant, everything else by JSON). */
function comparable(v: unknown): string {
  if (v instanceof Date) return `d:${v.getTime()}`;
  if (v === undefined) return "null";
  return JSON.stringify(v);
}

export class Writer {
  changed = 0;
  constructor(
    private readonly em: EntityManager,
    private readonly now: Date,
  ) {}

  /**
   * Inserts `desired` when no row has its id, else updates the fields of `desired` that differ. `insertOnly` fields
   * are set on insert and never compared (createdAt, channelgate's own judgement such as a reseller's MPA).
   */
  async upsert<T extends { id: string }>(
    entity: new () => T,
    existing: T | null,
    desired: Partial<T> & { id: string },
    insertOnly: Partial<T> = {},
  ): Promise<T> {
    if (!existing) {
      const row = Object.assign(new entity(), insertOnly, desired, { source: SYNC_SOURCE, syncedAt: this.now });
      await this.em.insert(entity, row as never);
      this.changed += 1;
      return row;
    }
    const diff: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(desired)) {
      if (comparable((existing as Record<string, unknown>)[k]) !== comparable(v)) diff[k] = v;
    }
    if (Object.keys(diff).length === 0) return existing;
    const set = { ...diff, source: SYNC_SOURCE, syncedAt: this.now } as Record<string, unknown>;
    if ("version" in (existing as object))
      set.version = ((existing as unknown as { version: number }).version ?? 1) + 1;
    if ("updatedAt" in (existing as object) && entity === (CustomerSubscription as unknown)) set.updatedAt = this.now;
    await this.em.update(entity, { id: existing.id } as never, set as never);
    this.changed += 1;
    return Object.assign(existing, set);
  }
}

/** Runs a full sync of the partner behind `client` into `ds`. */
export async function fullSync(
  ds: DataSource,
  client: PartnerCenterClient,
  options: SyncOptions = {},
): Promise<SyncReport> {
  const progress = options.progress ?? (() => {});
  const now = (options.now ?? (() => new Date()))();
  const report: SyncReport = { customers: 0, subscriptions: 0, resellers: 0, transfers: 0, changed: 0, skipped: [] };
  const appPlusUser = client.hasUserCredentials;
  const step = (phase: SyncProgress["phase"], done: number, total: number, resumeFrom: string | null) =>
    options.onProgress?.({ phase, done, total, resumeFrom, report });
  step(SyncPhase.PARTNERS, 0, 0, options.resumeFrom ?? null);

  // 1. The home partner and its two-tier partners.
  const [org, mpn] = await Promise.all([
    client.get<PcOrganizationProfile>("/v1/profiles/organization"),
    client.get<PcMpnProfile>("/v1/profiles/mpn"),
  ]);
  let resellers: PcPartnerRelationship[] = [];
  let providers: PcPartnerRelationship[] = [];
  if (appPlusUser) {
    [resellers, providers] = await Promise.all([
      client.getAll<PcPartnerRelationship>("/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf", {
        auth: "user",
      }),
      client.getAll<PcPartnerRelationship>("/v1/relationships?relationship_type=IsIndirectResellerOf", {
        auth: "user",
      }),
    ]);
  }
  // An indirect provider checks each indirect reseller's Microsoft Partner Agreement (App+User only,
  // https://learn.microsoft.com/partner-center/developer/verify-indirect-reseller-mpa-status); ORDER refuses a
  // reseller that has not signed it.
  const resellerMpa = new Map<string, boolean>(
    await Promise.all(
      resellers.map(
        async (r) =>
          [
            r.id,
            (
              await client.get<PcAgreementSignatureStatus>(
                `/v1/compliance/csp/agreementstatus?mpnId=${encodeURIComponent(r.mpnId)}`,
                { auth: "user" },
              )
            ).isAgreementSigned,
          ] as const,
      ),
    ),
  );
  if (!appPlusUser) {
    report.skipped.push(
      "indirect resellers, providers, customers' resellers and MCA acceptance: Partner Center serves them to App+User tokens only (set PARTNER_CENTER_REFRESH_TOKEN)",
    );
  }
  progress(
    `home partner ${org.companyName} (PartnerID ${mpn.mpnId}); ${resellers.length} resellers, ${providers.length} providers`,
  );

  const homeTypes: PartnerType[] = [];
  if (resellers.length > 0) homeTypes.push(PartnerType.INDIRECT_PROVIDER);
  if (providers.length > 0) homeTypes.push(PartnerType.INDIRECT_RESELLER);
  if (homeTypes.length === 0) homeTypes.push(PartnerType.DIRECT_BILL);

  const partnersByTenant = new Map<string, Partner>();
  const partnersByMpn = new Map<string, Partner>();
  let home!: Partner;
  await runInTransaction(ds, async (em) => {
    const w = new Writer(em, now);
    const repo = em.getRepository(Partner);
    home = await w.upsert(
      Partner,
      await repo.findOneBy({ id: org.tenantId }),
      {
        id: org.tenantId,
        name: org.companyName,
        partnerId: mpn.mpnId,
        tenantId: org.tenantId,
        country: org.defaultAddress.country,
      },
      // Not in the profiles: a partner that calls the API transacts in CSP, so it signed the MPA and is active, until
      // the partner records otherwise in channelgate (recordPartnerFacts); insert-only, so never overwritten.
      { types: homeTypes, mpaSigned: true, programStatus: ProgramStatus.ACTIVE, createdAt: now },
    );
    for (const [list, type] of [
      [resellers, PartnerType.INDIRECT_RESELLER],
      [providers, PartnerType.INDIRECT_PROVIDER],
    ] as const) {
      for (const r of list) {
        const known = await repo.findOneBy({ id: r.id });
        // An MPA signature recorded in channelgate (recordPartnerFacts) is channelgate-owned: never overwritten.
        const readMpa = resellerMpa.has(r.id) && !known?.mpaSignedRecordedAt;
        const p = await w.upsert(
          Partner,
          known,
          {
            id: r.id,
            name: r.name,
            partnerId: r.mpnId,
            tenantId: r.id,
            ...(r.location ? { country: r.location } : {}),
            ...(readMpa ? { mpaSigned: resellerMpa.get(r.id)! } : {}),
          },
          // No read API serves a partner's program standing: ACTIVE until recorded in channelgate
          // (recordPartnerFacts), and a sync never writes it after the insert. The MPA is set above when the
          // agreement status was read.
          {
            types: [type],
            mpaSigned: true,
            programStatus: ProgramStatus.ACTIVE,
            createdAt: now,
            country: r.location ?? "",
          },
        );
        const providerId = type === PartnerType.INDIRECT_RESELLER ? home.id : p.id;
        const resellerId = type === PartnerType.INDIRECT_RESELLER ? p.id : home.id;
        const existing = await em.getRepository(ResellerPartnership).findOneBy({ providerId, resellerId });
        await w.upsert(
          ResellerPartnership,
          existing,
          {
            id: existing?.id ?? randomUUID(),
            providerId,
            resellerId,
            status: PartnershipStatus.ACTIVE,
            removedAt: null,
          },
          { invitedAt: now, acceptedAt: now, version: 1 },
        );
      }
    }
    // Synced partnerships Partner Center no longer lists were removed there.
    const listed = new Set([...resellers, ...providers].map((r) => r.id));
    const synced = await em.getRepository(ResellerPartnership).find({
      where: [
        { providerId: home.id, source: SYNC_SOURCE },
        { resellerId: home.id, source: SYNC_SOURCE },
      ],
    });
    for (const rp of synced) {
      const other = rp.providerId === home.id ? rp.resellerId : rp.providerId;
      if (!listed.has(other) && rp.status !== PartnershipStatus.REMOVED) {
        await w.upsert(ResellerPartnership, rp, { id: rp.id, status: PartnershipStatus.REMOVED, removedAt: now });
      }
    }
    report.changed += w.changed;
  });
  report.resellers = resellers.length + providers.length;
  step(SyncPhase.PARTNERS, report.resellers + 1, report.resellers + 1, options.resumeFrom ?? null);
  for (const p of await ds.getRepository(Partner).find()) {
    partnersByTenant.set(p.tenantId, p);
    partnersByMpn.set(p.partnerId, p);
  }
  // The transacting partner of what the home partner sees: itself, or its provider when it is an indirect reseller.
  const transacting =
    homeTypes.includes(PartnerType.INDIRECT_RESELLER) && !homeTypes.includes(PartnerType.INDIRECT_PROVIDER)
      ? providers.length === 1
        ? partnersByTenant.get(providers[0]!.id)!
        : null
      : home;

  // 2. Customers, following the continuation token.
  const customers = await client.getAll<PcCustomer>(`/v1/customers?size=${CUSTOMER_PAGE_SIZE}`);
  progress(`${customers.length} customers listed`);
  let start = 0;
  if (options.resumeFrom) {
    start = customers.findIndex((c) => c.id === options.resumeFrom);
    if (start < 0) throw new Error(`--resume: customer ${options.resumeFrom} is not in Partner Center's list`);
    progress(`resuming at customer ${start + 1} (${options.resumeFrom})`);
  }
  step(SyncPhase.CUSTOMERS, start, customers.length, customers[start]?.id ?? null);

  // 3. Each customer: read everything (calls run concurrently, bounded by the client), then write it in one transaction.
  const fetchBundle = (c: PcCustomer) => fetchCustomerBundle(client, c.id, appPlusUser);

  const WINDOW = 8;
  const pending = new Map<number, Promise<CustomerBundle>>();
  const prefetch = (i: number) => {
    if (i < customers.length && !pending.has(i)) {
      const p = fetchBundle(customers[i]!);
      p.catch(() => {}); // awaited in order below; avoid an unhandled rejection meanwhile
      pending.set(i, p);
    }
  };
  for (let i = start; i < customers.length; i++) {
    for (let j = i; j < i + WINDOW; j++) prefetch(j);
    const c = customers[i]!;
    try {
      const bundle = await pending.get(i)!;
      pending.delete(i);
      const counts = await runInTransaction(ds, (em) =>
        writeCustomer(em, now, bundle, { home, transacting, partnersByTenant, partnersByMpn }, report.skipped),
      );
      report.customers += 1;
      report.subscriptions += counts.subscriptions;
      report.transfers += counts.transfers;
      report.changed += counts.changed;
      step(SyncPhase.CUSTOMERS, i + 1, customers.length, customers[i + 1]?.id ?? null);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new SyncFailure(
        `customer ${i + 1}/${customers.length} (${c.id}, ${c.companyProfile.companyName}): ${message}`,
        report,
        c.id,
      );
    }
    if ((i + 1) % 25 === 0 || i + 1 === customers.length) {
      progress(
        `customers ${i + 1}/${customers.length}, ${report.subscriptions} subscriptions, ${report.changed} changed`,
      );
    }
  }
  return report;
}

/** Everything the sync reads of one customer (calls run concurrently, bounded by the client). */
export async function fetchCustomerBundle(
  client: PartnerCenterClient,
  customerId: string,
  appPlusUser: boolean,
): Promise<CustomerBundle> {
  const base = `/v1/customers/${encodeURIComponent(customerId)}`;
  const [customer, subscriptions, relationships, agreements, transfers] = await Promise.all([
    client.get<PcCustomer>(base),
    client.get<PcCollection<PcSubscription>>(`${base}/subscriptions`),
    appPlusUser
      ? client.get<PcCollection<PcPartnerRelationship>>(`${base}/relationships`, { auth: "user" })
      : Promise.resolve(null),
    appPlusUser
      ? client.get<PcCollection<PcAgreement>>(`${base}/agreements?agreementType=MicrosoftCustomerAgreement`, {
          auth: "user",
        })
      : Promise.resolve(null),
    client.get<PcTransferEntity[] | PcCollection<PcTransferEntity>>(`${base}/transfers`),
  ]);
  // An Azure plan's active Azure subscriptions: one call per plan (CANCEL refuses a plan that still has some).
  const plans = subscriptions.items.filter((x) => x.productType?.id === "Azure");
  const entitlements = await Promise.all(
    plans.map((p) =>
      client.get<PcCollection<PcAzureEntitlement>>(
        `${base}/subscriptions/${encodeURIComponent(p.id)}/azureEntitlements`,
      ),
    ),
  );
  const azureEntitlements = new Map(
    plans.map((p, i) => [
      p.id.toLowerCase(),
      entitlements[i]!.items.filter((e) => e.status.toLowerCase() === "active").length,
    ]),
  );
  // New commerce license offers: their catalog SKU's maximum seats (QUANTITY_OUT_OF_RANGE), one call per SKU and run.
  const country = (
    customer.billingProfile?.defaultAddress.country ??
    customer.companyProfile.address?.country ??
    ""
  ).toUpperCase();
  const offers = [
    ...new Set(
      subscriptions.items
        .filter(
          (x) =>
            (x.productType?.id === "OnlineServicesNCE" || x.productType?.id === "Software") &&
            x.billingType === "license" &&
            x.offerId.includes(":"),
        )
        .map((x) => x.offerId),
    ),
  ];
  const maxima = country ? await Promise.all(offers.map((o) => skuMaximumQuantity(client, o, country))) : [];
  const maxQuantities = new Map(offers.map((o, i) => [o, maxima[i] ?? null]));
  const softwarePurchases = appPlusUser ? await perpetualSoftware(client, base) : [];
  return {
    customer,
    subscriptions: subscriptions.items,
    azureEntitlements,
    maxQuantities,
    softwarePurchases,
    resellers: relationships?.items ?? [],
    agreements: agreements?.items ?? null,
    transfers: Array.isArray(transfers) ? transfers : transfers.items,
  };
}

/**
 * Perpetual software, which Partner Center keeps as an order and an entitlement, not a subscription
 * (cancel-software-purchases): the customer's software entitlements with their expiry dates
 * (get-a-collection-of-entitlements, `entitlementType=software&showExpiry=true`, App+User), of which those without
 * one are taken as perpetual (guessed: entitlement-resources gives expiryDate "if applicable"), each with the order
 * it came from (get-an-order-by-id: its creationDate is the purchase), one call per order.
 */
async function perpetualSoftware(
  client: PartnerCenterClient,
  base: string,
): Promise<Array<{ entitlement: PcEntitlement; order: PcOrder }>> {
  const entitlements = await client.get<PcCollection<PcEntitlement>>(
    `${base}/entitlements?entitlementType=software&showExpiry=true`,
    { auth: "user" },
  );
  const perpetual = entitlements.items.filter(
    (e) => e.entitlementType.toLowerCase() === "software" && !e.expiryDate && e.referenceOrder?.id,
  );
  const orderIds = [...new Set(perpetual.map((e) => e.referenceOrder.id))];
  const orders = await Promise.all(
    orderIds.map((id) => client.get<PcOrder>(`${base}/orders/${encodeURIComponent(id)}`)),
  );
  const byId = new Map(orderIds.map((id, i) => [id, orders[i]!]));
  return perpetual.map((entitlement) => ({ entitlement, order: byId.get(entitlement.referenceOrder.id)! }));
}

/**
 * The kind of product a subscription is for (its cancellation window, R30): productType "Software" is a software
 * subscription (manage-billing-frequency-software-subs); isMicrosoftProduct false is a commercial marketplace
 * subscription (cancel-an-azure-marketplace-subscription), taken as marketplace SaaS: guessed, SaaS being the
 * marketplace offers sold as Partner Center subscriptions (README "Field mapping").
 */
export function productTypeOf(s: PcSubscription, usage: boolean, isAzurePlan: boolean): ProductType {
  if (!isAzurePlan && s.isMicrosoftProduct === false) return ProductType.MARKETPLACE_SAAS;
  if (!isAzurePlan && !usage && s.productType?.id === "Software") return ProductType.SOFTWARE_SUBSCRIPTION;
  return defaultProductType(usage ? OfferKind.USAGE_BASED : OfferKind.LICENSE_BASED, isAzurePlan);
}

export interface Known {
  home: Partner;
  transacting: Partner | null;
  partnersByTenant: Map<string, Partner>;
  partnersByMpn: Map<string, Partner>;
}

export async function writeCustomer(
  em: EntityManager,
  now: Date,
  b: CustomerBundle,
  known: Known,
  skipped: string[],
): Promise<{ subscriptions: number; transfers: number; changed: number }> {
  const w = new Writer(em, now);
  const c = b.customer;
  const country = c.billingProfile?.defaultAddress.country ?? c.companyProfile.address?.country;
  if (!country) throw new Error("Partner Center sent no billing country");
  const customer = await w.upsert(
    Customer,
    await em.getRepository(Customer).findOneBy({ id: c.id }),
    {
      id: c.id,
      name: c.companyProfile.companyName,
      domain: c.companyProfile.domain.toLowerCase(),
      tenantId: c.companyProfile.tenantId,
      country: country.toUpperCase(),
      ...(b.agreements ? { mcaAccepted: b.agreements.some((a) => a.type === "MicrosoftCustomerAgreement") } : {}),
      // A customer tenant that is a known partner's own tenant is that partner's CSP transaction tenant.
      partnerTenantOfId: known.partnersByTenant.get(c.companyProfile.tenantId)?.id ?? null,
    },
    { createdAt: now, mcaAccepted: false },
  );

  // Relationships: the home partner's (it lists the customer, so the customer accepted it), and its resellers'.
  const relationshipRows: Array<{ partnerId: string; dap: boolean | null }> = [
    { partnerId: known.home.id, dap: c.allowDelegatedAccess ?? false },
  ];
  for (const r of b.resellers) {
    const p = known.partnersByTenant.get(r.id);
    if (p) relationshipRows.push({ partnerId: p.id, dap: null });
    else skipped.push(`relationship of customer ${c.id} with unknown partner ${r.id}`);
  }
  for (const r of relationshipRows) {
    const existing = await em.getRepository(CustomerRelationship).findOne({
      where: [
        { partnerId: r.partnerId, customerId: customer.id, status: RelationshipStatus.ACTIVE },
        { partnerId: r.partnerId, customerId: customer.id, status: RelationshipStatus.REQUESTED },
      ],
    });
    await w.upsert(
      CustomerRelationship,
      existing,
      {
        id: existing?.id ?? randomUUID(),
        partnerId: r.partnerId,
        customerId: customer.id,
        status: RelationshipStatus.ACTIVE,
        // A reseller's DAP is not in what the provider can read: keep what channelgate knows (none on insert).
        ...(r.dap === null ? {} : { includesDelegatedAdmin: r.dap }),
      },
      {
        includesDelegatedAdmin: false,
        requestedAt: now,
        acceptedAt: now,
        acceptedBy: null,
        removedAt: null,
        requestToken: null,
        version: 1,
      },
    );
  }

  // Subscriptions, base subscriptions before their add-ons.
  // Ids compared lower-case: Partner Center's examples show the same GUIDs in either case.
  const subs = b.subscriptions
    .map((x) => ({ ...x, id: x.id.toLowerCase(), parentSubscriptionId: x.parentSubscriptionId?.toLowerCase() }))
    .sort((x, y) => Number(!!x.parentSubscriptionId) - Number(!!y.parentSubscriptionId));
  const ids = new Set(subs.map((s) => s.id));
  const existingSubs = new Map(
    (ids.size > 0 ? await em.getRepository(CustomerSubscription).findBy({ id: In([...ids]) }) : []).map((x) => [
      x.id,
      x,
    ]),
  );
  let subscriptions = 0;
  for (const s of subs) {
    const reseller = s.partnerId ? known.partnersByMpn.get(s.partnerId) : undefined;
    if (s.partnerId && !reseller) skipped.push(`reseller of record ${s.partnerId} of subscription ${s.id} is unknown`);
    const status = SUBSCRIPTION_STATUS[s.status];
    if (!status) {
      skipped.push(`subscription ${s.id}: status "${s.status}" has no counterpart`);
      continue;
    }
    // Partner Center's date-times are UTC, possibly with fractional seconds: instants are whole seconds.
    const purchasedAt = instantOfPc(s.creationDate);
    const termStart = instantOfPc(s.effectiveStartDate);
    if (purchasedAt === null || termStart === null) {
      skipped.push(`subscription ${s.id}: creationDate or effectiveStartDate is not a date-time`);
      continue;
    }
    // Guessed: a term start after the purchase is the last renewal (README "Field mapping").
    const renewedAt = termStart > purchasedAt ? termStart : null;
    const purchaseDate = dateOf(purchasedAt);
    const usage = s.billingType === "usage";
    const isAzurePlan = s.productType?.id === "Azure";
    const parentId = s.parentSubscriptionId && ids.has(s.parentSubscriptionId) ? s.parentSubscriptionId : null;
    const existing = existingSubs.get(s.id) ?? null;
    const termDuration = s.termDuration && TERMS.has(s.termDuration) ? (s.termDuration as TermDuration) : null;
    const billingCycle = BILLING_CYCLE[s.billingCycle.toLowerCase()] ?? BillingCycle.NONE;
    const scheduledChange = scheduledChangeFrom(
      s.scheduledNextTermInstructions,
      { quantity: s.quantity, termDuration, billingCycle },
      existing?.scheduledChange ?? null,
    );
    await w.upsert(
      CustomerSubscription,
      existing,
      {
        id: s.id,
        customerId: customer.id,
        offerName: s.offerName,
        offerId: s.offerId,
        offerKind: usage ? OfferKind.USAGE_BASED : OfferKind.LICENSE_BASED,
        commerceModel: s.productType ? CommerceModel.NEW_COMMERCE : CommerceModel.LEGACY,
        channel: SalesChannel.CSP,
        status,
        transactingPartnerId: known.transacting?.id ?? null,
        resellerOfRecordId: reseller?.id ?? null,
        purchaseDate,
        renewalDate: renewedAt === null ? null : dateOf(renewedAt),
        commitmentEndDate: dateOnly(s.commitmentEndDate),
        termDuration,
        billingCycle,
        quantity: s.quantity,
        autoRenew: s.autoRenewEnabled,
        parentId,
        isAzurePlan,
        productType: productTypeOf(s, usage, isAzurePlan),
        purchasedAt: new Date(purchasedAt),
        renewedAt: renewedAt === null ? null : new Date(renewedAt),
        tranches: tranchesOf(existing, s, renewedAt ?? purchasedAt, now.getTime()),
        // New commerce: the change saved for the next renewal, as Partner Center holds it.
        ...(scheduledChange !== undefined ? { scheduledChange } : {}),
        ...(isAzurePlan && b.azureEntitlements.has(s.id)
          ? { activeAzureSubscriptions: b.azureEntitlements.get(s.id)! }
          : {}),
        // The catalog SKU's maximum seats, when the catalog gives one (get-a-sku-by-id).
        ...(typeof b.maxQuantities.get(s.offerId) === "number" ? { maxQuantity: b.maxQuantities.get(s.offerId)! } : {}),
      },
      insertOnlySubscriptionFields(now),
    );
    subscriptions += 1;
  }

  // Perpetual software: one row per order line item (README "Field mapping"), bought when the order was created.
  for (const { entitlement, order } of b.softwarePurchases ?? []) {
    const line = order.lineItems.find((l) => String(l.lineItemNumber) === entitlement.referenceOrder.lineItemId);
    const purchasedAt = instantOfPc(order.creationDate);
    if (!line || purchasedAt === null || order.status.toLowerCase() === "cancelled") {
      skipped.push(`software entitlement of order ${order.id}: no line item, creation date or live order`);
      continue;
    }
    const id = softwarePurchaseId(order.id, line.lineItemNumber);
    const reseller = line.partnerIdOnRecord ? known.partnersByMpn.get(line.partnerIdOnRecord) : undefined;
    const existing = await em.getRepository(CustomerSubscription).findOneBy({ id });
    const purchaseDate = dateOf(purchasedAt);
    await w.upsert(
      CustomerSubscription,
      existing,
      {
        id,
        customerId: customer.id,
        offerName: line.friendlyName ?? line.offerId,
        offerId: line.offerId,
        offerKind: OfferKind.LICENSE_BASED,
        // Guessed: sold from the new commerce catalog (its offer id is productId:skuId:availabilityId).
        commerceModel: CommerceModel.NEW_COMMERCE,
        channel: SalesChannel.CSP,
        status: SubscriptionStatus.ACTIVE,
        transactingPartnerId: known.transacting?.id ?? null,
        resellerOfRecordId: reseller?.id ?? null,
        purchaseDate,
        renewalDate: null,
        // No term: its end date is its purchase date (RULES.md v2: vocabulary).
        commitmentEndDate: purchaseDate,
        termDuration: line.termDuration && TERMS.has(line.termDuration) ? (line.termDuration as TermDuration) : null,
        billingCycle: BILLING_CYCLE[order.billingCycle.toLowerCase().replace("_", "")] ?? BillingCycle.NONE,
        quantity: entitlement.quantity,
        autoRenew: false,
        parentId: null,
        isAzurePlan: false,
        productType: ProductType.PERPETUAL_SOFTWARE,
        purchasedAt: new Date(purchasedAt),
        renewedAt: null,
        tranches: oneTranche(entitlement.quantity, purchasedAt),
      },
      insertOnlySubscriptionFields(now),
    );
    subscriptions += 1;
  }

  // Transfers whose partners and subscriptions channelgate knows.
  let transfers = 0;
  for (const t of b.transfers) {
    const source = known.partnersByTenant.get(t.sourcePartnerTenantId);
    const target = known.partnersByTenant.get(t.targetPartnerTenantId);
    const lineSubs = t.lineItems.map((l) => l.subscriptionId.toLowerCase());
    const found = lineSubs.length > 0 ? await em.getRepository(CustomerSubscription).findBy({ id: In(lineSubs) }) : [];
    const missing = lineSubs.filter((id) => !found.some((f) => f.id === id));
    if (!source || !target || missing.length > 0) {
      skipped.push(
        `transfer ${t.id} of customer ${c.id}: ${!source || !target ? "a partner" : `${missing.length} subscription(s)`} not visible to this partner`,
      );
      continue;
    }
    const existingTransfer = await em.getRepository(Transfer).findOneBy({ id: t.id });
    // A rejection is channelgate's own (Partner Center documents none for new commerce, transfer.service.ts): a
    // transfer Partner Center still shows Active stays REJECTED here.
    const keptRejection = existingTransfer?.status === TransferStatus.REJECTED && t.status === "Active";
    const status =
      t.status === "Completed"
        ? TransferStatus.COMPLETED
        : t.status === "Reject" || keptRejection
          ? TransferStatus.REJECTED
          : TransferStatus.PENDING;
    const onRecord = t.lineItems.find((l) => l.partnerIdOnRecord)?.partnerIdOnRecord;
    const reseller = onRecord ? known.partnersByMpn.get(onRecord) : undefined;
    const created = new Date(t.createdTime);
    const modified = new Date(t.lastModifiedTime);
    await w.upsert(
      Transfer,
      existingTransfer,
      {
        id: t.id,
        customerId: customer.id,
        sourcePartnerId: source.id,
        targetPartnerId: target.id,
        resellerId: reseller && reseller.id !== target.id ? reseller.id : null,
        status,
        createdAt: created,
        respondedAt: keptRejection
          ? existingTransfer.respondedAt
          : status !== TransferStatus.PENDING && modified.getTime() > created.getTime()
            ? modified
            : null,
      },
      { createdByUserId: null, version: 1 },
    );
    const lines = new Set(
      (await em.getRepository(TransferLine).findBy({ transferId: t.id })).map((l) => l.subscriptionId),
    );
    for (const subscriptionId of lineSubs) {
      if (!lines.has(subscriptionId)) {
        await em.insert(TransferLine, { id: randomUUID(), transferId: t.id, subscriptionId });
        w.changed += 1;
      }
    }
    transfers += 1;
  }
  return { subscriptions, transfers, changed: w.changed };
}

/**
 * A synced subscription's fields Partner Center does not serve, written only when the row is new (channelgate's own
 * values are kept on later syncs): no maximum unless the catalog SKU gave one, no active Azure subscription unless
 * reported, and nothing scheduled where Partner Center serves no next-term instructions.
 */
function insertOnlySubscriptionFields(now: Date) {
  return {
    registeredById: null,
    maxQuantity: null,
    scheduledChange: null,
    activeAzureSubscriptions: 0,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}
