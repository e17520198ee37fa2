import { EligibilityReasonCode as Code, Severity } from "../../../domain/enums";
import type { Rule } from "../rule";
import { PARTNER_CENTER } from "./sources";
import { isActive, isIndirectProviderOnly, isOnlyIndirectReseller } from "./predicates";

// Rules about the acting partner and its relationship with the customer.

export const R1_relationshipRequired: Rule = {
  id: "R1",
  code: Code.RESELLER_RELATIONSHIP_REQUIRED,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.requestRelationship,
  fires: (f) => !f.actorHasActiveRelationship,
};

export const R4_customerRegion: Rule = {
  id: "R4",
  code: Code.CUSTOMER_REGION_MISMATCH,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.requestRelationship,
  fires: (f) => f.actor.country !== f.customer.country,
};

export const R12_transferTargetRelationship: Rule = {
  id: "R12",
  code: Code.TRANSFER_TARGET_HAS_NO_RELATIONSHIP,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.transferAzurePlan,
  fires: (f) => !f.actorHasActiveRelationship,
};

export const R19_resellerIdRequired: Rule = {
  id: "R19",
  code: Code.RESELLER_ID_REQUIRED,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.transferAzurePlan,
  fires: (f) => isIndirectProviderOnly(f.actor) && f.reseller === null,
};

export const R22_resellerMustUseProvider: Rule = {
  id: "R22",
  code: Code.INDIRECT_RESELLER_MUST_USE_PROVIDER,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.indirectResellerTasks,
  fires: (f) => isOnlyIndirectReseller(f.actor),
};

export const R35_partnerActive: Rule = {
  id: "R35",
  code: Code.PARTNER_NOT_ACTIVE,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.supportedRelationships,
  fires: (f) => !isActive(f.actor),
};

export const R6a_resellerCannotRemove: Rule = {
  id: "R6a",
  code: Code.INDIRECT_RESELLER_CANNOT_REMOVE_RELATIONSHIP,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.removeRelationship,
  fires: (f) => isOnlyIndirectReseller(f.actor),
};

export const R37_notTransactingPartner: Rule = {
  id: "R37",
  code: Code.NOT_TRANSACTING_PARTNER,
  severity: Severity.BLOCKING,
  source: PARTNER_CENTER.subscriptionLifecycle,
  // An indirect reseller gets R22 instead: it never transacts.
  fires: (f) => !isOnlyIndirectReseller(f.actor) && f.subscription?.transactingPartnerId !== f.actor.id,
};
