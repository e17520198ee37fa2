import { useState } from "react";
import {
  useSubscriptionAskProviderMutation,
  useSubscriptionCancelScheduledChangeMutation,
  useSubscriptionChangeQuantityMutation,
  useSubscriptionScheduleChangeMutation,
  useSubscriptionSetAutoRenewMutation,
  type ScheduledChangeInput,
  type SubscriptionChangeResultFragment,
} from "../../../graphql/generated";
import { runMutation } from "../../../lib/graphql";
import { useI18n } from "../../../lib/i18n";
import type { UserErrorLike } from "../../../lib/user-errors";
import type { DecisionView } from "../../../components/Reasons";
import type { PanelSubscription } from "./lifecycle";

export type LifecycleAction = "QUANTITY" | "AUTO_RENEW" | "SCHEDULE" | "UNSCHEDULE";

export interface LifecycleOutcome {
  action: LifecycleAction;
  errors: readonly UserErrorLike[];
  /** What was done, in words; null when refused. */
  done: string | null;
  /** The scheduled change the mutation deleted (a mid-term change deletes it, as in Partner Center). */
  deleted: SubscriptionChangeResultFragment["deletedScheduledChange"];
  /** The decision's advisories, when the change was made with some. */
  advisories: DecisionView | null;
  /** A reseller's request to its provider: to whom, and the provider's own decision today. */
  sent?: { providerName: string; decision: DecisionView | null } | null;
}

/** What a reseller can ask its provider for from the panel. */
export type AskValues =
  | { action: "CHANGE_QUANTITY"; quantity: number }
  | { action: "SET_AUTO_RENEW"; autoRenew: boolean }
  | { action: "SCHEDULE_CHANGE"; change: ScheduledChangeInput }
  | { action: "CANCEL_SCHEDULED_CHANGE" };

const ASK_PENDING: Record<AskValues["action"], LifecycleAction> = {
  CHANGE_QUANTITY: "QUANTITY",
  SET_AUTO_RENEW: "AUTO_RENEW",
  SCHEDULE_CHANGE: "SCHEDULE",
  CANCEL_SCHEDULED_CHANGE: "UNSCHEDULE",
};

// Every decision on the panel depends on the subscription: refetch them after any change, refused or not (the
// version or the facts may have moved on).
const REFETCH = [
  "SubscriptionPanel",
  "SubscriptionSeatDecisions",
  "SubscriptionAutoRenewDecision",
  "SubscriptionScheduleDecision",
];

/** The panel's four changes, each sent with the version the user saw; the running one and the last outcome. */
export function useLifecycleActions(s: PanelSubscription) {
  const { t } = useI18n();
  const options = { refetchQueries: REFETCH };
  const [changeQuantity] = useSubscriptionChangeQuantityMutation(options);
  const [setAutoRenew] = useSubscriptionSetAutoRenewMutation(options);
  const [schedule] = useSubscriptionScheduleChangeMutation(options);
  const [unschedule] = useSubscriptionCancelScheduledChangeMutation(options);
  const [askProvider] = useSubscriptionAskProviderMutation({ refetchQueries: ["ShellOpenRequests"] });
  const [pending, setPending] = useState<LifecycleAction | null>(null);
  const [outcome, setOutcome] = useState<LifecycleOutcome | null>(null);
  const base = { subscriptionId: s.id, expectedVersion: s.version };

  async function run(
    action: LifecycleAction,
    call: () => Promise<SubscriptionChangeResultFragment | null | undefined>,
    doneText: string,
  ) {
    setPending(action);
    setOutcome(null);
    const { done, errors } = await runMutation(call);
    const advisories = done?.decision?.advisories.length
      ? { eligible: true, blocking: [], advisories: done.decision.advisories }
      : null;
    setOutcome({
      action,
      errors,
      done: done ? doneText : null,
      deleted: done?.deletedScheduledChange ?? null,
      advisories,
    });
    setPending(null);
  }

  /** A reseller (R22) asks the provider that bills the subscription; nothing changes until the provider acts. */
  async function ask(values: AskValues, providerId: string, note: string | null) {
    const action = ASK_PENDING[values.action];
    setPending(action);
    setOutcome(null);
    const input = { ...values, providerId, customerId: s.customer.id, subscriptionId: s.id, note };
    const { done, errors } = await runMutation(
      async () => (await askProvider({ variables: { input } })).data?.requestProviderAction,
    );
    const sent = done?.providerRequest
      ? { providerName: done.providerRequest.provider.name, decision: done.providerDecision }
      : null;
    setOutcome({
      action,
      errors,
      done: sent ? t("lifecycle.ask.sent", { provider: sent.providerName }) : null,
      deleted: null,
      advisories: null,
      sent,
    });
    setPending(null);
  }

  return {
    pending,
    outcome,
    ask,
    changeQuantity: (quantity: number) =>
      run(
        "QUANTITY",
        async () =>
          (await changeQuantity({ variables: { input: { ...base, quantity } } })).data?.changeSubscriptionQuantity,
        t("lifecycle.seats.done", { count: quantity }),
      ),
    setAutoRenew: (autoRenew: boolean) =>
      run(
        "AUTO_RENEW",
        async () =>
          (await setAutoRenew({ variables: { input: { ...base, autoRenew } } })).data?.setSubscriptionAutoRenew,
        t(autoRenew ? "lifecycle.autoRenew.doneOn" : "lifecycle.autoRenew.doneOff"),
      ),
    schedule: (change: ScheduledChangeInput) =>
      run(
        "SCHEDULE",
        async () => (await schedule({ variables: { input: { ...base, change } } })).data?.scheduleSubscriptionChange,
        t("lifecycle.planner.done"),
      ),
    cancelScheduled: () =>
      run(
        "UNSCHEDULE",
        async () => (await unschedule({ variables: { input: base } })).data?.cancelScheduledChange,
        t("lifecycle.planner.removed"),
      ),
  };
}
