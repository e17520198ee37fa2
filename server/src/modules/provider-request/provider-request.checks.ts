import { CAN_CANCEL, CAN_ORDER, CAN_REACTIVATE, CAN_SUSPEND, CAN_TRANSFER } from "../../auth/roles";
import { forbidden } from "../../common/errors";
import type { Locale } from "../../common/locale";
import { userMessage } from "../../common/user-messages";
import { InputChecks } from "../../common/validate";
import { OfferKind, type UserRole } from "../../domain/enums";
import { MAX_NOTE_LENGTH, ProviderRequestAction } from "./provider-request.entity";
import type { RequestProviderActionInput } from "./provider-request.types";

// What a provider request must satisfy before anything is read: the viewer's role for its action, and its input.

/** Roles that may ask for, answer or withdraw each action: those of the mutation that does it (auth/roles.ts). */
const ACTION_ROLES: Record<ProviderRequestAction, readonly UserRole[]> = {
  ORDER: CAN_ORDER,
  CANCEL: CAN_CANCEL,
  SUSPEND: CAN_SUSPEND,
  REACTIVATE: CAN_REACTIVATE,
  TRANSFER: CAN_TRANSFER,
  // The lifecycle mutations have the subscription writers' rows, as cancelSubscription does.
  CHANGE_QUANTITY: CAN_CANCEL,
  SET_AUTO_RENEW: CAN_CANCEL,
  SCHEDULE_CHANGE: CAN_CANCEL,
  CANCEL_SCHEDULED_CHANGE: CAN_CANCEL,
};

/** Roles that may handle some action: the provider-request mutations' rows of the permission matrix (a test checks). */
export const ANY_ACTION_ROLES = [...new Set(Object.values(ACTION_ROLES).flat())];

/** FORBIDDEN, like the permission matrix, when the role may not do this action. */
export function ensureActionRole(role: UserRole, action: ProviderRequestAction, locale: Locale): void {
  if (!ACTION_ROLES[action].includes(role)) {
    throw forbidden(
      userMessage(locale, "ROLE_FORBIDDEN_FOR_ACTION", { role, action, roles: ACTION_ROLES[action].join(", ") }),
    );
  }
}

const present = <T>(v: T | null | undefined): v is T => v !== null && v !== undefined;

/** Input checks of requestProviderAction: the ORDER offer fields, the subscription of the other actions, the note. */
export function requestChecks(input: RequestProviderActionInput, locale: Locale): InputChecks {
  const checks = new InputChecks(locale);
  if (input.action === ProviderRequestAction.ORDER) orderChecks(checks, input);
  else {
    if (!input.subscriptionId) checks.fail("subscriptionId", "REQUIRED_FOR_ACTION", { action: input.action });
    for (const field of ["offerName", "offerId", "offerKind", "termDuration"] as const) {
      if (present(input[field])) checks.fail(field, "ONLY_USED_FOR_ORDER");
    }
    lifecycleChecks(checks, input);
  }
  if (present(input.note)) checks.text("note", input.note, 0, MAX_NOTE_LENGTH);
  return checks;
}

/** The value each V2 lifecycle action asks for: required with its action, refused with any other. */
function lifecycleChecks(checks: InputChecks, input: RequestProviderActionInput): void {
  const { CHANGE_QUANTITY, SET_AUTO_RENEW, SCHEDULE_CHANGE } = ProviderRequestAction;
  if (input.action === CHANGE_QUANTITY) {
    if (present(input.quantity)) checks.integer("quantity", input.quantity, 1, 300_000);
    else checks.fail("quantity", "REQUIRED_FOR_ACTION", { action: CHANGE_QUANTITY });
  } else if (present(input.quantity)) checks.fail("quantity", "ONLY_FOR_ACTION", { action: "ORDER, CHANGE_QUANTITY" });
  if (input.action === SET_AUTO_RENEW && !present(input.autoRenew))
    checks.fail("autoRenew", "REQUIRED_FOR_ACTION", { action: SET_AUTO_RENEW });
  if (input.action !== SET_AUTO_RENEW && present(input.autoRenew))
    checks.fail("autoRenew", "ONLY_FOR_ACTION", { action: SET_AUTO_RENEW });
  if (input.action === SCHEDULE_CHANGE && !present(input.change))
    checks.fail("change", "REQUIRED_FOR_ACTION", { action: SCHEDULE_CHANGE });
  if (input.action !== SCHEDULE_CHANGE && present(input.change))
    checks.fail("change", "ONLY_FOR_ACTION", { action: SCHEDULE_CHANGE });
}

function orderChecks(checks: InputChecks, input: RequestProviderActionInput): void {
  for (const [field, value, max] of [
    ["offerName", input.offerName, 200],
    ["offerId", input.offerId, 100],
  ] as const) {
    if (present(value)) checks.text(field, value, 2, max);
    else checks.fail(field, "REQUIRED_FOR_ACTION", { action: ProviderRequestAction.ORDER });
  }
  if (!input.offerKind) {
    checks.fail("offerKind", "REQUIRED_FOR_ACTION", { action: ProviderRequestAction.ORDER });
  } else if (input.offerKind === OfferKind.LICENSE_BASED) {
    if (present(input.quantity)) checks.integer("quantity", input.quantity, 1, 300_000);
    else checks.fail("quantity", "REQUIRED_FOR_LICENSE_BASED");
    if (!input.termDuration) checks.fail("termDuration", "REQUIRED_FOR_LICENSE_BASED");
  } else if (present(input.quantity) && input.quantity !== 1) {
    checks.fail("quantity", "QUANTITY_ONE_FOR_USAGE_BASED");
  }
  if (present(input.subscriptionId)) checks.fail("subscriptionId", "NOT_USED_FOR_ORDER");
  if (present(input.autoRenew)) checks.fail("autoRenew", "NOT_USED_FOR_ORDER");
  if (present(input.change)) checks.fail("change", "NOT_USED_FOR_ORDER");
}

/** Input checks of resolveProviderRequest: the note to the reseller. */
export function responseChecks(responseNote: string | null | undefined, locale: Locale): InputChecks {
  const checks = new InputChecks(locale);
  if (present(responseNote)) checks.text("responseNote", responseNote, 0, MAX_NOTE_LENGTH);
  return checks;
}

/** A note as stored: trimmed, and null when blank. */
export const cleanNote = (note: string | null | undefined): string | null => note?.trim() || null;
