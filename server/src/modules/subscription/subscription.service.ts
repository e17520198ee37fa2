import {
  paginate,
  paginateRaw,
  paginateSql,
  sortOrder,
  SortDirection,
  type Page,
  type PageArgs,
  type SortColumn,
} from "../../common/connection";
import {
  fromRawRow,
  neededProperties,
  rawColumnList,
  rawColumns,
  rawEntity,
  rawQuery,
  rawSelectList,
  selectRaw,
} from "../../common/raw-rows";
import { scopeCondition } from "../../common/scoped-sql";
import type { IsoDate } from "../../common/dates";
import { dateOf, fromDate, parseInstant, startOfDate, type Instant } from "../../common/instants";
import { ensure, ensureNoErrors, ensureThat } from "../../common/ensure";
import { badInput, notFound } from "../../common/errors";
import { requireId } from "../../common/global-id";
import { userError, UserErrorCode } from "../../common/user-error";
import { updateVersioned } from "../../common/versioned";
import {
  CommerceModel,
  EligibilityAction,
  OfferKind,
  RuleBook,
  SalesChannel,
  SubscriptionStatus,
} from "../../domain/enums";
import type { ServiceContext } from "../../service-context";
import type { ScopeShape } from "../../auth/scope";
import { hasActiveRelationship, visibleCustomer } from "../customer/customer.lookups";
import type { Customer } from "../customer/customer.entity";
import type { Partner } from "../partner/partner.entity";
import {
  EligibilityService,
  SUBSCRIPTION_ACTIONS,
  SUBSCRIPTION_FACT_PROPERTIES,
  decisionTime,
} from "../eligibility/eligibility.service";
import type { EligibilityDecision, ScheduledChangeInput } from "../eligibility/eligibility.types";
import { checkV2Input } from "../eligibility/v2-input";
import { ruleMessage } from "../eligibility/messages";
import { decisionErrors, presentDecision } from "../eligibility/present";
import { networkSubscriptionTotal } from "../network/network-counters";
import { namedReseller, namedResellerArg } from "../partner/partner.lookups";
import { CustomerSubscription } from "./customer-subscription.entity";
import { cspSubscription, externalSubscription, oneTranche } from "./new-subscription";
import { orderChecks, orderRuleField, registerChecks } from "./subscription.checks";
import { visibleSubscription } from "./subscription.lookups";
import { upstreamProvenance, writeThrough } from "../../upstream/write-through";
import { patchUpstreamSubscription } from "./subscription.upstream";
import { subscriptionConditions, subscriptionQuery } from "./subscription.query";
import {
  TransferCandidate,
  type OrderSubscriptionInput,
  type RegisterExternalSubscriptionInput,
  type SubscriptionActionInput,
  type SubscriptionFilter,
  type SubscriptionOrder,
  SubscriptionSortField,
} from "./subscription.types";

/** The lifecycle actions on an existing subscription, and what each writes once the engine allows it. */
const STATUS_CHANGES = {
  // Cancelling deletes the change saved for renewal (R45, RULES.md v2; Partner Center create-a-new-subscription).
  [EligibilityAction.CANCEL]: { status: SubscriptionStatus.DELETED, autoRenew: false, scheduledChange: null },
  [EligibilityAction.SUSPEND]: { status: SubscriptionStatus.SUSPENDED },
  [EligibilityAction.REACTIVATE]: { status: SubscriptionStatus.ACTIVE },
} satisfies Partial<Record<EligibilityAction, Partial<CustomerSubscription>>>;
export type StatusAction = keyof typeof STATUS_CHANGES;

export interface SubscriptionResult {
  subscription: CustomerSubscription;
  decision?: EligibilityDecision;
}

/** Soonest term end first. */
const byTermEnd = {
  column: "s.commitment_end_date",
  idColumn: "s.id",
  direction: "ASC" as const,
  value: (s: CustomerSubscription) => s.commitmentEndDate,
  id: (s: CustomerSubscription) => s.id,
};

/** The raw page's column of the customer's name when the list is sorted by it (not a subscription property). */
const SORT_CUSTOMER_NAME = "sortCustomerName";

