import {
  CommerceModel,
  EligibilityReasonCode as Code,
  OfferKind,
  PartnerType,
  ProductType,
  ProgramStatus,
  SalesChannel,
  Severity,
  SubscriptionStatus,
  TransferPolicy,
  TransferStatus,
} from "../../../domain/enums";
import { endOfDate, startOfDate, type Instant } from "../../../common/instants";
import { sameMarket } from "../../../domain/markets";
import {
  HOUR_MS,
  SECOND_MS,
  SEAT_REDUCTION_WINDOW_HOURS,
  TRANSFER_MAX_LINES,
  TRANSFER_OPEN_HOURS,
} from "../../../domain/policy";
import type { DecisionFacts, SubscriptionFacts, TransferFacts } from "../facts";
import type { Rule } from "../rule";
import type { NamedResellerFacts } from "./reseller.rules";
import { canTransact, isActive } from "./predicates";
import { PARTNER_CENTER } from "./sources";

// Rule book V2: the corrections C1–C11 to v1's rules (same rule ids, v2 meaning) and the rules they add
// (R30p, R35d, R38–R41). Every time-based rule here reads the decision's instant `at` and says at which instants
// its answer can change (RULES.md "v2: the decision").

const isNotCsp = (f: DecisionFacts): boolean => f.subscription !== null && f.subscription.channel !== SalesChannel.CSP;
const cspOnly = { skipWhen: isNotCsp };

const OPEN_MS = TRANSFER_OPEN_HOURS * HOUR_MS;

/** C1: R4 compares CSP markets, not countries. */
export const R4_customerMarket: Rule = {
  id: "R4",
  code: Code.CUSTOMER_REGION_MISMATCH,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.regionalAuthorization,
  fires: (f) => !sameMarket(f.actor.country, f.customer.country),
};

/** C1: R25 compares the provider's and the reseller's CSP markets. */
export const R25_resellerMarket = {
  id: "R25",
  code: Code.RESELLER_REGION_MISMATCH,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.regionalAuthorization,
  fires: (f: NamedResellerFacts) => f.reseller !== null && !sameMarket(f.reseller.country, f.actor.country),
} satisfies Rule;

/** C2, C3: only a deauthorized partner is blocked ("while suspended, you can continue to manage …"). */
export const R35d_partnerNotDeauthorized: Rule = {
  id: "R35d",
  code: Code.PARTNER_NOT_ACTIVE,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.suspendedAccount,
  fires: (f) => f.actor.programStatus === ProgramStatus.DEAUTHORIZED,
};

/** C8: the actor itself must have signed the MPA to transact (ORDER, TRANSFER). */
export const R38_partnerMpa: Rule = {
  id: "R38",
  code: Code.PARTNER_MPA_NOT_SIGNED,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.supportedRelationships,
  fires: (f) => !f.actor.mpaSigned,
};

/** C9: an advisor-only partner (no CSP type) cannot order or transfer. */
export const R39_partnerCannotTransact: Rule = {
  id: "R39",
  code: Code.PARTNER_CANNOT_TRANSACT,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.advisorsNoCsp,
  fires: (f) => !canTransact(f.actor) && !f.actor.types.includes(PartnerType.INDIRECT_RESELLER),
};

/** R11 on instants: under LEGACY_2023 a licence is locked until its term end date begins. */
export const R11_lockedUntilTermEnd: Rule = {
  id: "R11",
  code: Code.LICENSE_SUBSCRIPTION_LOCKED_UNTIL_TERM_END,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.multichannelUntil2023,
  ...cspOnly,
  fires: (f) =>
    f.policy === TransferPolicy.LEGACY_2023 &&
    f.subscription?.offerKind === OfferKind.LICENSE_BASED &&
    f.at < startOfDate(f.subscription.commitmentEndDate),
  instants: (f) => (f.subscription ? [startOfDate(f.subscription.commitmentEndDate)] : []),
};

/** A transfer holds its lines while ACCEPTED (in progress), or PENDING within 720 hours of its creation. */
const holdsLines = (t: TransferFacts, at: Instant): boolean =>
  t.createdAt <= at &&
  (t.status === TransferStatus.ACCEPTED || (t.status === TransferStatus.PENDING && at <= t.createdAt + OPEN_MS));
const transferInstants = (t: TransferFacts): Instant[] => [t.createdAt, t.createdAt + OPEN_MS + SECOND_MS];

/** C6: a line of another transfer in progress (ACCEPTED, or PENDING and not yet expired) cannot join another. */
export const R16_inOtherTransfer: Rule = {
  id: "R16",
  code: Code.SUBSCRIPTION_IN_OTHER_TRANSFER,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.errorCodes,
  ...cspOnly,
  fires: (f) => f.transfersOfSubject.some((t) => holdsLines(t, f.at)),
  instants: (f) => f.transfersOfSubject.flatMap(transferInstants),
};

