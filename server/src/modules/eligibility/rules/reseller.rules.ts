import { EligibilityReasonCode as Code, ProgramStatus, Severity } from "../../../domain/enums";
import type { Rule } from "../rule";

// Rules about the reseller a provider names (ORDER, TRANSFER). None fires when no reseller is named.

export const R23_partnershipRequired: Rule = {
  id: "R23",
  code: Code.PROVIDER_RESELLER_PARTNERSHIP_REQUIRED,
  severity: Severity.BLOCKING,
  source: "indirect-provider-tasks-in-partner-center.md",
  fires: (f) => f.reseller !== null && !f.resellerPartnershipActive,
};

export const R24_resellerMpa: Rule = {
  id: "R24",
  code: Code.RESELLER_MPA_NOT_SIGNED,
  severity: Severity.BLOCKING,
  source: "csp-supported-partner-relationships.md",
  fires: (f) => f.reseller !== null && !f.reseller.mpaSigned,
};

export const R25_resellerRegion: Rule = {
  id: "R25",
  code: Code.RESELLER_REGION_MISMATCH,
  severity: Severity.BLOCKING,
  source: "csp-supported-partner-relationships.md",
  fires: (f) => f.reseller !== null && f.reseller.country !== f.actor.country,
};

export const R26_resellerActive: Rule = {
  id: "R26",
  code: Code.RESELLER_NOT_ACTIVE,
  severity: Severity.BLOCKING,
  source: "indirect-provider-tasks-in-partner-center.md",
  fires: (f) => f.reseller !== null && f.reseller.programStatus !== ProgramStatus.ACTIVE,
};

export const R27_resellerNotProviderCustomer: Rule = {
  id: "R27",
  code: Code.RESELLER_CANNOT_BE_PROVIDER_CUSTOMER,
  severity: Severity.BLOCKING,
  source: "csp-supported-partner-relationships.md",
  fires: (f) => f.reseller !== null && f.customer.partnerTenantOfId === f.reseller.id,
};
