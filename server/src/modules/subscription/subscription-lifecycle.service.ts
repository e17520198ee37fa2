import { ensure, ensureNoErrors, ensureThat } from "../../common/ensure";
import { dateOf, formatInstant, type Instant } from "../../common/instants";
import { userError, UserErrorCode } from "../../common/user-error";
import { InputChecks } from "../../common/validate";
import { updateVersioned } from "../../common/versioned";
import { CommerceModel, EligibilityAction, RuleBook, SalesChannel } from "../../domain/enums";
import type { ServiceContext } from "../../service-context";
import { upstreamProvenance } from "../../upstream/write-through";
import { EligibilityService, decisionTime, subscriptionFacts } from "../eligibility/eligibility.service";
import type { EligibilityDecision } from "../eligibility/eligibility.types";
import type { ScheduledChangeFacts, Tranche } from "../eligibility/facts";
import { decisionErrors, presentDecision } from "../eligibility/present";
import type { Decision } from "../eligibility/rule";
import { CustomerSubscription } from "./customer-subscription.entity";
import { addSeats, removeSeats, storedTranches } from "./seat-tranches";
import type {
  CancelScheduledChangeInput,
  ChangeSubscriptionQuantityInput,
  ScheduleSubscriptionChangeInput,
  SetSubscriptionAutoRenewInput,
  SubscriptionChangePayload,
} from "./subscription-lifecycle.inputs";
import type { ScheduledChange, SeatTranche } from "./subscription-lifecycle.types";
import { visibleSubscription } from "./subscription.lookups";
import { patchUpstreamSubscription } from "./subscription.upstream";

// Rule book V2's lifecycle mutations (RULES.md "v2: actions"). Each decides with the engine exactly as
// `eligibility(action: …)` does with the same inputs (same facts, the request's instant), refuses with every blocking
// reason, and only then writes, over the version it decided on.

type Result = Partial<SubscriptionChangePayload>;
type Subject = { quantity?: number; autoRenew?: boolean; change?: ScheduledChangeFacts };

/** The input field each rule's refusal is shown on; the subject otherwise. */
const RULE_FIELDS: Readonly<Record<string, Partial<Record<EligibilityAction, string>>>> = {
  R43: { [EligibilityAction.CHANGE_QUANTITY]: "quantity", [EligibilityAction.SCHEDULE_CHANGE]: "change.quantity" },
  R44: { [EligibilityAction.CHANGE_QUANTITY]: "quantity" },
  R50: { [EligibilityAction.SCHEDULE_CHANGE]: "change.billingCycle" },
};
const fieldFor = (action: EligibilityAction) => (ruleId: string) => RULE_FIELDS[ruleId]?.[action] ?? "subscriptionId";

const MAX_SEATS = 1_000_000;
const tranche = (t: Tranche): SeatTranche => ({ quantity: t.quantity, purchasedAt: formatInstant(t.purchasedAt) });

/** The stored scheduled change with only the fields it sets (an absent one keeps the current value). */
function savedChange(change: ScheduledChangeFacts): ScheduledChange {
  const saved: ScheduledChange = {};
  if (change.quantity !== undefined && change.quantity !== null) saved.quantity = change.quantity;
  if (change.termDuration) saved.termDuration = change.termDuration;
  if (change.billingCycle) saved.billingCycle = change.billingCycle;
  return saved;
}

export class SubscriptionLifecycleService {
  /** CHANGE_QUANTITY: an increase adds a tranche at now; a reduction takes seats from the newest open window first. */
  async changeQuantity(s: ServiceContext, input: ChangeSubscriptionQuantityInput): Promise<Result> {
    const subscription = await this.subject(s, input.subscriptionId);
    ensureNoErrors(new InputChecks(s.locale).integer("quantity", input.quantity, 0, MAX_SEATS).errors);
    const { at, presented } = await this.decide(s, subscription, EligibilityAction.CHANGE_QUANTITY, {
      quantity: input.quantity,
    });
    const current = subscriptionFacts(subscription);
    const difference = input.quantity - subscription.quantity;
    if (difference === 0) return { subscription, decision: presented };
    let tranches: Tranche[];
    let addedTranche: SeatTranche | null = null;
    let removedSeats: SeatTranche[] | null = null;
    if (difference > 0) {
      const added = addSeats(current.tranches, difference, at);
      tranches = added.tranches;
      addedTranche = tranche(added.added);
    } else {
      const windows = subscription.commerceModel === CommerceModel.NEW_COMMERCE;
      const removed = removeSeats(current.tranches, -difference, at, windows);
      tranches = removed.tranches;
      removedSeats = removed.removed.map(tranche);
    }
    // Allowed: Partner Center changes it first (PATCH quantity); a refusal leaves both sides as they were. A mid-term
    // change deletes the saved change there too (create-scheduled-changes): the PATCH says so explicitly.
    await patchUpstreamSubscription(
      s,
      subscription,
      { quantity: input.quantity, ...(subscription.scheduledChange !== null ? { scheduledChange: null } : {}) },
      {
        operation: EligibilityAction.CHANGE_QUANTITY,
        partial: { decision: presented, subscription },
      },
    );
    const changed = await this.write(s, subscription, input.expectedVersion, {
      quantity: input.quantity,
      tranches: storedTranches(tranches),
      scheduledChange: null,
    });
    return {
      subscription: changed,
      decision: presented,
      deletedScheduledChange: subscription.scheduledChange,
      addedTranche,
      removedSeats,
    };
  }

