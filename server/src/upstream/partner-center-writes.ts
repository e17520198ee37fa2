import { BillingCycle, SubscriptionStatus, TermDuration } from "../domain/enums";
import { skuMaximumQuantity } from "../partner-center/catalog";
import { PartnerCenterError, type PartnerCenterClient } from "../partner-center/client";
import type {
  PcCart,
  PcCartCheckoutResult,
  PcRelationshipRequest,
  PcScheduledNextTermInstructions,
  PcSubscription,
  PcTransferEntity,
} from "../partner-center/resources";

// Write-through to Partner Center (issue 8 item 6): the REST calls behind the port's write operations. Each call
// carries an MS-RequestId the caller chose (see RequestIds), kept across the client's retries, so a retry after a
// lost answer is a replay and never a second order (https://learn.microsoft.com/partner-center/developer/headers).
// Partner Center's refusals (4xx with its error JSON, https://learn.microsoft.com/partner-center/developer/error-codes)
// become UpstreamRefusal; throttling, 5xx and timeouts are retried by the client and otherwise fail the mutation.

/** MS-RequestId of each call a mutation makes, by step ("cart", "checkout", "patch" …): stable for a retried mutation. */
export type RequestIds = (step: string) => string;

export interface UpstreamOrder {
  /** Partner Center customer id (= the customer's tenant id, channelgate's customer id after a sync). */
  customerId: string;
  catalogItemId: string;
  friendlyName: string;
  quantity: number;
  billingCycle: BillingCycle;
  termDuration: TermDuration | null;
  /** MPN id (PartnerID) of the reseller of record, for an indirect provider's order. */
  resellerMpnId: string | null;
  /**
   * For a new commerce license offer: the customer's country, in which its catalog SKU's maximum seats are read (as
   * the sync reads them). Null: no maximum is read.
   */
  catalogCountry: string | null;
}

export interface PlacedOrder {
  orderId: string;
  /** The subscription the order created: channelgate keys the new row by it, as a sync would. */
  subscriptionId: string;
  /** When Partner Center created the order (its creationDate), to the second: the subscription's purchase instant. */
  purchasedAt: Date | null;
  /** The catalog SKU's maximum seats (null: not read, not in the catalog, or no maximum). */
  maxQuantity: number | null;
}

/** A change saved for the next renewal; an absent field keeps the current value (as channelgate stores it). */
export interface NextTermChange {
  quantity?: number | null;
  termDuration?: TermDuration | null;
  billingCycle?: BillingCycle | null;
}

/**
 * What a subscription PATCH changes (Update a subscription; Suspend a subscription; Schedule changes). A
 * `scheduledChange` of null removes the saved change; absent, the subscription's own is sent back unchanged.
 */
export interface SubscriptionPatch {
  status?: SubscriptionStatus.ACTIVE | SubscriptionStatus.SUSPENDED | SubscriptionStatus.DELETED;
  quantity?: number;
  autoRenew?: boolean;
  scheduledChange?: NextTermChange | null;
}

export interface UpstreamTransfer {
  customerId: string;
  sourcePartnerTenantId: string;
  targetPartnerTenantId: string;
  lineItems: Array<{
    subscriptionId: string;
    quantity: number;
    friendlyName: string;
    partnerIdOnRecord: string | null;
  }>;
}

/** Partner Center refused a write: its HTTP status, numeric error code and description. Nothing happened upstream. */
export class UpstreamRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: number | null,
    readonly description: string,
  ) {
    super(`Partner Center refused (HTTP ${status}${code === null ? "" : `, code ${code}`}): ${description}`);
  }
}

const PC_BILLING_CYCLE: Record<BillingCycle, PcSubscription["billingCycle"]> = {
  [BillingCycle.MONTHLY]: "monthly",
  [BillingCycle.ANNUAL]: "annual",
  [BillingCycle.TRIENNIAL]: "triennial",
  [BillingCycle.NONE]: "none",
};

const PC_STATUS: Record<NonNullable<SubscriptionPatch["status"]>, PcSubscription["status"]> = {
  [SubscriptionStatus.ACTIVE]: "active",
  [SubscriptionStatus.SUSPENDED]: "suspended",
  [SubscriptionStatus.DELETED]: "deleted",
};

