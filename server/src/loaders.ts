import DataLoader from "dataloader";
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import { fromRawRow, questionMarks, rawByIds, rawEntity, rawQuery, rawSelectList } from "./common/raw-rows";
import { scopeCondition, type SqlCondition } from "./common/scoped-sql";
import type { TenantScope } from "./auth/scope";
import { PartnershipStatus, RuleBook, type EligibilityAction, type TransferPolicy } from "./domain/enums";
import { liveSubscriptionSql } from "./domain/subscription-status";
import { Customer } from "./modules/customer/customer.entity";
import { CustomerRelationship } from "./modules/customer/customer-relationship.entity";
import { CustomerSubscription } from "./modules/subscription/customer-subscription.entity";
import { Partner } from "./modules/partner/partner.entity";
import { ResellerPartnership } from "./modules/partner/reseller-partnership.entity";
import { TransferLine } from "./modules/transfer/transfer.entity";
import { EligibilityService } from "./modules/eligibility/eligibility.service";
import type { Decision } from "./modules/eligibility/rule";
import type { ScheduledChangeFacts } from "./modules/eligibility/facts";

function byId<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const map = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => map.get(id) ?? null);
}

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}

export interface EligibilityKey {
  action: EligibilityAction;
  asOf: string;
  /** Rule book V2: the decision's instant (epoch ms); defaults to 00:00:00 UTC of asOf. */
  at?: number;
  subscription: CustomerSubscription;
  reseller: Partner | null;
  /** The V2 actions' subjects: CHANGE_QUANTITY's total, SET_AUTO_RENEW's value, SCHEDULE_CHANGE's change. */
  quantity?: number | null;
  autoRenew?: boolean | null;
  change?: ScheduledChangeFacts | null;
}

/**
 * Rows of an entity by a hand-written SELECT of every column on `alias` (issue 10's hot read paths: no query builder,
 * no TypeORM hydration; common/raw-rows.ts): `FROM <table> <alias> <rest>`, `rest` with `?` placeholders for `params`.
 */
async function selectEntities<T extends ObjectLiteral>(
  ds: DataSource | EntityManager,
  target: EntityTarget<T>,
  alias: string,
  rest: string,
  params: readonly unknown[],
): Promise<T[]> {
  const entity = rawEntity(ds, target);
  const rows = await rawQuery(
    ds,
    `SELECT ${rawSelectList(entity, alias)} FROM ${entity.table} ${alias} ${rest}`,
    params,
  );
  return rows.map((row) => fromRawRow(entity, entity.columns, row));
}

/** `column IN (ids…) AND <scope>`: a batch of ids within the viewer's scope, and its parameters in text order. */
function idsWithin(column: string, ids: readonly string[], scope: SqlCondition): [string, unknown[]] {
  return [`${column} IN (${questionMarks(ids.length)}) AND ${scope.sql}`, [...ids, ...scope.params]];
}

/** What batches decisions together: everything in the key but the subscription (computed for every key: no JSON). */
const decisionGroup = (k: EligibilityKey): string =>
  `${k.action}|${k.asOf}|${k.at ?? ""}|${k.reseller?.id ?? ""}|${k.quantity ?? ""}|${k.autoRenew ?? ""}|${k.change ? JSON.stringify(k.change) : ""}`;

/**
 * Per-request DataLoaders: every nested field resolves through one batched, scoped query per field,
 * whatever the page size. Scoped loaders return null for what the viewer may not see.
 */
export class Loaders {
  constructor(
    /** The data source, or a mutation's transaction (see `mutate`). */
    private readonly ds: DataSource | EntityManager,
    private readonly scope: TenantScope | null,
    private readonly policy: TransferPolicy,
    /** The rule book decisions follow (V1 unless the server runs V2). */
    private readonly ruleBook: RuleBook = RuleBook.V1,
  ) {}

  /** Partners referenced by visible objects (names and ids of counterparties are not secret). */
  readonly partner = new DataLoader<string, Partner | null>(async (ids) =>
    byId(ids, await rawByIds(this.ds, Partner, ids)),
  );

  readonly customer = new DataLoader<string, Customer | null>(async (ids) => {
    const scope = this.scope;
    if (!scope) return ids.map(() => null);
    const [where, params] = idsWithin(
      "c.id",
      ids,
      scopeCondition((qb) => scope.visibleCustomers(qb, "c.id")),
    );
    return byId(ids, await selectEntities(this.ds, Customer, "c", `WHERE ${where}`, params));
  });

