import { In, type DataSource, type EntityManager } from "typeorm";
import {
  EligibilityAction,
  OfferKind,
  PartnershipStatus,
  RelationshipStatus,
  SalesChannel,
  TransferPolicy,
  TransferStatus,
} from "../../domain/enums";
import { Customer } from "../customer/customer.entity";
import { CustomerRelationship } from "../customer/customer-relationship.entity";
import { CustomerSubscription } from "../subscription/customer-subscription.entity";
import { Partner } from "../partner/partner.entity";
import { ResellerPartnership } from "../partner/reseller-partnership.entity";
import { Transfer, TransferLine } from "../transfer/transfer.entity";
import { decide, decideNamedReseller } from "./engine";
import type {
  CustomerFacts,
  DecisionFacts,
  PartnerFacts,
  ScheduledChangeFacts,
  SubscriptionFacts,
  TransferFacts,
} from "./facts";
import type { Decision, Verdict } from "./rule";
import { toIsoDate } from "../../common/dates";
import { dateOf, fromDate, parseInstant, startOfDate, type Instant } from "../../common/instants";
import { RuleBook } from "../../domain/enums";

/** Actions whose subject is a subscription; the others take a customer. */
export const SUBSCRIPTION_ACTIONS = new Set([
  EligibilityAction.SUPPORT,
  EligibilityAction.TRANSFER,
  EligibilityAction.CANCEL,
  EligibilityAction.REACTIVATE,
  EligibilityAction.SUSPEND,
  EligibilityAction.CHANGE_QUANTITY,
  EligibilityAction.SET_AUTO_RENEW,
  EligibilityAction.SCHEDULE_CHANGE,
]);

export interface DecisionOptions {
  /** The decision's UTC date (V1 reads only this). */
  asOf: string;
  /** Rule book V2: the decision's instant; defaults to 00:00:00 UTC of asOf. */
  at?: Instant | null;
  /** The rule book that decides (V1 when not given). */
  ruleBook?: RuleBook;
  policy: TransferPolicy;
  /** CHANGE_QUANTITY: the requested total. */
  quantity?: number | null;
  /** SET_AUTO_RENEW: the value wanted. */
  autoRenew?: boolean | null;
  /** SCHEDULE_CHANGE: the change to save. */
  change?: ScheduledChangeFacts | null;
  /** V2 TRANSFER: the request the subject would join (already checked to be the actor's own, R40/R41). */
  transfer?: Transfer | null;
  /** The reseller a provider names (ORDER, TRANSFER). */
  reseller?: Partner | null;
  /** ORDER: the offer kind to buy. */
  offerKind?: OfferKind | null;
  /** TRANSFER: a transfer whose own lines must not count as "another pending transfer" (R16). */
  excludeTransferId?: string | null;
}

/**
 * The rule book and instant an operation decides with: under V2 the current instant (to the second) when `asOf` is
 * today, else 00:00:00 UTC of `asOf`; under V1 always 00:00:00 UTC of the date (V1 reads only the date).
 */
export function decisionTime(
  s: { today: string; config: { ruleBook: RuleBook } },
  asOf: string = s.today,
): { ruleBook: RuleBook; at: Instant } {
  const now = fromDate(new Date());
  const v2 = s.config.ruleBook === RuleBook.V2;
  return { ruleBook: s.config.ruleBook, at: v2 && asOf === s.today && dateOf(now) === asOf ? now : startOfDate(asOf) };
}

export const partnerFacts = (p: Partner): PartnerFacts => ({
  id: p.id,
  types: p.types,
  country: p.country,
  mpaSigned: p.mpaSigned,
  programStatus: p.programStatus,
});

const customerFacts = (c: Customer): CustomerFacts => ({
  id: c.id,
  country: c.country,
  mcaAccepted: c.mcaAccepted,
  partnerTenantOfId: c.partnerTenantOfId,
});

export const subscriptionFacts = (s: CustomerSubscription): SubscriptionFacts => ({
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
  ...lifecycleFacts(s),
});

