import { randomUUID } from "node:crypto";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import {
  BillingCycle,
  CommerceModel,
  OfferKind,
  SalesChannel,
  SubscriptionStatus,
  TermDuration,
  TransferStatus,
} from "../../domain/enums";
import { termEndDate } from "../../common/dates";
import { TERM_MONTHS } from "../../domain/policy";
import type {
  PcCart,
  PcCartCheckoutResult,
  PcCartLineItem,
  PcOrder,
  PcRelationshipRequest,
  PcScheduledNextTermInstructions,
  PcSubscription,
  PcTransferEntity,
} from "../resources";
import { subscriptionBody } from "./subscription-body";
import {
  customersOf,
  isNewCommerceLicense,
  type EmuPartner,
  type EmuSubscription,
  type EmuTransfer,
  type EmulatorState,
} from "./state";

// The write endpoints of the emulator (issue 8 item 6), with the JSON shapes of Microsoft's documented examples:
//   POST  /v1/customers/{id}/carts ........................ https://learn.microsoft.com/partner-center/developer/create-a-cart
//   POST  /v1/customers/{id}/carts/{cartId}/checkout ...... https://learn.microsoft.com/partner-center/developer/checkout-a-cart
//   GET   /v1/customers/{id}/subscriptions/{sid} .......... https://learn.microsoft.com/partner-center/developer/get-a-subscription-by-id
//   PATCH /v1/customers/{id}/subscriptions/{sid} .......... https://learn.microsoft.com/partner-center/developer/update-a-subscription
//                                                           (status: https://learn.microsoft.com/partner-center/developer/suspend-a-subscription;
//                                                           scheduledNextTermInstructions: https://learn.microsoft.com/partner-center/developer/create-scheduled-changes,
//                                                           shape: https://learn.microsoft.com/partner-center/developer/manage-billing-frequency-software-subs)
//   POST  /v1/customers/{id}/transfers .................... https://learn.microsoft.com/partner-center/developer/create-a-transfer
//   PATCH /v1/customers/{id}/transfers/{tid} .............. https://learn.microsoft.com/partner-center/developer/update-a-transfer
//   GET   /v1/customers/relationshiprequests .............. https://learn.microsoft.com/partner-center/developer/request-a-relationship-with-a-customer
// Idempotency as documented: MS-RequestId identifies a call, and a retry with the same value gets the first answer
// (success or business failure) and acts no second time (https://learn.microsoft.com/partner-center/developer/headers);
// a second checkout of an ordered cart answers what the first did (checkout-a-cart page).

export interface Refusal {
  status: number;
  code: number;
  description: string;
}

/** Faults a test injects into the write endpoints. */
export interface WriteFaults {
  /** catalogItemId → the refusal the cart creation answers (e.g. 403 / 2006, the partner is not enabled for the offer). */
  refuseOffers: Map<string, Refusal>;
  /** subscription id → the refusal its PATCH answers. */
  refusePatches: Map<string, Refusal>;
  /**
   * Checkout answers to lose (the first checkout's, then its replays'): the order is placed, then the connection is
   * cut before any answer.
   */
  dropCheckoutAnswers: number;
  /** Subscription PATCH answers to lose (the first one's, then its replays'): applied, then the connection is cut. */
  dropPatchAnswers: number;
}

export interface EmulatorWrites {
  faults: WriteFaults;
  /** Orders placed (one per checked-out cart). */
  orders: PcOrder[];
  /** Subscription PATCHes applied (replays excluded). */
  patches: Array<{
    subscriptionId: string;
    status: string;
    quantity: number;
    autoRenewEnabled: boolean;
    scheduledNextTermInstructions: PcScheduledNextTermInstructions | null;
  }>;
  /** Calls answered from the MS-RequestId replay store. */
  replays: number;
}

interface Helpers {
  partnerOf(res: Response): EmuPartner;
  pcError(res: Response, status: number, code: number, description: string): void;
  needsAppPlusUser(res: Response): boolean;
}

interface StoredCart {
  customerKey: string;
  partnerKey: string;
  cart: PcCart;
  /** The checkout's answer, once checked out. */
  result: PcCartCheckoutResult | null;
}

