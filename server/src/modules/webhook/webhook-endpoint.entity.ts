import { Field, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from "typeorm";
import { toGlobalId } from "../../common/global-id";
import { Node } from "../../common/node";
import { LiveEventType } from "../live/live-event-type";
import { Partner } from "../partner/partner.entity";

/**
 * A URL a partner registered for its tools: the outbox's events its partner may see (the live subscriptions'
 * audience) are POSTed there, signed with the endpoint's secret. The secret is kept encrypted (webhook-secret.ts)
 * because the server needs it to sign; it is shown once, when created or rotated.
 */
@ObjectType({ implements: Node, description: "A URL that receives the partner's events, signed (outbound webhook)." })
@Entity()
@Index("IDX_webhook_endpoint_partner_created", ["partnerId", "createdAt", "id"])
export class WebhookEndpoint implements Node {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  get nodeId(): string {
    return toGlobalId("WebhookEndpoint", this.id);
  }

  @Column({ type: "varchar", length: 36 })
  partnerId: string;

  @ManyToOne(() => Partner, { onDelete: "CASCADE" })
  @JoinColumn({ name: "partner_id" })
  partner?: Relation<Partner>;

  @Field({ description: "Where events are POSTed (https://; see WEBHOOK_ALLOW_PRIVATE_URLS)." })
  @Column({ type: "varchar", length: 2048 })
  url: string;

  @Field({ description: "What the endpoint is for (may be empty)." })
  @Column({ type: "varchar", length: 200, default: "" })
  description: string;

  @Field(() => [LiveEventType], { description: "The event types sent; empty: every type." })
  @Column({ type: "simple-json" })
  eventTypes: LiveEventType[];

  @Field({ description: "False: nothing is sent (turned off, or disabled after the receiver answered 410 Gone)." })
  @Column({ type: "boolean" })
  active: boolean;

  @Field(() => String, { nullable: true, description: "Why the server turned the endpoint off, if it did." })
  @Column({ type: "varchar", length: 200, nullable: true })
  disabledReason: string | null;

  @Field({ description: "The secret's first characters (whsec_ and 4 more), to recognise it in a tool's settings." })
  @Column({ type: "varchar", length: 12 })
  secretPrefix: string;

  /** The signing secret, AES-256-GCM encrypted under a key derived from AUTH_SECRET (webhook-secret.ts). */
  @Column({ type: "text" })
  secretCiphertext: string;

  @Column({ type: "varchar", length: 36, nullable: true })
  createdByUserId: string | null;

  @Field()
  @Column({ type: Date })
  createdAt: Date;

  @Field()
  @Column({ type: Date })
  updatedAt: Date;

  @Field(() => Date, { nullable: true, description: "When the secret was last rotated." })
  @Column({ type: Date, nullable: true })
  secretRotatedAt: Date | null;
}
