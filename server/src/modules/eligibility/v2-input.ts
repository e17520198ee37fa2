import { badInput } from "../../common/errors";
import { EligibilityAction, RuleBook } from "../../domain/enums";
import type { EligibilityInput } from "./eligibility.types";
import { V2_ONLY_ACTIONS } from "./registry";

/**
 * V2 actions that carry no value and have no engine action of their own: removing the change saved for renewal (a
 * reseller's CANCEL_SCHEDULED_CHANGE request) is decided as SCHEDULE_CHANGE to the current plan and seats
 * (docs/rules.md "Removing a scheduled change"), names only its subscription, and exists only under V2.
 */
export const VALUELESS_V2_ACTIONS = ["CANCEL_SCHEDULED_CHANGE"] as const;
export type ValuelessV2Action = (typeof VALUELESS_V2_ACTIONS)[number];

export const isValuelessV2Action = (action: string): action is ValuelessV2Action =>
  (VALUELESS_V2_ACTIONS as readonly string[]).includes(action);

/**
 * The subject fields of the V2 actions, and the V2-only inputs and actions (RULES.md: they exist only under V2). A
 * valueless V2 action takes none of the value fields.
 */
export function checkV2Input(
  input: Pick<EligibilityInput, "quantity" | "autoRenew" | "change" | "transferId"> & {
    action: EligibilityAction | ValuelessV2Action;
  },
  ruleBook: RuleBook,
): void {
  const v2Only = (field: string) => badInput(field, "exists only under rule book V2 (this server runs V1)");
  if (ruleBook !== RuleBook.V2) {
    if (isValuelessV2Action(input.action) || V2_ONLY_ACTIONS.has(input.action)) throw v2Only("action");
    for (const field of ["quantity", "autoRenew", "change", "transferId"] as const)
      if (input[field] !== undefined && input[field] !== null) throw v2Only(field);
    return;
  }
  const only = (field: "quantity" | "autoRenew" | "change" | "transferId", action: EligibilityAction) => {
    const given = input[field] !== undefined && input[field] !== null;
    if (input.action === action && !given) throw badInput(field, `is required for ${action}`);
    if (input.action !== action && given) throw badInput(field, `is only for ${action}`);
  };
  only("quantity", EligibilityAction.CHANGE_QUANTITY);
  only("autoRenew", EligibilityAction.SET_AUTO_RENEW);
  only("change", EligibilityAction.SCHEDULE_CHANGE);
  if (input.transferId && input.action !== EligibilityAction.TRANSFER)
    throw badInput("transferId", "is only for TRANSFER");
  if (input.quantity !== undefined && input.quantity !== null && input.quantity < 0)
    throw badInput("quantity", "must be a whole number ≥ 0");
  const c = input.change;
  if (c) {
    if ((c.quantity ?? null) === null && (c.termDuration ?? null) === null && (c.billingCycle ?? null) === null)
      throw badInput("change", "needs at least one of quantity, termDuration, billingCycle");
    if (c.quantity !== undefined && c.quantity !== null && c.quantity < 0)
      throw badInput("change.quantity", "must be a whole number ≥ 0");
  }
}