const PC_CYCLE: Record<string, BillingCycle> = {
  monthly: BillingCycle.MONTHLY,
  annual: BillingCycle.ANNUAL,
  triennial: BillingCycle.TRIENNIAL,
  none: BillingCycle.NONE,
};
const PC_TERM: Record<string, TermDuration> = { P1M: TermDuration.P1M, P1Y: TermDuration.P1Y, P3Y: TermDuration.P3Y };
const PC_STATUS: Record<string, SubscriptionStatus> = {
  active: SubscriptionStatus.ACTIVE,
  suspended: SubscriptionStatus.SUSPENDED,
  deleted: SubscriptionStatus.DELETED,
};

const isPositiveInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v > 0;

/** Next-term instructions as documented: a product (ids, billing cycle, term) and a quantity. */
function validInstructions(v: unknown): v is PcScheduledNextTermInstructions {
  const i = v as Partial<PcScheduledNextTermInstructions> | null;
  const p = i?.product;
  return (
    typeof i === "object" &&
    i !== null &&
    isPositiveInt(i.quantity) &&
    typeof p === "object" &&
    p !== null &&
    typeof p.productId === "string" &&
    typeof p.skuId === "string" &&
    typeof p.billingCycle === "string" &&
    p.billingCycle.toLowerCase() in PC_CYCLE &&
    typeof p.termDuration === "string" &&
    p.termDuration in PC_TERM
  );
}

