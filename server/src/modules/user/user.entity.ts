import { Field, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from "typeorm";
import { UserRole } from "../../domain/enums";
import { toGlobalId } from "../../common/global-id";
import { Node } from "../../common/node";
import { Partner } from "../partner/partner.entity";

@ObjectType({ implements: Node, description: "A person working for a partner, with a Partner Center role." })
@Entity()
@Index(["oidcTenantId", "oidcObjectId"], { unique: true })
export class User implements Node {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  get nodeId(): string {
    return toGlobalId("User", this.id);
  }

  @Column({ type: "varchar", length: 36 })
  @Index()
  partnerId: string;

  @ManyToOne(() => Partner, { onDelete: "CASCADE" })
  @JoinColumn({ name: "partner_id" })
  partner?: Relation<Partner>;

  @Field()
  @Column({ type: "varchar", length: 254, unique: true })
  email: string;

  @Field()
  @Column({ type: "varchar", length: 200 })
  displayName: string;

  @Field(() => UserRole)
  @Column({ type: "varchar", length: 30 })
  role: UserRole;

  @Field(() => Date, {
    nullable: true,
    description: "When an admin deactivated the user: their sign-ins and API tokens stop working at once.",
  })
  @Column({ type: Date, nullable: true })
  deactivatedAt: Date | null;

  /**
   * The identity provider's tenant (`tid`) and object id (`oid`) of the account bound on first OpenID Connect
   * sign-in (auth/oidc.ts); null for an invited user who has not signed in yet.
   */
  @Column({ type: "varchar", length: 64, nullable: true })
  oidcTenantId: string | null;

  @Column({ type: "varchar", length: 64, nullable: true })
  oidcObjectId: string | null;
}
