import type { PartnerCenterClient } from "./client";

// Partner Center's audit records: what changed, for the incremental sync to refresh. Resource and query as
// documented: https://learn.microsoft.com/partner-center/developer/get-a-record-of-partner-center-activity-by-user
// (GET /v1/auditrecords?startDate=&endDate=, continuation through links.next; at most the last 90 days) and
// https://learn.microsoft.com/partner-center/developer/auditing-resources (the AuditRecord fields).

export interface PcAuditRecord {
  id: string;
  partnerId: string;
  customerId?: string;
  customerName?: string;
  userPrincipalName?: string;
  applicationId?: string;
  /** customer, subscription, order, transfer, partner_customer_relationship, agreement, … (auditing-resources). */
  resourceType: string;
  resourceOldValue?: string;
  resourceNewValue?: string;
  operationType: string;
  /** succeeded, failed, progress, decline (auditing-resources: OperationStatus). */
  operationStatus: string;
  operationDate: string;
  originalCorrelationId?: string;
  customizedData?: Array<{ key: string; value: string }>;
  attributes: { objectType: "AuditRecord" };
}

/** Partner Center keeps audit records this many days; an older start date is refused with 400. */
export const AUDIT_RETENTION_DAYS = 90;
/** The longest window one query may ask for (the REST reference: "a maximum window of 30 days"). */
export const AUDIT_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

/** Resource types whose change lives in a customer's synced objects (customer, subscriptions, relationships, …). */
const CUSTOMER_RESOURCES = new Set([
  "customer",
  "subscription",
  "order",
  "license",
  "transfer",
  "agreement",
  "partner_customer_relationship",
  "partner_customer_dap",
]);

/** Audit records between `since` and `until`, in windows of at most 30 days. */
export async function readAuditRecords(
  client: PartnerCenterClient,
  since: Date,
  until: Date,
): Promise<PcAuditRecord[]> {
  const records: PcAuditRecord[] = [];
  for (let start = since.getTime(); start < until.getTime(); start += AUDIT_WINDOW_DAYS * DAY_MS) {
    const end = Math.min(until.getTime(), start + AUDIT_WINDOW_DAYS * DAY_MS);
    const query = new URLSearchParams({
      startDate: new Date(start).toISOString(),
      endDate: new Date(end).toISOString(),
    });
    records.push(...(await client.getAll<PcAuditRecord>(`/v1/auditrecords?${query.toString()}`)));
  }
  return records;
}

/** The customers whose synced objects the records say changed (succeeded operations only), first seen first. */
export function customersNamed(records: readonly PcAuditRecord[]): string[] {
  const ids = new Set<string>();
  for (const r of records) {
    if (r.operationStatus.toLowerCase() !== "succeeded") continue;
    if (!r.customerId || !CUSTOMER_RESOURCES.has(r.resourceType.toLowerCase())) continue;
    ids.add(r.customerId.toLowerCase());
  }
  return [...ids];
}

/** Whether a checkpoint is too old for the audit records (a full sync is needed instead). */
export function beyondRetention(since: Date, now: Date): boolean {
  return now.getTime() - since.getTime() > (AUDIT_RETENTION_DAYS - 1) * DAY_MS;
}
