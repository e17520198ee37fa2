import { Field, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation, Unique } from "typeorm";
import { PartnershipStatus } from "../../domain/enums";
import { toGlobalId } from "../../common/global-id";
import { Node } from "../../common/node";
import { Partner } from "./partner.entity";

@ObjectType({
  implements: Node,
  description: "The two-tier link between an indirect provider and an indirect reseller.",
})
@Entity()
@Unique(["providerId", "resellerId"])
export class ResellerPartnership implements Node {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  get nodeId(): string {
    return toGlobalId("ResellerPartnership", this.id);
  }

  @Column({ type: "varchar", length: 36 })
  @Index()
  providerId: string;

  @ManyToOne(() => Partner, { onDelete: "CASCADE" })
  @JoinColumn({ name: "provider_id" })
  provider?: Relation<Partner>;

  @Column({ type: "varchar", length: 36 })
  @Index()
  resellerId: string;

  @ManyToOne(() => Partner, { onDelete: "CASCADE" })
  @JoinColumn({ name: "reseller_id" })
  reseller?: Relation<Partner>;

  @Field(() => PartnershipStatus)
  @Column({ type: "varchar", length: 20 })
  @Index()
  status: PartnershipStatus;

  @Field()
  @Column({ type: Date })
  invitedAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: Date, nullable: true })
  acceptedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: Date, nullable: true })
  removedAt: Date | null;

  @Column({ type: "integer", default: 1 })
  version: number;

  /** Provenance: "partner-center" for rows a sync wrote, null for channelgate's own (seed, mutations). */
  @Column({ type: "varchar", length: 20, nullable: true })
  source?: string | null;

  /** When a sync last wrote this row. */
  @Column({ type: Date, nullable: true })
  syncedAt?: Date | null;
}