export function mountWrites(app: Express, state: EmulatorState, h: Helpers): EmulatorWrites {
  const writes: EmulatorWrites = {
    faults: { refuseOffers: new Map(), refusePatches: new Map(), dropCheckoutAnswers: 0, dropPatchAnswers: 0 },
    orders: [],
    patches: [],
    replays: 0,
  };
  const answers = new Map<string, { status: number; body: unknown }>();
  /** Whether this checkout answer (first or replayed) is to be lost, counting it. */
  const dropCheckoutAnswer = (): boolean => {
    if (writes.faults.dropCheckoutAnswers <= 0) return false;
    writes.faults.dropCheckoutAnswers -= 1;
    return true;
  };
  const dropPatchAnswer = (): boolean => {
    if (writes.faults.dropPatchAnswers <= 0) return false;
    writes.faults.dropPatchAnswers -= 1;
    return true;
  };
  const carts = new Map<string, StoredCart>();

  // MS-RequestId replays of writes: the stored answer, nothing done again. Answers are kept per partner tenant;
  // throttling (429) and server errors are not answers to keep (the retry must run).
  app.use("/v1", express.json({ limit: "64kb" }), (req: Request, res: Response, next: NextFunction) => {
    const requestId = req.get("MS-RequestId");
    if ((req.method !== "POST" && req.method !== "PATCH") || !requestId) return next();
    const key = `${h.partnerOf(res).tenantId}|${requestId.toLowerCase()}`;
    const stored = answers.get(key);
    if (stored) {
      writes.replays += 1;
      if (req.path.endsWith("/checkout") && dropCheckoutAnswer()) {
        req.socket.destroy();
        return;
      }
      if (req.method === "PATCH" && req.path.includes("/subscriptions/") && dropPatchAnswer()) {
        req.socket.destroy();
        return;
      }
      res.status(stored.status).json(stored.body);
      return;
    }
    const keep = (status: number, body: unknown) => {
      if (status < 500 && status !== 429) answers.set(key, { status, body });
    };
    res.locals.keepAnswer = keep;
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      keep(res.statusCode, body);
      return json(body);
    };
    next();
  });

  const customerKey = (req: Request, res: Response): string | null => {
    const c = state.customersById.get(String(req.params.id).toLowerCase());
    if (!c || !customersOf(state, h.partnerOf(res).key).includes(c.key)) {
      h.pcError(res, 404, 600, "Customer not found.");
      return null;
    }
    return c.key;
  };
  const refuse = (res: Response, r: Refusal) => h.pcError(res, r.status, r.code, r.description);

  app.post("/v1/customers/:id/carts", (req, res) => {
    const key = customerKey(req, res);
    if (!key) return;
    const body = req.body as Partial<PcCart> | undefined;
    const items = Array.isArray(body?.lineItems) ? body.lineItems : [];
    const bad = items.find(
      (l) => typeof l?.catalogItemId !== "string" || !isPositiveInt(l.quantity) || !(l.billingCycle in PC_CYCLE),
    );
    if (items.length === 0 || bad) {
      h.pcError(res, 400, 400, "A cart needs line items with a catalogItemId, a quantity and a billingCycle.");
      return;
    }
    for (const l of items) {
      const refusal = writes.faults.refuseOffers.get(l.catalogItemId);
      if (refusal) return refuse(res, refusal);
    }
    const now = new Date();
    const cart: PcCart = {
      id: randomUUID(),
      creationTimeStamp: now.toISOString(),
      lastModifiedTimeStamp: now.toISOString(),
      // Carts expire seven days after creation (create-a-cart page).
      expirationTimeStamp: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
      lineItems: items.map((l, i): PcCartLineItem => ({ ...l, id: i })),
      status: "Active",
      attributes: { objectType: "Cart" },
    };
    carts.set(cart.id!, { customerKey: key, partnerKey: h.partnerOf(res).key, cart, result: null });
    res.status(201).json(cart);
  });

  app.post("/v1/customers/:id/carts/:cartId/checkout", (req, res) => {
    const key = customerKey(req, res);
    if (!key) return;
    const stored = carts.get(String(req.params.cartId));
    if (!stored || stored.customerKey !== key || stored.partnerKey !== h.partnerOf(res).key) {
      h.pcError(res, 404, 800, "Cart not found.");
      return;
    }
    // Documented idempotent per cart: an ordered cart answers its first checkout again.
    if (stored.result) {
      res.json(stored.result);
      return;
    }
    const partner = h.partnerOf(res);
    const order = placeOrder(state, stored, partner);
    writes.orders.push(order);
    stored.cart.status = "Ordered";
    stored.result = { orders: [order], orderErrors: [], attributes: { objectType: "CartCheckoutResult" } };
    if (dropCheckoutAnswer()) {
      // The order is placed and its answer kept for a replay; the caller never hears of it.
      (res.locals.keepAnswer as ((s: number, b: unknown) => void) | undefined)?.(200, stored.result);
      req.socket.destroy();
      return;
    }
    res.json(stored.result);
  });

  const ownSubscription = (req: Request, res: Response): EmuSubscription | null => {
    const key = customerKey(req, res);
    if (!key) return null;
    const sid = String(req.params.sid).toLowerCase();
    const s = (state.subscriptionsByCustomer.get(key) ?? []).find((x) => x.id === sid);
    // A partner changes what it bills; the reseller of record and others see no such subscription here.
    if (!s || s.transactingPartner !== h.partnerOf(res).key) {
      h.pcError(res, 404, 20003, "Subscription not found.");
      return null;
    }
    return s;
  };

  app.get("/v1/customers/:id/subscriptions/:sid", (req, res) => {
    const s = ownSubscription(req, res);
    if (s) res.json(subscriptionBody(state, s));
  });

  app.patch("/v1/customers/:id/subscriptions/:sid", (req, res) => {
    const s = ownSubscription(req, res);
    if (!s) return;
    const refusal = writes.faults.refusePatches.get(s.id);
    if (refusal) return refuse(res, refusal);
    const body = req.body as Partial<PcSubscription> | undefined;
    const status = body?.status === undefined ? undefined : PC_STATUS[body.status];
    const instructions = body?.scheduledNextTermInstructions;
    if (
      (body?.status !== undefined && !status) ||
      (body?.quantity !== undefined && !isPositiveInt(body.quantity)) ||
      (body?.autoRenewEnabled !== undefined && typeof body.autoRenewEnabled !== "boolean") ||
      (instructions !== undefined && instructions !== null && !validInstructions(instructions))
    ) {
      h.pcError(res, 400, 400, "The subscription update is not valid.");
      return;
    }
    if (s.status === SubscriptionStatus.DELETED) {
      h.pcError(res, 400, 400, "A deleted subscription cannot be updated.");
      return;
    }
    const autoRenew = body?.autoRenewEnabled ?? s.autoRenew ?? true;
    // A mid-term (immediate) change deletes what was scheduled for the renewal (create-scheduled-changes, and the
    // list in create-a-new-subscription: cancel, turn off autorenew, change a quantity).
    const midTerm =
      (body?.quantity !== undefined && body.quantity !== s.quantity) ||
      ((s.autoRenew ?? true) && !autoRenew) ||
      status === SubscriptionStatus.DELETED;
    const saved = s.scheduledNextTermInstructions ?? null;
    // The body is the whole resource: instructions equal to the saved ones are the resource sent back, not a change.
    const schedules = instructions !== undefined && JSON.stringify(instructions) !== JSON.stringify(saved);
    if (schedules && instructions !== null && !midTerm) {
      // Scheduled changes: new commerce license-based and software subscriptions, active, with autorenew on
      // (create-scheduled-changes prerequisites; create-a-new-subscription).
      if (!isNewCommerceLicense(s)) {
        h.pcError(res, 400, 400, "Scheduled changes are only supported for new commerce license-based subscriptions.");
        return;
      }
      if ((status ?? s.status) !== SubscriptionStatus.ACTIVE || !autoRenew) {
        h.pcError(res, 400, 400, "Changes can only be scheduled on an active subscription with autorenew enabled.");
        return;
      }
    }
    if (status) s.status = status;
    if (body?.quantity !== undefined) s.quantity = body.quantity;
    if (body?.autoRenewEnabled !== undefined) s.autoRenew = body.autoRenewEnabled;
    if (midTerm) s.scheduledNextTermInstructions = null;
    else if (schedules) s.scheduledNextTermInstructions = instructions;
    const answer = subscriptionBody(state, s);
    writes.patches.push({
      subscriptionId: s.id,
      status: answer.status,
      quantity: answer.quantity,
      autoRenewEnabled: answer.autoRenewEnabled,
      scheduledNextTermInstructions: s.scheduledNextTermInstructions ?? null,
    });
    if (dropPatchAnswer()) {
      // Applied, and its answer kept for a replay; the caller never hears of it.
      (res.locals.keepAnswer as ((st: number, b: unknown) => void) | undefined)?.(200, answer);
      req.socket.destroy();
      return;
    }
    res.json(answer);
  });

  app.post("/v1/customers/:id/transfers", (req, res) => {
    const key = customerKey(req, res);
    if (!key) return;
    const body = req.body as
      | {
          sourcePartnerTenantId?: string;
          targetPartnerTenantId?: string;
          lineItems?: Array<{ subscriptionId?: string }>;
        }
      | undefined;
    const source = state.partnersByTenant.get(String(body?.sourcePartnerTenantId ?? "").toLowerCase());
    const target = state.partnersByTenant.get(String(body?.targetPartnerTenantId ?? "").toLowerCase());
    const subs = (body?.lineItems ?? []).map((l) =>
      (state.subscriptionsByCustomer.get(key) ?? []).find((s) => s.id === String(l.subscriptionId).toLowerCase()),
    );
    const partner = h.partnerOf(res);
    if (!source || !target || (partner.key !== source.key && partner.key !== target.key)) {
      h.pcError(
        res,
        400,
        400,
        "sourcePartnerTenantId and targetPartnerTenantId must name partners, one of them the caller.",
      );
      return;
    }
    if (subs.length === 0 || subs.some((s) => !s || s.transactingPartner !== source.key)) {
      h.pcError(res, 400, 400, "Each line item must name a subscription of the source partner.");
      return;
    }
    const transfer: EmuTransfer = {
      key: `transfer:${randomUUID()}`,
      id: randomUUID(),
      customer: key,
      source: source.key,
      target: target.key,
      reseller: null,
      status: TransferStatus.PENDING,
      createdAt: new Date().toISOString(),
      subscriptions: subs.map((s) => s!.key),
    };
    state.transfers.push(transfer);
    res.status(201).json(transferBody(state, transfer));
  });

  app.patch("/v1/customers/:id/transfers/:tid", (req, res) => {
    const key = customerKey(req, res);
    if (!key) return;
    const t = state.transfers.find((x) => x.id === String(req.params.tid).toLowerCase() && x.customer === key);
    const partner = h.partnerOf(res).key;
    if (!t || (t.source !== partner && t.target !== partner)) {
      h.pcError(res, 404, 404, "Transfer not found.");
      return;
    }
    if (t.status !== TransferStatus.PENDING) {
      h.pcError(res, 400, 400, "Only a pending transfer can be updated.");
      return;
    }
    const status = (req.body as { status?: unknown } | undefined)?.status;
    if (status === "Cancel") {
      t.status = TransferStatus.WITHDRAWN;
    } else if (status === "Complete") {
      t.status = TransferStatus.COMPLETED;
      for (const k of t.subscriptions) {
        const s = state.subscriptionsByKey.get(k);
        if (s) s.transactingPartner = t.target;
      }
    } else {
      h.pcError(res, 400, 400, "status must be Complete or Cancel.");
      return;
    }
    res.json(transferBody(state, t));
  });

  app.get("/v1/customers/relationshiprequests", (_req, res) => {
    if (h.needsAppPlusUser(res)) return;
    const partner = h.partnerOf(res);
    const body: PcRelationshipRequest = {
      url: `https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=${partner.tenantId}#/BillingAccounts/partner-invitation`,
      attributes: { objectType: "RelationshipRequest" },
    };
    res.json(body);
  });

  return writes;
}