/** Partner Center's casing of a billing cycle in next-term instructions (the example shows "Annual"). */
const NEXT_TERM_CYCLE: Record<BillingCycle, string> = {
  [BillingCycle.MONTHLY]: "Monthly",
  [BillingCycle.ANNUAL]: "Annual",
  [BillingCycle.TRIENNIAL]: "Triennial",
  [BillingCycle.NONE]: "None",
};
const PC_CYCLE_OF: Record<string, BillingCycle> = {
  monthly: BillingCycle.MONTHLY,
  annual: BillingCycle.ANNUAL,
  triennial: BillingCycle.TRIENNIAL,
  none: BillingCycle.NONE,
};

/**
 * The next-term instructions of a change to the subscription as Partner Center serves it: the same product (a new
 * commerce offerId is "productId:skuId:availabilityId"; the availability is left out when the id has no third part —
 * guessed, README "Field mapping"), the new or current term and billing cycle, the new or current quantity.
 */
export function nextTermInstructions(current: PcSubscription, change: NextTermChange): PcScheduledNextTermInstructions {
  const [productId = current.offerId, skuId = "", availabilityId] = current.offerId.split(":");
  const cycle = change.billingCycle ?? PC_CYCLE_OF[current.billingCycle.toLowerCase()] ?? BillingCycle.NONE;
  const term = change.termDuration ?? current.termDuration ?? TermDuration.P1Y;
  return {
    product: {
      productId,
      skuId,
      ...(availabilityId ? { availabilityId } : {}),
      billingCycle: NEXT_TERM_CYCLE[cycle],
      termDuration: term,
    },
    quantity: change.quantity ?? current.quantity,
  };
}

/** A 4xx other than throttling or a refused token is Partner Center's business answer: a refusal. */
function refusalOf(error: unknown): unknown {
  if (error instanceof PartnerCenterError && error.status >= 400 && error.status < 500 && error.status !== 429) {
    return new UpstreamRefusal(error.status, error.code, error.description || error.message);
  }
  return error;
}

async function refusing<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw refusalOf(error);
  }
}

/**
 * The next-term instructions a PATCH sends: the change to save, or null to remove the saved one. Removing what
 * Partner Center does not hold (none saved, or a legacy subscription that has no such field) sends the subscription
 * back as it was.
 */
function scheduledPart(
  current: PcSubscription,
  change: NextTermChange | null | undefined,
): Pick<PcSubscription, "scheduledNextTermInstructions"> {
  if (change === undefined) return {};
  if (change === null) return current.scheduledNextTermInstructions ? { scheduledNextTermInstructions: null } : {};
  return { scheduledNextTermInstructions: nextTermInstructions(current, change) };
}

const customerPath = (customerId: string) => `/v1/customers/${encodeURIComponent(customerId)}`;

export class PartnerCenterWrites {
  constructor(private readonly client: PartnerCenterClient) {}

  /**
   * An order is a cart and its checkout. Create a cart:
   * https://learn.microsoft.com/partner-center/developer/create-a-cart (POST /v1/customers/{id}/carts; the reseller
   * of record is the `transaction_reseller` participant). Checkout a cart:
   * https://learn.microsoft.com/partner-center/developer/checkout-a-cart (POST …/carts/{cartId}/checkout; documented
   * idempotent per cart: a second checkout answers what the first did). The order's line item names the subscription
   * (https://learn.microsoft.com/partner-center/developer/order-resources).
   */
  async placeOrder(order: UpstreamOrder, ids: RequestIds): Promise<PlacedOrder> {
    return refusing(async () => {
      const body: PcCart = {
        lineItems: [
          {
            id: 0,
            catalogItemId: order.catalogItemId,
            friendlyName: order.friendlyName,
            quantity: order.quantity,
            billingCycle: PC_BILLING_CYCLE[order.billingCycle],
            ...(order.termDuration ? { termDuration: order.termDuration } : {}),
            ...(order.resellerMpnId
              ? { participants: [{ key: "transaction_reseller", value: order.resellerMpnId }] }
              : {}),
          },
        ],
      };
      const base = customerPath(order.customerId);
      const cart = await this.client.send<PcCart>("POST", `${base}/carts`, body, { requestId: ids("cart") });
      const lineError = cart.lineItems.find((l) => l.error)?.error;
      if (lineError) throw new UpstreamRefusal(400, lineError.errorCode, lineError.errorDescription);
      if (!cart.id) throw new Error("Partner Center created a cart without an id");
      const result = await this.client.send<PcCartCheckoutResult>(
        "POST",
        `${base}/carts/${encodeURIComponent(cart.id)}/checkout`,
        undefined,
        { requestId: ids("checkout") },
      );
      const failed = result.orderErrors?.[0];
      if (failed) throw new UpstreamRefusal(400, failed.code, failed.description);
      const placed = result.orders?.[0];
      const subscriptionId = placed?.lineItems[0]?.subscriptionId;
      if (!placed || !subscriptionId) throw new Error("Partner Center checked out a cart without a subscription");
      const created = Date.parse(placed.creationDate);
      const maxQuantity = order.catalogCountry
        ? await skuMaximumQuantity(this.client, order.catalogItemId, order.catalogCountry)
        : null;
      return {
        maxQuantity,
        orderId: placed.id,
        subscriptionId: subscriptionId.toLowerCase(),
        purchasedAt: Number.isNaN(created) ? null : new Date(Math.floor(created / 1000) * 1000),
      };
    });
  }

