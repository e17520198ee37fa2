import type { EligibilityAction, ProviderRequestAction } from "../../../graphql/generated";
import type { DecisionView } from "../../../components/Reasons";
import type { ViewerPermissions } from "../../shell/viewer";

// The bulk actions' rules, kept apart from React: which actions a user is offered, how each row's decision becomes
// "will be sent" or "refused", and sending with a bounded number of calls at once.

/** The most rows one review and one run take: the ids filter's (and a page's) bound on the server. */
export const MAX_BULK_SELECTION = 100;
/** Calls in flight at once while sending: a few, so that a large selection does not flood the API. */
export const BULK_CONCURRENCY = 4;

/** What the partner does itself, or (an indirect reseller) asks its provider to do. */
export type BulkAction =
  | "AUTO_RENEW_OFF"
  | "AUTO_RENEW_ON"
  | "SUSPEND"
  | "REACTIVATE"
  | "CANCEL"
  | "ASK_AUTO_RENEW_OFF"
  | "ASK_AUTO_RENEW_ON"
  | "ASK_SUSPEND"
  | "ASK_REACTIVATE"
  | "ASK_CANCEL";

interface ActionSpec {
  /** The decision the review asks for (the existing eligibility API). */
  eligibility: EligibilityAction;
  autoRenew: boolean | null;
  /** For "ask my provider": the request's action. */
  ask: ProviderRequestAction | null;
}

export const BULK_ACTIONS: Readonly<Record<BulkAction, ActionSpec>> = {
  AUTO_RENEW_OFF: { eligibility: "SET_AUTO_RENEW", autoRenew: false, ask: null },
  AUTO_RENEW_ON: { eligibility: "SET_AUTO_RENEW", autoRenew: true, ask: null },
  SUSPEND: { eligibility: "SUSPEND", autoRenew: null, ask: null },
  REACTIVATE: { eligibility: "REACTIVATE", autoRenew: null, ask: null },
  CANCEL: { eligibility: "CANCEL", autoRenew: null, ask: null },
  ASK_AUTO_RENEW_OFF: {
    eligibility: "SET_AUTO_RENEW",
    autoRenew: false,

    ask: "SET_AUTO_RENEW",
  },
  ASK_AUTO_RENEW_ON: {
    eligibility: "SET_AUTO_RENEW",
    autoRenew: true,

    ask: "SET_AUTO_RENEW",
  },
  ASK_SUSPEND: { eligibility: "SUSPEND", autoRenew: null, ask: "SUSPEND" },
  ASK_REACTIVATE: { eligibility: "REACTIVATE", autoRenew: null, ask: "REACTIVATE" },
  ASK_CANCEL: { eligibility: "CANCEL", autoRenew: null, ask: "CANCEL" },
};

/**
 * The role flag of each action's mutation (viewer.permissions). The lifecycle mutations have the subscription
 * writers' rows, the roles of canOrder (as the subscription panel reads them); a provider request needs
 * canRequestProviderAction and the role of what it asks for (provider-request.checks.ts: SET_AUTO_RENEW as CANCEL).
 */
const ROLE_FLAG: Record<BulkAction, keyof ViewerPermissions> = {
  AUTO_RENEW_OFF: "canOrder",
  AUTO_RENEW_ON: "canOrder",
  SUSPEND: "canSuspend",
  REACTIVATE: "canReactivate",
  CANCEL: "canCancel",
  ASK_AUTO_RENEW_OFF: "canCancel",
  ASK_AUTO_RENEW_ON: "canCancel",
  ASK_SUSPEND: "canSuspend",
  ASK_REACTIVATE: "canReactivate",
  ASK_CANCEL: "canCancel",
};

const ACT: readonly BulkAction[] = ["AUTO_RENEW_OFF", "AUTO_RENEW_ON", "SUSPEND", "REACTIVATE", "CANCEL"];
const ASK: readonly BulkAction[] = [
  "ASK_AUTO_RENEW_OFF",
  "ASK_AUTO_RENEW_ON",
  "ASK_SUSPEND",
  "ASK_REACTIVATE",
  "ASK_CANCEL",
];

/**
 * The actions offered to this user, from `viewer.permissions`: a partner that bills its subscriptions acts itself,
 * an indirect reseller asks its provider (R22); a read-only role gets none (and so no bulk controls at all).
 */
