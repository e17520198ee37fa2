import { ArrayMaxSize, MaxLength } from "class-validator";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { ConnectionType } from "../../common/connection";
import { Payload } from "../../common/mutation";
import { ApiTokenScope } from "../../domain/enums";
import { ApiToken } from "./api-token.entity";

/** The longest an API token may live, in days: every token expires, and a year at most. */
export const MAX_API_TOKEN_DAYS = 365;
export const MAX_API_TOKEN_NAME_LENGTH = 100;

export const ApiTokenConnection = ConnectionType(ApiToken, "ApiToken");

@InputType()
export class CreateApiTokenInput {
  @MaxLength(1000)
  @Field({ description: `What the token is for, e.g. the tool's name (1–${MAX_API_TOKEN_NAME_LENGTH} characters).` })
  name: string;

  @ArrayMaxSize(10)
  @Field(() => [ApiTokenScope], { description: "READ (queries only) and/or WRITE (mutations too)." })
  scopes: ApiTokenScope[];

  @Field(() => Date, {
    description: `When the token stops working: in the future, at most ${MAX_API_TOKEN_DAYS} days away.`,
  })
  expiresAt: Date;
}

@InputType()
export class RevokeApiTokenInput {
  @Field(() => ID)
  id: string;
}

@ObjectType()
export class CreateApiTokenPayload extends Payload {
  @Field(() => String, {
    nullable: true,
    description:
      "The secret, shown this once: send it as `Authorization: Bearer <token>`. Only its hash is stored; a lost secret cannot be recovered (create another token).",
  })
  token: string | null;

  @Field(() => ApiToken, { nullable: true })
  apiToken: ApiToken | null;
}

@ObjectType()
export class RevokeApiTokenPayload extends Payload {
  @Field(() => ApiToken, { nullable: true })
  apiToken: ApiToken | null;
}
