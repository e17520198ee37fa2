import type { DataSource, EntityManager } from "typeorm";
import { runInTransaction, dialectOf } from "../data-source";
import { counterTriggersOn, recountAll } from "../migrations/network-counters-1796760000000";
import { addDays, termEndDate, type IsoDate } from "../common/dates";
import { formatInstant, startOfDate } from "../common/instants";
import {
  BillingCycle,
  CommerceModel,
  OfferKind,
  PartnershipStatus,
  PartnerType,
  ProgramStatus,
  RelationshipStatus,
  SalesChannel,
  SubscriptionStatus,
  TermDuration,
  TransferStatus,
  UserRole,
} from "../domain/enums";
import { Customer } from "../modules/customer/customer.entity";
import { CustomerRelationship } from "../modules/customer/customer-relationship.entity";
import { CustomerSubscription } from "../modules/subscription/customer-subscription.entity";
import { defaultProductType, oneTranche } from "../modules/subscription/new-subscription";
import { Partner } from "../modules/partner/partner.entity";
import { ResellerPartnership } from "../modules/partner/reseller-partnership.entity";
import { Transfer, TransferLine } from "../modules/transfer/transfer.entity";
import { User } from "../modules/user/user.entity";

// The large network for benchmarks (issue 10 item 1): 3 providers, 1,500 resellers, 60,000 customers, 300,000
// subscriptions and 2,000 transfers at scale 1. Deterministic: one seeded PRNG draws every value, ids included, so
// two runs with the same seed and date give the same rows. Rows are built as entities (the same columns and enum
// values the migrations define) and written with multi-row INSERTs, many rows per statement, in one transaction.

export const LARGE_FULL = { providers: 3, resellers: 1500, customers: 60_000, subscriptions: 300_000, transfers: 2000 };

/** The users the benchmark signs in as: the first provider's and the first reseller's global admins. */
export const LARGE_USERS = {
  provider: "admin@provider-1.large.example",
  reseller: "admin@reseller-0001.large.example",
} as const;

export interface LargeSeedOptions {
  /** 1 = the full network; 0.1 = a tenth of the resellers, customers, subscriptions and transfers. */
  scale: number;
  /** Dates are relative to this day (YYYY-MM-DD): purchases in the past, terms ending around it. */
  asOf: IsoDate;
  seed?: number;
  /** Called as rows are written: table, rows written so far, rows of that table. */
  progress?: (table: string, done: number, total: number) => void;
}

export type LargeSeedCounts = Record<
  "partners" | "partnerships" | "users" | "customers" | "relationships" | "subscriptions" | "transfers" | "lines",
  number
>;

