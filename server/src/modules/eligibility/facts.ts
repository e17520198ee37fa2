import type { IsoDate } from "../../common/dates";
import type {
  CommerceModel,
  EligibilityAction,
  OfferKind,
  PartnerType,
  ProgramStatus,
  SalesChannel,
  SubscriptionStatus,
  TransferPolicy,
} from "../../domain/enums";

// Plain data the rules decide on. The service gathers it in a bounded number of SQL statements; the rules
// never touch the database or the clock.

export type { IsoDate };

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
}

export interface DecisionFacts {
  action: EligibilityAction;
  asOf: IsoDate;
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
   * Subscriptions of the customer that some rule may look at: usage-based ones from other channels (R8),
   * Azure plans (R14), and those transacted by or naming the actor (R6). A superset is fine.
   */
  customerSubscriptions: readonly SubscriptionFacts[];
  /** Creation dates of PENDING transfers (other than the one being decided) that contain the subject. */
  pendingTransfersOfSubject: readonly { createdAt: IsoDate }[];
}
