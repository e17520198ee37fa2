import { EligibilityReasonCode as Code, ProgramStatus, Severity } from "../../../domain/enums";
import type { DecisionFacts } from "../facts";
import type { Rule } from "../rule";

/** What R23–R26 read: enough to check a named reseller outside a full decision (createCustomer, requests). */
export type NamedResellerFacts = Pick<DecisionFacts, "actor" | "reseller" | "resellerPartnershipActive">;

// Rules about the reseller a provider names (ORDER, TRANSFER). None fires when no reseller is named.

export const R23_partnershipRequired = {
  id: "R23",
  code: Code.PROVIDER_RESELLER_PARTNERSHIP_REQUIRED,
  severity: Severity.BLOCKING,
  source: "indirect-provider-tasks-in-partner-center.md",
  fires: (f: NamedResellerFacts) => f.reseller !== null && !f.resellerPartnershipActive,
} satisfies Rule;

export const R24_resellerMpa = {
  id: "R24",
  code: Code.RESELLER_MPA_NOT_SIGNED,
  severity: Severity.BLOCKING,
  source: "csp-supported-partner-relationships.md",
  fires: (f: NamedResellerFacts) => f.reseller !== null && !f.reseller.mpaSigned,
} satisfies Rule;

export const R25_resellerRegion = {
  id: "R25",
  code: Code.RESELLER_REGION_MISMATCH,
  severity: Severity.BLOCKING,
  source: "csp-supported-partner-relationships.md",
  fires: (f: NamedResellerFacts) => f.reseller !== null && f.reseller.country !== f.actor.country,
} satisfies Rule;

export const R26_resellerActive = {
  id: "R26",
  code: Code.RESELLER_NOT_ACTIVE,
  severity: Severity.BLOCKING,
  source: "indirect-provider-tasks-in-partner-center.md",
  fires: (f: NamedResellerFacts) => f.reseller !== null && f.reseller.programStatus !== ProgramStatus.ACTIVE,
} satisfies Rule;

export const R27_resellerNotProviderCustomer: Rule = {
  id: "R27",
  code: Code.RESELLER_CANNOT_BE_PROVIDER_CUSTOMER,
  severity: Severity.BLOCKING,
  source: "csp-supported-partner-relationships.md",
  fires: (f) => f.reseller !== null && f.customer.partnerTenantOfId === f.reseller.id,
};

/** R23–R26: the checks on a reseller a provider names, usable without a customer or subscription. */
export const NAMED_RESELLER_RULES: readonly Rule<NamedResellerFacts>[] = [
  R23_partnershipRequired,
  R24_resellerMpa,
  R25_resellerRegion,
  R26_resellerActive,
];
