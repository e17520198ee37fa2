import { describe, expect, it } from "vitest";
import { formatInstant, parseInstant } from "../../../common/instants";
import { marketOf, sameMarket } from "../../../domain/markets";
import {
  BillingCycle,
  CommerceModel,
  EligibilityAction,
  ProductType,
  ProgramStatus,
  RuleBook,
  TermDuration,
  TransferPolicy,
  TransferStatus,
} from "../../../domain/enums";
import { decide } from "../engine";
import { rulesV2ByAction } from "../registry";
import { buildFacts, type FactsOverrides } from "./facts-builder";

// Rule book V2 (../shared/domain/RULES.md "Rule book v2"): instants, markets, the lifecycle actions, the time-bound
// answers and a few corrections, on the pure engine.

const t = (text: string): number => {
  const v = parseInstant(text);
  if (v === null) throw new Error(`bad instant ${text}`);
  return v;
};
const AT = t("2026-11-24T10:00:00Z");
const v2 = (action: EligibilityAction, overrides: FactsOverrides = {}) =>
  decide(buildFacts(action, { ruleBook: RuleBook.V2, at: AT, asOf: "2026-11-24", ...overrides }));
const codes = (d: ReturnType<typeof decide>) => d.blocking.map((r) => r.code);
const iso = (v: number | null) => (v === null ? null : formatInstant(v));

describe("instants", () => {
  it("reads a date as 00:00:00 UTC and a date-time with its zone, to the second", () => {
    expect(formatInstant(t("2026-11-27"))).toBe("2026-11-27T00:00:00Z");
    expect(t("2026-11-27T15:00Z")).toBe(t("2026-11-27T15:00:00Z"));
    expect(t("2026-11-27T16:00:00+01:00")).toBe(t("2026-11-27T15:00:00Z"));
    expect(t("2026-11-27T00:30:00-02:00")).toBe(t("2026-11-27T02:30:00Z"));
  });

  it("refuses a time without a zone, fractional seconds and impossible dates", () => {
    for (const bad of ["2026-11-27T15:00:00", "2026-11-27T15:00:00.5Z", "2026-02-30", "2026-11-27T24:00Z", "x"])
      expect(parseInstant(bad), bad).toBeNull();
  });
});

describe("CSP markets (C1)", () => {
  it("puts countries of one market together and keeps Puerto Rico out of the United States market", () => {
    expect(sameMarket("PT", "ES")).toBe(true);
    expect(sameMarket("US", "PR")).toBe(false);
    expect(sameMarket("US", "CA")).toBe(false);
    expect(marketOf("XX")).not.toBe(marketOf("YY"));
  });

  it("R4 compares markets under V2 and countries under V1", () => {
    const facts: FactsOverrides = { actor: { country: "PT" }, customer: { country: "ES" } };
    expect(codes(v2(EligibilityAction.ORDER, facts))).toEqual([]);
    expect(codes(decide(buildFacts(EligibilityAction.ORDER, facts)))).toEqual(["CUSTOMER_REGION_MISMATCH"]);
  });
});

describe("CHANGE_QUANTITY", () => {
  const e3 = {
    quantity: 25,
    purchasedAt: t("2026-03-01T09:00:00Z"),
    tranches: [
      { quantity: 20, purchasedAt: t("2026-03-01T09:00:00Z") },
      { quantity: 5, purchasedAt: t("2026-11-20T15:00:00Z") },
    ],
  };

  it("removes seats of an open window until it closes, and reports the refundable seats", () => {
    const d = v2(EligibilityAction.CHANGE_QUANTITY, { subscription: e3, quantity: 20 });
    expect(d.eligible).toBe(true);
    expect(iso(d.eligibleUntil)).toBe("2026-11-27T15:00:00Z");
    expect(d.refundable).toEqual({ quantity: 5, details: [{ quantity: 5, allowedUntil: t("2026-11-27T15:00:00Z") }] });
  });

  it("refuses to remove seats whose window closed (R44), and time will not help", () => {
    const d = v2(EligibilityAction.CHANGE_QUANTITY, { subscription: e3, quantity: 19 });
    expect(codes(d)).toEqual(["SEAT_REDUCTION_WINDOW_CLOSED"]);
    expect(d.becomesEligibleAt).toBeNull();
  });

  it("adds seats at any time, but not for a suspended partner (R35), and warns about a scheduled change (R45)", () => {
    const d = v2(EligibilityAction.CHANGE_QUANTITY, {
      subscription: { ...e3, scheduledChange: { quantity: 10 } },
      quantity: 30,
      actor: { programStatus: ProgramStatus.SUSPENDED },
    });
    expect(d.blocking.map((r) => r.ruleId)).toEqual(["R35"]);
    expect(d.advisories.map((r) => r.code)).toEqual(["SCHEDULED_CHANGES_WILL_BE_DELETED"]);
    expect(d.eligibleUntil).toBeNull();
  });

  it("legacy commerce: any seat above one, no deadlines", () => {
    const legacy = { ...e3, commerceModel: CommerceModel.LEGACY };
    const d = v2(EligibilityAction.CHANGE_QUANTITY, { subscription: legacy, quantity: 1 });
    expect(d.eligible).toBe(true);
    expect(d.refundable).toEqual({ quantity: 24, details: [] });
    expect(codes(v2(EligibilityAction.CHANGE_QUANTITY, { subscription: legacy, quantity: 0 }))).toEqual([
      "QUANTITY_OUT_OF_RANGE",
    ]);
  });
});

