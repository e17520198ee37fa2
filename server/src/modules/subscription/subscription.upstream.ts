import { SalesChannel } from "../../domain/enums";
import type { ServiceContext } from "../../service-context";
import type { SubscriptionPatch } from "../../upstream/upstream";
import { writeThrough } from "../../upstream/write-through";
import type { CustomerSubscription } from "./customer-subscription.entity";

/**
 * Writes a change of an existing subscription through to Partner Center (subscription PATCH: status, quantity,
 * autoRenewEnabled, scheduledNextTermInstructions), after the rule book allowed it and before the local write. Only
 * CSP subscriptions live in Partner Center; other channels' are channelgate's own records. The lifecycle mutations
 * call this with `{ quantity }`, `{ autoRenew }` or `{ scheduledChange }` (null: a mid-term change or
 * cancelScheduledChange removes it); `partial` is the payload returned with a refusal.
 */
export async function patchUpstreamSubscription(
  s: ServiceContext,
  subscription: CustomerSubscription,
  patch: SubscriptionPatch,
  what: { operation: string; partial: Record<string, unknown> },
): Promise<void> {
  if (subscription.channel !== SalesChannel.CSP) return;
  await writeThrough(s, { operation: what.operation, field: "subscriptionId", partial: what.partial }, () =>
    s.upstream.updateSubscription(subscription.customerId, subscription.id, patch, s.upstreamRequestId),
  );
}
