import type { DataSource, EntityManager } from "typeorm";
import { EligibilityAction, OfferKind, RuleBook, TransferPolicy, TransferStatus } from "../../domain/enums";
import type { CustomerSubscription } from "../subscription/customer-subscription.entity";
import type { Partner } from "../partner/partner.entity";
import type { Transfer } from "../transfer/transfer.entity";
import { decide, decideNamedReseller } from "./engine";
import type { CustomerFacts, DecisionFacts, PartnerFacts, ScheduledChangeFacts, SubscriptionFacts } from "./facts";
import {
  activePartnerships,
  customersWithRelationship,
  openTransfersOf,
  CUSTOMER_SUBSCRIPTIONS_READ,
  customerSubscriptionsFor,
  storedInstant,
  subscriptionIdsOfTransfer,
  toSubscriptionFacts,
} from "./facts-query";
import type { Decision, Verdict } from "./rule";
import { dateOf, fromDate, startOfDate, type Instant } from "../../common/instants";

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

/**
 * The properties of a subscription entity that its facts read (subscriptionFacts): all a page must load for its
 * subscriptions' decisions (subscription.service.ts reads no other column for `eligibility`).
 */
export const SUBSCRIPTION_FACT_PROPERTIES = [
  "id",
  "customerId",
  "offerKind",
  "commerceModel",
  "channel",
  "status",
  "transactingPartnerId",
  "resellerOfRecordId",
  "purchaseDate",
  "renewalDate",
  "commitmentEndDate",
  "parentId",
  "isAzurePlan",
  "quantity",
  "purchasedAt",
  "renewedAt",
  "productType",
  "tranches",
  "autoRenew",
  "termDuration",
  "billingCycle",
  "maxQuantity",
  "scheduledChange",
  "activeAzureSubscriptions",
] as const satisfies readonly (keyof CustomerSubscription)[];

/** The facts of a subscription read as an entity (the subjects a page or a mutation already holds). */
export const subscriptionFacts = (s: CustomerSubscription): SubscriptionFacts =>
  toSubscriptionFacts({
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
    purchasedAt: storedInstant(s.purchasedAt),
    renewedAt: storedInstant(s.renewedAt),
    productType: s.productType,
    tranches: s.tranches,
    autoRenew: s.autoRenew,
    termDuration: s.termDuration,
    billingCycle: s.billingCycle,
    maxQuantity: s.maxQuantity,
    scheduledChange: s.scheduledChange,
    activeAzureSubscriptions: s.activeAzureSubscriptions,
  });

/** One action with its options, over subscriptions or over customers: one part of a batch. */
export type DecisionRequest = { action: EligibilityAction; opts: DecisionOptions } & (
  | { subscriptions: readonly CustomerSubscription[]; customerIds?: undefined }
  | { customerIds: readonly string[]; subscriptions?: undefined }
);

/**
 * Gathers the facts for a batch of decisions of one actor — any number of actions over any number of subjects — in
 * a fixed number of SQL statements (at most four, plus one per named V2 transfer request), then lets the pure
 * engine decide each one. The facts depend on the customer, the subject and the actor, never on the action: a page
 * asking five decisions of fifty subscriptions reads them once.
 */
export class EligibilityService {
  constructor(private readonly db: DataSource | EntityManager) {}

  async decideForSubscriptions(
    actor: Partner,
    action: EligibilityAction,
    subscriptions: readonly CustomerSubscription[],
    opts: DecisionOptions,
  ): Promise<Map<string, Decision>> {
    const [result] = await this.decideBatch(actor, [{ action, opts, subscriptions }]);
    return result!;
  }

  async decideForCustomers(
    actor: Partner,
    action: EligibilityAction,
    customerIds: readonly string[],
    opts: DecisionOptions,
  ): Promise<Map<string, Decision>> {
    const [result] = await this.decideBatch(actor, [{ action, opts, customerIds }]);
    return result!;
  }