describe("time-bound answers", () => {
  it("CANCEL of marketplace SaaS: 72 hours after the purchase", () => {
    const d = v2(EligibilityAction.CANCEL, {
      subscription: { productType: ProductType.MARKETPLACE_SAAS, purchasedAt: t("2026-11-22T12:00:00Z") },
    });
    expect(d.eligible).toBe(true);
    expect(iso(d.eligibleUntil)).toBe("2026-11-25T12:00:00Z");
  });

  it("R11 under LEGACY_2023 lifts when the term end date begins", () => {
    const d = v2(EligibilityAction.TRANSFER, {
      policy: TransferPolicy.LEGACY_2023,
      subscription: { commitmentEndDate: "2026-12-31", transactingPartnerId: "partner-source" },
    });
    expect(codes(d)).toEqual(["LICENSE_SUBSCRIPTION_LOCKED_UNTIL_TERM_END"]);
    expect(iso(d.becomesEligibleAt)).toBe("2026-12-31T00:00:00Z");
  });

  it("R16 (C6): an ACCEPTED transfer holds its lines whatever its age; a PENDING one for 720 hours", () => {
    const subject = { transactingPartnerId: "partner-source" };
    const accepted = v2(EligibilityAction.TRANSFER, {
      subscription: subject,
      transfersOfSubject: [{ status: TransferStatus.ACCEPTED, createdAt: t("2026-09-01") }],
    });
    expect(codes(accepted)).toEqual(["SUBSCRIPTION_IN_OTHER_TRANSFER"]);
    expect(accepted.becomesEligibleAt).toBeNull();
    const pending = v2(EligibilityAction.TRANSFER, {
      subscription: subject,
      transfersOfSubject: [{ status: TransferStatus.PENDING, createdAt: t("2026-11-20T08:00:00Z") }],
    });
    expect(iso(pending.becomesEligibleAt)).toBe("2026-12-20T08:00:01Z");
  });
});

describe("the other V2 actions", () => {
  it("SUPPORT by a suspended partner: blocked under V1, allowed under V2 (C2)", () => {
    const actor = { programStatus: ProgramStatus.SUSPENDED };
    expect(decide(buildFacts(EligibilityAction.SUPPORT, { actor })).eligible).toBe(false);
    expect(v2(EligibilityAction.SUPPORT, { actor }).eligible).toBe(true);
  });

  it("SCHEDULE_CHANGE needs auto-renew (R49) and an allowed billing plan (R50)", () => {
    const subscription = { termDuration: TermDuration.P1Y, billingCycle: BillingCycle.MONTHLY, autoRenew: false };
    const d = v2(EligibilityAction.SCHEDULE_CHANGE, {
      subscription,
      change: { termDuration: TermDuration.P1M, billingCycle: BillingCycle.ANNUAL },
    });
    expect(codes(d).sort()).toEqual(["BILLING_PLAN_NOT_ALLOWED", "SCHEDULED_CHANGE_REQUIRES_AUTO_RENEW"]);
  });

  it("every V2 action has its rules, none twice", () => {
    for (const [action, rules] of Object.entries(rulesV2ByAction)) {
      expect(rules.length, action).toBeGreaterThan(0);
      expect(new Set(rules).size, action).toBe(rules.length);
    }
  });
});
