import { createHash } from "node:crypto";

// Perpetual software is no subscription in Partner Center: the purchase is an order line item and the right to use
// it a software entitlement (cancel-software-purchases: software subscriptions are cancelled on the subscription,
// perpetual software only on its order). channelgate keeps it as a subscription row (RULES.md v2: vocabulary), whose
// id is made from the order line item, so that every sync finds the same row.

/** The channelgate subscription id of a perpetual software purchase: a GUID made from its order and line item. */
export function softwarePurchaseId(orderId: string, lineItemNumber: string | number): string {
  const h = createHash("sha1").update(`partner-center-software-purchase:${orderId}:${lineItemNumber}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
