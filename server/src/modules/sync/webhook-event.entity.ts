import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * A Partner Center webhook event already handled: Partner Center retries a delivery and may send the same event
 * more than once, so an event (identified by the SHA-256 of its signed body) is acted on once.
 */
@Entity()
export class WebhookEvent {
  /** SHA-256 of the body, hex. */
  @PrimaryColumn({ type: "varchar", length: 64 })
  id: string;

  @Column({ type: "varchar", length: 100 })
  eventName: string;

  @Column({ type: "varchar", length: 500 })
  resourceUri: string;

  /** refreshed, or ignored (an event channelgate does not act on). */
  @Column({ type: "varchar", length: 20 })
  outcome: string;

  @Column({ type: Date })
  receivedAt: Date;
}