/** The subscription list's sort keys; CUSTOMER_NAME joins the customer (alias sc) into the page query. */
const SUBSCRIPTION_SORTS: Record<SubscriptionSortField, SortColumn<CustomerSubscription>> = {
  TERM_END: { column: "s.commitment_end_date", value: (s) => s.commitmentEndDate },
  OFFER_NAME: { column: "s.offer_name", value: (s) => s.offerName },
  CUSTOMER_NAME: {
    column: "sc.name",
    value: (s) => s.customer?.name ?? "",
    rawValue: (row) => row[SORT_CUSTOMER_NAME] as string,
  },
  STATUS: { column: "s.status", value: (s) => s.status },
  QUANTITY: { column: "s.quantity", value: (s) => s.quantity },
  PURCHASE_DATE: { column: "s.purchase_date", value: (s) => s.purchaseDate },
};

/** The keyset order of the subscription list (soonest term end first by default). */
export function subscriptionOrder(orderBy: SubscriptionOrder | null | undefined) {
  return sortOrder(SUBSCRIPTION_SORTS, { idColumn: "s.id", id: (s) => s.id }, orderBy, {
    field: SubscriptionSortField.TERM_END,
    direction: SortDirection.ASC,
  });
}

/** The scoped, filtered list query in the asked order's shape (joins what the sort reads). */
export function sortedSubscriptionQuery(
  s: ServiceContext,
  filter: SubscriptionFilter | null,
  orderBy: SubscriptionOrder | null | undefined,
) {
  const qb = subscriptionQuery(s.em, s.scope, filter);
  if (orderBy?.field === SubscriptionSortField.CUSTOMER_NAME) qb.innerJoinAndSelect("s.customer", "sc");
  return qb;
}

/**
 * GraphQL fields of CustomerSubscription answered by field resolvers, and the properties they read (`id` is the
 * nodeId getter). The decisions read the subscription's facts, not its names, audit or sync columns.
 */
const FIELD_PROPERTIES: Record<string, readonly string[]> = {
  id: ["id"],
  customer: ["customerId"],
  transactingPartner: ["transactingPartnerId"],
  resellerOfRecord: ["resellerOfRecordId"],
  parentSubscription: ["parentId"],
  eligibility: SUBSCRIPTION_FACT_PROPERTIES,
  providerEligibility: SUBSCRIPTION_FACT_PROPERTIES,
};
/** Read whatever is asked: the id, the customer, and the properties every sort's cursor reads. */
const ALWAYS_READ = ["id", "customerId", "commitmentEndDate", "offerName", "status", "quantity", "purchaseDate"];

/** The filter fields `network_subscription_count` has columns for. */
const COUNTED_FILTER_FIELDS: ReadonlySet<string> = new Set(["status", "channel", "offerKind"]);

/**
 * Whether the network's counters answer the filter's totalCount (network-counters.ts, flat in network size, issue 10):
 * it sets nothing but status, channel and offer kind.
 */
export function countsFromCounters(filter: SubscriptionFilter | null): boolean {
  return (
    !filter ||
    Object.entries(filter).every(
      ([key, value]) => COUNTED_FILTER_FIELDS.has(key) || value === null || value === undefined,
    )
  );
}

/** totalCount over the whole network reads its customer list once; one customer's count probes that customer. */
const countShape = (filter: SubscriptionFilter | null): ScopeShape => (filter?.customerId ? "probe" : "list");

/** Subscriptions: list and decide on them; record one bought elsewhere, buy one through CSP, change one's status. */
export class SubscriptionService {
  /**
   * Subscriptions of the customers in the viewer's network, filtered, in the asked order (soonest term end first).
   * A raw select (issue 10): only the columns the asked `fields` of the nodes read (every column when null), no
   * entity hydration; the nodes are CustomerSubscription objects with those properties set.
   */
  async list(
    s: ServiceContext,
    filter: SubscriptionFilter | null,
    page: PageArgs,
    orderBy: SubscriptionOrder | null = null,
    fields: ReadonlySet<string> | null = null,
  ): Promise<Page<CustomerSubscription>> {
    const entity = rawEntity(s.em, CustomerSubscription);
    const columns = rawColumns(entity, neededProperties(entity, fields, FIELD_PROPERTIES, ALWAYS_READ));
    const byCustomerName = orderBy?.field === SubscriptionSortField.CUSTOMER_NAME;
    const toNode = (row: Record<string, unknown>) => fromRawRow(entity, columns, row);
    const counted = countsFromCounters(filter);
    let result: Page<CustomerSubscription>;
    if (byCustomerName) {
      result = await paginateRaw(
        sortedSubscriptionQuery(s, filter, orderBy),
        page,
        subscriptionOrder(orderBy),
        (qb) => selectRaw(qb, entity, "s", columns).addSelect("sc.name", SORT_CUSTOMER_NAME),
        toNode,
        this.countQuery(s, filter),
      );
    } else {
      // A hand-written statement with the query's own conditions (scope and filter, recorded: no query builder).
      const where = scopeCondition((qb) => subscriptionConditions(qb, s.scope, filter));
      const count = scopeCondition((qb) => subscriptionConditions(qb, s.scope, filter, "filter", countShape(filter)));
      result = await paginateSql(
        (sql, params) => rawQuery(s.em, sql, params),
        rawColumnList(entity, "s", columns),
        `FROM ${entity.table} s WHERE ${where.sql}`,
        where.params,
        page,
        subscriptionOrder(orderBy),
        toNode,
        [`FROM ${entity.table} s WHERE ${count.sql}`, count.params],
      );
    }
    return counted ? { ...result, count: () => networkSubscriptionTotal(s, filter) } : result;
  }

