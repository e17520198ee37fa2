import type { Locale } from "../../common/locale";
import { InputChecks } from "../../common/validate";
import { OfferKind, SalesChannel, SubscriptionStatus } from "../../domain/enums";
import type { OrderSubscriptionInput, RegisterExternalSubscriptionInput } from "./subscription.types";

// What the subscription mutations check before anything is read, and where an ORDER refusal is shown.

/** registerExternalSubscription: a non-CSP subscription, with its dates in order and a status it can hold. */
export function registerChecks(input: RegisterExternalSubscriptionInput, locale: Locale): InputChecks {
  const checks = new InputChecks(locale)
    .text("offerName", input.offerName, 2, 200)
    .integer("quantity", input.quantity, 1, 1_000_000)
    .date("purchaseDate", input.purchaseDate)
    .date("commitmentEndDate", input.commitmentEndDate);
  if (input.channel === SalesChannel.CSP) checks.fail("channel", "CSP_IS_ORDERED_NOT_REGISTERED");
  if (checks.ok && input.commitmentEndDate < input.purchaseDate)
    checks.fail("commitmentEndDate", "NOT_BEFORE_FIELD", { field: "purchaseDate" });
  if (input.status === SubscriptionStatus.DELETED) checks.fail("status", "DELETED_CANNOT_BE_REGISTERED");
  return checks;
}

/** orderSubscription: a license-based offer has seats and a term; a usage-based one (the Azure plan) one unit. */
export function orderChecks(input: OrderSubscriptionInput, locale: Locale): InputChecks {
  const license = input.offerKind === OfferKind.LICENSE_BASED;
  const checks = new InputChecks(locale)
    .text("offerName", input.offerName, 2, 200)
    .text("offerId", input.offerId, 2, 100);
  if (license) {
    checks.integer("quantity", input.quantity, 1, 300_000);
    if (!input.termDuration) checks.fail("termDuration", "REQUIRED_FOR_LICENSE_BASED");
  } else if (input.quantity !== 1) {
    checks.fail("quantity", "QUANTITY_ONE_FOR_USAGE_BASED");
  }
  if (input.isAzurePlan && license) checks.fail("isAzurePlan", "AZURE_PLAN_IS_USAGE_BASED");
  return checks;
}

/** Which input field each ORDER rule is about, so forms can show the reason beside it. */
const ORDER_FIELDS: Readonly<Record<string, string>> = {
  R1: "customerId",
  R3: "customerId",
  R4: "customerId",
  R9: "customerId",
  R23: "resellerId",
  R24: "resellerId",
  R25: "resellerId",
  R26: "resellerId",
  R27: "resellerId",
};

/** The input field an ORDER rule's refusal is shown on (null: it is about the actor, not a field). */
export const orderRuleField = (ruleId: string): string | null => ORDER_FIELDS[ruleId] ?? null;
