import { describe, expect, it } from "vitest";
import { daysBetween } from "../../common/dates";
import { isAllowedBillingPlan } from "../../modules/eligibility/rules/lifecycle.rules";
import { marketOf } from "../../domain/markets";
import { CommerceModel, ProductType, SalesChannel, SubscriptionStatus, TermDuration } from "../../domain/enums";
import { buildDemoWorld } from "../demo-world";

// The demo network holds every state rule book V2 reads (issue 9), consistently with the contract's vocabulary.

const AS_OF = "2026-12-02";
const world = buildDemoWorld(AS_OF);
const subs = world.subscriptions;
const HOUR = 3_600_000;
const asOf = Date.parse(`${AS_OF}T00:00:00Z`);

describe("the demo network's rule book V2 states", () => {
  it("splits seats into batches that add up, each inside the current term and before asOf", () => {
    const batched = subs.filter((s) => (s.tranches?.length ?? 0) > 1);
    expect(batched.length).toBeGreaterThanOrEqual(100);
    for (const s of batched) {
      const tranches = s.tranches ?? [];
      expect(
        tranches.reduce((sum, t) => sum + t.quantity, 0),
        s.key,
      ).toBe(s.quantity);
      const start = Date.parse(`${s.renewalDate ?? s.purchaseDate}T00:00:00Z`);
      for (const t of tranches) {
        expect(t.quantity, s.key).toBeGreaterThanOrEqual(1);
        expect(Date.parse(t.purchasedAt), s.key).toBeGreaterThanOrEqual(start);
        expect(Date.parse(t.purchasedAt), s.key).toBeLessThan(asOf);
      }
    }
    // Reduction windows still open as of asOf (a batch added within the last 168 hours), on older subscriptions.
    const open = batched.filter((s) => s.tranches!.slice(1).some((t) => asOf - Date.parse(t.purchasedAt) < 168 * HOUR));
    expect(open.length).toBeGreaterThanOrEqual(30);
  });

  it("saves changes for renewal only with auto-renew on, on a plan Partner Center sells, within the maximum", () => {
    const scheduled = subs.filter((s) => s.scheduledChange);
    expect(scheduled.length).toBeGreaterThanOrEqual(30);
    for (const s of scheduled) {
      const c = s.scheduledChange!;
      expect(s.autoRenew, s.key).toBe(true);
      expect(s.commerceModel, s.key).toBe(CommerceModel.NEW_COMMERCE);
      expect(
        isAllowedBillingPlan(c.termDuration ?? s.termDuration ?? null, c.billingCycle ?? s.billingCycle!),
        s.key,
      ).toBe(true);
      if (c.quantity !== undefined) expect(c.quantity, s.key).toBeGreaterThanOrEqual(1);
      if (c.quantity !== undefined && s.maxQuantity) expect(c.quantity, s.key).toBeLessThanOrEqual(s.maxQuantity);
    }
    const kinds = new Set(scheduled.map((s) => Object.keys(s.scheduledChange!).sort().join("+")));
    expect([...kinds].sort()).toEqual(["billingCycle", "billingCycle+termDuration", "quantity"]);
  });

  it("has auto-renew off, offer maximums, Azure plans with subscriptions, and every product type", () => {
    const live = subs.filter((s) => s.channel === SalesChannel.CSP && s.status === SubscriptionStatus.ACTIVE);
    expect(live.filter((s) => !s.autoRenew).length).toBeGreaterThanOrEqual(20);
    for (const s of subs.filter((x) => x.maxQuantity)) expect(s.quantity, s.key).toBeLessThanOrEqual(s.maxQuantity!);
    expect(subs.filter((s) => s.isAzurePlan && (s.activeAzureSubscriptions ?? 0) > 0).length).toBeGreaterThanOrEqual(
      20,
    );
    expect(subs.filter((s) => s.isAzurePlan && s.activeAzureSubscriptions === 0).length).toBeGreaterThanOrEqual(5);
    const types = new Set(live.map((s) => s.productType ?? ProductType.LICENSE));
    for (const t of [ProductType.SOFTWARE_SUBSCRIPTION, ProductType.PERPETUAL_SOFTWARE, ProductType.MARKETPLACE_SAAS])
      expect(types.has(t), t).toBe(true);
    for (const s of live.filter((x) => x.productType === ProductType.PERPETUAL_SOFTWARE)) {
      expect(s.commitmentEndDate).toBe(s.purchaseDate);
      expect(s.autoRenew).toBe(false);
    }
    // Billed by several partners, so that every demo sign-in meets them.
    const billers = new Set(live.filter((s) => s.productType).map((s) => s.transactingPartner));
    expect(billers.size).toBeGreaterThanOrEqual(3);
    expect(live.some((s) => s.termDuration === TermDuration.P1M && daysBetween(AS_OF, s.commitmentEndDate) <= 31)).toBe(
      true,
    );
  });

  it("has partners in several CSP markets", () => {
    expect(new Set(world.partners.map((p) => marketOf(p.country))).size).toBeGreaterThanOrEqual(3);
  });
});
