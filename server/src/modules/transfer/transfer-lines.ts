import { decodeId } from "../../common/global-id";
import { ensureNoErrors, ensureThat } from "../../common/ensure";
import type { Locale } from "../../common/locale";
import { userError, UserErrorCode, type UserError } from "../../common/user-error";
import { userMessage, type Translate } from "../../common/user-messages";
import { SubscriptionStatus } from "../../domain/enums";
import { ruleMessage } from "../eligibility/messages";
import type { Decision } from "../eligibility/rule";
import type { CustomerSubscription } from "../subscription/customer-subscription.entity";

// The lines of a transfer: which subscriptions a createTransfer names, which of them are decided (the bases; their
// add-ons move along), and how a refusal about one line is reported on the input field that named it.

/** Partner Center accepts at most 25 line items per transfer. */
export const MAX_TRANSFER_LINES = 25;

/** The subscriptions a createTransfer names: database ids without repeats, each with its index in the input. */
export class RequestedSubscriptions {
  private constructor(private readonly inputIndex: ReadonlyMap<string, number>) {}

  /** INVALID_INPUT on subscriptionIds unless it names 1–25 subscriptions, every one a well-formed id. */
  static parse(globalIds: readonly string[], t: Translate): RequestedSubscriptions {
    const inputIndex = new Map<string, number>();
    let malformed = false;
    globalIds.forEach((globalId, i) => {
      const id = decodeId(globalId, "CustomerSubscription");
      if (typeof id !== "string") malformed = true;
      else if (!inputIndex.has(id)) inputIndex.set(id, i);
    });
    ensureThat(!malformed && inputIndex.size >= 1 && inputIndex.size <= MAX_TRANSFER_LINES, () =>
      userError("subscriptionIds", UserErrorCode.INVALID_INPUT, t("TRANSFER_LINE_COUNT", { max: MAX_TRANSFER_LINES })),
    );
    return new RequestedSubscriptions(inputIndex);
  }

  get ids(): string[] {
    return [...this.inputIndex.keys()];
  }

  /** The input field that named a subscription: its first index in the input as sent (repeats included). */
  field(id: string): string {
    return `subscriptionIds.${this.inputIndex.get(id) ?? 0}`;
  }

  /**
   * Splits the rows read for the request (the named subscriptions and their add-ons) into the bases to decide and
   * every line to write. NOT_FOUND on each named id the customer does not hold. A named add-on whose base is named
   * too is no line of its own: add-ons move with their base, when ACTIVE.
   */
  lines(
    rows: readonly CustomerSubscription[],
    t: Translate,
  ): { bases: CustomerSubscription[]; lines: CustomerSubscription[] } {
    const byId = new Map(rows.map((s) => [s.id, s]));
    const named = this.ids.flatMap((id) => byId.get(id) ?? []);
    ensureNoErrors(
      this.ids
        .filter((id) => !byId.has(id))
        .map((id) => userError(this.field(id), UserErrorCode.NOT_FOUND, t("CUSTOMER_SUBSCRIPTION_NOT_FOUND"))),
    );
    const isAddOnOfNamed = (s: CustomerSubscription) => s.parentId !== null && this.inputIndex.has(s.parentId);
    const bases = named.filter((s) => !isAddOnOfNamed(s));
    const addOns = rows.filter((s) => isAddOnOfNamed(s) && s.status === SubscriptionStatus.ACTIVE);
    return { bases, lines: [...bases, ...addOns.filter((a) => !bases.includes(a))] };
  }
}

/** The subscriptions of a transfer's lines that are decided: all but the add-ons whose base is on a line too. */
export function basesOf(subscriptions: readonly CustomerSubscription[]): CustomerSubscription[] {
  const onLines = new Set(subscriptions.map((s) => s.id));
  return subscriptions.filter((s) => s.parentId === null || !onLines.has(s.parentId));
}

/** The one partner that bills every base: INVALID_INPUT when they come from several (split the transfer). */
export function onlySource(bases: readonly CustomerSubscription[], t: Translate): string {
  const [source, ...others] = new Set(bases.map((s) => s.transactingPartnerId));
  ensureThat(typeof source === "string" && others.length === 0, () =>
    userError("subscriptionIds", UserErrorCode.INVALID_INPUT, t("TRANSFER_ONE_SOURCE")),
  );
  return source;
}

/** createTransfer: TRANSFER rules about the actor or the named reseller, not a line, and their input field. */
export const ACTOR_RULE_FIELDS: Readonly<Record<string, string | null>> = {
  R4: "customerId",
  R12: "customerId",
  R19: "resellerId",
  R22: null,
  R23: "resellerId",
  R24: "resellerId",
  R25: "resellerId",
  R26: "resellerId",
  R35: null,
};

/**
 * Blocking reasons of every line's decision, named by subscription, on the field `fieldOf` gives it. Reasons listed
 * in `actorFields` fire for every line alike: they are reported once, on their own field.
 */
export function lineErrors(
  decisions: ReadonlyMap<string, Decision>,
  subscriptions: readonly CustomerSubscription[],
  fieldOf: (s: CustomerSubscription) => string,
  locale: Locale,
  actorFields: Readonly<Record<string, string | null>> = {},
): UserError[] {
  const actor = new Map<string, UserError>();
  const lines = subscriptions.flatMap((s) =>
    (decisions.get(s.id)?.blocking ?? []).flatMap((r) => {
      const reason = ruleMessage(r.ruleId, locale);
      if (!(r.ruleId in actorFields)) {
        const message = userMessage(locale, "SUBSCRIPTION_REASON", { offer: s.offerName, reason });
        return [userError(fieldOf(s), r.code, message, r.ruleId)];
      }
      if (!actor.has(r.ruleId)) actor.set(r.ruleId, userError(actorFields[r.ruleId] ?? null, r.code, reason, r.ruleId));
      return [];
    }),
  );
  return [...actor.values(), ...lines];
}
