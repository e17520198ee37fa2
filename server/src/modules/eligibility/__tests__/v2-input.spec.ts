import { describe, expect, it } from "vitest";
import { EligibilityAction, RuleBook } from "../../../domain/enums";
import { checkV2Input } from "../v2-input";

const none = { quantity: null, autoRenew: null, change: null, transferId: null };
const refusal = (run: () => void) => {
  try {
    run();
  } catch (error) {
    const e = error as { message: string; extensions: { code: string; field: string } };
    return { code: e.extensions.code, field: e.extensions.field, message: e.message };
  }
  return null;
};

describe("checkV2Input", () => {
  it("a valueless V2 action (removing the saved change) exists only under V2", () => {
    expect(refusal(() => checkV2Input({ ...none, action: "CANCEL_SCHEDULED_CHANGE" }, RuleBook.V1))).toEqual({
      code: "BAD_USER_INPUT",
      field: "action",
      message: "action: exists only under rule book V2 (this server runs V1)",
    });
    expect(refusal(() => checkV2Input({ ...none, action: "CANCEL_SCHEDULED_CHANGE" }, RuleBook.V2))).toBeNull();
  });

  it("a valueless V2 action takes none of the value fields", () => {
    const withChange = { ...none, action: "CANCEL_SCHEDULED_CHANGE" as const, change: { quantity: 3 } };
    expect(refusal(() => checkV2Input(withChange, RuleBook.V2))).toMatchObject({
      field: "change",
      message: "change: is only for SCHEDULE_CHANGE",
    });
    const withQuantity = { ...none, action: "CANCEL_SCHEDULED_CHANGE" as const, quantity: 2 };
    expect(refusal(() => checkV2Input(withQuantity, RuleBook.V2))).toMatchObject({ field: "quantity" });
  });

  it("the valued V2 actions still need their value, and V1 refuses them", () => {
    expect(
      refusal(() => checkV2Input({ ...none, action: EligibilityAction.SCHEDULE_CHANGE }, RuleBook.V2)),
    ).toMatchObject({ field: "change", message: "change: is required for SCHEDULE_CHANGE" });
    expect(
      refusal(() => checkV2Input({ ...none, action: EligibilityAction.CHANGE_QUANTITY, quantity: 2 }, RuleBook.V1)),
    ).toMatchObject({ field: "action" });
    expect(refusal(() => checkV2Input({ ...none, action: EligibilityAction.CANCEL }, RuleBook.V1))).toBeNull();
  });
});
