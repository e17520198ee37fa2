import { DataSource, type EntityManager } from "typeorm";
import { fromDate, parseInstant, startOfDate, type Instant } from "../../common/instants";
import {
  EligibilityAction,
  OfferKind,
  PartnershipStatus,
  RelationshipStatus,
  SalesChannel,
  TransferStatus,
  type BillingCycle,
  type CommerceModel,
  type ProductType,
  type SubscriptionStatus,
  type TermDuration,
} from "../../domain/enums";
import type { CustomerFacts, ScheduledChangeFacts, SubscriptionFacts } from "./facts";

// The facts' hot read paths as hand-written SQL selecting only the columns the rules read (issue 10): no entity
// hydration, dates kept as the stored text. Each reader is one statement whatever the number of subjects. Values
// are converted exactly as TypeORM hydrates the same columns, so a decision does not depend on the path it took
// (facts-query.test.ts compares both on SQLite and PostgreSQL).

type Row = Record<string, unknown>;
type Db = DataSource | EntityManager;

/** Positional parameters in the dialect's style ($1 on PostgreSQL, ? on SQLite): add them in the order of the text. */
export class Params {
  readonly values: unknown[] = [];
  constructor(private readonly postgres: boolean) {}
  add(value: unknown): string {
    this.values.push(value);
    return this.postgres ? `$${this.values.length}` : "?";
  }
  list(values: readonly unknown[]): string {
    return values.map((v) => this.add(v)).join(", ");
  }
}

const isPostgres = (db: Db): boolean => (db instanceof DataSource ? db : db.connection).options.type === "postgres";

/** Runs one SELECT through `db` (a mutation's transaction when it is one), counted like every statement. */
async function select(db: Db, build: (p: Params) => string): Promise<Row[]> {
  const p = new Params(isPostgres(db));
  const sql = build(p);
  return (await db.query(sql, p.values)) as Row[];
}

// ---- stored values as TypeORM hydrates them

const bool = (v: unknown): boolean => v === true || v === 1 || v === "1" || v === "t";
const text = (v: unknown): string => v as string;
const textOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : (v as string));
const int = (v: unknown): number => (typeof v === "number" ? v : Number(v));
const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** A DATE column: SQLite keeps the text; pg gives a local Date, which TypeORM writes back with local getters. */
function dateText(v: unknown): string {
  if (v instanceof Date) return `${v.getFullYear()}-${two(v.getMonth() + 1)}-${two(v.getDate())}`;
  return v as string;
}
const dateTextOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : dateText(v));

/**
 * A timestamp column as an instant. pg gives a Date; SQLite the stored text "YYYY-MM-DD HH:MM:SS.SSS" in UTC, read
 * as TypeORM's SQLite driver reads it (a space becomes T, a time without a zone is UTC).
 */
export function storedInstant(v: unknown): Instant | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return fromDate(v);
  let s = String(v);
  if (/^\d\d\d\d-\d\d-\d\d \d\d:\d\d/.test(s)) s = s.replace(" ", "T");
  if (/^\d\d\d\d-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d\d\d)?)?$/.test(s)) s += "Z";
  return fromDate(new Date(s));
}

/** A simple-json column (text on both databases). */
const json = <T>(v: unknown): T | null =>
  v === null || v === undefined ? null : typeof v === "string" ? (JSON.parse(v) as T) : (v as T);

// ---- subscriptions

/** What a subscription's facts are made of, whichever way it was read (an entity or a raw row). */
export interface StoredSubscription {
  id: string;
  customerId: string;
  offerKind: OfferKind;
  commerceModel: CommerceModel;
  channel: SalesChannel;
  status: SubscriptionStatus;
  transactingPartnerId: string | null;
  resellerOfRecordId: string | null;
  purchaseDate: string;
  renewalDate: string | null;
  commitmentEndDate: string;
  parentId: string | null;
  isAzurePlan: boolean;
  quantity: number;
  purchasedAt: Instant | null;
  renewedAt: Instant | null;
  productType: ProductType;
  tranches: readonly { quantity: number; purchasedAt: string }[] | null;
  autoRenew: boolean;
  termDuration: TermDuration | null;
  billingCycle: BillingCycle;
  maxQuantity: number | null;
  scheduledChange: ScheduledChangeFacts | null;
  activeAzureSubscriptions: number | null;
}

