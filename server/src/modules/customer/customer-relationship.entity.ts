import { Field, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from "typeorm";
import { RelationshipStatus } from "../../domain/enums";
import { toGlobalId } from "../../common/global-id";
import { Node } from "../../common/node";
import { Partner } from "../partner/partner.entity";
import { Customer } from "./customer.entity";

/** Length bounds of an acceptance link's token, as links are checked (requestCustomerRelationship issues 32). */
export const REQUEST_TOKEN_LENGTH = { min: 16, max: 64 } as const;

@ObjectType({ implements: Node, description: "A reseller relationship between a partner and a customer." })
@Entity()
@Index(["partnerId", "customerId"])
// One live (REQUESTED or ACTIVE) relationship per customer and partner: concurrent requests cannot duplicate it.
@Index("UQ_customer_relationship_live", ["customerId", "partnerId"], {
  unique: true,
  where: `"status" IN ('REQUESTED', 'ACTIVE')`,
})
export class CustomerRelationship implements Node {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  get nodeId(): string {
    return toGlobalId("CustomerRelationship", this.id);
  }

  @Column({ type: "varchar", length: 36 })
  @Index()
  partnerId: string;

  @ManyToOne(() => Partner, { onDelete: "CASCADE" })
  @JoinColumn({ name: "partner_id" })
  partner?: Relation<Partner>;

  @Column({ type: "varchar", length: 36 })
  @Index()
  customerId: string;

  @ManyToOne(() => Customer, { onDelete: "CASCADE" })
  @JoinColumn({ name: "customer_id" })
  customer?: Relation<Customer>;

  @Field(() => RelationshipStatus)
  @Column({ type: "varchar", length: 20 })
  @Index()
  status: RelationshipStatus;

  @Field({ description: "Whether the request asked for delegated admin privileges (DAP)." })
  @Column({ type: "boolean" })
  includesDelegatedAdmin: boolean;

  @Field()
  @Column({ type: Date })
  requestedAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: Date, nullable: true })
  acceptedAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "UPN of the customer's global admin who accepted, from their sign-in (never typed by anyone).",
  })
  @Column({ type: "varchar", length: 254, nullable: true })
  acceptedBy: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: Date, nullable: true })
  removedAt: Date | null;

  /** Secret of the acceptance link; shared by the relationships created by one two-tier invitation. */
  @Column({ type: "varchar", length: 64, nullable: true })
  @Index()
  requestToken: string | null;

  /** The acceptance link works until then (RELATIONSHIP_REQUEST_EXPIRY_DAYS after the request); null once used. */
  @Field(() => Date, { nullable: true, description: "While REQUESTED: when the acceptance link expires." })
  @Column({ type: Date, nullable: true })
  requestExpiresAt: Date | null;

  @Column({ type: "integer", default: 1 })
  version: number;

  /** Provenance: "partner-center" for rows a sync wrote, null for channelgate's own (seed, mutations). */
  @Column({ type: "varchar", length: 20, nullable: true })
  source?: string | null;

  /** When a sync last wrote this row. */
  @Column({ type: Date, nullable: true })
  syncedAt?: Date | null;
}
