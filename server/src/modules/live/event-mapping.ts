import type { NodeTypeName } from "../../common/global-id";
import { RelationshipStatus, TransferStatus } from "../../domain/enums";
import type { AuditChangeRow } from "../audit/audit-event.entity";
import { ProviderRequestStatus } from "../provider-request/provider-request.entity";
import { LiveEventType } from "./live-event-type";

/** A domain event derived from a committed mutation, before its audience is known. */
export interface EventDraft {
  type: LiveEventType;
  subjectType: NodeTypeName;
  subjectId: string;
  /** Emitted once per key (see OutboxEvent.dedupeKey), or null. */
  dedupeKey: string | null;
}

type Fields = AuditChangeRow["fields"];
const created = (f: Fields) => f.id?.before === null && f.id.after !== null;
const statusBecame = (f: Fields, ...to: string[]) => {
  const s = f.status;
  return s !== undefined && s.before !== s.after && to.includes(String(s.after));
};

interface MappingRule {
  subject: NodeTypeName;
  /** Restricts the rule to these mutations; any mutation when absent. */
  operations?: readonly string[];
  when: (fields: Fields) => boolean;
  type: LiveEventType;
  /** Emitted once per subject (an expiry can be saved by a mutation and seen by the scheduler). */
  once?: true;
}

/**
 * The mapping table: which audited change (auth/scope's node types, service-context's audit rows) is which domain
 * event. The audit rows say what changed, field by field, so the mapping needs no knowledge of each service.
 */
export const EVENT_MAPPING: readonly MappingRule[] = [
  { subject: "Transfer", when: created, type: LiveEventType.TRANSFER_CREATED },
  {
    subject: "Transfer",
    when: (f) => !created(f) && statusBecame(f, TransferStatus.ACCEPTED, TransferStatus.COMPLETED),
    type: LiveEventType.TRANSFER_ACCEPTED,
  },
  {
    subject: "Transfer",
    when: (f) => !created(f) && statusBecame(f, TransferStatus.REJECTED),
    type: LiveEventType.TRANSFER_REJECTED,
  },
  {
    subject: "Transfer",
    when: (f) => !created(f) && statusBecame(f, TransferStatus.WITHDRAWN),
    type: LiveEventType.TRANSFER_WITHDRAWN,
  },
  {
    subject: "Transfer",
    when: (f) => statusBecame(f, TransferStatus.EXPIRED),
    type: LiveEventType.TRANSFER_EXPIRED,
    once: true,
  },
  // A request the customer accepted (not a relationship created ACTIVE with a new customer).
  {
    subject: "CustomerRelationship",
    when: (f) => f.status?.before === RelationshipStatus.REQUESTED && f.status.after === RelationshipStatus.ACTIVE,
    type: LiveEventType.RELATIONSHIP_ACCEPTED,
  },
  { subject: "CustomerSubscription", when: () => true, type: LiveEventType.SUBSCRIPTION_CHANGED },
  { subject: "ProviderRequest", when: created, type: LiveEventType.PROVIDER_REQUEST_OPENED },
  {
    subject: "ProviderRequest",
    when: (f) =>
      !created(f) &&
      statusBecame(f, ProviderRequestStatus.FULFILLED, ProviderRequestStatus.DECLINED, ProviderRequestStatus.WITHDRAWN),
    type: LiveEventType.PROVIDER_REQUEST_RESOLVED,
  },
];

/** The dedupe key of an event emitted once per subject (and per date, for timed events). */
export function dedupeKey(type: LiveEventType, subjectId: string, dueOn: string | null = null): string {
  return dueOn ? `${type}:${subjectId}:${dueOn}` : `${type}:${subjectId}`;
}

/** The domain events of one committed mutation: each matching rule once per changed row, in change order. */
export function eventsOf(operation: string, changes: readonly AuditChangeRow[]): EventDraft[] {
  const out: EventDraft[] = [];
  const seen = new Set<string>();
  for (const change of changes) {
    for (const rule of EVENT_MAPPING) {
      if (rule.subject !== change.type) continue;
      if (rule.operations && !rule.operations.includes(operation)) continue;
      if (!rule.when(change.fields)) continue;
      const key = `${rule.type}:${change.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        type: rule.type,
        subjectType: rule.subject,
        subjectId: change.id,
        dedupeKey: rule.once ? dedupeKey(rule.type, change.id) : null,
      });
    }
  }
  return out;
}
