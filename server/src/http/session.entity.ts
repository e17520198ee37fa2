import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from "typeorm";
import { User } from "../modules/user/user.entity";

/**
 * A browser sign-in (http/session.ts): the cookie holds a random secret, the row its SHA-256 hash, so a copy of the
 * table signs nobody in. Deleting the row (sign-out, deactivation cascade) ends the session at once.
 */
@Entity()
export class UserSession {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  /** SHA-256 of the cookie's secret, hex. */
  @Column({ type: "varchar", length: 64, unique: true })
  secretHash: string;

  @Column({ type: "varchar", length: 36 })
  @Index()
  userId: string;

  @ManyToOne(() => User, { onDelete: "CASCADE" })
  @JoinColumn({ name: "user_id" })
  user?: Relation<User>;

  /** How the user signed in: OIDC or DEMO (the sandbox's list of seeded users). */
  @Column({ type: "varchar", length: 10 })
  method: string;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  @Index()
  expiresAt: Date;
}
