import { MaxLength } from "class-validator";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { Payload } from "../../common/mutation";
import { SavedView } from "./saved-view.entity";
import { MAX_VIEW_FILTER, SavedViewList } from "./saved-view.rules";

@InputType()
export class CreateSavedViewInput {
  @Field(() => SavedViewList)
  list: SavedViewList;

  @MaxLength(1000)
  @Field({ description: "1–100 characters, unique among the user's views of this list." })
  name: string;

  @MaxLength(10_000)
  @Field({ description: `The filter as a URL query string (at most ${MAX_VIEW_FILTER} characters), "" for none.` })
  filter: string;

  @MaxLength(200)
  @Field(() => String, { nullable: true, description: "FIELD:ASC or FIELD:DESC with one of the list's sort keys." })
  orderBy?: string | null;
}

@InputType()
export class UpdateSavedViewInput {
  @MaxLength(200)
  @Field(() => ID)
  id: string;

  @MaxLength(1000)
  @Field(() => String, { nullable: true, description: "A new name; unchanged when absent." })
  name?: string | null;

  @MaxLength(10_000)
  @Field(() => String, { nullable: true, description: "A new filter; unchanged when absent." })
  filter?: string | null;

  @MaxLength(200)
  @Field(() => String, { nullable: true, description: 'A new sort; unchanged when absent, "" for the default.' })
  orderBy?: string | null;
}

@InputType()
export class DeleteSavedViewInput {
  @MaxLength(200)
  @Field(() => ID)
  id: string;
}

@ObjectType()
export class SavedViewPayload extends Payload {
  @Field(() => SavedView, { nullable: true })
  savedView: SavedView | null;
}

@ObjectType()
export class DeleteSavedViewPayload extends Payload {
  @Field(() => ID, { nullable: true, description: "The id of the view deleted." })
  deletedId: string | null;
}
