import { Field, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from "typeorm";
import { ApiTokenScope, UserRole } from "../../domain/enums";
import { toGlobalId } from "../../common/global-id";
import { Node } from "../../common/node";
import { Partner } from "../partner/partner.entity";
import { User } from "../user/user.entity";

/**
 * A credential for a third-party tool: acts as its partner with its creator's role at creation, narrowed by its
 * scopes. Only the SHA-256 hash of the secret is stored; the secret is shown once, when the token is created.
 */
@ObjectType({ implements: Node, description: "An API token for a third-party tool (the secret is never shown again)." })
@Entity()
export class ApiToken implements Node {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  get nodeId(): string {
    return toGlobalId("ApiToken", this.id);
  }

  @Column({ type: "varchar", length: 36 })
  @Index()
  partnerId: string;

  @ManyToOne(() => Partner, { onDelete: "CASCADE" })
  @JoinColumn({ name: "partner_id" })
  partner?: Relation<Partner>;

  @Field()
  @Column({ type: "varchar", length: 100 })
  name: string;

  @Field(() => [ApiTokenScope])
  @Column({ type: "simple-array" })
  scopes: ApiTokenScope[];

  @Field({ description: "The secret's first characters (cg_ and 6 more), to recognise it in a tool's settings." })
  @Column({ type: "varchar", length: 12 })
  prefix: string;

  /** SHA-256 of the whole secret, hex. */
  @Column({ type: "varchar", length: 64, unique: true })
  secretHash: string;

  /** The creator's role when the token was made: the most the token may do. */
  @Field(() => UserRole, { description: "The creator's role at creation: the most this token may do." })
  @Column({ type: "varchar", length: 30 })
  role: UserRole;

  @Column({ type: "varchar", length: 36 })
  @Index()
  createdByUserId: string;

  @ManyToOne(() => User, { onDelete: "CASCADE" })
  @JoinColumn({ name: "created_by_user_id" })
  createdByUser?: Relation<User>;

  @Field()
  @Column({ type: Date })
  createdAt: Date;

  @Field()
  @Column({ type: Date })
  expiresAt: Date;

  @Field(() => Date, {
    nullable: true,
    description: "Last request made with the token (recorded at most once a minute).",
  })
  @Column({ type: Date, nullable: true })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: Date, nullable: true })
  revokedAt: Date | null;
}
