import { Severity } from "../../domain/enums";
import type { DecisionFacts } from "./facts";
import { rulesByAction } from "./registry";
import type { Decision, Reason } from "./rule";

/** Evaluates every rule of the action; a pure function of the facts. */
export function decide(facts: DecisionFacts): Decision {
  const blocking: Reason[] = [];
  const advisories: Reason[] = [];
  for (const rule of rulesByAction[facts.action]) {
    if (rule.skipWhen?.(facts)) continue;
    if (!rule.fires(facts)) continue;
    const reason: Reason = { ruleId: rule.id, code: rule.code, severity: rule.severity, source: rule.source };
    (rule.severity === Severity.BLOCKING ? blocking : advisories).push(reason);
  }
  return { action: facts.action, eligible: blocking.length === 0, blocking, advisories };
}
