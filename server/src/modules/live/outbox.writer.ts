import type { DataSource, EntityManager } from "typeorm";
import type { QueryDeepPartialEntity } from "typeorm/query-builder/QueryPartialEntity";
import { audienceKey, audiencesOf, type AudienceSubject, type KnownSubscription } from "../../auth/event-audiences";
import type { AuditChangeRow } from "../audit/audit-event.entity";
import { requestStore } from "../../common/sql-counter";
import { eventsOf, type EventDraft } from "./event-mapping";
import { OutboxEvent } from "./outbox-event.entity";

/** The PostgreSQL channel the outbox notifies on commit (the publishers' wake-up; polling is the fallback). */
export const OUTBOX_CHANNEL = "cg_outbox";

/** Rows per INSERT statement: 10 parameters each, so 5,000 per statement (SQLite allows 32,766, PostgreSQL 65,535). */
const ROWS_PER_INSERT = 500;

/** A timed or derived event ready for the outbox, with the customer it concerns. */
export interface OutboxDraft extends EventDraft {
  customerId: string | null;
  operation: string | null;
  dueOn: string | null;
}

/**
 * Writes events through `em`, each with its audience (auth/scope.ts `audiencesOf`), in the caller's transaction.
 * Events with a dedupe key already written are skipped (INSERT … OR IGNORE / ON CONFLICT DO NOTHING). On
 * PostgreSQL, NOTIFY is delivered at commit, so listeners wake only for events that exist. Returns how many
 * drafts it was given.
 */
export async function writeOutboxEvents(
  em: EntityManager,
  drafts: readonly OutboxDraft[],
  known?: (subject: AudienceSubject) => KnownSubscription | undefined,
): Promise<number> {
  if (drafts.length === 0) return 0;
  const subjects = drafts.map((d) => ({ type: d.subjectType, id: d.subjectId }) as AudienceSubject);
  const audiences = await audiencesOf(em, subjects, known);
  const occurredAt = new Date();
  const rows = drafts.map((d, i) => ({
    type: d.type,
    occurredAt,
    subjectType: d.subjectType,
    subjectId: d.subjectId,
    customerId: d.customerId,
    operation: d.operation,
    dueOn: d.dueOn,
    audience: audiences.get(audienceKey(subjects[i]!)) ?? [],
    dedupeKey: d.dedupeKey,
    publishedAt: null,
  }));
  // One statement per chunk of rows. Keyed rows go in their own statements with OR IGNORE / ON CONFLICT DO NOTHING,
  // which skips only the rows whose key is already written (or repeated earlier in the same statement); the
  // others are inserted. Chunks keep a statement's parameters (10 per row) well under SQLite's and PostgreSQL's
  // limits, whatever a mutation or a scan page hands over.
  const insert = (chunk: typeof rows, ignoreDuplicates: boolean) => {
    const qb = em
      .createQueryBuilder()
      .insert()
      .into(OutboxEvent)
      .updateEntity(false)
      .values(chunk as QueryDeepPartialEntity<OutboxEvent>[]);
    return (ignoreDuplicates ? qb.orIgnore() : qb).execute();
  };
  const plain = rows.filter((r) => r.dedupeKey === null);
  const keyed = rows.filter((r) => r.dedupeKey !== null);
  for (let i = 0; i < plain.length; i += ROWS_PER_INSERT) await insert(plain.slice(i, i + ROWS_PER_INSERT), false);
  for (let i = 0; i < keyed.length; i += ROWS_PER_INSERT) await insert(keyed.slice(i, i + ROWS_PER_INSERT), true);
  if (em.connection.options.type === "postgres") await em.query(`NOTIFY ${OUTBOX_CHANNEL}`);
  return rows.length;
}

/**
 * The events of a committed mutation (event-mapping.ts), written in its transaction by the seam. `written` gives
 * the rows the mutation reported as written (AuditRecorder.written): a subscription's parties are taken from it
 * instead of being read back.
 */
export function writeMutationEvents(
  em: EntityManager,
  operation: string,
  changes: readonly AuditChangeRow[],
  customerId: string | null,
  written: (type: "CustomerSubscription", id: string) => object | undefined = () => undefined,
): Promise<number> {
  const drafts = eventsOf(operation, changes).map((d) => ({ ...d, customerId, operation, dueOn: null }));
  return writeOutboxEvents(em, drafts, (subject) =>
    subject.type === "CustomerSubscription"
      ? knownSubscription(written("CustomerSubscription", subject.id))
      : undefined,
  );
}

/** A written subscription row's parties, when the row carries them all. */
function knownSubscription(row: object | undefined): KnownSubscription | undefined {
  const r = row as Partial<KnownSubscription> | undefined;
  if (!r || typeof r.id !== "string" || typeof r.customerId !== "string" || typeof r.channel !== "string") return;
  if (r.transactingPartnerId === undefined || r.resellerOfRecordId === undefined) return;
  return {
    id: r.id,
    customerId: r.customerId,
    channel: r.channel,
    transactingPartnerId: r.transactingPartnerId,
    resellerOfRecordId: r.resellerOfRecordId,
  };
}

// The publisher of each data source (one per process): the seam wakes it after a commit that wrote events, so
// that this replica publishes without waiting for its poll.
const publishers = new WeakMap<DataSource, () => void>();

export function onOutboxCommit(ds: DataSource, wake: () => void): () => void {
  publishers.set(ds, wake);
  return () => {
    if (publishers.get(ds) === wake) publishers.delete(ds);
  };
}

/**
 * Wakes this process's publisher. Its drain is the publisher's work, batched over whatever committed meanwhile, not
 * the request's: it runs outside the request's store, so that the request's log fields and SQL statement count
 * (x-sql-count) are its own, and not a race with the drain.
 */
export function outboxCommitted(ds: DataSource): void {
  const wake = publishers.get(ds);
  if (wake) requestStore.exit(wake);
}