  /** The same list as entities (TypeORM hydration): what `list` answered before issue 10; its tests compare both. */
  listEntities(
    s: ServiceContext,
    filter: SubscriptionFilter | null,
    page: PageArgs,
    orderBy: SubscriptionOrder | null = null,
  ): Promise<Page<CustomerSubscription>> {
    return paginate(
      sortedSubscriptionQuery(s, filter, orderBy),
      page,
      subscriptionOrder(orderBy),
      this.countQuery(s, filter),
    );
  }

  /** totalCount over the whole network reads its customer list once; one customer's count probes that customer. */
  private countQuery(s: ServiceContext, filter: SubscriptionFilter | null) {
    return subscriptionQuery(s.em, s.scope, filter, "filter", countShape(filter));
  }

  /** Each CSP subscription of a customer (not deleted), with the viewer's TRANSFER decision as the target. */
  async transferCandidates(
    s: ServiceContext,
    args: { customerId: string; resellerId: string | null; asOf: string | null },
    page: PageArgs,
  ): Promise<Page<TransferCandidate>> {
    const customerId = requireId(args.customerId, "Customer", "customerId");
    ensure(await s.loaders.customer.load(customerId), () => notFound("Customer", "customerId"));
    const reseller = await namedResellerArg(s.loaders, args.resellerId, "resellerId");
    const { asOf, at } = decisionInstant(s, args.asOf);
    // Where a transfer needs them: every CSP subscription of the customer, another partner's included. A
    // hand-written statement of every column (the facts read most of them), no entity hydration (issue 10).
    const entity = rawEntity(s.em, CustomerSubscription);
    const scope = scopeCondition((qb) => s.scope.transferableSubscriptions(qb, "s.customer_id"));
    const result = await paginateSql(
      (sql, params) => rawQuery(s.em, sql, params),
      rawSelectList(entity, "s"),
      `FROM ${entity.table} s WHERE ${scope.sql} AND s.customer_id = ? AND s.channel = ? AND s.status <> ?`,
      [...scope.params, customerId, SalesChannel.CSP, SubscriptionStatus.DELETED],
      page,
      byTermEnd,
      (row) => fromRawRow(entity, entity.columns, row),
    );
    const decisions = await new EligibilityService(s.em).decideForSubscriptions(
      s.actor,
      EligibilityAction.TRANSFER,
      result.nodes,
      { asOf, at, ruleBook: s.config.ruleBook, policy: s.config.transferPolicy, reseller },
    );
    const candidate = (subscription: CustomerSubscription) => {
      const decision = ensure(decisions.get(subscription.id), () => new Error("no TRANSFER decision"));
      return Object.assign(new TransferCandidate(), {
        subscription,
        decision: presentDecision(decision, asOf, s.locale, at),
      });
    };
    return { ...result, nodes: result.nodes.map(candidate) };
  }

  /**
   * The viewer's decision for an action on one subscription, batched over a page by the eligibility loader. Called
   * once per subscription and action of a page (250 times on a page of five decisions): it reads only what the
   * request carries (no service context each), and without a named reseller it awaits nothing but the batch.
   */
  decisionFor(
    s: Pick<ServiceContext, "config" | "today" | "loaders" | "locale">,
    subscription: CustomerSubscription,
    args: {
      action: EligibilityAction;
      /** An instant as the Instant scalar gives it (YYYY-MM-DDTHH:MM:SSZ), or null for now. */
      asOf: string | null;
      resellerId: string | null;
      quantity?: number | null;
      autoRenew?: boolean | null;
      change?: ScheduledChangeInput | null;
      transferId?: null;
    },
  ): Promise<EligibilityDecision> {
    if (!SUBSCRIPTION_ACTIONS.has(args.action))
      throw badInput("action", `${args.action} is decided for a customer, not a subscription`);
    checkV2Input(args, s.config.ruleBook);
    const { asOf, at } = decisionInstant(s, args.asOf);
    const decide = (reseller: Partner | null) =>
      s.loaders.eligibility
        .load({
          action: args.action,
          asOf,
          at,
          subscription,
          reseller,
          quantity: args.quantity ?? null,
          autoRenew: args.autoRenew ?? null,
          change: args.change ?? null,
        })
        .then((decision) => presentDecision(decision, asOf, s.locale, at));
    return args.resellerId ? namedResellerArg(s.loaders, args.resellerId, "resellerId").then(decide) : decide(null);
  }