  /** Every request's decisions, by subscription id or customer id, in the order of the requests. */
  async decideBatch(actor: Partner, requests: readonly DecisionRequest[]): Promise<Map<string, Decision>[]> {
    const customerIds = new Set<string>();
    const relevantFor = new Set<string>();
    const reading = new Set<EligibilityAction>();
    const transferSubjects = new Set<string>();
    const resellerIds = new Set<string>();
    for (const r of requests) {
      const ids = r.subscriptions ? r.subscriptions.map((s) => s.customerId) : r.customerIds;
      const relevant = r.action in CUSTOMER_SUBSCRIPTIONS_READ;
      if (relevant) reading.add(r.action);
      for (const id of ids) {
        customerIds.add(id);
        if (relevant) relevantFor.add(id);
      }
      if (r.action === EligibilityAction.TRANSFER && r.subscriptions)
        for (const s of r.subscriptions) transferSubjects.add(s.id);
      if (r.opts.reseller) resellerIds.add(r.opts.reseller.id);
    }
    const customers = await customersWithRelationship(this.db, actor.id, [...customerIds]);
    const relevant = await customerSubscriptionsFor(this.db, actor.id, reading, [...relevantFor]);
    const open = await openTransfersOf(this.db, [...transferSubjects]);
    const partnerships = await activePartnerships(this.db, actor.id, [...resellerIds]);
    // Each subject's facts once, however many actions ask about it.
    const factsOf = new Map<CustomerSubscription, SubscriptionFacts>();
    const subjectFacts = (s: CustomerSubscription) => {
      let f = factsOf.get(s);
      if (!f) factsOf.set(s, (f = subscriptionFacts(s)));
      return f;
    };
    const actorFacts = partnerFacts(actor);
    const results: Map<string, Decision>[] = [];
    for (const r of requests) {
      const base = baseFacts(r.action, r.opts, actorFacts, partnerships);
      const v2 = base.ruleBook === RuleBook.V2;
      const transfer = r.action === EligibilityAction.TRANSFER;
      const named = v2 && transfer && r.opts.transfer ? await this.namedTransfer(r.opts.transfer) : null;
      const excluded = [r.opts.excludeTransferId, r.opts.transfer?.id].filter((id): id is string => !!id);
      const reads = r.action in CUSTOMER_SUBSCRIPTIONS_READ;
      const relevantOf = (customerId: string) => (reads ? (relevant.get(customerId) ?? NONE) : NONE);
      const result = new Map<string, Decision>();
      if (r.subscriptions) {
        for (const s of r.subscriptions) {
          const c = customers.get(s.customerId);
          if (!c) continue;
          const lines = transfer ? open.get(s.id) : undefined;
          result.set(
            s.id,
            decide(
              decisionFacts(
                base,
                c,
                subjectFacts(s),
                relevantOf(s.customerId),
                named,
                // Most subjects are in no open transfer (and only TRANSFER reads them): no arrays of their own.
                lines === undefined
                  ? NO_TRANSFERS
                  : {
                      // V1 (R16): PENDING ones other than the one being decided; the rule decides which have expired.
                      pending: v2
                        ? []
                        : lines
                            .filter(
                              (l) => l.status === TransferStatus.PENDING && l.transferId !== r.opts.excludeTransferId,
                            )
                            .map((l) => ({ createdAt: dateOf(l.createdAt) })),
                      // V2 (R16 as C6): PENDING and ACCEPTED ones, except the excluded ones.
                      open: v2
                        ? lines
                            .filter((l) => !excluded.includes(l.transferId))
                            .map((l) => ({ status: l.status, createdAt: l.createdAt }))
                        : [],
                    },
              ),
            ),
          );
        }
      } else {
        for (const id of new Set(r.customerIds)) {
          const c = customers.get(id);
          if (!c) continue;
          result.set(id, decide(decisionFacts(base, c, null, relevantOf(id), null, NO_TRANSFERS)));
        }
      }
      results.push(result);
    }
    return results;
  }