/** The facts of a subscription; a row without tranches has one of every seat (RULES.md default). */
export function toSubscriptionFacts(s: StoredSubscription): SubscriptionFacts {
  const purchasedAt = s.purchasedAt ?? startOfDate(s.purchaseDate);
  const renewedAt = s.renewedAt ?? (s.renewalDate ? startOfDate(s.renewalDate) : null);
  const stored = (s.tranches ?? []).map((t) => ({
    quantity: t.quantity,
    purchasedAt: parseInstant(t.purchasedAt) ?? purchasedAt,
  }));
  return {
    id: s.id,
    customerId: s.customerId,
    offerKind: s.offerKind,
    commerceModel: s.commerceModel,
    channel: s.channel,
    status: s.status,
    transactingPartnerId: s.transactingPartnerId,
    resellerOfRecordId: s.resellerOfRecordId,
    purchaseDate: s.purchaseDate,
    renewalDate: s.renewalDate,
    commitmentEndDate: s.commitmentEndDate,
    parentId: s.parentId,
    isAzurePlan: s.isAzurePlan,
    quantity: s.quantity,
    purchasedAt,
    renewedAt,
    productType: s.productType,
    tranches:
      stored.length > 0 || s.quantity < 1 ? stored : [{ quantity: s.quantity, purchasedAt: renewedAt ?? purchasedAt }],
    autoRenew: s.autoRenew,
    termDuration: s.termDuration,
    billingCycle: s.billingCycle,
    maxQuantity: s.maxQuantity ?? null,
    scheduledChange: s.scheduledChange ?? null,
    activeAzureSubscriptions: s.activeAzureSubscriptions ?? 0,
  };
}

/** The columns toSubscriptionFacts reads, nothing else (no names, no audit columns). */
const SUBSCRIPTION_COLUMNS = `s.id, s.customer_id, s.offer_kind, s.commerce_model, s.channel, s.status,
  s.transacting_partner_id, s.reseller_of_record_id, s.purchase_date, s.renewal_date, s.commitment_end_date,
  s.parent_id, s.is_azure_plan, s.quantity, s.purchased_at, s.renewed_at, s.product_type, s.tranches, s.auto_renew,
  s.term_duration, s.billing_cycle, s.max_quantity, s.scheduled_change, s.active_azure_subscriptions`;

export function subscriptionFactsOfRow(r: Row): SubscriptionFacts {
  return toSubscriptionFacts({
    id: text(r.id),
    customerId: text(r.customer_id),
    offerKind: r.offer_kind as OfferKind,
    commerceModel: r.commerce_model as CommerceModel,
    channel: r.channel as SalesChannel,
    status: r.status as SubscriptionStatus,
    transactingPartnerId: textOrNull(r.transacting_partner_id),
    resellerOfRecordId: textOrNull(r.reseller_of_record_id),
    purchaseDate: dateText(r.purchase_date),
    renewalDate: dateTextOrNull(r.renewal_date),
    commitmentEndDate: dateText(r.commitment_end_date),
    parentId: textOrNull(r.parent_id),
    isAzurePlan: bool(r.is_azure_plan),
    quantity: int(r.quantity),
    purchasedAt: storedInstant(r.purchased_at),
    renewedAt: storedInstant(r.renewed_at),
    productType: r.product_type as ProductType,
    tranches: json(r.tranches),
    autoRenew: bool(r.auto_renew),
    termDuration: textOrNull(r.term_duration) as TermDuration | null,
    billingCycle: r.billing_cycle as BillingCycle,
    maxQuantity: r.max_quantity === null || r.max_quantity === undefined ? null : int(r.max_quantity),
    scheduledChange: json(r.scheduled_change),
    activeAzureSubscriptions:
      r.active_azure_subscriptions === null || r.active_azure_subscriptions === undefined
        ? null
        : int(r.active_azure_subscriptions),
  });
}

// ---- the readers

/** Customers by id with whether the actor holds an ACTIVE relationship with each: one statement. */
export async function customersWithRelationship(
  db: Db,
  actorId: string,
  customerIds: readonly string[],
): Promise<Map<string, { customer: CustomerFacts; related: boolean }>> {
  const result = new Map<string, { customer: CustomerFacts; related: boolean }>();
  if (customerIds.length === 0) return result;
  const rows = await select(
    db,
    (p) => `SELECT c.id, c.country, c.mca_accepted, c.partner_tenant_of_id,
      CASE WHEN EXISTS (SELECT 1 FROM customer_relationship cr WHERE cr.customer_id = c.id
        AND cr.partner_id = ${p.add(actorId)} AND cr.status = ${p.add(RelationshipStatus.ACTIVE)}) THEN 1 ELSE 0 END AS related
      FROM customer c WHERE c.id IN (${p.list(customerIds)})`,
  );
  for (const r of rows) {
    const id = text(r.id);
    result.set(id, {
      customer: {
        id,
        country: text(r.country),
        mcaAccepted: bool(r.mca_accepted),
        partnerTenantOfId: textOrNull(r.partner_tenant_of_id),
      },
      related: int(r.related) === 1,
    });
  }
  return result;
}

/**
 * Which of a customer's other subscriptions an action's rules can look at (DecisionFacts.customerSubscriptions), as
 * SQL on the alias `s` and as its in-memory twin (the property test checks that decisions over only these equal
 * decisions over every subscription of the customer). The same rules in both rule books (registry.ts).
 */
