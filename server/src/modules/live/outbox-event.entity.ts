import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import type { LiveEventType } from "./live-event-type";

/**
 * One domain event, written in the same transaction as the change it reports (the transactional outbox): it exists
 * exactly when the change committed. The publisher (outbox.publisher.ts) drains unpublished rows by increasing `id`
 * and marks them published; consumers (GraphQL subscriptions today, a webhook dispatcher later) read the stream the
 * publisher fans out. `audience` is decided when the event is written, by the need-to-know rules of auth/scope.ts.
 */
@Entity()
@Index("IDX_outbox_event_unpublished", ["publishedAt", "id"])
@Index("UQ_outbox_event_dedupe_key", ["dedupeKey"], { unique: true })
export class OutboxEvent {
  /** Monotonically increasing (SQLite AUTOINCREMENT, PostgreSQL bigserial): the publishing order. */
  @PrimaryGeneratedColumn({ type: "bigint" })
  id: string;

  @Column({ type: "varchar", length: 40 })
  type: LiveEventType;

  @Column({ type: Date })
  occurredAt: Date;

  /** The node the event is about (its type and database id). */
  @Column({ type: "varchar", length: 40 })
  subjectType: string;

  @Column({ type: "varchar", length: 36 })
  subjectId: string;

  /** The customer it concerns, when one (for filtering; not sent to subscribers). */
  @Column({ type: "varchar", length: 36, nullable: true })
  customerId: string | null;

  /** The mutation that caused it, or null for a timed event of the scheduler. */
  @Column({ type: "varchar", length: 80, nullable: true })
  operation: string | null;

  /** For timed events: the date the event announces (window closing, expiry, term end). */
  @Column({ type: "varchar", length: 10, nullable: true })
  dueOn: string | null;

  /** Partner ids that may see the event (auth/scope.ts `audiencesOf`). */
  @Column({ type: "simple-json" })
  audience: string[];

  /** Emitted once: a second insert with the same key is ignored (timed events, an expiry seen twice). */
  @Column({ type: "varchar", length: 120, nullable: true })
  dedupeKey: string | null;

  @Column({ type: Date, nullable: true })
  publishedAt: Date | null;
}