  /** SET_AUTO_RENEW: turning it off deletes the change saved for renewal (R45). */
  async setAutoRenew(s: ServiceContext, input: SetSubscriptionAutoRenewInput): Promise<Result> {
    const subscription = await this.subject(s, input.subscriptionId);
    const { presented } = await this.decide(s, subscription, EligibilityAction.SET_AUTO_RENEW, {
      autoRenew: input.autoRenew,
    });
    if (input.autoRenew === subscription.autoRenew) return { subscription, decision: presented };
    const deletes = !input.autoRenew && subscription.scheduledChange !== null;
    await patchUpstreamSubscription(
      s,
      subscription,
      { autoRenew: input.autoRenew, ...(deletes ? { scheduledChange: null } : {}) },
      {
        operation: EligibilityAction.SET_AUTO_RENEW,
        partial: { decision: presented, subscription },
      },
    );
    const changed = await this.write(s, subscription, input.expectedVersion, {
      autoRenew: input.autoRenew,
      ...(deletes ? { scheduledChange: null } : {}),
    });
    return {
      subscription: changed,
      decision: presented,
      deletedScheduledChange: deletes ? subscription.scheduledChange : null,
    };
  }

  /** SCHEDULE_CHANGE: saves the change for the next renewal, replacing the saved one (no advisory, RULES.md). */
  async scheduleChange(s: ServiceContext, input: ScheduleSubscriptionChangeInput): Promise<Result> {
    const subscription = await this.subject(s, input.subscriptionId);
    const change = savedChange(input.change);
    const checks = new InputChecks(s.locale);
    if (Object.keys(change).length === 0) checks.fail("change", "CHANGE_NEEDS_A_FIELD");
    if (change.quantity !== undefined && change.quantity !== null)
      checks.integer("change.quantity", change.quantity, 0, MAX_SEATS);
    ensureNoErrors(checks.errors);
    const { presented } = await this.decide(s, subscription, EligibilityAction.SCHEDULE_CHANGE, { change });
    // Allowed: saved in Partner Center first (scheduledNextTermInstructions); a refusal leaves both sides as they were.
    await patchUpstreamSubscription(
      s,
      subscription,
      { scheduledChange: change },
      { operation: EligibilityAction.SCHEDULE_CHANGE, partial: { decision: presented, subscription } },
    );
    const changed = await this.write(s, subscription, input.expectedVersion, { scheduledChange: change });
    return { subscription: changed, decision: presented };
  }

  /**
   * Removes the saved change. Partner Center lets a partner "view, update, or remove" it under the same conditions as
   * saving one, so this is decided as SCHEDULE_CHANGE to the current plan and quantity (renewing as it is).
   */
  async cancelScheduledChange(s: ServiceContext, input: CancelScheduledChangeInput): Promise<Result> {
    const subscription = await this.subject(s, input.subscriptionId);
    ensureThat(subscription.scheduledChange !== null, () =>
      userError("subscriptionId", UserErrorCode.INVALID_STATE, s.t("NO_SCHEDULED_CHANGE")),
    );
    const renewAsItIs = {
      quantity: subscription.quantity,
      termDuration: subscription.termDuration,
      billingCycle: subscription.billingCycle,
    };
    const { presented } = await this.decide(s, subscription, EligibilityAction.SCHEDULE_CHANGE, {
      change: renewAsItIs,
    });
    await patchUpstreamSubscription(
      s,
      subscription,
      { scheduledChange: null },
      { operation: "cancelScheduledChange", partial: { decision: presented, subscription } },
    );
    const changed = await this.write(s, subscription, input.expectedVersion, { scheduledChange: null });
    return { subscription: changed, decision: presented, deletedScheduledChange: subscription.scheduledChange };
  }

  /** The subscription, locked for the update; these actions exist only under rule book V2. */
  private async subject(s: ServiceContext, globalId: string): Promise<CustomerSubscription> {
    const subscription = await visibleSubscription(s, globalId, { lock: true });
    ensureThat(s.config.ruleBook === RuleBook.V2, () =>
      userError(null, UserErrorCode.NOT_ALLOWED, s.t("RULE_BOOK_V2_ONLY")),
    );
    return subscription;
  }

  /** The engine's decision at the request's instant (as the eligibility query decides), audited; refused → errors. */
  private async decide(
    s: ServiceContext,
    subscription: CustomerSubscription,
    action: EligibilityAction,
    subject: Subject,
  ): Promise<{ at: Instant; decision: Decision; presented: EligibilityDecision }> {
    const time = decisionTime(s);
    const decisions = await new EligibilityService(s.em).decideForSubscriptions(s.actor, action, [subscription], {
      asOf: s.today,
      ...time,
      policy: s.config.transferPolicy,
      ...subject,
    });
    const decision = ensure(decisions.get(subscription.id), () => new Error(`no ${action} decision`));
    const presented = presentDecision(decision, dateOf(time.at), s.locale, time.at);
    s.audit.decision(presented);
    ensureNoErrors(decisionErrors(decision, fieldFor(action), s.locale), { decision: presented, subscription });
    return { at: time.at, decision, presented };
  }

  private async write(
    s: ServiceContext,
    subscription: CustomerSubscription,
    expectedVersion: number | null | undefined,
    changes: Partial<Pick<CustomerSubscription, "quantity" | "tranches" | "autoRenew" | "scheduledChange">>,
  ): Promise<CustomerSubscription> {
    const changed = await updateVersioned(
      s.em,
      CustomerSubscription,
      subscription,
      // A CSP subscription's change was Partner Center's answer first: its provenance, as the status changes write.
      {
        ...changes,
        updatedAt: new Date(),
        ...(subscription.channel === SalesChannel.CSP ? upstreamProvenance(s) : {}),
      },
      () => userError("expectedVersion", UserErrorCode.CONFLICT, s.t("SUBSCRIPTION_CHANGED")),
      { expectedVersion },
    );
    s.audit.change("CustomerSubscription", subscription, changed);
    return changed;
  }
}