/** mulberry32: small, fast and good enough to spread test data; the same seed gives the same sequence. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const hex8 = () =>
    Math.floor(next() * 0x100000000)
      .toString(16)
      .padStart(8, "0");
  return {
    next,
    int,
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    /** A version-4-shaped UUID drawn from the sequence (deterministic, unlike randomUUID). */
    uuid: () => {
      const h = hex8() + hex8() + hex8() + hex8();
      const variant = ((parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    weighted: <T>(table: readonly (readonly [T, number])[]): T => {
      let r = next() * table.reduce((n, [, w]) => n + w, 0);
      for (const [value, w] of table) if ((r -= w) < 0) return value;
      return (table[table.length - 1] as readonly [T, number])[0];
    },
  };
}

const COUNTRIES = ["US", "GB", "BR"] as const;
const WORDS = ["Alpine", "Blue", "Cedar", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Iris", "Juniper", "Kestrel"];
const TRADES = ["Ltd.", "Inc.", "Partners", "Group", "Labs", "Holdings", "Services", "Studio"];
const LICENSE_OFFERS = [
  ["Microsoft 365 Business Premium", "CFQ7TTC0LCHC:0002"],
  ["Microsoft 365 E3", "CFQ7TTC0LFLX:0001"],
  ["Office 365 E1", "CFQ7TTC0LF8Q:0001"],
  ["Power BI Pro", "CFQ7TTC0L3PB:0001"],
  ["Exchange Online (Plan 1)", "CFQ7TTC0LH16:0001"],
  ["Teams Phone Standard", "CFQ7TTC0LH4N:0001"],
  ["Visio Plan 2", "CFQ7TTC0HD33:0001"],
] as const;
const CHANNELS = [
  [SalesChannel.CSP, 75],
  [SalesChannel.MICROSOFT_DIRECT, 7],
  [SalesChannel.EA, 5],
  [SalesChannel.OPEN, 4],
  [SalesChannel.ADVISOR, 4],
  [SalesChannel.THIRD_PARTY_NON_CSP, 5],
] as const;
const STATUSES = [
  [SubscriptionStatus.ACTIVE, 80],
  [SubscriptionStatus.SUSPENDED, 5],
  [SubscriptionStatus.EXPIRED, 4],
  [SubscriptionStatus.DISABLED, 3],
  [SubscriptionStatus.DELETED, 8],
] as const;
const TRANSFER_STATUSES = [
  [TransferStatus.PENDING, 30],
  [TransferStatus.ACCEPTED, 10],
  [TransferStatus.COMPLETED, 30],
  [TransferStatus.REJECTED, 10],
  [TransferStatus.WITHDRAWN, 10],
  [TransferStatus.EXPIRED, 10],
] as const;
const TERM_MONTHS = { [TermDuration.P1M]: 1, [TermDuration.P1Y]: 12, [TermDuration.P3Y]: 36 } as const;

const make = <T extends object>(cls: new () => T, props: Partial<T>): T => Object.assign(new cls(), props);

/** Inserts entity rows with multi-row INSERT statements (as many rows as the driver's bound-parameter limit allows). */
async function bulkInsert<T extends object>(
  em: EntityManager,
  entity: new () => T,
  rows: readonly T[],
  progress?: LargeSeedOptions["progress"],
): Promise<void> {
  const meta = em.connection.getMetadata(entity);
  const seen = new Set<string>();
  const columns = meta.columns.filter((c) => !seen.has(c.databaseName) && seen.add(c.databaseName));
  const postgres = dialectOf(em.connection) === "postgres";
  // SQLite (better-sqlite3 12) binds at most 32,766 parameters per statement; PostgreSQL 65,535.
  const perStatement = Math.max(1, Math.min(1000, Math.floor((postgres ? 60_000 : 32_000) / columns.length)));
  const driver = em.connection.driver;
  const head = `INSERT INTO "${meta.tableName}" (${columns.map((c) => `"${c.databaseName}"`).join(", ")}) VALUES `;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (const row of chunk) {
      const marks: string[] = [];
      for (const column of columns) {
        const raw: unknown = column.getEntityValue(row);
        const value = raw === undefined ? (column.default ?? null) : raw;
        values.push(value === null ? null : driver.preparePersistentValue(value, column));
        marks.push(postgres ? `$${values.length}` : "?");
      }
      tuples.push(`(${marks.join(", ")})`);
    }
    await em.query(head + tuples.join(", "), values);
    progress?.(meta.tableName, Math.min(rows.length, start + perStatement), rows.length);
  }
}

/** Builds and writes the large network into an empty, migrated database; returns the row counts. */
/** [table, trigger] of the dashboard counters' triggers. */
const COUNTED = ["partner", "reseller_partnership", "customer_relationship", "customer_subscription"].flatMap((table) =>
  counterTriggersOn(table).map((name) => [table, name] as const),
);

export async function seedLargeNetwork(ds: DataSource, opts: LargeSeedOptions): Promise<LargeSeedCounts> {
  const r = prng(opts.seed ?? 20261202);
  const scaled = (n: number) => Math.max(1, Math.round(n * opts.scale));
  const nResellers = scaled(LARGE_FULL.resellers);
  const nCustomers = Math.max(nResellers, scaled(LARGE_FULL.customers));
  const perCustomer = Math.round(LARGE_FULL.subscriptions / LARGE_FULL.customers);
  const nTransfers = scaled(LARGE_FULL.transfers);
  const asOf = opts.asOf;
  const stamp = new Date(startOfDate(addDays(asOf, -1000)));

  const partner = (name: string, partnerId: string, types: PartnerType[], country: string, good: boolean) =>
    make(Partner, {
      id: r.uuid(),
      name,
      partnerId,
      tenantId: r.uuid(),
      types,
      country,
      mpaSigned: good || r.chance(0.5),
      programStatus: good ? ProgramStatus.ACTIVE : r.pick([ProgramStatus.SUSPENDED, ProgramStatus.ACTIVE]),
      createdAt: stamp,
    });
  const providers = COUNTRIES.map((country, i) =>
    partner(
      `Large Provider ${i + 1}`,
      `LP${String(i + 1).padStart(6, "0")}`,
      [PartnerType.INDIRECT_PROVIDER],
      country,
      true,
    ),
  );
  // Reseller i belongs to provider i % 3; 3% are out of compliance (MPA, status) and 2% sit in another region.
  const resellers = Array.from({ length: nResellers }, (_, i) => {
    const home = COUNTRIES[i % COUNTRIES.length] as string;
    const country = r.chance(0.02) ? (COUNTRIES[(i + 1) % COUNTRIES.length] as string) : home;
    const label = String(i + 1).padStart(4, "0");
    return partner(
      `${r.pick(WORDS)} ${r.pick(WORDS)} IT ${label}`,
      `LR${String(i + 1).padStart(6, "0")}`,
      [PartnerType.INDIRECT_RESELLER],
      country,
      !r.chance(0.03),
    );
  });
  const partners = [...providers, ...resellers];
  const providerOf = (resellerIndex: number) => providers[resellerIndex % providers.length] as Partner;

  const partnerships: ResellerPartnership[] = [];
  /** Resellers whose partnership with their first provider is ACTIVE (their customers are in its network). */
  const activePartnership = new Set<string>();
  resellers.forEach((reseller, i) => {
    const status = r.weighted([
      [PartnershipStatus.ACTIVE, 92],
      [PartnershipStatus.INVITED, 4],
      [PartnershipStatus.REMOVED, 4],
    ] as const);
    const link = (provider: Partner, s: PartnershipStatus) =>
      make(ResellerPartnership, {
        id: r.uuid(),
        providerId: provider.id,
        resellerId: reseller.id,
        status: s,
        invitedAt: stamp,
        acceptedAt: s === PartnershipStatus.INVITED ? null : stamp,
        removedAt: s === PartnershipStatus.REMOVED ? stamp : null,
        version: 1,
      });
    partnerships.push(link(providerOf(i), status));
    if (status === PartnershipStatus.ACTIVE) activePartnership.add(reseller.id);
    // One in ten resellers also works with a second provider.
    if (r.chance(0.1))
      partnerships.push(link(providers[(i + 1) % providers.length] as Partner, PartnershipStatus.ACTIVE));
  });

  const users = partners.map((p, i) =>
    make(User, {
      id: r.uuid(),
      partnerId: p.id,
      email:
        i < providers.length
          ? `admin@provider-${i + 1}.large.example`
          : `admin@reseller-${String(i - providers.length + 1).padStart(4, "0")}.large.example`,
      displayName: `${p.name} admin`,
      role: UserRole.GLOBAL_ADMIN,
    }),
  );

  const customers: Customer[] = [];
  const relationships: CustomerRelationship[] = [];
  const subscriptions: CustomerSubscription[] = [];
  /** Customers a second provider also holds: where transfers happen. */
  const shared: { customer: Customer; target: Partner; csp: CustomerSubscription[] }[] = [];
  const relationship = (partnerId: string, customerId: string, status: RelationshipStatus) =>
    make(CustomerRelationship, {
      id: r.uuid(),
      partnerId,
      customerId,
      status,
      includesDelegatedAdmin: r.chance(0.7),
      requestedAt: stamp,
      acceptedAt: status === RelationshipStatus.REQUESTED ? null : stamp,
      acceptedBy: null,
      removedAt: status === RelationshipStatus.REMOVED ? stamp : null,
      requestToken: null,
      requestExpiresAt: null,
      version: 1,
    });

  for (let c = 0; c < nCustomers; c++) {
    const resellerIndex = c % nResellers;
    const reseller = resellers[resellerIndex] as Partner;
    const provider = providerOf(resellerIndex);
    const mcaAccepted = !r.chance(0.03);
    const customer = make(Customer, {
      id: r.uuid(),
      name: `${r.pick(WORDS)} ${r.pick(WORDS)} ${r.pick(TRADES)} ${String(c + 1).padStart(5, "0")}`,
      domain: `c${c + 1}.large.example`,
      tenantId: r.uuid(),
      country: r.chance(0.03) ? r.pick(COUNTRIES) : reseller.country,
      mcaAccepted,
      mcaAcceptedOn: mcaAccepted ? addDays(asOf, -r.int(30, 900)) : null,
      mcaAcceptedByName: mcaAccepted ? "Customer admin" : null,
      mcaAcceptedByEmail: mcaAccepted ? `admin@c${c + 1}.large.example` : null,
      // A few customers are a reseller's own tenant (R7: a CSP partner's tenant cannot buy from CSP).
      partnerTenantOfId: r.chance(0.001) ? reseller.id : null,
      createdAt: stamp,
    });
    customers.push(customer);
    const resellerStatus = r.weighted([
      [RelationshipStatus.ACTIVE, 95],
      [RelationshipStatus.REQUESTED, 3],
      [RelationshipStatus.REMOVED, 2],
    ] as const);
    relationships.push(relationship(reseller.id, customer.id, resellerStatus));
    // The provider bills every CSP subscription of the customer, so the customer must be in its network: through
    // the reseller (ACTIVE relationship, ACTIVE partnership) or a relationship of its own.
    const viaReseller = resellerStatus === RelationshipStatus.ACTIVE && activePartnership.has(reseller.id);
    if (!viaReseller || r.chance(0.2))
      relationships.push(relationship(provider.id, customer.id, RelationshipStatus.ACTIVE));
    const other = providers[(providers.indexOf(provider) + 1) % providers.length] as Partner;
    const isShared = r.chance(Math.min(0.5, (nTransfers * 1.5) / nCustomers));
    if (isShared) relationships.push(relationship(other.id, customer.id, RelationshipStatus.ACTIVE));

    const mine: CustomerSubscription[] = [];
    for (let k = 0; k < perCustomer; k++) {
      const channel = r.weighted(CHANNELS);
      const csp = channel === SalesChannel.CSP;
      const usage = r.chance(0.1);
      const isAzurePlan = usage && csp;
      const status = r.weighted(STATUSES);
      const termDuration = usage
        ? null
        : r.weighted([
            [TermDuration.P1M, 20],
            [TermDuration.P1Y, 75],
            [TermDuration.P3Y, 5],
          ] as const);
      const months = termDuration ? TERM_MONTHS[termDuration] : 1;
      const purchaseDate = addDays(asOf, -r.int(1, 1000));
      // Renewed terms: the last renewal before today, and the term it started.
      let renewalDate: IsoDate | null = null;
      let commitmentEndDate = termEndDate(purchaseDate, months);
      if (status === SubscriptionStatus.ACTIVE || status === SubscriptionStatus.SUSPENDED) {
        while (commitmentEndDate < asOf) {
          renewalDate = addDays(commitmentEndDate, 1);
          commitmentEndDate = termEndDate(renewalDate, months);
        }
      }
      const quantity = usage
        ? 1
        : r.weighted([
            [r.int(1, 10), 60],
            [r.int(11, 100), 35],
            [r.int(101, 1000), 5],
          ] as const);
      const purchasedAt = startOfDate(purchaseDate) + r.int(0, 86_399) * 1000;
      const renewedAt = renewalDate ? startOfDate(renewalDate) + r.int(0, 3600) * 1000 : null;
      const termStart = renewedAt ?? purchasedAt;
      // One in twenty license subscriptions added seats within the last week (its own 168-hour window, V2).
      const recent = !usage && quantity > 1 && status === SubscriptionStatus.ACTIVE && r.chance(0.05);
      const recentAt = Math.max(termStart, startOfDate(asOf) - r.int(1, 6 * 86_400) * 1000);
      const tranches = recent
        ? [
            { quantity: quantity - 1, purchasedAt: formatInstant(termStart) },
            { quantity: 1, purchasedAt: formatInstant(recentAt) },
          ]
        : oneTranche(quantity, termStart);
      const [offerName, offerId] = usage
        ? isAzurePlan
          ? ["Azure plan", "DZH318Z0BPS6:0001"]
          : ["Azure subscription", "MS-AZR-0017P"]
        : r.pick(LICENSE_OFFERS);
      const base = mine.find((s) => s.offerKind === OfferKind.LICENSE_BASED && s.channel === channel);
      const s = make(CustomerSubscription, {
        id: r.uuid(),
        customerId: customer.id,
        offerName,
        offerId,
        offerKind: usage ? OfferKind.USAGE_BASED : OfferKind.LICENSE_BASED,
        commerceModel: r.chance(0.8) ? CommerceModel.NEW_COMMERCE : CommerceModel.LEGACY,
        channel,
        status,
        transactingPartnerId: csp ? provider.id : null,
        // Credited to the reseller only while it holds the customer (else the reseller would see a subscription of a
        // customer outside its network).
        resellerOfRecordId: csp && resellerStatus === RelationshipStatus.ACTIVE && r.chance(0.9) ? reseller.id : null,
        registeredById: !csp && r.chance(0.5) ? reseller.id : null,
        purchaseDate,
        renewalDate,
        commitmentEndDate,
        termDuration,
        billingCycle: usage
          ? BillingCycle.MONTHLY
          : termDuration === TermDuration.P3Y
            ? BillingCycle.TRIENNIAL
            : termDuration === TermDuration.P1M || r.chance(0.4)
              ? BillingCycle.MONTHLY
              : BillingCycle.ANNUAL,
        quantity,
        autoRenew: status === SubscriptionStatus.DELETED ? false : !r.chance(0.15),
        // Add-ons: one in twenty license subscriptions belongs to an earlier one of the same channel.
        parentId: !usage && base && r.chance(0.05) ? base.id : null,
        isAzurePlan,
        productType: defaultProductType(usage ? OfferKind.USAGE_BASED : OfferKind.LICENSE_BASED, isAzurePlan),
        purchasedAt: new Date(purchasedAt),
        renewedAt: renewedAt === null ? null : new Date(renewedAt),
        tranches,
        maxQuantity: usage ? null : r.pick([null, 300, 2000]),
        scheduledChange:
          !usage && status === SubscriptionStatus.ACTIVE && r.chance(0.03) ? { quantity: quantity + 1 } : null,
        activeAzureSubscriptions: isAzurePlan ? r.int(0, 5) : 0,
        createdAt: new Date(purchasedAt),
        updatedAt: new Date(renewedAt ?? purchasedAt),
        version: 1,
      });
      mine.push(s);
      subscriptions.push(s);
    }
    const cspLive = mine.filter((s) => s.channel === SalesChannel.CSP && s.status !== SubscriptionStatus.DELETED);
    if (isShared && cspLive.length > 0) shared.push({ customer, target: other, csp: cspLive });
  }

  // Transfers: from the provider that bills the customer to the other provider holding it, one per shared customer.
  const transfers: Transfer[] = [];
  const lines: TransferLine[] = [];
  for (const { customer, target, csp } of shared.slice(0, nTransfers)) {
    const status = r.weighted(TRANSFER_STATUSES);
    const createdAt = startOfDate(addDays(asOf, status === TransferStatus.PENDING ? -r.int(0, 25) : -r.int(0, 90)));
    const answered = status !== TransferStatus.PENDING && status !== TransferStatus.EXPIRED;
    const t = make(Transfer, {
      id: r.uuid(),
      customerId: customer.id,
      sourcePartnerId: (csp[0] as CustomerSubscription).transactingPartnerId as string,
      targetPartnerId: target.id,
      resellerId: null,
      status,
      createdAt: new Date(createdAt + r.int(0, 86_399) * 1000),
      respondedAt: answered ? new Date(createdAt + 86_400_000) : null,
      createdByUserId: null,
      version: 1,
    });
    transfers.push(t);
    for (const s of csp.slice(0, r.int(1, 3)))
      lines.push(make(TransferLine, { id: r.uuid(), transferId: t.id, subscriptionId: s.id }));
  }

  // One large transaction: on SQLite a page cache big enough to hold it saves spilling pages to disk mid-way.
  if (dialectOf(ds) === "sqlite") await ds.query("PRAGMA cache_size = -262144");
  const postgres = dialectOf(ds) === "postgres";
  await runInTransaction(ds, async (em) => {
    // On PostgreSQL the dashboard counters' row triggers (plpgsql, migration NetworkCounters) made this bulk load
    // about 7 times slower: they are off for it (in this transaction only) and the counters recounted once at the end.
    // SQLite's triggers cost little here and stay on.
    if (postgres) for (const [table, name] of COUNTED) await em.query(`ALTER TABLE ${table} DISABLE TRIGGER ${name}`);
    await bulkInsert(em, Partner, partners, opts.progress);
    await bulkInsert(em, User, users, opts.progress);
    await bulkInsert(em, ResellerPartnership, partnerships, opts.progress);
    await bulkInsert(em, Customer, customers, opts.progress);
    await bulkInsert(em, CustomerRelationship, relationships, opts.progress);
    // Parents before their add-ons (the foreign key holds at every statement).
    const ordered = [...subscriptions.filter((s) => !s.parentId), ...subscriptions.filter((s) => s.parentId)];
    await bulkInsert(em, CustomerSubscription, ordered, opts.progress);
    await bulkInsert(em, Transfer, transfers, opts.progress);
    await bulkInsert(em, TransferLine, lines, opts.progress);
    if (postgres) {
      for (const [table, name] of COUNTED) await em.query(`ALTER TABLE ${table} ENABLE TRIGGER ${name}`);
      await recountAll(em);
    }
  });
  // Fresh planner statistics, as a long-running PostgreSQL would have them from autovacuum.
  if (dialectOf(ds) === "postgres") await ds.query("ANALYZE");
  return {
    partners: partners.length,
    partnerships: partnerships.length,
    users: users.length,
    customers: customers.length,
    relationships: relationships.length,
    subscriptions: subscriptions.length,
    transfers: transfers.length,
    lines: lines.length,
  };
}
