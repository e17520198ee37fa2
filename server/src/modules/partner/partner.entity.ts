import { Field, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { PartnerType, type ProgramStatus } from "../../domain/enums";
import { toGlobalId } from "../../common/global-id";
import { Node } from "../../common/node";

@ObjectType({
  implements: Node,
  description: "A tenant in the CSP program: direct-bill partner, indirect provider or indirect reseller.",
})
@Entity()
export class Partner implements Node {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  get nodeId(): string {
    return toGlobalId("Partner", this.id);
  }

  @Field()
  @Column({ type: "varchar", length: 200 })
  @Index()
  name: string;

  @Field({ description: "Numeric Partner Center id (the former MPN id)." })
  @Column({ type: "varchar", length: 20, unique: true })
  partnerId: string;

  // GraphQL field: PartnerFieldsResolver (null for a counterpart known only through an invitation).
  @Column({ type: "varchar", length: 36, unique: true })
  tenantId: string;

  @Field(() => [PartnerType])
  @Column({ type: "simple-array" })
  types: PartnerType[];

  // GraphQL field: PartnerFieldsResolver (null for a counterpart known only through an invitation).
  @Column({ type: "varchar", length: 2 })
  country: string;

  // GraphQL field: PartnerFieldsResolver (null for a counterpart known only through an invitation).
  @Column({ type: "boolean" })
  mpaSigned: boolean;

  // GraphQL field: PartnerFieldsResolver (null for a counterpart known only through an invitation).
  @Column({ type: "varchar", length: 20 })
  programStatus: ProgramStatus;

  // GraphQL field: PartnerFieldsResolver (null for a counterpart known only through an invitation).
  @Column({ type: Date })
  createdAt: Date;

  /** Provenance: "partner-center" for rows a sync wrote, null for channelgate's own (seed, mutations). */
  @Column({ type: "varchar", length: 20, nullable: true })
  source?: string | null;

  /** When a sync last wrote this row. */
  @Column({ type: Date, nullable: true })
  syncedAt?: Date | null;

  /**
   * Provenance of the facts channelgate records itself (recordPartnerFacts), because Partner Center serves no read
   * API for them: when each was last recorded (null: never; the value then comes from the seed or the sync's
   * default), and by which partner (itself, or its provider for a reseller's program status). A sync never
   * overwrites a recorded fact.
   */
  @Column({ type: Date, nullable: true })
  programStatusRecordedAt?: Date | null;

  @Column({ type: Date, nullable: true })
  mpaSignedRecordedAt?: Date | null;

  @Column({ type: Date, nullable: true })
  advisorOnlyRecordedAt?: Date | null;

  /** The partner that recorded a fact last, whichever fact it was. */
  @Column({ type: "varchar", length: 36, nullable: true })
  factsRecordedById?: string | null;

  /** Which partner recorded each fact (null: never recorded, or recorded before per-fact provenance). */
  @Column({ type: "varchar", length: 36, nullable: true })
  programStatusRecordedById?: string | null;

  @Column({ type: "varchar", length: 36, nullable: true })
  mpaSignedRecordedById?: string | null;

  @Column({ type: "varchar", length: 36, nullable: true })
  advisorOnlyRecordedById?: string | null;

  is(type: PartnerType): boolean {
    return this.types.includes(type);
  }
}
