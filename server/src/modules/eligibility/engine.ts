import { dateOf, type Instant } from "../../common/instants";
import { EligibilityAction, RuleBook, Severity } from "../../domain/enums";
import type { DecisionFacts } from "./facts";
import { namedResellerRules, rulesFor } from "./registry";
import type { Decision, Reason, Rule, Verdict } from "./rule";
import { refundableSeats } from "./rules/lifecycle.rules";
import type { NamedResellerFacts } from "./rules/reseller.rules";

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

/** The same facts seen at another instant. */
const at = (facts: DecisionFacts, t: Instant): DecisionFacts => ({ ...facts, at: t, asOf: dateOf(t) });

/**
 * RULES.md "v2: the decision": between two consecutive instants at which some rule's answer can change, every rule
 * answers the same; so the decision is re-made at each such instant after asOf, in order.
 */
function timeBounds(rules: readonly Rule[], facts: DecisionFacts, eligible: boolean) {
  // Each later instant once, in order (one array: this runs for every V2 decision, 250 on a page of five).
  const instants: Instant[] = [];
  for (const r of rules) {
    if (!r.instants) continue;
    for (const t of r.instants(facts)) if (t > facts.at && !instants.includes(t)) instants.push(t);
  }
  instants.sort((a, b) => a - b);
  for (const t of instants) {
    const later = evaluate(rules, at(facts, t)).eligible;
    if (eligible && !later) return { eligibleUntil: t - 1000, becomesEligibleAt: null };
    if (!eligible && later) return { eligibleUntil: null, becomesEligibleAt: t };
  }
  return { eligibleUntil: null, becomesEligibleAt: null };
}

/** Evaluates every rule of the action under the facts' rule book. */
export function decide(facts: DecisionFacts): Decision {
  const rules = rulesFor(facts.ruleBook, facts.action);
  const verdict = evaluate(rules, facts);
  if (facts.ruleBook !== RuleBook.V2) {
    return {
      action: facts.action,
      ruleBook: facts.ruleBook,
      ...verdict,
      eligibleUntil: null,
      becomesEligibleAt: null,
      refundable: null,
    };
  }
  const refundable =
    facts.action === EligibilityAction.CHANGE_QUANTITY && facts.subscription !== null
      ? refundableSeats(facts.subscription, facts.at)
      : null;
  return {
    action: facts.action,
    ruleBook: facts.ruleBook,
    ...verdict,
    ...timeBounds(rules, facts, verdict.eligible),
    refundable,
  };
}

/**
 * R23–R26 alone: may the actor (a provider) name this reseller? For operations that name a reseller without an
 * action's full decision (createCustomer, requestCustomerRelationship) and for the compliance flags of a partnership.
 */
export function decideNamedReseller(facts: NamedResellerFacts, ruleBook: RuleBook = RuleBook.V1): Verdict {
  return evaluate(namedResellerRules[ruleBook], facts);
}
