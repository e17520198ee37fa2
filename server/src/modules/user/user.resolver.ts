import { Arg, Args, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../../context";
import { CAN_MANAGE_USERS } from "../../auth/roles";
import { PageArgs } from "../../common/connection";
import { mutate, readContext } from "../../service-context";
import { User } from "./user.entity";
import { userService } from "./user.service";
import { ChangeUserRoleInput, DeactivateUserInput, InviteUserInput, UserConnection, UserPayload } from "./user.types";

const roles = CAN_MANAGE_USERS.join(", ");
const globalAdminNote =
  "Only a global admin grants the global admin role or changes a global admin; the partner always keeps one active global admin.";

@Resolver(() => User)
export class UserResolver {
  @Query(() => UserConnection, {
    description: `The users of the viewer's partner, by email, deactivated ones included (roles: ${roles}).`,
  })
  async users(@Args() page: PageArgs, @Ctx() ctx: RequestContext) {
    return new UserConnection(await userService.list(readContext(ctx), page));
  }

  @Mutation(() => UserPayload, {
    description: `Adds a user to the viewer's partner with a role; they sign in with the email. ${globalAdminNote} (roles: ${roles}).`,
  })
  inviteUser(@Arg("input", () => InviteUserInput) input: InviteUserInput, @Ctx() ctx: RequestContext) {
    return mutate(ctx, UserPayload, (s) => userService.invite(s, input));
  }

  @Mutation(() => UserPayload, {
    description: `Gives a user of the viewer's partner another role; the API tokens they created are revoked. ${globalAdminNote} (roles: ${roles}).`,
  })
  changeUserRole(@Arg("input", () => ChangeUserRoleInput) input: ChangeUserRoleInput, @Ctx() ctx: RequestContext) {
    return mutate(ctx, UserPayload, (s) => userService.changeRole(s, input));
  }

  @Mutation(() => UserPayload, {
    description: `Deactivates a user of the viewer's partner: their sign-ins and API tokens stop working at once. Nobody deactivates themselves. ${globalAdminNote} (roles: ${roles}).`,
  })
  deactivateUser(@Arg("input", () => DeactivateUserInput) input: DeactivateUserInput, @Ctx() ctx: RequestContext) {
    return mutate(ctx, UserPayload, (s) => userService.deactivate(s, input));
  }
}
