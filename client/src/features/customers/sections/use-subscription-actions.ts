import { useState } from "react";
import {
  useCustomerCancelSubscriptionMutation,
  useCustomerReactivateSubscriptionMutation,
  useCustomerRequestProviderActionMutation,
  useCustomerSuspendSubscriptionMutation,
} from "../../../graphql/generated";
import { refetchOnSuccess, runMutation } from "../../../lib/graphql";
import { useI18n } from "../../../lib/i18n";
import type { ActionOutcome, AskAction, SubscriptionAction, SubscriptionRow } from "../components/SubscriptionGroups";
import { PAGE_QUERIES, SENT_REQUEST_QUERIES } from "./page-queries";

/**
 * The actions on the customer's subscriptions: cancel, suspend, reactivate (providers and direct-bill partners),
 * or a reseller's "ask the provider to" (requestProviderAction). Tracks the running one and each subscription's
 * last outcome: its errors, what was done (with the decision's advisories), or the request sent.
 */
export function useSubscriptionActions(customerId: string) {
  const { t } = useI18n();
  // Refetch even when refused: the version or the decisions may have moved on.
  const actionOptions = { refetchQueries: PAGE_QUERIES };
  const [cancel] = useCustomerCancelSubscriptionMutation(actionOptions);
  const [suspend] = useCustomerSuspendSubscriptionMutation(actionOptions);
  const [reactivate] = useCustomerReactivateSubscriptionMutation(actionOptions);
  const [requestProviderAction] = useCustomerRequestProviderActionMutation({
    refetchQueries: refetchOnSuccess((d) => d.requestProviderAction, SENT_REQUEST_QUERIES),
  });
  const [pending, setPending] = useState<{ id: string; action: AskAction } | null>(null);
  const [outcomes, setOutcomes] = useState<Record<string, ActionOutcome>>({});
  const record = (id: string, outcome: ActionOutcome) => setOutcomes((prev) => ({ ...prev, [id]: outcome }));

  async function run(s: SubscriptionRow, action: SubscriptionAction) {
    setPending({ id: s.id, action });
    const variables = { input: { subscriptionId: s.id, expectedVersion: s.version } };
    const { done, errors } = await runMutation(async () => {
      if (action === "CANCEL") return (await cancel({ variables })).data?.cancelSubscription;
      if (action === "SUSPEND") return (await suspend({ variables })).data?.suspendSubscription;
      return (await reactivate({ variables })).data?.reactivateSubscription;
    });
    const advisories = done?.decision?.advisories.length
      ? { eligible: true, blocking: [], advisories: done.decision.advisories }
      : null;
    record(s.id, { errors, done: done ? t(`customers.done.${action}`, { name: s.offerName }) : null, advisories });
    setPending(null);
  }

  async function ask(s: SubscriptionRow, action: AskAction, providerId: string, note: string) {
    setPending({ id: s.id, action });
    const input = { action, customerId, providerId, subscriptionId: s.id, note: note || null };
    const { done, errors } = await runMutation(
      async () => (await requestProviderAction({ variables: { input } })).data?.requestProviderAction,
    );
    const sent = done?.providerRequest
      ? {
          providerName: done.providerRequest.provider.name,
          what: t(`customers.ask.what.${action}`, { name: s.offerName }),
          decision: done.providerDecision,
        }
      : null;
    record(s.id, { errors, done: null, advisories: null, sent });
    setPending(null);
  }

  return { pending, outcomes, run, ask };
}