export function bulkActionsFor(p: ViewerPermissions): BulkAction[] {
  if (p.mustUseProvider) return p.canRequestProviderAction ? ASK.filter((a) => p[ROLE_FLAG[a]]) : [];
  return p.canActForCustomers ? ACT.filter((a) => p[ROLE_FLAG[a]]) : [];
}

/** A row nobody decided for (not visible, or not one the viewer can ask about): refused, with no reasons of its own. */
const NO_DECISION: DecisionView = { eligible: false, blocking: [], advisories: [] };

export interface ReviewSubject {
  id: string;
  offerName: string;
  customer: { id: string; name: string };
  transactingPartner: { id: string; name: string } | null;
  resellerOfRecord: { id: string } | null;
  version: number;
  eligibility: DecisionView;
  /**
   * Asking: the decision of the provider that bills it, decided as that provider (the API's providerEligibility,
   * what requestProviderAction answers); null when the viewer cannot ask it about this row.
   */
  providerEligibility?: DecisionView | null;
}

/** Why a row cannot be asked about, in the client's own words (no decision reason applies). */
export type LocalRefusal = "NOT_VISIBLE" | "NOT_YOUR_RESELLER_ROW" | "NO_PROVIDER" | "NOT_PARTNERED";

export interface ReviewLine {
  id: string;
  offerName: string;
  customerName: string;
  /** Sent on confirmation; otherwise shown and skipped. */
  go: boolean;
  /**
   * The reasons to show: every blocking reason (refused) and advisory — of the viewer's own decision when acting,
   * of the billing provider's decision when asking it (the viewer's own rights do not matter then: R22).
   */
  decision: DecisionView;
  local: LocalRefusal | null;
  /** Asking: the provider that bills the subscription. */
  provider: { id: string; name: string } | null;
  subject: ReviewSubject | null;
}

/**
 * Each selected row's own review line. Acting: the row goes when its decision is eligible. Asking the provider: the
 * reseller must be the row's reseller of record, a provider it is partnered with must bill it, and that provider's
 * own decision (providerEligibility: whether it could do it today) must allow it — the reseller's decision minus R22
 * is not that (a deauthorized provider, for one, is refused where the reseller is not). Rows the review did not
 * return (no longer in the network) are refused too.
 */
export function reviewLines(
  action: BulkAction,
  selected: readonly { id: string; offerName: string; customerName: string }[],
  subjects: readonly ReviewSubject[],
  viewerPartnerId: string,
): ReviewLine[] {
  const asking = BULK_ACTIONS[action].ask !== null;
  const byId = new Map(subjects.map((s) => [s.id, s]));
  return selected.map((row) => {
    const s = byId.get(row.id);
    const base = { id: row.id, offerName: row.offerName, customerName: row.customerName };
    if (!s) {
      const none = { eligible: false, blocking: [], advisories: [] };
      return { ...base, go: false, decision: none, local: "NOT_VISIBLE", provider: null, subject: null };
    }
    const named = { ...base, offerName: s.offerName, customerName: s.customer.name, subject: s };
    if (!asking) {
      return { ...named, go: s.eligibility.eligible, decision: s.eligibility, local: null, provider: null };
    }
    const provider = s.transactingPartner;
    const local: LocalRefusal | null =
      s.resellerOfRecord?.id !== viewerPartnerId
        ? "NOT_YOUR_RESELLER_ROW"
        : !provider
          ? "NO_PROVIDER"
          : !s.providerEligibility
            ? "NOT_PARTNERED"
            : null;
    const decision: DecisionView = s.providerEligibility ?? NO_DECISION;
    return { ...named, go: local === null && decision.eligible, decision, local, provider };
  });
}

/**
 * Runs `task` over `items` with at most `limit` running at once, and answers every result in the items' order. A
 * task that throws does not stop the others (its error is its result).
 */
export async function runBounded<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
  onSettled?: (index: number, result: R | Error) => void,
): Promise<(R | Error)[]> {
  const results: (R | Error)[] = new Array<R | Error>(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const index = next++;
      let result: R | Error;
      try {
        result = await task(items[index]!, index);
      } catch (error) {
        result = error instanceof Error ? error : new Error(String(error));
      }
      results[index] = result;
      onSettled?.(index, result);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
