import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { SyncPhase, SyncRunKind, SyncRunStatus } from "../../domain/enums";

@ObjectType({ description: "How far one phase of a sync run got." })
export class SyncPhaseProgress {
  @Field(() => SyncPhase)
  phase: SyncPhase;

  @Field(() => Int)
  done: number;

  @Field(() => Int, { description: "What the phase has to do, once known (0 before)." })
  total: number;
}

/**
 * One run of a Partner Center sync (full, or incremental from the audit records). At most one row is RUNNING: a
 * partial unique index says so to the database, and the runner holds a lock while it runs (sync-lock.ts), so a
 * RUNNING row found while holding the lock was left by a process that stopped, and is closed as FAILED.
 */
@ObjectType({ description: "A Partner Center sync run: what it did, how far it got, and where to resume." })
@Entity()
@Index("UQ_sync_run_running", ["status"], { unique: true, where: `"status" = 'RUNNING'` })
@Index("IDX_sync_run_started", ["startedAt"])
export class SyncRun {
  @Field(() => ID)
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Field(() => SyncRunKind)
  @Column({ type: "varchar", length: 20 })
  kind: SyncRunKind;

  @Field(() => SyncRunStatus)
  @Column({ type: "varchar", length: 20 })
  status: SyncRunStatus;

  @Field(() => SyncPhase, { nullable: true, description: "The phase running now (the last one, once finished)." })
  @Column({ type: "varchar", length: 20, nullable: true })
  phase: SyncPhase | null;

  @Field(() => [SyncPhaseProgress])
  @Column({ type: "simple-json" })
  phases: SyncPhaseProgress[];

  @Field(() => Int)
  @Column({ type: "integer", default: 0 })
  customers: number;

  @Field(() => Int)
  @Column({ type: "integer", default: 0 })
  subscriptions: number;

  @Field(() => Int)
  @Column({ type: "integer", default: 0 })
  resellers: number;

  @Field(() => Int)
  @Column({ type: "integer", default: 0 })
  transfers: number;

  @Field(() => Int, { description: "Rows inserted or updated." })
  @Column({ type: "integer", default: 0 })
  changed: number;

  @Field(() => Int, { description: "Calls made to Partner Center (retries included)." })
  @Column({ type: "integer", default: 0 })
  calls: number;

  @Field(() => Int)
  @Column({ type: "integer", default: 0 })
  retries: number;

  @Field(() => Int, { description: "Calls Partner Center answered with 429 (throttled)." })
  @Column({ type: "integer", default: 0 })
  throttled: number;

  @Field()
  @Column({ type: Date })
  startedAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: Date, nullable: true })
  finishedAt: Date | null;

  /** Last progress write: a RUNNING row whose heartbeat is old belongs to a stopped process. */
  @Column({ type: Date })
  heartbeatAt: Date;

  @Field(() => String, { nullable: true, description: "Why the run failed (no internals: what and where)." })
  @Column({ type: "varchar", length: 2000, nullable: true })
  error: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Full runs: the Partner Center customer id the run started from (a resumed run), or once FAILED the one to resume from (startSync with resume: true).",
  })
  @Column({ type: "varchar", length: 64, nullable: true })
  resumeFrom: string | null;

  /** Incremental runs: the end of the audit-record window read; the next run starts there. */
  @Field(() => Date, { nullable: true, description: "Incremental runs: audit records were read up to this instant." })
  @Column({ type: Date, nullable: true })
  auditUntil: Date | null;

  /** Who started it (null: the schedule or a webhook). */
  @Column({ type: "varchar", length: 36, nullable: true })
  startedByUserId: string | null;
}
