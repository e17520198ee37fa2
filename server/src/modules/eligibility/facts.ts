import type { IsoDate } from "../../common/dates";
import type { Instant } from "../../common/instants";
import type {
  BillingCycle,
  CommerceModel,
  EligibilityAction,
  OfferKind,
  PartnerType,
  ProductType,
  ProgramStatus,
  RuleBook,
  SalesChannel,
  SubscriptionStatus,
  TermDuration,
  TransferPolicy,
  TransferStatus,
} from "../../domain/enums";

// Plain data the rules decide on. The service gathers it in a bounded number of SQL statements; the rules
// never touch the database or the clock.

export type { IsoDate, Instant };

/** Seats of the current term added at one instant (rule book V2). */
export interface Tranche {
  quantity: number;
  purchasedAt: Instant;
}

/** What is saved for the next renewal, or asked for by SCHEDULE_CHANGE (omitted fields keep the current value). */
export interface ScheduledChangeFacts {
  quantity?: number | null;
  termDuration?: TermDuration | null;
  billingCycle?: BillingCycle | null;
}

export interface PartnerFacts {
  id: string;
  types: readonly PartnerType[];
  country: string;
  mpaSigned: boolean;
  programStatus: ProgramStatus;
}

export interface CustomerFacts {
  id: string;
  country: string;
  mcaAccepted: boolean;
  partnerTenantOfId: string | null;
}

export interface SubscriptionFacts {
  id: string;
  customerId: string;
  offerKind: OfferKind;
  commerceModel: CommerceModel;
  channel: SalesChannel;
  status: SubscriptionStatus;
  transactingPartnerId: string | null;
  resellerOfRecordId: string | null;
  purchaseDate: IsoDate;
  renewalDate: IsoDate | null;
  commitmentEndDate: IsoDate;
  parentId: string | null;
  isAzurePlan: boolean;
  // Rule book V2 (RULES.md "v2: vocabulary"); the V1 rules read none of these.
  quantity: number;
  /** The purchase and the last completed renewal as instants (purchaseDate and renewalDate are their UTC dates). */
  purchasedAt: Instant;
  renewedAt: Instant | null;
  productType: ProductType;
  /** Seats of the current term by when they were added; they add up to quantity. */
  tranches: readonly Tranche[];
  autoRenew: boolean;
  termDuration: TermDuration | null;
  billingCycle: BillingCycle;
  maxQuantity: number | null;
  scheduledChange: ScheduledChangeFacts | null;
  activeAzureSubscriptions: number;
}

/** A transfer request as the V2 transfer rules see it. */
export interface TransferFacts {
  status: TransferStatus;
  createdAt: Instant;
}

export interface DecisionFacts {
  action: EligibilityAction;
  /** Which rule book decides (V1 rules read asOf; V2 rules read `at`). */
  ruleBook: RuleBook;
  /** The UTC date of `at`. */
  asOf: IsoDate;
  /** The instant the decision is made for (V2). */
  at: Instant;
  policy: TransferPolicy;
  actor: PartnerFacts;
  customer: CustomerFacts;
  /** The subject for SUPPORT, TRANSFER, CANCEL, REACTIVATE. */
  subscription: SubscriptionFacts | null;
  /** The offer kind for ORDER. */
  offerKind: OfferKind | null;
  /** The reseller named by a provider (ORDER, TRANSFER); null when none was named. */
  reseller: PartnerFacts | null;
  /** Status of the actor ↔ named reseller partnership, when a reseller is named and one exists. */
  resellerPartnershipActive: boolean;
  /** The actor holds an ACTIVE relationship with the customer. */
  actorHasActiveRelationship: boolean;
  /**
   * Subscriptions of the customer that the action's rules may look at (facts-query.ts CUSTOMER_SUBSCRIPTIONS_READ):
   * ORDER usage-based ones from other channels (R8), TRANSFER the actor's Azure plans (R14), REMOVE_RELATIONSHIP
   * those transacted by or naming the actor (R6); none for the other actions. A superset is fine.
   */
  customerSubscriptions: readonly SubscriptionFacts[];
  /** Creation dates of PENDING transfers (other than the one being decided) that contain the subject. */
  pendingTransfersOfSubject: readonly { createdAt: IsoDate }[];
  /** V2 (R16 as C6): PENDING and ACCEPTED transfers, other than the named one, that hold the subject. */
  transfersOfSubject: readonly TransferFacts[];
  /** V2 TRANSFER: the request the subject would join (R40, R41), with the subscriptions it lists. */
  namedTransfer: (TransferFacts & { subscriptionIds: readonly string[] }) | null;
  /** CHANGE_QUANTITY: the requested new total. */
  quantity: number | null;
  /** SET_AUTO_RENEW: the value wanted. */
  autoRenew: boolean | null;
  /** SCHEDULE_CHANGE: the change to save. */
  change: ScheduledChangeFacts | null;
}