  /**
   * Reads the subscription, then PATCHes it with the change, as the documented examples send the whole resource:
   * Get a subscription by ID https://learn.microsoft.com/partner-center/developer/get-a-subscription-by-id; Update
   * a subscription https://learn.microsoft.com/partner-center/developer/update-a-subscription (quantity,
   * autoRenewEnabled); Suspend a subscription https://learn.microsoft.com/partner-center/developer/suspend-a-subscription
   * (status suspended / active); Cancel a new commerce subscription: status deleted. A change for the next renewal
   * is the subscription's `scheduledNextTermInstructions`, set or removed (null) by the same PATCH: Schedule changes
   * for a new commerce subscription https://learn.microsoft.com/partner-center/developer/create-scheduled-changes
   * (its shape from https://learn.microsoft.com/partner-center/developer/manage-billing-frequency-software-subs).
   */
  async updateSubscription(
    customerId: string,
    subscriptionId: string,
    patch: SubscriptionPatch,
    ids: RequestIds,
  ): Promise<void> {
    await refusing(async () => {
      const path = `${customerPath(customerId)}/subscriptions/${encodeURIComponent(subscriptionId)}`;
      const current = await this.client.get<PcSubscription>(path);
      const body: PcSubscription = {
        ...current,
        ...(patch.status ? { status: PC_STATUS[patch.status] } : {}),
        ...(patch.quantity !== undefined ? { quantity: patch.quantity } : {}),
        ...(patch.autoRenew !== undefined ? { autoRenewEnabled: patch.autoRenew } : {}),
        ...scheduledPart(current, patch.scheduledChange),
      };
      await this.client.send<PcSubscription>("PATCH", path, body, { requestId: ids("patch") });
    });
  }

  /** Create a transfer (new commerce): https://learn.microsoft.com/partner-center/developer/create-a-transfer */
  async createTransfer(transfer: UpstreamTransfer, ids: RequestIds): Promise<string> {
    return refusing(async () => {
      const created = await this.client.send<PcTransferEntity>(
        "POST",
        `${customerPath(transfer.customerId)}/transfers`,
        {
          customerTenantId: transfer.customerId,
          sourcePartnerTenantId: transfer.sourcePartnerTenantId,
          targetPartnerTenantId: transfer.targetPartnerTenantId,
          lineItems: transfer.lineItems.map((l, i) => ({
            id: i,
            subscriptionId: l.subscriptionId,
            quantity: l.quantity,
            friendlyName: l.friendlyName,
            ...(l.partnerIdOnRecord ? { partnerIdOnRecord: l.partnerIdOnRecord } : {}),
          })),
        },
        { requestId: ids("transfer") },
      );
      return created.id.toLowerCase();
    });
  }

  /** Update a transfer (accept or cancel): https://learn.microsoft.com/partner-center/developer/update-a-transfer */
  async updateTransfer(
    customerId: string,
    transferId: string,
    status: "Complete" | "Cancel",
    ids: RequestIds,
  ): Promise<void> {
    await refusing(() =>
      this.client.send<PcTransferEntity>(
        "PATCH",
        `${customerPath(customerId)}/transfers/${encodeURIComponent(transferId)}`,
        { id: transferId, status },
        { requestId: ids("transfer-update") },
      ),
    );
  }

  /**
   * Request a reseller relationship: https://learn.microsoft.com/partner-center/developer/request-a-relationship-with-a-customer
   * (GET /v1/customers/relationshiprequests answers the link to send the customer; App + User when configured).
   */
  async relationshipRequestLink(): Promise<string> {
    const answer = await refusing(() =>
      this.client.get<PcRelationshipRequest>("/v1/customers/relationshiprequests", {
        auth: this.client.hasUserCredentials ? "user" : "app",
      }),
    );
    return answer.url;
  }
}