  /** R23–R26 for a reseller the actor names outside an action's decision (see engine.decideNamedReseller). */
  async decideNamedReseller(actor: Partner, reseller: Partner, ruleBook: RuleBook): Promise<Verdict> {
    const active = await activePartnerships(this.db, actor.id, [reseller.id]);
    return decideNamedReseller(
      {
        actor: partnerFacts(actor),
        reseller: partnerFacts(reseller),
        resellerPartnershipActive: active.has(reseller.id),
      },
      ruleBook,
    );
  }

  /** V2 TRANSFER: the named request with the subscriptions it lists (R40, R41). */
  private async namedTransfer(t: Transfer): Promise<DecisionFacts["namedTransfer"]> {
    const subscriptionIds = await subscriptionIdsOfTransfer(this.db, t.id);
    return { status: t.status, createdAt: fromDate(t.createdAt), subscriptionIds };
  }
}

type BaseFacts = Omit<
  DecisionFacts,
  | "customer"
  | "subscription"
  | "actorHasActiveRelationship"
  | "customerSubscriptions"
  | "pendingTransfersOfSubject"
  | "transfersOfSubject"
  | "namedTransfer"
>;

/** No subscriptions: shared, frozen (the engine only reads facts). */
const NONE: readonly SubscriptionFacts[] = Object.freeze([]);

interface SubjectTransfers {
  pending: DecisionFacts["pendingTransfersOfSubject"];
  open: DecisionFacts["transfersOfSubject"];
}
/** Frozen: shared by every decision whose subject is in no open transfer (the engine only reads facts). */
const NO_TRANSFERS: SubjectTransfers = Object.freeze({ pending: Object.freeze([]), open: Object.freeze([]) });

/** One decision's facts, every property written out: one object shape for the engine, whatever the action. */
function decisionFacts(
  base: BaseFacts,
  c: { customer: CustomerFacts; related: boolean },
  subscription: SubscriptionFacts | null,
  customerSubscriptions: readonly SubscriptionFacts[],
  namedTransfer: DecisionFacts["namedTransfer"],
  transfers: SubjectTransfers,
): DecisionFacts {
  return {
    action: base.action,
    ruleBook: base.ruleBook,
    asOf: base.asOf,
    at: base.at,
    policy: base.policy,
    actor: base.actor,
    customer: c.customer,
    subscription,
    offerKind: base.offerKind,
    reseller: base.reseller,
    resellerPartnershipActive: base.resellerPartnershipActive,
    actorHasActiveRelationship: c.related,
    customerSubscriptions,
    pendingTransfersOfSubject: transfers.pending,
    transfersOfSubject: transfers.open,
    namedTransfer,
    quantity: base.quantity,
    autoRenew: base.autoRenew,
    change: base.change,
  };
}

/** What every decision of one request shares: the action, its options, the actor and the named reseller. */
function baseFacts(
  action: EligibilityAction,
  opts: DecisionOptions,
  actor: PartnerFacts,
  partnerships: ReadonlySet<string>,
): BaseFacts {
  const reseller = opts.reseller ?? null;
  const ruleBook = opts.ruleBook ?? RuleBook.V1;
  const at = opts.at ?? startOfDate(opts.asOf);
  return {
    action,
    ruleBook,
    asOf: ruleBook === RuleBook.V2 ? dateOf(at) : opts.asOf,
    at,
    quantity: action === EligibilityAction.CHANGE_QUANTITY ? (opts.quantity ?? null) : null,
    autoRenew: action === EligibilityAction.SET_AUTO_RENEW ? (opts.autoRenew ?? null) : null,
    change: action === EligibilityAction.SCHEDULE_CHANGE ? (opts.change ?? null) : null,
    policy: opts.policy,
    actor,
    offerKind: action === EligibilityAction.ORDER ? (opts.offerKind ?? null) : null,
    reseller: reseller ? partnerFacts(reseller) : null,
    resellerPartnershipActive: reseller ? partnerships.has(reseller.id) : false,
  };
}
