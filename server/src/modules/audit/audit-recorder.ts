import type { NodeTypeName } from "../../common/global-id";
import type { AuditChangeRow, AuditDecisionRow, AuditTargetRow } from "./audit-event.entity";

/** Fields never copied into the log: credentials (an acceptance link's token opens a customer). */
const SECRET_FIELDS = new Set(["requestToken", "secretCiphertext"]);

type Plain = string | number | boolean | null | Plain[];

/** A value as the log keeps it: dates as ISO strings; relations and other objects are left out. */
function plain(value: unknown): Plain | undefined {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return value;
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => plain(v) ?? null);
  return undefined;
}

function loggable(field: string, value: unknown): Plain | undefined {
  const v = plain(value);
  if (v !== undefined && v !== null && SECRET_FIELDS.has(field)) return "[secret]";
  return v;
}

/** Field → {before, after} for the fields that differ (every field when the row was created). */
export function fieldChanges(before: object | null, after: object | null): AuditChangeRow["fields"] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const fields: AuditChangeRow["fields"] = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const was = before ? loggable(key, b[key]) : null;
    const is = after ? loggable(key, a[key]) : null;
    if (was === undefined || is === undefined) continue;
    if (JSON.stringify(was) !== JSON.stringify(is)) fields[key] = { before: was, after: is };
  }
  return fields;
}

/** An eligibility decision as the API presents it (EligibilityDecision) or as the engine makes it. */
export interface DecisionLike {
  action: string;
  eligible: boolean;
  asOf?: string;
  blocking: readonly { ruleId: string; code: string; severity: string }[];
  advisories: readonly { ruleId: string; code: string; severity: string }[];
}

const reasonRow = (r: { ruleId: string; code: string; severity: string }) => ({
  ruleId: r.ruleId,
  code: r.code,
  severity: r.severity,
});

/** The decision as the log keeps it: rule ids and codes (messages are rendered when read, in the reader's language). */
export function decisionRow(d: DecisionLike): AuditDecisionRow {
  return {
    action: d.action,
    eligible: d.eligible,
    asOf: d.asOf ?? "",
    blocking: d.blocking.map(reasonRow),
    advisories: d.advisories.map(reasonRow),
  };
}

/**
 * What one mutation reports for its audit event (service-context.ts writes it): the objects it named, what it
 * changed, and the decision it made. Services call it; they never write the event themselves.
 */
export class AuditRecorder {
  private readonly targetRows: AuditTargetRow[] = [];
  private readonly changeRows: AuditChangeRow[] = [];
  private decided: AuditDecisionRow | null = null;
  private customer: string | null = null;
  private reseller: string | null = null;
  private accountable: string[] = [];
  private label: string | null = null;
  private readonly writtenRows = new Map<string, object>();

  /**
   * An object the mutation named or touched. A customer also fills the event's customer filter column; a partner
   * (mutations name partners only as resellers: partner.lookups.ts, inviteReseller) its reseller column.
   */
  target(type: NodeTypeName, id: string): this {
    if (type === "Customer" && this.customer === null) this.customer = id;
    if (type === "Partner") this.concerns(id);
    if (!this.targetRows.some((t) => t.type === type && t.id === id)) this.targetRows.push({ type, id });
    return this;
  }

  /** A row the mutation created (`before` null) or changed; only differing fields are kept. */
  change<B extends { id: string }, A extends { id: string }>(type: NodeTypeName, before: B | null, after: A): this {
    this.target(type, after.id);
    const customerId = (after as { customerId?: unknown }).customerId;
    if (typeof customerId === "string") this.target("Customer", customerId);
    // A partnership, provider request or transfer names its reseller; a subscription its reseller of record.
    const { resellerId, resellerOfRecordId } = after as { resellerId?: unknown; resellerOfRecordId?: unknown };
    const reseller = resellerId ?? resellerOfRecordId;
    if (typeof reseller === "string") this.concerns(reseller);
    const fields = fieldChanges(before, after);
    if (Object.keys(fields).length > 0) this.changeRows.push({ type, id: after.id, fields });
    this.writtenRows.set(`${type}:${after.id}`, after);
    return this;
  }

  /** The indirect reseller the event concerns (the first one reported): the reseller page's activity filter. */
  concerns(resellerId: string): this {
    if (this.reseller === null) this.reseller = resellerId;
    return this;
  }

  /** The last row reported for `type:id` as the mutation wrote it (live events' audiences read it, not the table). */
  written(type: NodeTypeName, id: string): object | undefined {
    return this.writtenRows.get(`${type}:${id}`);
  }

  /** The eligibility decision the mutation acted on (a payload's `decision` is taken without being reported). */
  decision(decision: DecisionLike): this {
    this.decided = decisionRow(decision);
    return this;
  }

  /**
   * For a mutation without a signed-in partner (a customer accepting a link): who acted, as they named themselves,
   * and the partners the event is accountable to (one event each, so that each sees it).
   */
  actedFor(label: string, partnerIds: string[]): this {
    this.label = label.slice(0, 254);
    this.accountable = [...new Set(partnerIds)];
    return this;
  }

  get targets(): AuditTargetRow[] {
    return [...this.targetRows];
  }
  get changes(): AuditChangeRow[] {
    return [...this.changeRows];
  }
  get recordedDecision(): AuditDecisionRow | null {
    return this.decided;
  }
  get customerId(): string | null {
    return this.customer;
  }
  get resellerId(): string | null {
    return this.reseller;
  }
  get accountablePartners(): string[] {
    return [...this.accountable];
  }
  get actorLabel(): string | null {
    return this.label;
  }
}
