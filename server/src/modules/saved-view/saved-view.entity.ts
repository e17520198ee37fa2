import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique, type Relation } from "typeorm";
import { User } from "../user/user.entity";
import { SavedViewList } from "./saved-view-list";

/** A user's named way of looking at one list: its filter (as the SPA's URL query) and its sort. */
@ObjectType({ description: "A list view a user saved: which list, its filter and its sort. Only its owner sees it." })
@Entity()
@Unique("UQ_saved_view_user_list_name", ["userId", "list", "name"])
@Index("IDX_saved_view_user_list", ["userId", "list"])
export class SavedView {
  @Field(() => ID)
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ type: "varchar", length: 36 })
  userId: string;

  @ManyToOne(() => User, { onDelete: "CASCADE" })
  @JoinColumn({ name: "user_id" })
  user?: Relation<User>;

  @Field(() => SavedViewList)
  @Column({ type: "varchar", length: 20 })
  list: SavedViewList;

  @Field()
  @Column({ type: "varchar", length: 100 })
  name: string;

  @Field({ description: "The list's filter as a URL query string, e.g. status=ACTIVE&q=contoso (no sort, no page)." })
  @Column({ type: "text" })
  filter: string;

  @Field(() => String, { nullable: true, description: "The sort as FIELD:ASC or FIELD:DESC, or none for the default." })
  @Column({ type: "text", nullable: true })
  orderBy: string | null;

  @Field()
  @Column({ type: Date })
  createdAt: Date;

  @Field()
  @Column({ type: Date })
  updatedAt: Date;
}
