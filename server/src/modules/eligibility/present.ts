import type { Locale } from "./messages";
import { ruleMessage } from "./messages";
import type { Decision, Reason } from "./rule";
import { EligibilityDecision, EligibilityReason } from "./eligibility.types";

const reasonType = (r: Reason, locale: Locale): EligibilityReason =>
  Object.assign(new EligibilityReason(), {
    code: r.code,
    ruleId: r.ruleId,
    severity: r.severity,
    source: r.source.url,
    sourceTitle: r.source.title,
    message: ruleMessage(r.ruleId, locale),
  });

/** The engine's decision as the GraphQL type, with messages in the request's language. */
export function presentDecision(d: Decision, asOf: string, locale: Locale): EligibilityDecision {
  return Object.assign(new EligibilityDecision(), {
    action: d.action,
    eligible: d.eligible,
    blocking: d.blocking.map((r) => reasonType(r, locale)),
    advisories: d.advisories.map((r) => reasonType(r, locale)),
    asOf,
  });
}
