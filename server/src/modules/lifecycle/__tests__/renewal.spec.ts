import { describe, expect, it } from "vitest";
import {
  BillingCycle,
  ProductType,
  RuleBook,
  SalesChannel,
  SubscriptionStatus,
  TermDuration,
  TransferStatus,
} from "../../../domain/enums";
import { anchoredTermEnd, termEnd, transferExpired, type TermFacts } from "../renewal";

// Term arithmetic and what the end of a term does, at fixed instants.

const at = (text: string) => Date.parse(text);
const base: TermFacts = {
  channel: SalesChannel.CSP,
  status: SubscriptionStatus.ACTIVE,
  productType: ProductType.LICENSE,
  purchaseDate: "2026-01-15",
  commitmentEndDate: "2027-01-14",
  termDuration: TermDuration.P1Y,
  billingCycle: BillingCycle.MONTHLY,
  quantity: 10,
  autoRenew: true,
  scheduledChange: null,
};

describe("anchoredTermEnd", () => {
  it("ends the day before the purchase day, a month without it using its last day, without drifting", () => {
    // Bought on 31 January, monthly: each term starts the day after the previous one ends.
    const ends: string[] = [];
    let start = "2025-01-31";
    for (let i = 0; i < 5; i++) {
      const end = anchoredTermEnd(start, 1, 31);
      ends.push(end);
      start = new Date(Date.parse(`${end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    }
    expect(ends).toEqual(["2025-02-27", "2025-03-30", "2025-04-29", "2025-05-30", "2025-06-29"]);
    // Leap years, and a purchase on the 29th.
    expect(anchoredTermEnd("2024-01-29", 1, 29)).toBe("2024-02-28");
    expect(anchoredTermEnd("2025-01-29", 1, 29)).toBe("2025-02-27");
    expect(anchoredTermEnd("2024-02-29", 12, 29)).toBe("2025-02-27");
    expect(anchoredTermEnd("2026-01-15", 36, 15)).toBe("2029-01-14");
  });
});

describe("termEnd", () => {
  it("does nothing while the end date lasts (the whole day, UTC)", () => {
    expect(termEnd(base, at("2027-01-14T23:59:59Z"))).toBeNull();
  });

  it("renews at 00:00 UTC the day after: a new term, the scheduled change applied, one tranche at the renewal", () => {
    const s = { ...base, scheduledChange: { quantity: 7, termDuration: TermDuration.P1M } };
    expect(termEnd(s, at("2027-01-15T00:00:00Z"))).toEqual({
      kind: "renew",
      changes: {
        renewalDate: "2027-01-15",
        renewedAt: new Date("2027-01-15T00:00:00Z"),
        commitmentEndDate: "2027-02-14",
        termDuration: TermDuration.P1M,
        billingCycle: BillingCycle.MONTHLY,
        quantity: 7,
        tranches: [{ quantity: 7, purchasedAt: "2027-01-15T00:00:00Z" }],
        scheduledChange: null,
      },
    });
  });

  it("after missed terms (a stopped server) renews up to the term that contains the instant", () => {
    const monthly = { ...base, termDuration: TermDuration.P1M, commitmentEndDate: "2027-01-14" };
    const r = termEnd(monthly, at("2027-04-20T08:00:00Z"));
    expect(r).toMatchObject({
      kind: "renew",
      changes: { renewalDate: "2027-04-15", commitmentEndDate: "2027-05-14" },
    });
  });

  it("expires with auto-renew off, and a suspended subscription whatever its setting", () => {
    const after = at("2027-01-15T00:00:00Z");
    expect(termEnd({ ...base, autoRenew: false }, after)).toEqual({ kind: "expire" });
    expect(termEnd({ ...base, status: SubscriptionStatus.SUSPENDED }, after)).toEqual({ kind: "expire" });
  });

  it("leaves what has no term, or is not CSP, or has ended already", () => {
    const after = at("2030-01-01T00:00:00Z");
    expect(termEnd({ ...base, productType: ProductType.PERPETUAL_SOFTWARE }, after)).toBeNull();
    expect(termEnd({ ...base, productType: ProductType.AZURE_PLAN }, after)).toBeNull();
    expect(termEnd({ ...base, channel: SalesChannel.MICROSOFT_DIRECT }, after)).toBeNull();
    expect(termEnd({ ...base, status: SubscriptionStatus.EXPIRED }, after)).toBeNull();
    expect(termEnd({ ...base, status: SubscriptionStatus.DELETED }, after)).toBeNull();
  });
});

describe("transferExpired", () => {
  const t = { status: TransferStatus.PENDING, createdAt: new Date("2026-01-01T15:00:00Z") };
  it("V2: after 720 hours to the second; V1: from the 31st day after the creation date", () => {
    expect(transferExpired(t, at("2026-01-31T15:00:00Z"), RuleBook.V2)).toBe(false);
    expect(transferExpired(t, at("2026-01-31T15:00:01Z"), RuleBook.V2)).toBe(true);
    expect(transferExpired(t, at("2026-01-31T23:59:59Z"), RuleBook.V1)).toBe(false);
    expect(transferExpired(t, at("2026-02-01T00:00:00Z"), RuleBook.V1)).toBe(true);
    expect(transferExpired({ ...t, status: TransferStatus.ACCEPTED }, at("2027-01-01"), RuleBook.V2)).toBe(false);
  });
});
