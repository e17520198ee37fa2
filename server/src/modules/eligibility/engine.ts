import { Severity } from "../../domain/enums";
import type { DecisionFacts } from "./facts";
import { rulesByAction } from "./registry";
import type { Decision, Reason, Rule, Verdict } from "./rule";
import { NAMED_RESELLER_RULES, type NamedResellerFacts } from "./rules/reseller.rules";

/** Evaluates rules in order; a pure function of the facts. */
function evaluate<F>(rules: readonly Rule<F>[], facts: F): Verdict {
  const blocking: Reason[] = [];
  const advisories: Reason[] = [];
  for (const rule of rules) {
    if (rule.skipWhen?.(facts)) continue;
    if (!rule.fires(facts)) continue;
    const reason: Reason = { ruleId: rule.id, code: rule.code, severity: rule.severity, source: rule.source };
    (rule.severity === Severity.BLOCKING ? blocking : advisories).push(reason);
  }
  return { eligible: blocking.length === 0, blocking, advisories };
}

/** Evaluates every rule of the action. */
export function decide(facts: DecisionFacts): Decision {
  return { action: facts.action, ...evaluate(rulesByAction[facts.action], facts) };
}

/**
 * R23–R26 alone: may the actor (a provider) name this reseller? For operations that name a reseller without an
 * action's full decision (createCustomer, requestCustomerRelationship) and for the compliance flags of a partnership.
 */
export function decideNamedReseller(facts: NamedResellerFacts): Verdict {
  return evaluate(NAMED_RESELLER_RULES, facts);
}
