import { ProgramStatus, RuleBook } from "../../domain/enums";
import { countriesOfMarket } from "../../domain/markets";
import { decideNamedReseller } from "../eligibility/engine";
import { partnerFacts } from "../eligibility/eligibility.service";
import { ComplianceFlag } from "./partner.types";
import type { Partner } from "./partner.entity";

// Reseller compliance: R24–R26 seen from the provider's side of an active partnership. The flags come from the
// engine (the rules are the one definition); their SQL twin, for filters and counts, sits beside them.

/** Each flag and the rule it reports, in the order the API lists flags. */
const FLAG_RULES: readonly (readonly [ComplianceFlag, string])[] = [
  [ComplianceFlag.MPA_NOT_SIGNED, "R24"],
  [ComplianceFlag.NOT_ACTIVE, "R26"],
  [ComplianceFlag.OTHER_REGION, "R25"],
];

/** Why the provider may not name this reseller on orders and transfers; empty when it may. */
export function complianceFlags(reseller: Partner, provider: Partner, ruleBook: RuleBook): ComplianceFlag[] {
  const verdict = decideNamedReseller(
    {
      actor: partnerFacts(provider),
      reseller: partnerFacts(reseller),
      resellerPartnershipActive: true, // flags describe a partnership: R23 is its status, shown on its own
    },
    ruleBook,
  );
  const fired = new Set(verdict.blocking.map((r) => r.ruleId));
  return FLAG_RULES.filter(([, ruleId]) => fired.has(ruleId)).map(([flag]) => flag);
}

/**
 * SQL twin of `complianceFlags(...).length > 0` on a partner alias (the reseller), for a provider in
 * `providerCountry`: add `params` to the query. R25 compares countries under V1 and CSP markets under V2 (C1):
 * the reseller's country must be one of the provider's market.
 */
export function complianceIssueSql(
  resellerAlias: string,
  providerCountry: string,
  ruleBook: RuleBook,
): { sql: string; params: Record<string, unknown> } {
  const region =
    ruleBook === RuleBook.V2
      ? `UPPER(${resellerAlias}.country) NOT IN (:...complianceCountries)`
      : `${resellerAlias}.country <> :complianceCountry`;
  return {
    sql:
      `(${resellerAlias}.mpa_signed = :complianceNo OR ${resellerAlias}.program_status <> :complianceActive ` +
      `OR ${region})`,
    params: {
      complianceNo: false,
      complianceActive: ProgramStatus.ACTIVE,
      complianceCountry: providerCountry,
      complianceCountries: countriesOfMarket(providerCountry),
    },
  };
}
