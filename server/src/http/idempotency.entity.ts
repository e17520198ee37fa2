import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/** A claimed Idempotency-Key and, once the first request finished, its answer (http/idempotency.ts). */
@Entity("idempotency_key")
export class IdempotencyKey {
  /** Whose key: caller.ts's callerKey (`user:<subject>` or `ip:<address>`). Keys never cross callers. */
  @PrimaryColumn({ type: "varchar", length: 300 })
  callerKey: string;

  @PrimaryColumn({ type: "varchar", length: 255 })
  key: string;

  /** SHA-256 (hex) of the operation and its variables: the same key with another body is refused. */
  @Column({ type: "varchar", length: 64 })
  requestHash: string;

  /** Null while the first request runs. */
  @Column({ type: "integer", nullable: true })
  statusCode: number | null;

  @Column({ type: "text", nullable: true })
  response: string | null;

  @Column({ type: Date })
  @Index("IDX_idempotency_key_created_at")
  createdAt: Date;
}