export const CUSTOMER_SUBSCRIPTIONS_READ: Partial<
  Record<
    EligibilityAction,
    { sql: (p: Params, actorId: string) => string; keep: (s: SubscriptionFacts, actorId: string) => boolean }
  >
> = {
  // R8: usage-based subscriptions of other channels.
  [EligibilityAction.ORDER]: {
    sql: (p) => `(s.offer_kind = ${p.add(OfferKind.USAGE_BASED)} AND s.channel <> ${p.add(SalesChannel.CSP)})`,
    keep: (s) => s.offerKind === OfferKind.USAGE_BASED && s.channel !== SalesChannel.CSP,
  },
  // R14: the actor's Azure plans.
  [EligibilityAction.TRANSFER]: {
    sql: (p, actorId) => `(s.is_azure_plan = TRUE AND s.transacting_partner_id = ${p.add(actorId)})`,
    keep: (s, actorId) => s.isAzurePlan && s.transactingPartnerId === actorId,
  },
  // R6: what the actor bills or resells.
  [EligibilityAction.REMOVE_RELATIONSHIP]: {
    sql: (p, actorId) =>
      `(s.transacting_partner_id = ${p.add(actorId)} OR s.reseller_of_record_id = ${p.add(actorId)})`,
    keep: (s, actorId) => s.transactingPartnerId === actorId || s.resellerOfRecordId === actorId,
  },
};

/**
 * The customers' subscriptions the actions' rules can look at (the union over the actions: a superset is fine for
 * each), by customer: one statement.
 */
export async function customerSubscriptionsFor(
  db: Db,
  actorId: string,
  actions: ReadonlySet<EligibilityAction>,
  customerIds: readonly string[],
): Promise<Map<string, SubscriptionFacts[]>> {
  const result = new Map<string, SubscriptionFacts[]>();
  const reads = [...actions].flatMap((a) => CUSTOMER_SUBSCRIPTIONS_READ[a] ?? []);
  if (customerIds.length === 0 || reads.length === 0) return result;
  const rows = await select(
    db,
    (p) => `SELECT ${SUBSCRIPTION_COLUMNS} FROM customer_subscription s WHERE s.customer_id IN (${p.list(customerIds)})
      AND (${reads.map((r) => r.sql(p, actorId)).join(" OR ")})`,
  );
  for (const r of rows) {
    const f = subscriptionFactsOfRow(r);
    const list = result.get(f.customerId);
    if (list) list.push(f);
    else result.set(f.customerId, [f]);
  }
  return result;
}

/** A PENDING or ACCEPTED transfer holding a subscription. */
export interface OpenTransferLine {
  transferId: string;
  status: TransferStatus;
  createdAt: Instant;
}

/**
 * PENDING and ACCEPTED transfers holding each subscription: one statement for V1 (which reads the PENDING ones)
 * and V2 (both) alike; the caller leaves out the transfers it excludes.
 */
export async function openTransfersOf(
  db: Db,
  subscriptionIds: readonly string[],
): Promise<Map<string, OpenTransferLine[]>> {
  const result = new Map<string, OpenTransferLine[]>();
  if (subscriptionIds.length === 0) return result;
  const rows = await select(
    db,
    (p) => `SELECT tl.subscription_id, t.id, t.status, t.created_at FROM transfer_line tl
      INNER JOIN transfer t ON t.id = tl.transfer_id
      WHERE tl.subscription_id IN (${p.list(subscriptionIds)})
        AND t.status IN (${p.list([TransferStatus.PENDING, TransferStatus.ACCEPTED])})`,
  );
  for (const r of rows) {
    const id = text(r.subscription_id);
    const line = {
      transferId: text(r.id),
      status: r.status as TransferStatus,
      createdAt: storedInstant(r.created_at)!,
    };
    const list = result.get(id);
    if (list) list.push(line);
    else result.set(id, [line]);
  }
  return result;
}

/** The resellers among `resellerIds` the provider has an ACTIVE partnership with: one statement. */
export async function activePartnerships(
  db: Db,
  providerId: string,
  resellerIds: readonly string[],
): Promise<Set<string>> {
  if (resellerIds.length === 0) return new Set();
  const rows = await select(
    db,
    (p) => `SELECT DISTINCT rp.reseller_id FROM reseller_partnership rp WHERE rp.provider_id = ${p.add(providerId)}
      AND rp.status = ${p.add(PartnershipStatus.ACTIVE)} AND rp.reseller_id IN (${p.list(resellerIds)})`,
  );
  return new Set(rows.map((r) => text(r.reseller_id)));
}

/** The subscriptions listed on a transfer request (V2 R40, R41). */
export async function subscriptionIdsOfTransfer(db: Db, transferId: string): Promise<string[]> {
  const rows = await select(
    db,
    (p) => `SELECT tl.subscription_id FROM transfer_line tl WHERE tl.transfer_id = ${p.add(transferId)}`,
  );
  return rows.map((r) => text(r.subscription_id));
}
