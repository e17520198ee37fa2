import { MaxLength } from "class-validator";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { ConnectionType } from "../../common/connection";
import { Payload } from "../../common/mutation";
import { UserRole } from "../../domain/enums";
import { User } from "./user.entity";

export const MAX_EMAIL_LENGTH = 254;
export const MAX_DISPLAY_NAME_LENGTH = 200;

export const UserConnection = ConnectionType(User, "User");

@InputType()
export class InviteUserInput {
  @MaxLength(1000)
  @Field({ description: `The user's sign-in email (at most ${MAX_EMAIL_LENGTH} characters; stored in lower case).` })
  email: string;

  @MaxLength(1000)
  @Field({ description: `1–${MAX_DISPLAY_NAME_LENGTH} characters.` })
  displayName: string;

  @Field(() => UserRole)
  role: UserRole;
}

@InputType()
export class ChangeUserRoleInput {
  @Field(() => ID)
  userId: string;

  @Field(() => UserRole)
  role: UserRole;
}

@InputType()
export class DeactivateUserInput {
  @Field(() => ID)
  userId: string;
}

@ObjectType()
export class UserPayload extends Payload {
  @Field(() => User, { nullable: true })
  user: User | null;
}
