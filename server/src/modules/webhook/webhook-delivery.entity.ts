import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from "typeorm";
import { toGlobalId } from "../../common/global-id";
import { Node } from "../../common/node";
import { LiveEventType } from "../live/live-event-type";
import { WebhookEndpoint } from "./webhook-endpoint.entity";

export enum WebhookDeliveryStatus {
  /** Waiting for its first attempt or a retry (nextAttemptAt). */
  PENDING = "PENDING",
  /** The receiver answered 2xx. */
  DELIVERED = "DELIVERED",
  /** Every attempt failed, or the receiver answered 410 Gone. */
  FAILED = "FAILED",
  /** Not sent: the endpoint was turned off before its turn came. */
  CANCELLED = "CANCELLED",
}

registerEnumType(WebhookDeliveryStatus, {
  name: "WebhookDeliveryStatus",
  description:
    "PENDING (waiting for an attempt), DELIVERED (2xx), FAILED (gave up, or 410 Gone), CANCELLED (endpoint off).",
});

/** One attempt as the log keeps it. */
export interface WebhookAttemptRow {
  at: string;
  responseCode: number | null;
  responseTimeMs: number;
  error: string | null;
}

@ObjectType({ description: "One attempt to deliver an event to an endpoint." })
export class WebhookAttempt {
  @Field()
  at: Date;

  @Field(() => Int, { nullable: true, description: "The HTTP status the receiver answered; null when none came." })
  responseCode: number | null;

  @Field(() => Int, { description: "From sending to the answer (or the failure), in milliseconds." })
  responseTimeMs: number;

  @Field(() => String, { nullable: true, description: "Why the attempt failed (timeout, refused address…)." })
  error: string | null;
}

/**
 * One event for one endpoint: created when the outbox publisher drains the event (in the same transaction that
 * marks it published), claimed by one replica at a time, retried with backoff. `payload` is the exact JSON body.
 */
@ObjectType({
  implements: Node,
  description: "An event sent (or to be sent) to a webhook endpoint, with its attempts.",
})
@Entity()
@Index("IDX_webhook_delivery_due", ["status", "nextAttemptAt"])
@Index("IDX_webhook_delivery_endpoint_created", ["endpointId", "createdAt", "id"])
export class WebhookDelivery implements Node {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  get nodeId(): string {
    return toGlobalId("WebhookDelivery", this.id);
  }

  @Column({ type: "varchar", length: 36 })
  endpointId: string;

  @ManyToOne(() => WebhookEndpoint, { onDelete: "CASCADE" })
  @JoinColumn({ name: "endpoint_id" })
  endpoint?: Relation<WebhookEndpoint>;

  /** The endpoint's partner (the scope of every read). */
  @Column({ type: "varchar", length: 36 })
  partnerId: string;

  @Field({ description: "The event's id (the payload's `id`): a receiver drops a repeat it has seen." })
  @Column({ type: "varchar", length: 20 })
  eventId: string;

  @Field(() => LiveEventType)
  @Column({ type: "varchar", length: 40 })
  eventType: LiveEventType;

  /** The JSON body, as signed and sent. */
  @Column({ type: "text" })
  payload: string;

  @Field(() => WebhookDeliveryStatus)
  @Column({ type: "varchar", length: 12 })
  status: WebhookDeliveryStatus;

  @Field(() => Int)
  @Column({ type: "int" })
  attemptCount: number;

  @Field(() => Int, { nullable: true, description: "The last attempt's HTTP status." })
  @Column({ type: "int", nullable: true })
  responseCode: number | null;

  @Field(() => Int, { nullable: true, description: "The last attempt's time to answer, in milliseconds." })
  @Column({ type: "int", nullable: true })
  responseTimeMs: number | null;

  @Field(() => String, { nullable: true, description: "The last attempt's error (truncated)." })
  @Column({ type: "varchar", length: 500, nullable: true })
  error: string | null;

  /** Every attempt, oldest first (at most WEBHOOK_MAX_ATTEMPTS, ≤ 20: a bounded list in the row). */
  @Column({ type: "simple-json" })
  attemptLog: WebhookAttemptRow[];

  @Field(() => Date, { nullable: true, description: "When the next attempt is due (PENDING only)." })
  @Column({ type: Date, nullable: true })
  nextAttemptAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: Date, nullable: true })
  deliveredAt: Date | null;

  @Field()
  @Column({ type: Date })
  createdAt: Date;

  /** The delivery this one replays, if it is a replay. */
  @Column({ type: "varchar", length: 36, nullable: true })
  replayOfId: string | null;

  @Field(() => [WebhookAttempt], { description: "Every attempt, oldest first." })
  get attempts(): WebhookAttempt[] {
    return this.attemptLog.map((a) => Object.assign(new WebhookAttempt(), { ...a, at: new Date(a.at) }));
  }

  @Field(() => ID, { nullable: true, description: "The delivery this one replays (replayWebhookDelivery)." })
  get replayOf(): string | null {
    return this.replayOfId && toGlobalId("WebhookDelivery", this.replayOfId);
  }
}