  /**
   * "Ask my provider": the decision of the provider that bills the subscription, as requestProviderAction would
   * report it today (loaders.providerEligibility); null when the viewer could not ask it about this subscription.
   */
  async providerDecisionFor(
    s: Pick<ServiceContext, "config" | "today" | "loaders" | "locale">,
    subscription: CustomerSubscription,
    args: { action: EligibilityAction; quantity?: number | null; autoRenew?: boolean | null },
  ): Promise<EligibilityDecision | null> {
    if (!SUBSCRIPTION_ACTIONS.has(args.action))
      throw badInput("action", `${args.action} is decided for a customer, not a subscription`);
    checkV2Input({ ...args, change: null, transferId: null }, s.config.ruleBook);
    const { asOf, at } = decisionInstant(s, null);
    const decision = await s.loaders.providerEligibility.load({
      action: args.action,
      asOf,
      at,
      subscription,
      reseller: null,
      quantity: args.quantity ?? null,
      autoRenew: args.autoRenew ?? null,
      change: null,
    });
    return decision && presentDecision(decision, asOf, s.locale, at);
  }

  /** Multi-channel support: records a subscription the customer bought outside CSP (needs a relationship, R1). */
  async registerExternal(s: ServiceContext, input: RegisterExternalSubscriptionInput): Promise<SubscriptionResult> {
    ensureNoErrors(registerChecks(input, s.locale).errors);
    const customer = await visibleCustomer(s, input.customerId);
    ensureThat(await hasActiveRelationship(s, customer), () =>
      userError("customerId", UserErrorCode.RESELLER_RELATIONSHIP_REQUIRED, ruleMessage("R1", s.locale), "R1"),
    );
    const subscription = externalSubscription(input, customer, s.actor);
    await insertSubscription(s, subscription);
    s.audit.change("CustomerSubscription", null, subscription);
    return { subscription };
  }

  /** Buys a new-commerce CSP subscription for the customer, today, if the ORDER rules allow it. */
  async order(s: ServiceContext, input: OrderSubscriptionInput): Promise<SubscriptionResult> {
    ensureNoErrors(orderChecks(input, s.locale).errors);
    const customer = await visibleCustomer(s, input.customerId);
    const reseller = await namedReseller(s, input.resellerId);
    const parent = input.parentSubscriptionId ? await addOnBase(s, input.parentSubscriptionId, customer) : null;
    const decisions = await new EligibilityService(s.em).decideForCustomers(
      s.actor,
      EligibilityAction.ORDER,
      [customer.id],
      { asOf: s.today, ...decisionTime(s), policy: s.config.transferPolicy, reseller, offerKind: input.offerKind },
    );
    const decision = ensure(decisions.get(customer.id), () => new Error("no ORDER decision for the customer"));
    const presented = presentDecision(decision, s.today, s.locale);
    s.audit.decision(presented);
    ensureNoErrors(decisionErrors(decision, orderRuleField, s.locale), { decision: presented });
    const subscription = cspSubscription(input, { customer, buyer: s.actor, reseller, parent, today: s.today });
    // Allowed: Partner Center orders it (cart + checkout); the new row is keyed by the subscription it created.
    const placed = await writeThrough(
      s,
      { operation: "order", field: "offerId", partial: { decision: presented } },
      () =>
        s.upstream.placeOrder(
          {
            customerId: customer.id,
            catalogItemId: subscription.offerId,
            friendlyName: subscription.offerName,
            quantity: subscription.quantity,
            billingCycle: subscription.billingCycle,
            termDuration: subscription.termDuration,
            resellerMpnId: reseller?.partnerId ?? null,
            catalogCountry:
              subscription.commerceModel === CommerceModel.NEW_COMMERCE &&
              subscription.offerKind === OfferKind.LICENSE_BASED
                ? customer.country
                : null,
          },
          s.upstreamRequestId,
        ),
    );
    if (placed) {
      subscription.id = placed.subscriptionId;
      if (placed.maxQuantity !== null) subscription.maxQuantity = placed.maxQuantity;
      if (placed.purchasedAt) {
        // Partner Center's purchase instant, so that a later sync finds the row as it is.
        const at = fromDate(placed.purchasedAt);
        Object.assign(subscription, { purchasedAt: placed.purchasedAt, purchaseDate: dateOf(at) });
        subscription.tranches = oneTranche(subscription.quantity, at);
      }
    }
    Object.assign(subscription, upstreamProvenance(s));
    await insertSubscription(s, subscription);
    s.audit.change("CustomerSubscription", null, subscription);
    return { subscription, decision: presented };
  }