  readonly subscription = new DataLoader<string, CustomerSubscription | null>(async (ids) => {
    const scope = this.scope;
    if (!scope) return ids.map(() => null);
    const [where, params] = idsWithin(
      "s.id",
      ids,
      scopeCondition((qb) => scope.visibleSubscriptions(qb, "s")),
    );
    return byId(ids, await selectEntities(this.ds, CustomerSubscription, "s", `WHERE ${where}`, params));
  });

  /**
   * Subscriptions by id where a transfer needs them (TenantScope.transferableSubscriptions): any subscription of a
   * visible customer, another partner's included, e.g. the one a reseller's TRANSFER request is about.
   */
  readonly transferableSubscription = new DataLoader<string, CustomerSubscription | null>(async (ids) => {
    const scope = this.scope;
    if (!scope) return ids.map(() => null);
    const visible = scopeCondition((qb) => scope.transferableSubscriptions(qb, "s.customer_id"));
    const [where, params] = idsWithin("s.id", ids, visible);
    return byId(ids, await selectEntities(this.ds, CustomerSubscription, "s", `WHERE ${where}`, params));
  });

  /** The viewer's network's relationships with each customer. */
  readonly relationshipsOfCustomer = new DataLoader<string, CustomerRelationship[]>(async (customerIds) => {
    const scope = this.scope;
    if (!scope) return customerIds.map(() => []);
    const [where, params] = idsWithin(
      "cr.customer_id",
      customerIds,
      scopeCondition((qb) => scope.networkRelationships(qb, "cr")),
    );
    // Oldest request first; the id breaks ties (one two-tier request creates rows with the same requested_at).
    const rows = await selectEntities(
      this.ds,
      CustomerRelationship,
      "cr",
      `WHERE ${where} ORDER BY cr.requested_at ASC, cr.id ASC`,
      params,
    );
    const grouped = groupBy(rows, (r) => r.customerId);
    return customerIds.map((id) => grouped.get(id) ?? []);
  });

  /** Sales channels a customer holds live (ACTIVE or SUSPENDED) subscriptions from. */
  readonly channelsOfCustomer = new DataLoader<string, string[]>(async (customerIds) => {
    const rows = (await rawQuery(
      this.ds,
      `SELECT s.customer_id AS "customerId", s.channel AS "channel" FROM customer_subscription s
       WHERE s.customer_id IN (${questionMarks(customerIds.length)}) AND ${liveSubscriptionSql("s")}
       GROUP BY s.customer_id, s.channel ORDER BY s.channel`,
      customerIds,
    )) as { customerId: string; channel: string }[];
    const grouped = groupBy(rows, (r) => r.customerId);
    return customerIds.map((id) => (grouped.get(id) ?? []).map((r) => r.channel));
  });

  /**
   * Subscriptions on each transfer's lines, where a transfer needs them (TenantScope.transferableSubscriptions): a
   * party to a transfer about a customer outside its network (a removed relationship, a reseller named on a request)
   * must not read its subscriptions.
   */
  readonly subscriptionsOfTransfer = new DataLoader<string, CustomerSubscription[]>(async (transferIds) => {
    if (!this.scope) return transferIds.map(() => []);
    const qb = this.ds
      .getRepository(TransferLine)
      .createQueryBuilder("tl")
      .innerJoinAndSelect("tl.subscription", "s")
      .where("tl.transfer_id IN (:...transferIds)", { transferIds });
    const lines = await this.scope
      .transferableSubscriptions(qb, "s.customer_id")
      .orderBy("s.offer_name")
      .addOrderBy("s.id")
      .getMany();
    const grouped = groupBy(lines, (l) => l.transferId);
    return transferIds.map((id) => (grouped.get(id) ?? []).map((l) => l.subscription as CustomerSubscription));
  });

  /** Active customers and subscriptions credited to each reseller (as reseller of record). */
  readonly resellerCounts = new DataLoader<string, { customers: number; subscriptions: number }>(
    async (resellerIds) => {
      // The counters the database keeps in the writing transaction (migration NetworkCounters: `partner_total`,
      // its customers with an ACTIVE relationship and the live subscriptions it is reseller of record of).
      const rows = await this.ds
        .createQueryBuilder()
        .select("pt.partner_id", "partnerId")
        .addSelect("pt.customers", "customers")
        .addSelect("pt.live_subscriptions", "subscriptions")
        .from("partner_total", "pt")
        .where("pt.partner_id IN (:...resellerIds)", { resellerIds: [...resellerIds] })
        .getRawMany<{ partnerId: string; customers: string | number; subscriptions: string | number }>();
      const c = new Map(rows.map((r) => [r.partnerId, Number(r.customers)]));
      const s = new Map(rows.map((r) => [r.partnerId, Number(r.subscriptions)]));
      return resellerIds.map((id) => ({ customers: c.get(id) ?? 0, subscriptions: s.get(id) ?? 0 }));
    },
  );

