import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../../context";
import { CAN_MANAGE_API_TOKENS } from "../../auth/roles";
import { PageArgs } from "../../common/connection";
import { ensure } from "../../common/ensure";
import { notFound } from "../../common/errors";
import { mutate, readContext } from "../../service-context";
import { User } from "../user/user.entity";
import { ApiToken } from "./api-token.entity";
import { apiTokenService } from "./api-token.service";
import {
  ApiTokenConnection,
  CreateApiTokenInput,
  CreateApiTokenPayload,
  RevokeApiTokenInput,
  RevokeApiTokenPayload,
} from "./api-token.types";

const roles = CAN_MANAGE_API_TOKENS.join(", ");

@Resolver(() => ApiToken)
export class ApiTokenResolver {
  @Query(() => ApiTokenConnection, {
    description: `The API tokens of the viewer's partner, newest first, revoked and expired ones included (roles: ${roles}; not with an API token).`,
  })
  async apiTokens(@Args() page: PageArgs, @Ctx() ctx: RequestContext) {
    return new ApiTokenConnection(await apiTokenService.list(readContext(ctx), page));
  }

  @Mutation(() => CreateApiTokenPayload, {
    description: `Creates an API token for a third-party tool, acting for the viewer's partner with the viewer's role, narrowed by its scopes. The payload's token is the secret, shown once (roles: ${roles}; not with an API token).`,
  })
  createApiToken(@Arg("input", () => CreateApiTokenInput) input: CreateApiTokenInput, @Ctx() ctx: RequestContext) {
    return mutate(ctx, CreateApiTokenPayload, (s) => apiTokenService.create(s, input));
  }

  @Mutation(() => RevokeApiTokenPayload, {
    description: `Revokes an API token of the viewer's partner: every later request with it is refused (roles: ${roles}; not with an API token).`,
  })
  revokeApiToken(@Arg("input", () => RevokeApiTokenInput) input: RevokeApiTokenInput, @Ctx() ctx: RequestContext) {
    return mutate(ctx, RevokeApiTokenPayload, (s) => apiTokenService.revoke(s, input));
  }

  @FieldResolver(() => User, { description: "The user who created the token (its role at creation is `role`)." })
  createdBy(@Root() token: ApiToken): User {
    return ensure(token.createdByUser, () => notFound("User"));
  }
}