/** C11: the named request, with the subject added, holds at most 25 subscriptions. */
export const R40_transferLineLimit: Rule = {
  id: "R40",
  code: Code.TRANSFER_LINE_LIMIT_EXCEEDED,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.transferAzurePlan,
  fires: (f) => {
    const t = f.namedTransfer;
    if (t === null || f.subscription === null) return false;
    const lines = new Set([...t.subscriptionIds, f.subscription.id]);
    return lines.size > TRANSFER_MAX_LINES;
  },
};

/** C11: a request takes lines only while it is pending (from its creation to 720 hours after). */
export const R41_transferNotPending: Rule = {
  id: "R41",
  code: Code.TRANSFER_NOT_PENDING,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.transferAzurePlan,
  fires: (f) => {
    const t = f.namedTransfer;
    if (t === null) return false;
    return !(t.status === TransferStatus.PENDING && t.createdAt <= f.at && f.at <= t.createdAt + OPEN_MS);
  },
  instants: (f) => (f.namedTransfer ? transferInstants(f.namedTransfer) : []),
};

/** Cancellation windows by product (C4), in hours from the window's start; null = no window. */
const CANCELLATION_HOURS: Record<ProductType, number | null> = {
  [ProductType.LICENSE]: SEAT_REDUCTION_WINDOW_HOURS,
  [ProductType.SOFTWARE_SUBSCRIPTION]: SEAT_REDUCTION_WINDOW_HOURS,
  [ProductType.MARKETPLACE_SAAS]: 72,
  [ProductType.PERPETUAL_SOFTWARE]: 720,
  [ProductType.AZURE_PLAN]: null,
  [ProductType.USAGE]: null,
};

/** The term's start as of `at`: the last renewal if it has happened by then, else the purchase. */
export const currentTermStart = (s: SubscriptionFacts, at: Instant): Instant =>
  s.renewedAt !== null && s.renewedAt <= at ? s.renewedAt : s.purchasedAt;

/** Licences and software subscriptions restart their window at each renewal; SaaS and perpetual count from purchase. */
const windowStart = (s: SubscriptionFacts, at: Instant): Instant =>
  s.productType === ProductType.LICENSE || s.productType === ProductType.SOFTWARE_SUBSCRIPTION
    ? currentTermStart(s, at)
    : s.purchasedAt;

/** C4: new-commerce cancellation windows by product, in hours. */
export const R30_cancellationWindow: Rule = {
  id: "R30",
  code: Code.CANCELLATION_WINDOW_CLOSED,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.cancellationPolicy,
  fires: (f) => {
    const s = f.subscription;
    if (s === null || s.commerceModel !== CommerceModel.NEW_COMMERCE) return false;
    const hours = CANCELLATION_HOURS[s.productType];
    if (hours === null) return false;
    return f.at > windowStart(s, f.at) + hours * HOUR_MS;
  },
  instants: (f) => {
    const s = f.subscription;
    if (s === null) return [];
    const hours = CANCELLATION_HOURS[s.productType];
    if (hours === null) return [];
    const starts = [s.purchasedAt, ...(s.renewedAt !== null ? [s.renewedAt] : [])];
    return [...starts.map((t) => t + hours * HOUR_MS + SECOND_MS), ...starts];
  },
};

/** C5: an Azure plan has no window but cannot be cancelled while Azure subscriptions under it are active. */
export const R30p_azurePlanActiveSubscriptions: Rule = {
  id: "R30p",
  code: Code.AZURE_PLAN_HAS_ACTIVE_SUBSCRIPTIONS,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.azurePlanManage,
  fires: (f) => f.subscription?.productType === ProductType.AZURE_PLAN && f.subscription.activeAzureSubscriptions > 0,
};

/** R31 on instants: reactivation until the end of the term (its end date's 23:59:59 UTC). */
export const R31_reactivatable: Rule = {
  id: "R31",
  code: Code.SUBSCRIPTION_NOT_REACTIVATABLE,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.subscriptionLifecycle,
  fires: (f) =>
    f.subscription !== null &&
    !(f.subscription.status === SubscriptionStatus.SUSPENDED && f.at <= endOfDate(f.subscription.commitmentEndDate)),
  instants: (f) => (f.subscription ? [endOfDate(f.subscription.commitmentEndDate) + SECOND_MS] : []),
};

/** R35 where only a request that adds seats needs an ACTIVE partner (CHANGE_QUANTITY, SCHEDULE_CHANGE). */
export const addsSeats = (f: DecisionFacts): boolean => {
  const s = f.subscription;
  if (s === null) return false;
  if (f.quantity !== null) return f.quantity > s.quantity;
  const next = f.change?.quantity;
  return next !== null && next !== undefined && next > s.quantity;
};

export const R35_partnerActiveToAddSeats: Rule = {
  id: "R35",
  code: Code.PARTNER_NOT_ACTIVE,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.suspendedAccount,
  fires: (f) => addsSeats(f) && !isActive(f.actor),
};

export const R35d_unlessAddingSeats: Rule = {
  ...R35d_partnerNotDeauthorized,
  fires: (f) => !addsSeats(f) && f.actor.programStatus === ProgramStatus.DEAUTHORIZED,
};