  /** Cancels, suspends or reactivates: decided by the engine, written over the version decided on. */
  async changeStatus(
    s: ServiceContext,
    input: SubscriptionActionInput,
    action: StatusAction,
  ): Promise<SubscriptionResult> {
    const subscription = await visibleSubscription(s, input.subscriptionId, { lock: true });
    const decisions = await new EligibilityService(s.em).decideForSubscriptions(s.actor, action, [subscription], {
      asOf: s.today,
      ...decisionTime(s),
      policy: s.config.transferPolicy,
    });
    const decision = ensure(decisions.get(subscription.id), () => new Error(`no ${action} decision`));
    const presented = presentDecision(decision, s.today, s.locale);
    s.audit.decision(presented);
    ensureNoErrors(decisionErrors(decision, "subscriptionId", s.locale), { decision: presented, subscription });
    // Allowed: Partner Center changes it first (PATCH status); a refusal leaves both sides as they were.
    await patchUpstreamSubscription(s, subscription, STATUS_CHANGES[action], {
      operation: action,
      partial: { decision: presented, subscription },
    });
    const changed = await updateVersioned(
      s.em,
      CustomerSubscription,
      subscription,
      { ...STATUS_CHANGES[action], updatedAt: new Date(), ...upstreamProvenance(s) },
      () => userError("expectedVersion", UserErrorCode.CONFLICT, s.t("SUBSCRIPTION_CHANGED")),
      { expectedVersion: input.expectedVersion, read: subscription },
    );
    s.audit.change("CustomerSubscription", subscription, changed);
    return { subscription: changed, decision: presented };
  }
}

/**
 * Inserts a new subscription row. Every column is set on `subscription` (new-subscription.ts), so the row is not
 * read back for its database defaults as `em.insert` does (issue 10: one statement less per order).
 */
function insertSubscription(s: ServiceContext, subscription: CustomerSubscription) {
  return s.em
    .createQueryBuilder()
    .insert()
    .into(CustomerSubscription)
    .values(subscription)
    .updateEntity(false)
    .execute();
}

/** The base an add-on is ordered for: an ACTIVE subscription of the same customer that the buyer bills. */
async function addOnBase(s: ServiceContext, globalId: string, customer: Customer): Promise<CustomerSubscription> {
  const base = await visibleSubscription(s, globalId, { field: "parentSubscriptionId", lock: true });
  ensureThat(
    base.customerId === customer.id &&
      base.status === SubscriptionStatus.ACTIVE &&
      base.transactingPartnerId === s.actor.id,
    () => userError("parentSubscriptionId", UserErrorCode.INVALID_STATE, s.t("ADDON_BASE_INVALID")),
  );
  return base;
}

/** The last V1 answer for today (decisionInstant). */
let v1Today: { today: string; asOf: IsoDate; at: Instant } | null = null;

/**
 * The date and instant a decision is made for, from an `Instant` argument (a date or a date-time) or null for now:
 * under V2 the instant itself (now, to the second, when not given), under V1 00:00:00 UTC of its date.
 */
function decisionInstant(
  s: Pick<ServiceContext, "config" | "today">,
  asked: string | null,
): { asOf: IsoDate; at: Instant } {
  const v2 = s.config.ruleBook === RuleBook.V2;
  // V1 without asOf decides on today: the same answer for every field of the page (250 on the five-decisions page).
  if (!v2 && !asked) {
    if (v1Today?.today !== s.today) v1Today = { today: s.today, asOf: s.today, at: startOfDate(s.today) };
    return v1Today;
  }
  const given = asked ? parseInstant(asked) : null;
  const now = fromDate(new Date());
  const instant = given ?? (v2 && dateOf(now) === s.today ? now : startOfDate(s.today));
  const asOf: IsoDate = dateOf(instant);
  return { asOf, at: v2 ? instant : startOfDate(asOf) };
}
