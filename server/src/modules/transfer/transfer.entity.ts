import { Field, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from "typeorm";
import { TransferStatus } from "../../domain/enums";
import { toGlobalId } from "../../common/global-id";
import { Node } from "../../common/node";
import { Partner } from "../partner/partner.entity";
import { Customer } from "../customer/customer.entity";
import { CustomerSubscription } from "../subscription/customer-subscription.entity";

export { TRANSFER_EXPIRY_DAYS } from "../../domain/policy";

@ObjectType({
  implements: Node,
  description:
    "A request by a target partner to take over CSP subscriptions of one customer from their source partner.",
})
@Entity()
export class Transfer implements Node {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  get nodeId(): string {
    return toGlobalId("Transfer", this.id);
  }

  @Column({ type: "varchar", length: 36 })
  @Index()
  customerId: string;

  @ManyToOne(() => Customer, { onDelete: "CASCADE" })
  @JoinColumn({ name: "customer_id" })
  customer?: Relation<Customer>;

  @Column({ type: "varchar", length: 36 })
  @Index()
  sourcePartnerId: string;

  @ManyToOne(() => Partner, { onDelete: "CASCADE" })
  @JoinColumn({ name: "source_partner_id" })
  sourcePartner?: Relation<Partner>;

  @Column({ type: "varchar", length: 36 })
  @Index()
  targetPartnerId: string;

  @ManyToOne(() => Partner, { onDelete: "CASCADE" })
  @JoinColumn({ name: "target_partner_id" })
  targetPartner?: Relation<Partner>;

  /** The indirect reseller named by an indirect-provider target. */
  @Column({ type: "varchar", length: 36, nullable: true })
  @Index()
  resellerId: string | null;

  @ManyToOne(() => Partner, { nullable: true, onDelete: "SET NULL" })
  @JoinColumn({ name: "reseller_id" })
  reseller?: Relation<Partner> | null;

  /** Stored status; read `effectiveStatus` for what it is as of a date (PENDING may have expired). */
  @Column({ type: "varchar", length: 20 })
  @Index()
  status: TransferStatus;

  @Field()
  @Column({ type: Date })
  @Index()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: Date, nullable: true })
  respondedAt: Date | null;

  @Column({ type: "varchar", length: 36, nullable: true })
  createdByUserId: string | null;

  @Column({ type: "integer", default: 1 })
  version: number;

  /** Provenance: "partner-center" for rows a sync wrote, null for channelgate's own (seed, mutations). */
  @Field(() => String, {
    nullable: true,
    description: "Where the data came from: partner-center when a sync wrote it last, null for channelgate's own.",
  })
  @Column({ type: "varchar", length: 20, nullable: true })
  source?: string | null;

  /** When a sync last wrote this row. */
  @Field(() => Date, { nullable: true, description: "When a Partner Center sync last wrote it (stale when old)." })
  @Column({ type: Date, nullable: true })
  syncedAt?: Date | null;
}

@Entity()
@Index(["transferId", "subscriptionId"], { unique: true })
export class TransferLine {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ type: "varchar", length: 36 })
  @Index()
  transferId: string;

  @ManyToOne(() => Transfer, { onDelete: "CASCADE" })
  @JoinColumn({ name: "transfer_id" })
  transfer?: Relation<Transfer>;

  @Column({ type: "varchar", length: 36 })
  @Index()
  subscriptionId: string;

  @ManyToOne(() => CustomerSubscription, { onDelete: "CASCADE" })
  @JoinColumn({ name: "subscription_id" })
  subscription?: Relation<CustomerSubscription>;
}
