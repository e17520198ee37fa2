import type { ReasonView } from "../../../components/Reasons";
import type { ComplianceFlag, TransferWizardCandidatesQuery } from "../../../graphql/generated";
import type { WizardStep } from "../urls";

/** Partner Center accepts at most 25 lines (base subscriptions) per transfer. */
export const MAX_TRANSFER_LINES = 25;
/** Candidates per page: one customer's CSP subscriptions usually fit on one. */
export const CANDIDATE_PAGE = 100;
/** Customers or resellers per page of the pick lists. */
export const LIST_PAGE = 20;

export type Candidate = TransferWizardCandidatesQuery["transferEligibility"]["nodes"][number];

/** The rule behind each compliance flag (R24–R26). */
export const FLAG_RULE: Record<ComplianceFlag, string> = {
  MPA_NOT_SIGNED: "R24",
  OTHER_REGION: "R25",
  NOT_ACTIVE: "R26",
};

/** The step the URL asks for or, when its inputs are missing, the latest step before it that has them. */
export function effectiveStep(
  requested: string,
  steps: readonly WizardStep[],
  have: { customer: boolean; reseller: boolean; lines: boolean },
): WizardStep {
  const ready: Record<WizardStep, boolean> = {
    customer: true,
    reseller: have.customer,
    subscriptions: have.customer && have.reseller,
    review: have.customer && have.reseller && have.lines,
  };
  const asked = steps.find((s) => s === requested);
  // No step in the URL (e.g. ?customerId= from the customer page): the first step still to do.
  if (!asked) return [...steps].reverse().find((s) => s !== "review" && ready[s]) ?? "customer";
  let i = steps.indexOf(asked);
  while (i > 0 && !ready[steps[i]!]) i--;
  return steps[i]!;
}

/** Blocking reasons that every candidate shares (the actor's or the reseller's, not a subscription's). */
export function commonBlocking(candidates: readonly Candidate[]): ReasonView[] {
  const [first, ...rest] = candidates;
  if (!first || candidates.length < 2) return [];
  return first.decision.blocking.filter((r) =>
    rest.every((c) => c.decision.blocking.some((b) => b.ruleId === r.ruleId)),
  );
}
