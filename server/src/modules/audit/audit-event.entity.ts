import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/** Accepted: the change committed with its event. Refused: user errors, nothing changed. Failed: an internal error. */
export enum AuditOutcome {
  ACCEPTED = "ACCEPTED",
  REFUSED = "REFUSED",
  FAILED = "FAILED",
}

/** One object a mutation touched or named: its node type and database id. */
export interface AuditTargetRow {
  type: string;
  id: string;
}

/** What a mutation changed on one row: field → before/after (null before = the row was created). */
export interface AuditChangeRow {
  type: string;
  id: string;
  fields: Record<string, { before: unknown; after: unknown }>;
}

export interface AuditReasonRow {
  ruleId: string;
  code: string;
  severity: string;
}

export interface AuditDecisionRow {
  action: string;
  eligible: boolean;
  asOf: string;
  blocking: AuditReasonRow[];
  advisories: AuditReasonRow[];
}

export interface AuditUserErrorRow {
  field: string[] | null;
  code: string;
  ruleId: string | null;
  message: string;
  /** Set when Partner Center refused a write-through (absent: channelgate refused). */
  source?: "PARTNER_CENTER";
  upstreamCode?: number | null;
  /** Our rule book had allowed what Partner Center refused: a disagreement kept for review. */
  disagreement?: boolean;
}

/**
 * One mutation call, accepted or refused: who (user, API token, or a customer's admin through an acceptance link),
 * for which partner, what it named and changed, and the decision with its reasons. Written by the mutation seam
 * (service-context.ts); never updated or deleted. The indexes serve the scoped, newest-first keyset pages and the
 * filters of `auditEvents`.
 */
@Entity()
@Index(["partnerId", "occurredAt", "id"])
@Index(["customerId", "occurredAt", "id"])
@Index(["partnerId", "resellerId", "occurredAt", "id"])
@Index(["actorUserId", "occurredAt", "id"])
@Index(["actorApiTokenId", "occurredAt", "id"])
@Index(["operation", "occurredAt", "id"])
@Index(["occurredAt", "id"])
export class AuditEvent {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ type: Date })
  occurredAt: Date;

  /** The HTTP request's id (X-Request-Id), as in the request log. */
  @Column({ type: "varchar", length: 64, nullable: true })
  requestId: string | null;

  /** No foreign keys on actors and targets: the log outlives what it names. */
  @Column({ type: "varchar", length: 36, nullable: true })
  actorUserId: string | null;

  @Column({ type: "varchar", length: 36, nullable: true })
  actorApiTokenId: string | null;

  /** Who acted, as it was at the time: the user's email, or the UPN given when a customer accepted a link. */
  @Column({ type: "varchar", length: 254, nullable: true })
  actorLabel: string | null;

  /** The partner the event is accountable to: the actor's partner (for a customer's acceptance, each requester). */
  @Column({ type: "varchar", length: 36, nullable: true })
  partnerId: string | null;

  /** The GraphQL mutation, e.g. orderSubscription. */
  @Column({ type: "varchar", length: 80 })
  operation: string;

  @Column({ type: "varchar", length: 10 })
  outcome: AuditOutcome;

  @Column({ type: "varchar", length: 36, nullable: true })
  customerId: string | null;

  /**
   * The indirect reseller the event concerns (the reseller page's activity, issue 11): a reseller the mutation named,
   * or the reseller of a partnership, provider request, transfer or subscription (reseller of record) it touched.
   * Null for events recorded before the column existed and for events that concern no reseller.
   */
  @Column({ type: "varchar", length: 36, nullable: true })
  resellerId: string | null;

  @Column({ type: "simple-json" })
  targets: AuditTargetRow[];

  @Column({ type: "simple-json" })
  changes: AuditChangeRow[];

  @Column({ type: "simple-json", nullable: true })
  decision: AuditDecisionRow | null;

  @Column({ type: "simple-json", nullable: true })
  userErrors: AuditUserErrorRow[] | null;
}