/** The rule book V2 facts of a subscription; a row without tranches has one of every seat (RULES.md default). */
function lifecycleFacts(s: CustomerSubscription) {
  const purchasedAt = s.purchasedAt ? fromDate(s.purchasedAt) : startOfDate(s.purchaseDate);
  const renewedAt = s.renewedAt ? fromDate(s.renewedAt) : s.renewalDate ? startOfDate(s.renewalDate) : null;
  const stored = (s.tranches ?? []).map((t) => ({
    quantity: t.quantity,
    purchasedAt: parseInstant(t.purchasedAt) ?? purchasedAt,
  }));
  return {
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

/**
 * Gathers the facts for a batch of decisions of one actor and action in a fixed number of SQL statements
 * (at most six, whatever the batch size), then lets the pure engine decide each one.
 */
export class EligibilityService {
  constructor(private readonly db: DataSource | EntityManager) {}

  async decideForSubscriptions(
    actor: Partner,
    action: EligibilityAction,
    subscriptions: readonly CustomerSubscription[],
    opts: DecisionOptions,
  ): Promise<Map<string, Decision>> {
    const customerIds = [...new Set(subscriptions.map((s) => s.customerId))];
    const ctx = await this.sharedFacts(actor, action, customerIds, opts);
    const v2 = opts.ruleBook === RuleBook.V2;
    const pending =
      action === EligibilityAction.TRANSFER && !v2
        ? await this.pendingTransfers(
            subscriptions.map((s) => s.id),
            opts.excludeTransferId ?? null,
          )
        : new Map<string, { createdAt: string }[]>();
    const excluded = [opts.excludeTransferId, opts.transfer?.id].filter((id): id is string => !!id);
    const inProgress =
      action === EligibilityAction.TRANSFER && v2
        ? await this.transfersInProgress(
            subscriptions.map((s) => s.id),
            excluded,
          )
        : new Map<string, TransferFacts[]>();
    const named =
      v2 && action === EligibilityAction.TRANSFER && opts.transfer ? await this.namedTransfer(opts.transfer) : null;
    const result = new Map<string, Decision>();
    for (const s of subscriptions) {
      const customer = ctx.customers.get(s.customerId);
      if (!customer) continue;
      result.set(
        s.id,
        decide({
          ...ctx.base,
          customer: customerFacts(customer),
          subscription: subscriptionFacts(s),
          actorHasActiveRelationship: ctx.related.has(s.customerId),
          customerSubscriptions: ctx.customerSubscriptions.get(s.customerId) ?? [],
          pendingTransfersOfSubject: pending.get(s.id) ?? [],
          transfersOfSubject: inProgress.get(s.id) ?? [],
          namedTransfer: named,
        }),
      );
    }
    return result;
  }

  async decideForCustomers(
    actor: Partner,
    action: EligibilityAction,
    customerIds: readonly string[],
    opts: DecisionOptions,
  ): Promise<Map<string, Decision>> {
    const ctx = await this.sharedFacts(actor, action, [...new Set(customerIds)], opts);
    const result = new Map<string, Decision>();
    for (const [id, customer] of ctx.customers) {
      result.set(
        id,
        decide({
          ...ctx.base,
          customer: customerFacts(customer),
          subscription: null,
          actorHasActiveRelationship: ctx.related.has(id),
          customerSubscriptions: ctx.customerSubscriptions.get(id) ?? [],
          pendingTransfersOfSubject: [],
          transfersOfSubject: [],
          namedTransfer: null,
        }),
      );
    }
    return result;
  }

  /** R23–R26 for a reseller the actor names outside an action's decision (see engine.decideNamedReseller). */
  async decideNamedReseller(actor: Partner, reseller: Partner, ruleBook: RuleBook): Promise<Verdict> {
    return decideNamedReseller(
      {
        actor: partnerFacts(actor),
        reseller: partnerFacts(reseller),
        resellerPartnershipActive: await this.partnershipActive(actor.id, reseller.id),
      },
      ruleBook,
    );
  }

  private async sharedFacts(actor: Partner, action: EligibilityAction, customerIds: string[], opts: DecisionOptions) {
    const reseller = opts.reseller ?? null;
    const ruleBook = opts.ruleBook ?? RuleBook.V1;
    const at = opts.at ?? startOfDate(opts.asOf);
    const base: Omit<
      DecisionFacts,
      | "customer"
      | "subscription"
      | "actorHasActiveRelationship"
      | "customerSubscriptions"
      | "pendingTransfersOfSubject"
      | "transfersOfSubject"
      | "namedTransfer"
    > = {
      action,
      ruleBook,
      asOf: ruleBook === RuleBook.V2 ? dateOf(at) : opts.asOf,
      at,
      quantity: action === EligibilityAction.CHANGE_QUANTITY ? (opts.quantity ?? null) : null,
      autoRenew: action === EligibilityAction.SET_AUTO_RENEW ? (opts.autoRenew ?? null) : null,
      change: action === EligibilityAction.SCHEDULE_CHANGE ? (opts.change ?? null) : null,
      policy: opts.policy,
      actor: partnerFacts(actor),
      offerKind: action === EligibilityAction.ORDER ? (opts.offerKind ?? null) : null,
      reseller: reseller ? partnerFacts(reseller) : null,
      resellerPartnershipActive: reseller ? await this.partnershipActive(actor.id, reseller.id) : false,
    };
    if (customerIds.length === 0) {
      return {
        base,
        customers: new Map<string, Customer>(),
        related: new Set<string>(),
        customerSubscriptions: new Map(),
      };
    }
    const customers = await this.db.getRepository(Customer).findBy({ id: In(customerIds) });
    const relationships = await this.db
      .getRepository(CustomerRelationship)
      .createQueryBuilder("cr")
      .select("cr.customer_id", "customerId")
      .where("cr.partner_id = :actor", { actor: actor.id })
      .andWhere("cr.status = :active", { active: RelationshipStatus.ACTIVE })
      .andWhere("cr.customer_id IN (:...customerIds)", { customerIds })
      .getRawMany<{ customerId: string }>();
    const customerSubscriptions = new Map<string, SubscriptionFacts[]>();
    if (
      action === EligibilityAction.ORDER ||
      action === EligibilityAction.TRANSFER ||
      action === EligibilityAction.REMOVE_RELATIONSHIP
    ) {
      // Only what R6, R8 and R14 can look at: a superset is fine, every customer subscription is not needed.
      const relevant = await this.db
        .getRepository(CustomerSubscription)
        .createQueryBuilder("s")
        .where("s.customer_id IN (:...customerIds)", { customerIds })
        .andWhere(
          "((s.offer_kind = :usage AND s.channel <> :csp) OR s.is_azure_plan = :yes OR s.transacting_partner_id = :actor OR s.reseller_of_record_id = :actor)",
          { usage: OfferKind.USAGE_BASED, csp: SalesChannel.CSP, yes: true, actor: actor.id },
        )
        .getMany();
      for (const s of relevant) {
        const list = customerSubscriptions.get(s.customerId) ?? [];
        list.push(subscriptionFacts(s));
        customerSubscriptions.set(s.customerId, list);
      }
    }
    return {
      base,
      customers: new Map(customers.map((c) => [c.id, c])),
      related: new Set(relationships.map((r) => r.customerId)),
      customerSubscriptions,
    };
  }

  private async partnershipActive(providerId: string, resellerId: string): Promise<boolean> {
    const count = await this.db.getRepository(ResellerPartnership).countBy({
      providerId,
      resellerId,
      status: PartnershipStatus.ACTIVE,
    });
    return count > 0;
  }

  /** V2 (R16 as C6): PENDING and ACCEPTED transfers holding each subscription, except the excluded ones. */
  private async transfersInProgress(subscriptionIds: string[], excluded: string[]) {
    const result = new Map<string, TransferFacts[]>();
    if (subscriptionIds.length === 0) return result;
    const qb = this.db
      .getRepository(TransferLine)
      .createQueryBuilder("tl")
      .innerJoinAndSelect("tl.transfer", "t")
      .where("tl.subscription_id IN (:...subscriptionIds)", { subscriptionIds })
      .andWhere("t.status IN (:...statuses)", { statuses: [TransferStatus.PENDING, TransferStatus.ACCEPTED] });
    if (excluded.length > 0) qb.andWhere("t.id NOT IN (:...excluded)", { excluded });
    for (const line of await qb.getMany()) {
      const t = line.transfer as Transfer;
      const list = result.get(line.subscriptionId) ?? [];
      list.push({ status: t.status, createdAt: fromDate(t.createdAt) });
      result.set(line.subscriptionId, list);
    }
    return result;
  }

  /** V2 TRANSFER: the named request with the subscriptions it lists (R40, R41). */
  private async namedTransfer(t: Transfer): Promise<DecisionFacts["namedTransfer"]> {
    const lines = await this.db
      .getRepository(TransferLine)
      .find({ where: { transferId: t.id }, select: { subscriptionId: true } });
    return { status: t.status, createdAt: fromDate(t.createdAt), subscriptionIds: lines.map((l) => l.subscriptionId) };
  }

  /** Creation dates of PENDING transfers holding each subscription; the rule decides which have expired. */
  private async pendingTransfers(subscriptionIds: string[], excludeTransferId: string | null) {
    const result = new Map<string, { createdAt: string }[]>();
    if (subscriptionIds.length === 0) return result;
    const qb = this.db
      .getRepository(TransferLine)
      .createQueryBuilder("tl")
      .innerJoinAndSelect("tl.transfer", "t")
      .where("tl.subscription_id IN (:...subscriptionIds)", { subscriptionIds })
      .andWhere("t.status = :pending", { pending: TransferStatus.PENDING });
    if (excludeTransferId) qb.andWhere("t.id <> :excludeTransferId", { excludeTransferId });
    for (const line of await qb.getMany()) {
      const list = result.get(line.subscriptionId) ?? [];
      list.push({ createdAt: toIsoDate((line.transfer as Transfer).createdAt) });
      result.set(line.subscriptionId, list);
    }
    return result;
  }
}
