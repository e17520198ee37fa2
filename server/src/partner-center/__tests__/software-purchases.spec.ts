import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BillingCycle,
  CommerceModel,
  OfferKind,
  PartnerType,
  ProductType,
  ProgramStatus,
  RelationshipStatus,
  SalesChannel,
  SubscriptionStatus,
} from "../../domain/enums";
import type { World, WorldSubscription } from "../../scenarios/world";
import { PartnerCenterClient, PartnerCenterError } from "../client";
import { startEmulator, type RunningEmulator } from "../emulator/server";
import { stateFromWorld } from "../emulator/state";
import type { PcCollection, PcEntitlement, PcOrder, PcSubscription } from "../resources";
import { softwarePurchaseId } from "../software-purchases";
import { fetchCustomerBundle, productTypeOf } from "../sync";

// Software and marketplace SaaS as Partner Center serves them (issue 8, the v2-03 cancellation windows): a software
// subscription is a subscription with productType "Software"; a marketplace subscription has isMicrosoftProduct
// false; a perpetual purchase is no subscription but an order and a software entitlement without expiry date.

const sub = (key: string, productType: ProductType, extra: Partial<WorldSubscription> = {}): WorldSubscription => ({
  key,
  customer: "c1",
  offerName: `Offer ${key}`,
  offerKind: OfferKind.LICENSE_BASED,
  commerceModel: CommerceModel.NEW_COMMERCE,
  channel: SalesChannel.CSP,
  status: SubscriptionStatus.ACTIVE,
  transactingPartner: "direct",
  resellerOfRecord: null,
  purchaseDate: "2026-11-04T10:00:00Z",
  renewalDate: null,
  commitmentEndDate: "2027-11-03",
  quantity: 3,
  isAzurePlan: false,
  parent: null,
  productType,
  ...extra,
});

const world: World = {
  partners: [
    {
      key: "direct",
      name: "Direct",
      partnerId: "6012345",
      types: [PartnerType.DIRECT_BILL],
      country: "US",
      mpaSigned: true,
      programStatus: ProgramStatus.ACTIVE,
    },
  ],
  partnerships: [],
  customers: [
    {
      key: "c1",
      name: "Litware",
      domain: "litware.onmicrosoft.com",
      country: "US",
      mcaAccepted: true,
      partnerTenantOf: null,
    },
  ],
  relationships: [
    { partner: "direct", customer: "c1", status: RelationshipStatus.ACTIVE, includesDelegatedAdmin: false },
  ],
  subscriptions: [
    sub("licence", ProductType.LICENSE),
    sub("sw-sub", ProductType.SOFTWARE_SUBSCRIPTION, { offerId: "DG7GMGF0M80J:0005" }),
    sub("saas", ProductType.MARKETPLACE_SAAS),
    sub("perpetual", ProductType.PERPETUAL_SOFTWARE, {
      offerId: "DG7GMGF0D5RK:0002",
      commitmentEndDate: "2026-11-04",
      billingCycle: BillingCycle.NONE,
      quantity: 2,
    }),
    sub("perpetual-cancelled", ProductType.PERPETUAL_SOFTWARE, { status: SubscriptionStatus.DELETED }),
  ],
  transfers: [],
};
const state = stateFromWorld(world, "2026-11-24", new Date("2026-11-24T10:00:00Z"));
const tenant = state.partners.get("direct")!.tenantId;
const customerId = state.customers.get("c1")!.id;
const base = `/v1/customers/${customerId}`;
const SECRET = "software-secret";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator(state, { clients: { app: SECRET } });
});
afterAll(() => emulator.close());

const client = (appPlusUser = true) =>
  new PartnerCenterClient(
    {
      apiUrl: emulator.url,
      tokenUrl: `${emulator.url}/<tenant>/oauth2/token`,
      tenantId: tenant,
      clientId: "app",
      clientSecret: SECRET,
      refreshToken: appPlusUser ? emulator.refreshTokenFor(tenant) : null,
    },
    { backoffBaseMs: 1, backoffCapMs: 4 },
  );

