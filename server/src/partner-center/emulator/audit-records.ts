import type { Express, Request, Response } from "express";
import { randomUUID } from "node:crypto";
import { SubscriptionStatus } from "../../domain/enums";
import type { PcAuditRecord } from "../audit-records";
import { AUDIT_RETENTION_DAYS } from "../audit-records";
import { EMULATOR_SUBSCRIPTION_STATUS, type EmulatorState, type EmuSubscription, type EmuPartner } from "./state";

// The emulator's audit records and the changes that write them. Partner Center records what a partner's users and
// apps did (https://learn.microsoft.com/partner-center/developer/auditing-resources), so a change made in Partner
// Center itself (its portal, another tool) shows up here even when no webhook reached channelgate: the incremental
// sync reads these. Served as GET /v1/auditrecords?startDate=&endDate= with continuation through links.next
// (https://learn.microsoft.com/partner-center/developer/get-a-record-of-partner-center-activity-by-user).

const logs = new WeakMap<EmulatorState, PcAuditRecord[]>();
const listeners = new WeakMap<EmulatorState, Array<(change: EmulatorChange) => void>>();
const DAY_MS = 86_400_000;
const PAGE = 100;

/** A change of the emulator's state, for the webhooks to announce. */
export interface EmulatorChange {
  /** Partner Center's webhook event name (e.g. subscription-updated). */
  eventName: string;
  /** The tenant of the partner whose Partner Center account saw the change. */
  partnerTenantId: string;
  customerId: string;
  /** The changed resource's URI, as the events carry it. */
  resourceUri: string;
  at: Date;
}

export function auditLogOf(state: EmulatorState): PcAuditRecord[] {
  let log = logs.get(state);
  if (!log) logs.set(state, (log = []));
  return log;
}

/** Calls `listener` after each change of this state (the webhook sender subscribes). */
export function onEmulatorChange(state: EmulatorState, listener: (change: EmulatorChange) => void): () => void {
  const list = listeners.get(state) ?? [];
  list.push(listener);
  listeners.set(state, list);
  return () => list.splice(list.indexOf(listener), 1);
}

function subscriptionById(state: EmulatorState, id: string): EmuSubscription | undefined {
  return state.subscriptions.find((s) => s.id === id.toLowerCase());
}

/**
 * Changes a subscription as a partner user would in Partner Center (quantity, status, auto-renew), writes the audit
 * record of the partner that bills it, and tells the listeners (webhooks). Answers the changed subscription.
 */
export function changeSubscription(
  state: EmulatorState,
  subscriptionId: string,
  patch: { quantity?: number; status?: SubscriptionStatus; autoRenew?: boolean },
  at: Date = new Date(),
): EmuSubscription {
  const s = subscriptionById(state, subscriptionId);
  if (!s) throw new Error(`no subscription ${subscriptionId}`);
  const biller: EmuPartner | undefined = s.transactingPartner ? state.partners.get(s.transactingPartner) : undefined;
  const customer = state.customers.get(s.customer)!;
  if (!biller) throw new Error(`subscription ${subscriptionId} has no billing partner`);
  const old = {
    id: s.id,
    quantity: s.quantity,
    status: EMULATOR_SUBSCRIPTION_STATUS[s.status],
    autoRenewEnabled: s.autoRenew ?? true,
  };
  if (patch.quantity !== undefined) s.quantity = patch.quantity;
  if (patch.status !== undefined) s.status = patch.status;
  if (patch.autoRenew !== undefined) s.autoRenew = patch.autoRenew;
  const now = {
    id: s.id,
    quantity: s.quantity,
    status: EMULATOR_SUBSCRIPTION_STATUS[s.status],
    autoRenewEnabled: s.autoRenew ?? true,
  };
  auditLogOf(state).push({
    id: randomUUID(),
    partnerId: biller.tenantId,
    customerId: customer.id,
    customerName: customer.name,
    userPrincipalName: `admin@${biller.key}.example`,
    resourceType: "subscription",
    resourceOldValue: JSON.stringify(old),
    resourceNewValue: JSON.stringify(now),
    operationType: "update_subscription",
    operationStatus: "succeeded",
    operationDate: at.toISOString(),
    originalCorrelationId: randomUUID(),
    customizedData: [{ key: "SubscriptionId", value: s.id }],
    attributes: { objectType: "AuditRecord" },
  });
  const change: EmulatorChange = {
    eventName: "subscription-updated",
    partnerTenantId: biller.tenantId,
    customerId: customer.id,
    resourceUri: `/v1/customers/${customer.id}/subscriptions/${s.id}`,
    at,
  };
  for (const listener of listeners.get(state) ?? []) listener(change);
  return s;
}

function encodeSeek(offset: number, startDate: string, endDate: string): string {
  return Buffer.from(JSON.stringify({ o: offset, s: startDate, e: endDate })).toString("base64url");
}

function decodeSeek(token: string): { o: number; s: string; e: string } | null {
  try {
    const v = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { o?: unknown; s?: unknown; e?: unknown };
    return typeof v.o === "number" && typeof v.s === "string" && typeof v.e === "string"
      ? { o: v.o, s: v.s, e: v.e }
      : null;
  } catch {
    return null;
  }
}

/** Mounts GET /v1/auditrecords (after the emulator's authentication middleware, before its 404). */
export function mountAuditRecords(
  app: Express,
  state: EmulatorState,
  partnerOf: (res: Response) => EmuPartner,
  pcError: (res: Response, status: number, code: number, description: string) => void,
): void {
  app.get("/v1/auditrecords", (req: Request, res: Response) => {
    let startDate: string;
    let endDate: string;
    let offset = 0;
    if (req.query.seekOperation === "Next") {
      const seek = decodeSeek(req.get("MS-ContinuationToken") ?? "");
      if (!seek) {
        pcError(res, 400, 400, "A valid MS-ContinuationToken header is required to seek.");
        return;
      }
      ({ s: startDate, e: endDate, o: offset } = seek);
    } else {
      startDate = typeof req.query.startDate === "string" ? req.query.startDate : "";
      endDate = typeof req.query.endDate === "string" ? req.query.endDate : new Date().toISOString();
    }
    const start = Date.parse(startDate);
    const end = Date.parse(endDate);
    if (Number.isNaN(start) || Number.isNaN(end) || end < start) {
      pcError(res, 400, 400, "startDate is required; startDate and endDate must be date-times, startDate first.");
      return;
    }
    if (Date.now() - start > AUDIT_RETENTION_DAYS * DAY_MS) {
      pcError(res, 400, 400, `Audit records are available for the last ${AUDIT_RETENTION_DAYS} days only.`);
      return;
    }
    const tenant = partnerOf(res).tenantId;
    const matching = auditLogOf(state).filter((r) => {
      const t = Date.parse(r.operationDate);
      return r.partnerId === tenant && t >= start && t < end;
    });
    const items = matching.slice(offset, offset + PAGE);
    const next =
      offset + PAGE < matching.length
        ? {
            uri: "/v1/auditrecords?seekOperation=Next",
            method: "GET",
            headers: [{ key: "MS-ContinuationToken", value: encodeSeek(offset + PAGE, startDate, endDate) }],
          }
        : undefined;
    res.json({
      totalCount: items.length,
      items,
      links: { self: { uri: "/v1/auditrecords", method: "GET", headers: [] }, ...(next ? { next } : {}) },
      attributes: { objectType: "Collection" },
    });
  });
}
