import {
  CommerceModel,
  EligibilityReasonCode as Code,
  OfferKind,
  SalesChannel,
  Severity,
  SubscriptionStatus,
  TransferPolicy,
} from "../../../domain/enums";
import { daysBetween } from "../../../common/dates";
import type { DecisionFacts } from "../facts";
import type { Rule } from "../rule";
import { PARTNER_CENTER } from "./sources";
import { TRANSFER_EXPIRY_DAYS } from "../../../domain/policy";

// Rules about the subject subscription (SUPPORT, TRANSFER, CANCEL, REACTIVATE).

const isNotCsp = (f: DecisionFacts): boolean => f.subscription !== null && f.subscription.channel !== SalesChannel.CSP;

export const R36_subscriptionDeleted: Rule = {
  id: "R36",
  code: Code.SUBSCRIPTION_DELETED,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.subscriptionLifecycle,
  fires: (f) => f.subscription?.status === SubscriptionStatus.DELETED,
};

export const R7a_supportNonCsp: Rule = {
  id: "R7a",
  code: Code.NON_CSP_CHANNEL_REQUIRES_REPROVISION,
  severity: Severity.ADVISORY,
  source: PARTNER_CENTER.multichannel,
  fires: isNotCsp,
};

export const R7_transferNonCsp: Rule = {
  id: "R7",
  code: Code.NON_CSP_CHANNEL_REQUIRES_REPROVISION,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.multichannel,
  fires: isNotCsp,
};

// The CSP-to-CSP rules below are skipped when R7 fires: they describe moves between CSP partners.
const cspOnly = { skipWhen: isNotCsp };

export const R11_lockedUntilTermEnd: Rule = {
  id: "R11",
  code: Code.LICENSE_SUBSCRIPTION_LOCKED_UNTIL_TERM_END,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.multichannelUntil2023,
  ...cspOnly,
  fires: (f) =>
    f.policy === TransferPolicy.LEGACY_2023 &&
    f.subscription?.offerKind === OfferKind.LICENSE_BASED &&
    f.subscription.commitmentEndDate > f.asOf,
};

export const R11b_legacyLicense: Rule = {
  id: "R11b",
  code: Code.LEGACY_LICENSE_NOT_TRANSFERABLE,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.transferSubscriptions,
  ...cspOnly,
  fires: (f) =>
    f.policy === TransferPolicy.CURRENT &&
    f.subscription?.offerKind === OfferKind.LICENSE_BASED &&
    f.subscription.commerceModel === CommerceModel.LEGACY,
};

export const R13_sourceEqualsTarget: Rule = {
  id: "R13",
  code: Code.TRANSFER_SOURCE_EQUALS_TARGET,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.transferAzurePlan,
  ...cspOnly,
  fires: (f) => f.subscription?.transactingPartnerId === f.actor.id,
};

export const R14_targetAzurePlan: Rule = {
  id: "R14",
  code: Code.TARGET_AZURE_PLAN_MISSING,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.transferAzurePlan,
  ...cspOnly,
  fires: (f) =>
    f.subscription?.offerKind === OfferKind.USAGE_BASED &&
    !f.customerSubscriptions.some(
      (s) =>
        s.customerId === f.customer.id &&
        s.isAzurePlan &&
        s.status === SubscriptionStatus.ACTIVE &&
        s.transactingPartnerId === f.actor.id,
    ),
};

export const R15_transferNeedsActive: Rule = {
  id: "R15",
  code: Code.SUBSCRIPTION_NOT_ACTIVE,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.transferAzurePlan,
  ...cspOnly,
  fires: (f) => f.subscription !== null && f.subscription.status !== SubscriptionStatus.ACTIVE,
};

export const R16_inOtherTransfer: Rule = {
  id: "R16",
  code: Code.SUBSCRIPTION_IN_OTHER_TRANSFER,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.transitionDirectToIndirect,
  ...cspOnly,
  // A PENDING transfer created more than 30 days before asOf has expired and no longer holds the line.
  fires: (f) =>
    f.pendingTransfersOfSubject.some((t) => {
      const age = daysBetween(t.createdAt, f.asOf);
      return age >= 0 && age <= TRANSFER_EXPIRY_DAYS;
    }),
};

export const R17_addonMovesWithBase: Rule = {
  id: "R17",
  code: Code.ADDON_REQUIRES_BASE_SUBSCRIPTION,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.transitionDirectToIndirect,
  ...cspOnly,
  fires: (f) => f.subscription !== null && f.subscription.parentId !== null,
};

export const R15c_cancelNeedsLive: Rule = {
  id: "R15c",
  code: Code.SUBSCRIPTION_NOT_ACTIVE,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.subscriptionLifecycle,
  fires: (f) =>
    f.subscription !== null &&
    f.subscription.status !== SubscriptionStatus.ACTIVE &&
    f.subscription.status !== SubscriptionStatus.SUSPENDED,
};

/** Extension (SUSPEND): only an ACTIVE subscription can be suspended. */
export const R15s_suspendNeedsActive: Rule = {
  id: "R15s",
  code: Code.SUBSCRIPTION_NOT_ACTIVE,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.subscriptionLifecycle,
  fires: (f) => f.subscription !== null && f.subscription.status !== SubscriptionStatus.ACTIVE,
};

/** New commerce: cancellable until 7 days (inclusive) after the purchase or the last renewal. */
export const CANCELLATION_WINDOW_DAYS = 7;

export const R30_cancellationWindow: Rule = {
  id: "R30",
  code: Code.CANCELLATION_WINDOW_CLOSED,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.cancellationPolicy,
  fires: (f) => {
    const s = f.subscription;
    if (s === null || s.commerceModel !== CommerceModel.NEW_COMMERCE) return false;
    return daysBetween(s.renewalDate ?? s.purchaseDate, f.asOf) > CANCELLATION_WINDOW_DAYS;
  },
};

export const R31_reactivatable: Rule = {
  id: "R31",
  code: Code.SUBSCRIPTION_NOT_REACTIVATABLE,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.subscriptionLifecycle,
  fires: (f) =>
    f.subscription !== null &&
    !(f.subscription.status === SubscriptionStatus.SUSPENDED && f.asOf <= f.subscription.commitmentEndDate),
};

export const R6_activeSubscriptions: Rule = {
  id: "R6",
  code: Code.RELATIONSHIP_HAS_ACTIVE_SUBSCRIPTIONS,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.removeRelationship,
  // Suspended new-commerce subscriptions are still billed: they must be cancelled first.
  fires: (f) =>
    f.customerSubscriptions.some(
      (s) =>
        s.customerId === f.customer.id &&
        (s.transactingPartnerId === f.actor.id || s.resellerOfRecordId === f.actor.id) &&
        (s.status === SubscriptionStatus.ACTIVE ||
          (s.commerceModel === CommerceModel.NEW_COMMERCE && s.status === SubscriptionStatus.SUSPENDED)),
    ),
};
