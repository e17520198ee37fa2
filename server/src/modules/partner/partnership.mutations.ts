import { randomUUID } from "node:crypto";
import { Arg, Authorized, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from "type-graphql";
import type { RequestContext } from "../../context";
import { CAN_MANAGE_NETWORK } from "../../auth/roles";
import { Payload } from "../../common/mutation";
import { mutate, type ServiceContext } from "../../service-context";
import { abortIf, userError, UserErrorCode } from "../../common/user-error";
import { PartnershipStatus, PartnerType } from "../../domain/enums";
import { Partner } from "./partner.entity";
import { ResellerPartnership } from "./reseller-partnership.entity";
import { fromGlobalId } from "../../common/global-id";

@InputType()
export class InviteResellerInput {
  @Field({ description: "The reseller's numeric Partner ID (location PartnerID)." })
  resellerPartnerId: string;
}

@InputType()
export class PartnershipIdInput {
  @Field(() => ID)
  partnershipId: string;
}

@ObjectType()
export class PartnershipPayload extends Payload {
  @Field(() => ResellerPartnership, { nullable: true })
  partnership: ResellerPartnership | null;
}

/** Loads a partnership the viewer is a party to, locked for update where the database can. */
async function loadPartnership(m: ServiceContext, globalId: string): Promise<ResellerPartnership> {
  const decoded = fromGlobalId(globalId);
  const qb = m.em
    .getRepository(ResellerPartnership)
    .createQueryBuilder("rp")
    .where("rp.id = :id", { id: decoded?.type === "ResellerPartnership" ? decoded.id : "" })
    .andWhere("(rp.provider_id = :me OR rp.reseller_id = :me)", { me: m.viewer.partner.id });
  if (m.canLockRows) qb.setLock("pessimistic_write");
  const rp = await qb.getOne();
  abortIf(rp ? [] : [userError("partnershipId", UserErrorCode.NOT_FOUND, m.t("PARTNERSHIP_NOT_FOUND"))]);
  return rp!;
}

/** Moves a partnership to a new status only if nobody changed it since it was read. */
async function transition(
  m: ServiceContext,
  rp: ResellerPartnership,
  to: PartnershipStatus,
  stamp: Partial<ResellerPartnership>,
) {
  const res = await m.em
    .createQueryBuilder()
    .update(ResellerPartnership)
    .set({ status: to, version: () => "version + 1", ...stamp })
    .where("id = :id AND version = :version", { id: rp.id, version: rp.version })
    .execute();
  abortIf(res.affected === 1 ? [] : [userError("partnershipId", UserErrorCode.CONFLICT, m.t("PARTNERSHIP_CHANGED"))]);
  return m.em.getRepository(ResellerPartnership).findOneByOrFail({ id: rp.id });
}

@Resolver()
export class PartnershipMutations {
  @Authorized(CAN_MANAGE_NETWORK)
  @Mutation(() => PartnershipPayload, {
    description: "An indirect provider invites an indirect reseller by its Partner ID.",
  })
  inviteReseller(@Arg("input", () => InviteResellerInput) input: InviteResellerInput, @Ctx() ctx: RequestContext) {
    return mutate(ctx, PartnershipPayload, async (m) => {
      const me = m.viewer.partner;
      abortIf(
        me.types.includes(PartnerType.INDIRECT_PROVIDER)
          ? []
          : [userError(null, UserErrorCode.NOT_ALLOWED, m.t("ONLY_PROVIDER_INVITES"))],
      );
      abortIf(
        /^\d{5,10}$/.test(input.resellerPartnerId.trim())
          ? []
          : [userError("resellerPartnerId", UserErrorCode.INVALID_INPUT, m.t("NUMERIC_PARTNER_ID"))],
      );
      const reseller = await m.em.getRepository(Partner).findOneBy({ partnerId: input.resellerPartnerId.trim() });
      abortIf(
        reseller && reseller.types.includes(PartnerType.INDIRECT_RESELLER)
          ? []
          : [userError("resellerPartnerId", UserErrorCode.NOT_FOUND, m.t("RESELLER_PARTNER_ID_NOT_FOUND"))],
      );
      const existing = await m.em
        .getRepository(ResellerPartnership)
        .findOneBy({ providerId: me.id, resellerId: reseller!.id });
      if (existing && existing.status !== PartnershipStatus.REMOVED) {
        abortIf([
          userError(
            "resellerPartnerId",
            UserErrorCode.ALREADY_EXISTS,
            m.t(existing.status === PartnershipStatus.INVITED ? "RESELLER_ALREADY_INVITED" : "RESELLER_ALREADY_ACTIVE"),
          ),
        ]);
      }
      const now = new Date();
      if (existing) {
        return {
          partnership: await transition(m, existing, PartnershipStatus.INVITED, {
            invitedAt: now,
            acceptedAt: null,
            removedAt: null,
          }),
        };
      }
      const created = Object.assign(new ResellerPartnership(), {
        id: randomUUID(),
        providerId: me.id,
        resellerId: reseller!.id,
        status: PartnershipStatus.INVITED,
        invitedAt: now,
        acceptedAt: null,
        removedAt: null,
        version: 1,
      });
      await m.em.insert(ResellerPartnership, created);
      return { partnership: created };
    });
  }

  @Authorized(CAN_MANAGE_NETWORK)
  @Mutation(() => PartnershipPayload, { description: "The invited reseller authorizes the indirect provider." })
  acceptResellerInvitation(
    @Arg("input", () => PartnershipIdInput) input: PartnershipIdInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, PartnershipPayload, async (m) => {
      const rp = await loadPartnership(m, input.partnershipId);
      abortIf(
        rp.resellerId === m.viewer.partner.id
          ? []
          : [userError("partnershipId", UserErrorCode.NOT_ALLOWED, m.t("ONLY_INVITED_RESELLER_ACCEPTS"))],
      );
      abortIf(
        rp.status === PartnershipStatus.INVITED
          ? []
          : [
              userError(
                "partnershipId",
                UserErrorCode.INVALID_STATE,
                m.t("PARTNERSHIP_NOT_INVITED", { status: rp.status }),
              ),
            ],
      );
      return { partnership: await transition(m, rp, PartnershipStatus.ACTIVE, { acceptedAt: new Date() }) };
    });
  }

  @Authorized(CAN_MANAGE_NETWORK)
  @Mutation(() => PartnershipPayload, {
    description:
      "Either party ends the partnership. Customers and their relationships stay (Partner Center keeps them).",
  })
  endResellerPartnership(
    @Arg("input", () => PartnershipIdInput) input: PartnershipIdInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, PartnershipPayload, async (m) => {
      const rp = await loadPartnership(m, input.partnershipId);
      abortIf(
        rp.status !== PartnershipStatus.REMOVED
          ? []
          : [userError("partnershipId", UserErrorCode.INVALID_STATE, m.t("PARTNERSHIP_ALREADY_ENDED"))],
      );
      return { partnership: await transition(m, rp, PartnershipStatus.REMOVED, { removedAt: new Date() }) };
    });
  }
}
