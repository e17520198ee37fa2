import {
  CommerceModel,
  EligibilityAction,
  OfferKind,
  PartnerType,
  ProgramStatus,
  SalesChannel,
  SubscriptionStatus,
  TransferPolicy,
} from "../../../domain/enums";
import { addDays } from "../../../common/dates";
import type { CustomerFacts, DecisionFacts, IsoDate, PartnerFacts, SubscriptionFacts } from "../facts";
import { v1DecisionDefaults, withLifecycleDefaults } from "../facts-defaults";

// A typed builder of DecisionFacts for the eligibility tests. `buildFacts(action)` returns complete facts on
// which every rule of `action` passes (eligible, no advisories); tests override only what they exercise.

export const AS_OF: IsoDate = "2026-11-24";
export const ACTOR_ID = "partner-actor";
/** The partner currently transacting the subject of a TRANSFER (the transfer source). */
export const SOURCE_PARTNER_ID = "partner-source";
export const RESELLER_ID = "partner-reseller";
export const CUSTOMER_ID = "customer-contoso";
export const OTHER_CUSTOMER_ID = "customer-fabrikam";
export const SUBJECT_ID = "subscription-subject";
export const COUNTRY = "PT";

/** `AS_OF` shifted by `days` (negative: earlier). */
export const daysFromAsOf = (days: number): IsoDate => addDays(AS_OF, days);

export function partnerFacts(overrides: Partial<PartnerFacts> = {}): PartnerFacts {
  return {
    id: ACTOR_ID,
    types: [PartnerType.DIRECT_BILL],
    country: COUNTRY,
    mpaSigned: true,
    programStatus: ProgramStatus.ACTIVE,
    ...overrides,
  };
}

export function customerFacts(overrides: Partial<CustomerFacts> = {}): CustomerFacts {
  return { id: CUSTOMER_ID, country: COUNTRY, mcaAccepted: true, partnerTenantOfId: null, ...overrides };
}

/** An ACTIVE new-commerce license-based CSP subscription of the customer, bought 4 days before AS_OF. */
export function subscriptionFacts(overrides: Partial<SubscriptionFacts> = {}): SubscriptionFacts {
  return withLifecycleDefaults({
    id: SUBJECT_ID,
    customerId: CUSTOMER_ID,
    offerKind: OfferKind.LICENSE_BASED,
    commerceModel: CommerceModel.NEW_COMMERCE,
    channel: SalesChannel.CSP,
    status: SubscriptionStatus.ACTIVE,
    transactingPartnerId: ACTOR_ID,
    resellerOfRecordId: null,
    purchaseDate: daysFromAsOf(-4),
    renewalDate: null,
    commitmentEndDate: daysFromAsOf(360),
    parentId: null,
    isAzurePlan: false,
    ...overrides,
  });
}

/** An ACTIVE Azure plan of the customer transacted by the actor (what R14 looks for). */
export function azurePlanFacts(overrides: Partial<SubscriptionFacts> = {}): SubscriptionFacts {
  return subscriptionFacts({
    id: "subscription-azure-plan",
    offerKind: OfferKind.USAGE_BASED,
    isAzurePlan: true,
    ...overrides,
  });
}

export interface FactsOverrides extends Partial<
  Omit<DecisionFacts, "action" | "actor" | "customer" | "subscription" | "reseller">
> {
  actor?: Partial<PartnerFacts>;
  customer?: Partial<CustomerFacts>;
  /** Merged into the action's default subject; `null` for no subject. */
  subscription?: Partial<SubscriptionFacts> | null;
  /** Merged into an eligible indirect reseller; `null` (the default) when no reseller is named. */
  reseller?: Partial<PartnerFacts> | null;
}

/** The actions without a subject subscription; every other action acts on one. */
const SUBJECTLESS_ACTIONS: ReadonlySet<EligibilityAction> = new Set([
  EligibilityAction.ORDER,
  EligibilityAction.REMOVE_RELATIONSHIP,
]);

/** The subject that makes `action` eligible: transacted by another partner for TRANSFER, suspended for REACTIVATE. */
function defaultSubject(action: EligibilityAction): Partial<SubscriptionFacts> {
  switch (action) {
    case EligibilityAction.TRANSFER:
      return { transactingPartnerId: SOURCE_PARTNER_ID };
    case EligibilityAction.REACTIVATE:
      return { status: SubscriptionStatus.SUSPENDED };
    default:
      return {};
  }
}

/**
 * Complete facts for `action` on which the action is eligible with no advisories: an ACTIVE direct-bill actor
 * in the customer's country with an active relationship, an MCA-accepting customer, no reseller named, and
 * (for actions with a subject) an ACTIVE new-commerce CSP subscription.
 */
export function buildFacts(
  action: EligibilityAction = EligibilityAction.SUPPORT,
  overrides: FactsOverrides = {},
): DecisionFacts {
  const { actor, customer, subscription, reseller, ...rest } = overrides;
  const subject =
    subscription === null || (subscription === undefined && SUBJECTLESS_ACTIONS.has(action))
      ? null
      : subscriptionFacts({ ...defaultSubject(action), ...subscription });
  const namedReseller =
    reseller === null || reseller === undefined
      ? null
      : partnerFacts({ id: RESELLER_ID, types: [PartnerType.INDIRECT_RESELLER], ...reseller });
  return {
    action,
    ...v1DecisionDefaults(AS_OF),
    asOf: AS_OF,
    policy: TransferPolicy.CURRENT,
    actor: partnerFacts(actor),
    customer: customerFacts(customer),
    subscription: subject,
    offerKind: action === EligibilityAction.ORDER ? OfferKind.LICENSE_BASED : null,
    reseller: namedReseller,
    resellerPartnershipActive: namedReseller !== null,
    actorHasActiveRelationship: true,
    customerSubscriptions: [],
    pendingTransfersOfSubject: [],
    ...rest,
  };
}
