import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { RequestContext } from "../../context";
import { mutate } from "../../service-context";
import { partnershipService as partnerships } from "./partnership.service";
import { InviteResellerInput, PartnershipIdInput, PartnershipPayload } from "./partnership.types";

@Resolver()
export class PartnershipMutations {
  @Mutation(() => PartnershipPayload, {
    description: "An indirect provider invites an indirect reseller by its Partner ID.",
  })
  inviteReseller(@Arg("input", () => InviteResellerInput) input: InviteResellerInput, @Ctx() ctx: RequestContext) {
    return mutate(ctx, PartnershipPayload, (s) => partnerships.invite(s, input));
  }

  @Mutation(() => PartnershipPayload, { description: "The invited reseller authorizes the indirect provider." })
  acceptResellerInvitation(
    @Arg("input", () => PartnershipIdInput) input: PartnershipIdInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, PartnershipPayload, (s) => partnerships.accept(s, input));
  }

  @Mutation(() => PartnershipPayload, {
    description:
      "Either party ends the partnership. Customers and their relationships stay (Partner Center keeps them).",
  })
  endResellerPartnership(
    @Arg("input", () => PartnershipIdInput) input: PartnershipIdInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, PartnershipPayload, (s) => partnerships.end(s, input));
  }
}