  /**
   * For an indirect reseller: the decision of the provider that bills each subscription (its transacting partner), as
   * `requestProviderAction` reports it (provider-request.service.ts: decided as the provider, no reseller named for
   * a subscription's lifecycle action). Null unless the viewer is the subscription's reseller of record and the
   * transacting partner one of its providers with an ACTIVE partnership. One statement finds those providers, then
   * one decision batch per provider (EligibilityService.decideBatch, ≤ 4 statements each) for the whole page.
   */
  readonly providerEligibility = new DataLoader<EligibilityKey, Decision | null, string>(
    async (keys) => {
      const viewer = this.scope?.partner;
      const askable = keys.filter(
        (k) => viewer && k.subscription.resellerOfRecordId === viewer.id && k.subscription.transactingPartnerId,
      );
      const candidates = [...new Set(askable.map((k) => k.subscription.transactingPartnerId!))];
      const partnered = candidates.length
        ? await this.ds
            .getRepository(ResellerPartnership)
            .createQueryBuilder("rp")
            .select("rp.provider_id", "providerId")
            .where("rp.reseller_id = :viewer", { viewer: viewer!.id })
            .andWhere("rp.status = :active", { active: PartnershipStatus.ACTIVE })
            .andWhere("rp.provider_id IN (:...candidates)", { candidates })
            .getRawMany<{ providerId: string }>()
        : [];
      const providerIds = new Set(partnered.map((r) => r.providerId));
      const results = new Map<string, Decision>();
      const byProvider = groupBy(
        askable.filter((k) => providerIds.has(k.subscription.transactingPartnerId!)),
        (k) => k.subscription.transactingPartnerId!,
      );
      for (const [providerId, providerKeys] of byProvider) {
        const provider = await this.partner.load(providerId);
        if (!provider) continue;
        const groups = [...groupBy(providerKeys, decisionGroup)];
        const decided = await new EligibilityService(this.ds).decideBatch(
          provider,
          groups.map(([, group]) => ({
            action: group[0]!.action,
            subscriptions: group.map((k) => k.subscription),
            opts: this.decisionOptions(group[0]!),
          })),
        );
        groups.forEach(([groupKey], i) => {
          for (const [id, d] of decided[i]!) results.set(`${groupKey}|${id}`, d);
        });
      }
      return keys.map((k) => results.get(`${decisionGroup(k)}|${k.subscription.id}`) ?? null);
    },
    { cacheKeyFn: (k) => `${decisionGroup(k)}|${k.subscription.id}` },
  );

  private decisionOptions(first: EligibilityKey) {
    return {
      asOf: first.asOf,
      at: first.at ?? null,
      ruleBook: this.ruleBook,
      policy: this.policy,
      reseller: first.reseller,
      quantity: first.quantity ?? null,
      autoRenew: first.autoRenew ?? null,
      change: first.change ?? null,
    };
  }

  /**
   * Eligibility of subscriptions for the viewer over a page: every action and option set the page asks for is one
   * batch, its facts read once (EligibilityService.decideBatch), not once per action.
   */
  readonly eligibility = new DataLoader<EligibilityKey, Decision, string>(
    async (keys) => {
      if (!this.scope) throw new Error("eligibility needs a viewer");
      // Each key's group computed once (a page of five decisions has 250 keys in five groups).
      const groupOf = new Map<string, number>();
      const groups: EligibilityKey[][] = [];
      const keyGroups = keys.map((k) => {
        const groupKey = decisionGroup(k);
        let i = groupOf.get(groupKey);
        if (i === undefined) {
          groupOf.set(groupKey, (i = groups.length));
          groups.push([]);
        }
        groups[i]!.push(k);
        return i;
      });
      const decided = await new EligibilityService(this.ds).decideBatch(
        this.scope.partner,
        groups.map((group) => ({
          action: group[0]!.action,
          subscriptions: group.map((k) => k.subscription),
          opts: this.decisionOptions(group[0]!),
        })),
      );
      return keys.map((k, i) => decided[keyGroups[i]!]!.get(k.subscription.id) ?? new Error("subscription not found"));
    },
    { cacheKeyFn: (k) => `${decisionGroup(k)}|${k.subscription.id}` },
  );
}