describe("the emulator's software and marketplace subscriptions", () => {
  it("lists software subscriptions (productType Software) and SaaS (isMicrosoftProduct false), not perpetual software", async () => {
    const subs = await client().get<PcCollection<PcSubscription>>(`${base}/subscriptions`);
    const byName = new Map(subs.items.map((s) => [s.offerName, s]));
    expect([...byName.keys()].sort()).toEqual(["Offer licence", "Offer saas", "Offer sw-sub"]);
    expect(byName.get("Offer sw-sub")!.productType).toEqual({ id: "Software", displayName: "Software" });
    expect(byName.get("Offer licence")!.productType?.id).toBe("OnlineServicesNCE");
    expect(byName.get("Offer saas")!.isMicrosoftProduct).toBe(false);
    expect(byName.get("Offer licence")!.isMicrosoftProduct).toBe(true);
  });

  it("serves software entitlements, the expiry date only with showExpiry and only for a software subscription", async () => {
    const c = client();
    const shown = await c.get<PcCollection<PcEntitlement>>(
      `${base}/entitlements?entitlementType=software&showExpiry=true`,
      {
        auth: "user",
      },
    );
    // The cancelled perpetual purchase left no entitlement.
    expect(shown.items).toHaveLength(2);
    const perpetual = shown.items.find((e) => e.productId === "DG7GMGF0D5RK")!;
    expect(perpetual).toMatchObject({ skuId: "0002", quantity: 2, entitlementType: "software" });
    expect(perpetual.expiryDate).toBeUndefined();
    expect(shown.items.find((e) => e.productId === "DG7GMGF0M80J")!.expiryDate).toBe("2027-11-03T00:00:00Z");
    const plain = await c.get<PcCollection<PcEntitlement>>(`${base}/entitlements`, { auth: "user" });
    expect(plain.items.every((e) => e.expiryDate === undefined)).toBe(true);
    const reserved = await c.get<PcCollection<PcEntitlement>>(`${base}/entitlements?entitlementType=reservedInstance`, {
      auth: "user",
    });
    expect(reserved.items).toEqual([]);
    // App+User only (get-a-collection-of-entitlements).
    const refused = await client(false)
      .get(`${base}/entitlements`)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(refused).toBeInstanceOf(PartnerCenterError);
    expect((refused as PartnerCenterError).status).toBe(403);
  });

  it("serves the order of a purchase: its creation date, line item and status; another order is not found", async () => {
    const c = client();
    const entitlements = await c.get<PcCollection<PcEntitlement>>(`${base}/entitlements?entitlementType=software`, {
      auth: "user",
    });
    const orderId = entitlements.items.find((e) => e.productId === "DG7GMGF0D5RK")!.referenceOrder.id;
    expect(orderId).toMatch(/^[0-9a-f]{12}$/);
    const order = await c.get<PcOrder>(`${base}/orders/${orderId}`);
    expect(order).toMatchObject({
      id: orderId,
      referenceCustomerId: customerId,
      billingCycle: "none",
      creationDate: "2026-11-04T10:00:00.000Z",
      status: "completed",
      lineItems: [{ lineItemNumber: 0, offerId: "DG7GMGF0D5RK:0002", quantity: 2, friendlyName: "Offer perpetual" }],
      attributes: { objectType: "Order" },
    });
    const missing = await c.get(`${base}/orders/000000000000`).then(
      () => null,
      (e: unknown) => e,
    );
    expect((missing as PartnerCenterError).status).toBe(404);
  });
});

describe("the sync's reading of product kinds", () => {
  it("maps Software, isMicrosoftProduct false and the rest to channelgate's product types", () => {
    const pc = (x: Partial<PcSubscription>) => x as PcSubscription;
    expect(productTypeOf(pc({ productType: { id: "Software", displayName: "Software" } }), false, false)).toBe(
      ProductType.SOFTWARE_SUBSCRIPTION,
    );
    expect(productTypeOf(pc({ isMicrosoftProduct: false }), false, false)).toBe(ProductType.MARKETPLACE_SAAS);
    expect(productTypeOf(pc({ productType: { id: "OnlineServicesNCE", displayName: "" } }), false, false)).toBe(
      ProductType.LICENSE,
    );
    expect(productTypeOf(pc({ productType: { id: "Azure", displayName: "Azure" } }), true, true)).toBe(
      ProductType.AZURE_PLAN,
    );
    expect(productTypeOf(pc({}), true, false)).toBe(ProductType.USAGE);
  });

  it("reads perpetual software from entitlements without expiry and their orders (App+User), keyed by order line", async () => {
    const bundle = await fetchCustomerBundle(client(), customerId, true);
    expect(bundle.softwarePurchases).toHaveLength(1);
    const { entitlement, order } = bundle.softwarePurchases![0]!;
    expect(entitlement.productId).toBe("DG7GMGF0D5RK");
    expect(order.creationDate).toBe("2026-11-04T10:00:00.000Z");
    // The emulator's row id for the world's perpetual purchase is the one the sync derives from the order line.
    expect(softwarePurchaseId(order.id, order.lineItems[0]!.lineItemNumber)).toBe(
      state.subscriptionsByKey.get("perpetual")!.id,
    );
    // Without App+User credentials the entitlements cannot be read: none.
    expect((await fetchCustomerBundle(client(false), customerId, false)).softwarePurchases).toEqual([]);
  });
});
