import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { BillingCycle, TermDuration } from "../../domain/enums";
import { SyncService } from "../../modules/sync/sync.service";
import { scheduledChangeFrom } from "../../partner-center/sync";
import type { PcSubscription } from "../../partner-center/resources";
import type { ServiceContext } from "../../service-context";
import { nextTermInstructions } from "../partner-center-writes";

const subscription = (offerId: string): PcSubscription => ({
  id: "sub-1",
  offerId,
  offerName: "Microsoft 365 Business Premium",
  friendlyName: "Microsoft 365 Business Premium",
  quantity: 5,
  unitType: "Licenses",
  creationDate: "2026-01-01T00:00:00Z",
  effectiveStartDate: "2026-01-01T00:00:00Z",
  commitmentEndDate: "2026-12-31T00:00:00Z",
  status: "active",
  autoRenewEnabled: true,
  billingType: "license",
  billingCycle: "monthly",
  termDuration: "P1Y",
  contractType: "subscription",
  attributes: { objectType: "Subscription" },
});

describe("nextTermInstructions", () => {
  it("names the subscription's product, and fills what the change leaves out from the current term", () => {
    expect(
      nextTermInstructions(subscription("DG7GMGF0DVSV:000P:DG7GMGF0F3Q9"), { termDuration: TermDuration.P3Y }),
    ).toEqual({
      product: {
        productId: "DG7GMGF0DVSV",
        skuId: "000P",
        availabilityId: "DG7GMGF0F3Q9",
        billingCycle: "Monthly",
        termDuration: "P3Y",
      },
      quantity: 5,
    });
    // An offer id without an availability (product:sku) sends none.
    expect(
      nextTermInstructions(subscription("CFQ7TTC0LH18:0001"), { quantity: 9, billingCycle: BillingCycle.ANNUAL }),
    ).toEqual({
      product: { productId: "CFQ7TTC0LH18", skuId: "0001", billingCycle: "Annual", termDuration: "P1Y" },
      quantity: 9,
    });
  });
});

describe("scheduledChangeFrom (the sync)", () => {
  const current = { quantity: 5, termDuration: TermDuration.P1Y, billingCycle: BillingCycle.MONTHLY };
  const instructions = (quantity: number, termDuration: string, billingCycle: string) => ({
    product: { productId: "P", skuId: "S", billingCycle, termDuration },
    quantity,
  });

  it("keeps channelgate's value where Partner Center serves no instructions, and follows a removal", () => {
    expect(scheduledChangeFrom(undefined, current, { quantity: 3 })).toBeUndefined();
    expect(scheduledChangeFrom(null, current, { quantity: 3 })).toBeNull();
    expect(scheduledChangeFrom(null, current, null)).toBeNull();
  });

  it("keeps the saved change while it describes the same next term as Partner Center", () => {
    const saved = { billingCycle: BillingCycle.ANNUAL };
    expect(scheduledChangeFrom(instructions(5, "P1Y", "Annual"), current, saved)).toBe(saved);
  });

  it("otherwise takes the fields that differ from the current term (the quantity when none does)", () => {
    expect(scheduledChangeFrom(instructions(12, "P3Y", "Monthly"), current, { quantity: 3 })).toEqual({
      quantity: 12,
      termDuration: TermDuration.P3Y,
    });
    expect(scheduledChangeFrom(instructions(5, "P1Y", "monthly"), current, null)).toEqual({ quantity: 5 });
  });

  it("leaves a term or billing cycle channelgate does not model alone", () => {
    expect(scheduledChangeFrom(instructions(5, "P5Y", "Annual"), current, null)).toBeUndefined();
    expect(scheduledChangeFrom(instructions(5, "P1Y", "unknown"), current, null)).toBeUndefined();
  });
});

describe("viewer.syncStatus", () => {
  it("in the sandbox: nothing upstream, never stale", async () => {
    const s = {
      upstream: { kind: "sandbox" },
      config: { syncStaleAfterMinutes: 45 },
      actor: { source: null },
    } as unknown as ServiceContext;
    expect(await new SyncService().status(s)).toEqual({
      upstream: "SANDBOX",
      lastSyncedAt: null,
      stale: false,
      staleAfterMinutes: 45,
    });
  });
});