/** Checks out a cart: one new-commerce subscription per line item, billed by the caller, bought today. */
function placeOrder(state: EmulatorState, stored: StoredCart, partner: EmuPartner): PcOrder {
  // Bought now, to the second: the subscription's creationDate and the order's.
  const at = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
  const today = at.slice(0, 10);
  const orderId = randomUUID();
  const lineItems = stored.cart.lineItems.map((l, i) => {
    const term = l.termDuration ? (PC_TERM[l.termDuration] ?? null) : null;
    const resellerMpn = l.participants?.find((p) => p.key === "transaction_reseller")?.value;
    const reseller = resellerMpn ? [...state.partners.values()].find((p) => p.partnerId === resellerMpn) : undefined;
    const sub: EmuSubscription = {
      key: `order:${orderId}:${i}`,
      id: randomUUID(),
      customer: stored.customerKey,
      offerName: l.friendlyName ?? l.catalogItemId,
      offerId: l.catalogItemId,
      offerKind: term ? OfferKind.LICENSE_BASED : OfferKind.USAGE_BASED,
      commerceModel: CommerceModel.NEW_COMMERCE,
      channel: SalesChannel.CSP,
      status: SubscriptionStatus.ACTIVE,
      transactingPartner: partner.key,
      resellerOfRecord: reseller?.key ?? null,
      purchaseDate: at,
      renewalDate: null,
      // The term ends after its months (a monthly usage plan: one month), as channelgate computes it.
      commitmentEndDate: termEndDate(today, term ? TERM_MONTHS[term] : 1),
      quantity: l.quantity,
      isAzurePlan: false,
      parent: null,
      termDuration: term,
      billingCycle: PC_CYCLE[l.billingCycle] ?? BillingCycle.MONTHLY,
      autoRenew: true,
    };
    state.subscriptions.push(sub);
    state.subscriptionsByKey.set(sub.key, sub);
    const list = state.subscriptionsByCustomer.get(sub.customer) ?? [];
    list.push(sub);
    state.subscriptionsByCustomer.set(sub.customer, list);
    return {
      lineItemNumber: i,
      offerId: l.catalogItemId,
      subscriptionId: sub.id,
      friendlyName: sub.offerName,
      quantity: l.quantity,
      ...(term ? { termDuration: term } : {}),
      ...(reseller ? { partnerIdOnRecord: reseller.partnerId } : {}),
    };
  });
  return {
    id: orderId,
    referenceCustomerId: state.customers.get(stored.customerKey)!.id,
    billingCycle: stored.cart.lineItems[0]?.billingCycle ?? "monthly",
    lineItems,
    creationDate: at,
    status: "completed",
    attributes: { objectType: "Order" },
  };
}

function transferBody(state: EmulatorState, t: EmuTransfer): PcTransferEntity {
  const source = state.partners.get(t.source)!;
  const target = state.partners.get(t.target)!;
  const customer = state.customers.get(t.customer)!;
  return {
    id: t.id,
    status: t.status === TransferStatus.COMPLETED ? "Completed" : "Active",
    createdTime: new Date(t.createdAt).toISOString(),
    lastModifiedTime: new Date().toISOString(),
    customerTenantId: customer.id,
    sourcePartnerName: source.name,
    sourcePartnerTenantId: source.tenantId,
    targetPartnerName: target.name,
    targetPartnerTenantId: target.tenantId,
    lineItems: t.subscriptions.map((k, i) => {
      const s = state.subscriptionsByKey.get(k)!;
      return {
        id: i,
        subscriptionId: s.id,
        offerId: s.offerId ?? s.offerName,
        billingCycle: (s.billingCycle ?? BillingCycle.MONTHLY).toLowerCase(),
        friendlyName: s.offerName,
        quantity: s.quantity,
        addonItems: [],
      };
    }),
    attributes: { objectType: "TransferEntity" },
  };
}
