import { GraphQLLocalDate } from "graphql-scalars";
import { Field, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from "typeorm";
import { toGlobalId } from "../../common/global-id";
import { Node } from "../../common/node";
import { Partner } from "../partner/partner.entity";

@ObjectType({ implements: Node, description: "A tenant that buys cloud services." })
@Entity()
export class Customer implements Node {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  get nodeId(): string {
    return toGlobalId("Customer", this.id);
  }

  @Field()
  @Column({ type: "varchar", length: 200 })
  @Index()
  name: string;

  @Field({ description: "Primary domain, e.g. fabrikam.onmicrosoft.com." })
  @Column({ type: "varchar", length: 253, unique: true })
  domain: string;

  @Field({ description: "Microsoft Entra tenant id (GUID)." })
  @Column({ type: "varchar", length: 36, unique: true })
  tenantId: string;

  @Field({ description: "ISO 3166-1 alpha-2 country." })
  @Column({ type: "varchar", length: 2 })
  @Index()
  country: string;

  @Field({ description: "Has accepted the Microsoft Customer Agreement." })
  @Column({ type: "boolean" })
  mcaAccepted: boolean;

  // The partner's attestation of the acceptance (recordCustomerAgreement), as Partner Center's agreement resource
  // keeps it: the date and the customer's user who accepted. Null when the customer accepted through a relationship
  // link (the Microsoft 365 admin center) or was created with mcaAccepted. Partner Center splits the name into
  // first and last name; one field is enough here.
  // https://learn.microsoft.com/en-us/partner-center/developer/confirm-customer-consent-customer-agreement
  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: "The date the customer accepted the Microsoft Customer Agreement, as recorded by a partner.",
  })
  @Column({ type: "date", nullable: true })
  mcaAcceptedOn: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The customer's user who accepted the Microsoft Customer Agreement, as recorded by a partner.",
  })
  @Column({ type: "varchar", length: 200, nullable: true })
  mcaAcceptedByName: string | null;

  @Field(() => String, { nullable: true, description: "That user's email address." })
  @Column({ type: "varchar", length: 254, nullable: true })
  mcaAcceptedByEmail: string | null;

  /** Set when this tenant is the CSP transaction tenant of a partner (RULES.md R9, R27). */
  @Column({ type: "varchar", length: 36, nullable: true })
  @Index()
  partnerTenantOfId: string | null;

  @ManyToOne(() => Partner, { nullable: true, onDelete: "SET NULL" })
  @JoinColumn({ name: "partner_tenant_of_id" })
  partnerTenantOf?: Relation<Partner> | null;

  @Field()
  @Column({ type: Date })
  createdAt: Date;

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
