import { EligibilityReasonCode as Code, OfferKind, SalesChannel, Severity } from "../../../domain/enums";
import { isLiveSubscription } from "../../../domain/subscription-status";
import type { Rule } from "../rule";

// Rules about the customer (ORDER).

export const R3_mcaAccepted: Rule = {
  id: "R3",
  code: Code.MCA_NOT_ACCEPTED,
  severity: Severity.BLOCKING,
  source: "request-a-relationship-with-a-customer.md",
  fires: (f) => !f.customer.mcaAccepted,
};

export const R9_cspTenantCannotBuy: Rule = {
  id: "R9",
  code: Code.CSP_TENANT_CANNOT_BUY_FROM_CSP,
  severity: Severity.BLOCKING,
  source: "multichannel.md",
  fires: (f) => f.customer.partnerTenantOfId !== null,
};

export const R8_azureCoexists: Rule = {
  id: "R8",
  code: Code.AZURE_COEXISTS_WITH_OTHER_CHANNEL,
  severity: Severity.ADVISORY,
  source: "multichannel.md",
  fires: (f) =>
    f.offerKind === OfferKind.USAGE_BASED &&
    f.customerSubscriptions.some(
      (s) =>
        s.customerId === f.customer.id &&
        s.offerKind === OfferKind.USAGE_BASED &&
        s.channel !== SalesChannel.CSP &&
        isLiveSubscription(s),
    ),
};
