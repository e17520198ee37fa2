import type { DecisionView } from "../../../components/Reasons";
import type { UserErrorLike } from "../../../lib/user-errors";
import type { CustomerOpenProviderRequestsQuery, CustomerPageSubscriptionFragment } from "../../../graphql/generated";
import type { ProviderOption } from "./options";
import type { SentRequest } from "./ProviderRequestSent";

// The customer page's subscription rows and what the actions menu can do with them (SubscriptionGroups,
// SubscriptionActionsPanel, use-subscription-actions).

export type SubscriptionRow = CustomerPageSubscriptionFragment;
/** The actions the page can run on a subscription. */
export type SubscriptionAction = "CANCEL" | "SUSPEND" | "REACTIVATE";
/** What a reseller can ask its provider to do about a subscription. */
export type AskAction = SubscriptionAction | "TRANSFER";

export interface ActionOutcome {
  errors: readonly UserErrorLike[];
  done: string | null;
  advisories: DecisionView | null;
  /** A request sent to the provider (resellers), with the provider's decision. */
  sent?: SentRequest | null;
}

type OpenRequest = CustomerOpenProviderRequestsQuery["providerRequests"]["nodes"][number];

/**
 * For an indirect reseller (R22): instead of Cancel / Suspend / Reactivate / Transfer, which it may not do, "Ask
 * provider to …", sent to one of its providers after a confirmation.
 */
export interface AskProviderOptions {
  viewerPartnerId: string;
  providers: readonly ProviderOption[];
  /** Requests still open for this customer: an action already asked for is flagged, not offered again. */
  openRequests: readonly OpenRequest[];
  pending: { id: string; action: AskAction } | null;
  /** The role may ask for cancel / suspend / reactivate (canOrder) and for transfers (canTransfer). */
  canAskChanges: boolean;
  canAskTransfer: boolean;
  /** Set when there is no provider to ask. */
  disabledReason?: string | null;
  onAsk(subscription: SubscriptionRow, action: AskAction, providerId: string, note: string): void;
}

/** What the viewer's partner may do itself (providers, direct-bill partners), as far as its role allows. */
export interface ActOptions {
  /** The role may cancel, suspend and reactivate (canOrder). */
  canChange: boolean;
  /** The role may take subscriptions over by transfer (canTransfer): the link to the transfer wizard. */
  transferUrl: string | null;
  viewerPartnerId: string;
  pending: { id: string; action: AskAction } | null;
  onAction(subscription: SubscriptionRow, action: SubscriptionAction): void;
}
