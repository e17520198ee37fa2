import { ArrayMaxSize } from "class-validator";
import { randomUUID } from "node:crypto";
import { Arg, Authorized, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from "type-graphql";
import { In } from "typeorm";
import type { RequestContext } from "../../context";
import { CAN_TRANSFER } from "../../auth/roles";
import { Payload } from "../../common/mutation";
import { mutate, type ServiceContext } from "../../service-context";
import { abortIf, userError, UserErrorCode, type UserError } from "../../common/user-error";
import { fromGlobalId } from "../../common/global-id";
import { userMessage } from "../../common/user-messages";
import { EligibilityAction, PartnerType, TransferStatus } from "../../domain/enums";
import { CustomerSubscription } from "../subscription/customer-subscription.entity";
import { Partner } from "../partner/partner.entity";
import { Transfer, TransferLine } from "./transfer.entity";
import { EligibilityService } from "../eligibility/eligibility.service";
import { ruleMessage } from "../eligibility/messages";
import type { Decision } from "../eligibility/rule";
import { effectiveStatus } from "./transfer.status";

/** Partner Center accepts at most 25 line items per transfer. */
export const MAX_TRANSFER_LINES = 25;

@InputType()
export class CreateTransferInput {
  @Field(() => ID)
  customerId: string;
  @Field(() => [ID], {
    description: `Base subscriptions to take over (1–${MAX_TRANSFER_LINES}); their active add-ons come along.`,
  })
  @ArrayMaxSize(100)
  subscriptionIds: string[];
  @Field(() => ID, {
    nullable: true,
    description: "Required when the target is an indirect provider: the reseller (R19).",
  })
  resellerId?: string | null;
}

@InputType()
export class TransferIdInput {
  @Field(() => ID)
  transferId: string;
}

@ObjectType({
  description:
    "The transfer after the change. One exception to 'a user error changes nothing': acting on a PENDING transfer past its 30 days saves it as EXPIRED and answers with the transfer and a TRANSFER_EXPIRED user error.",
})
export class TransferPayload extends Payload {
  @Field(() => Transfer, { nullable: true })
  transfer: Transfer | null;
}

const localId = (globalId: string, type: "Customer" | "Partner" | "CustomerSubscription" | "Transfer") => {
  const d = fromGlobalId(globalId);
  return d && d.type === type ? d.id : "";
};

/** createTransfer: TRANSFER rules about the actor or the named reseller, not a line, and their input field. */
const ACTOR_RULE_FIELDS: Record<string, string | null> = {
  R4: "customerId",
  R12: "customerId",
  R19: "resellerId",
  R22: null,
  R23: "resellerId",
  R24: "resellerId",
  R25: "resellerId",
  R26: "resellerId",
  R35: null,
};

/**
 * Blocking reasons of every line's decision, named by subscription, on the given field. Reasons listed in
 * `actorFields` fire for every line alike: they are reported once, on their own field.
 */
function lineErrors(
  decisions: Map<string, Decision>,
  subscriptions: CustomerSubscription[],
  field: (index: number) => string,
  locale: RequestContext["locale"],
  actorFields: Record<string, string | null> = {},
): UserError[] {
  const actor = new Map<string, UserError>();
  const lines = subscriptions.flatMap((s, i) =>
    (decisions.get(s.id)?.blocking ?? []).flatMap((r) => {
      if (!(r.ruleId in actorFields)) {
        const reason = ruleMessage(r.ruleId, locale);
        return [
          userError(
            field(i),
            r.code,
            userMessage(locale, "SUBSCRIPTION_REASON", { offer: s.offerName, reason }),
            r.ruleId,
          ),
        ];
      }
      if (!actor.has(r.ruleId)) {
        actor.set(r.ruleId, userError(actorFields[r.ruleId]!, r.code, ruleMessage(r.ruleId, locale), r.ruleId));
      }
      return [];
    }),
  );
  return [...actor.values(), ...lines];
}

@Resolver()
export class TransferMutations {
  @Authorized(CAN_TRANSFER)
  @Mutation(() => TransferPayload, {
    description: "The target partner asks the current (source) partner to hand over CSP subscriptions of one customer.",
  })
  createTransfer(@Arg("input", () => CreateTransferInput) input: CreateTransferInput, @Ctx() ctx: RequestContext) {
    return mutate(ctx, TransferPayload, async (m) => {
      const me = m.viewer.partner;
      const ids = [...new Set(input.subscriptionIds.map((g) => localId(g, "CustomerSubscription")))];
      // Error paths index into the input as sent, not into the de-duplicated ids.
      const inputIndex = (dbId: string) =>
        input.subscriptionIds.findIndex((g) => localId(g, "CustomerSubscription") === dbId);
      abortIf(
        ids.length >= 1 && ids.length <= MAX_TRANSFER_LINES && !ids.includes("")
          ? []
          : [
              userError(
                "subscriptionIds",
                UserErrorCode.INVALID_INPUT,
                m.t("TRANSFER_LINE_COUNT", { max: MAX_TRANSFER_LINES }),
              ),
            ],
      );
      const customerId = localId(input.customerId, "Customer");
      const customer = customerId ? await m.loaders.customer.load(customerId) : null;
      abortIf(customer ? [] : [userError("customerId", UserErrorCode.NOT_FOUND, m.t("CUSTOMER_NOT_FOUND"))]);
      let reseller: Partner | null = null;
      if (input.resellerId) {
        reseller = await m.em.getRepository(Partner).findOneBy({ id: localId(input.resellerId, "Partner") });
        abortIf(
          reseller?.types.includes(PartnerType.INDIRECT_RESELLER)
            ? []
            : [userError("resellerId", UserErrorCode.NOT_FOUND, m.t("RESELLER_NOT_FOUND"))],
        );
      }
      const qb = m.em
        .getRepository(CustomerSubscription)
        .createQueryBuilder("s")
        .where("s.customer_id = :customerId", { customerId: customer!.id })
        .andWhere("(s.id IN (:...ids) OR s.parent_id IN (:...ids))", { ids });
      if (m.canLockRows) qb.setLock("pessimistic_write");
      const rows = await qb.getMany();
      const listed = ids.map((id) => rows.find((s) => s.id === id));
      abortIf(
        listed.flatMap((s, i) =>
          s
            ? []
            : [
                userError(
                  `subscriptionIds.${inputIndex(ids[i]!)}`,
                  UserErrorCode.NOT_FOUND,
                  m.t("CUSTOMER_SUBSCRIPTION_NOT_FOUND"),
                ),
              ],
        ),
      );
      // Add-ons move with their base: a listed add-on whose base is listed is not a line of its own.
      const bases = (listed as CustomerSubscription[]).filter((s) => !(s.parentId && ids.includes(s.parentId)));
      const addOns = rows.filter((s) => s.parentId && ids.includes(s.parentId) && s.status === "ACTIVE");
      const decisions = await new EligibilityService(m.em).decideForSubscriptions(
        me,
        EligibilityAction.TRANSFER,
        bases,
        {
          asOf: ctx.today,
          policy: ctx.config.transferPolicy,
          reseller,
        },
      );
      abortIf(
        lineErrors(
          decisions,
          bases,
          (i) => `subscriptionIds.${inputIndex(bases[i]!.id)}`,
          ctx.locale,
          ACTOR_RULE_FIELDS,
        ),
      );
      const sources = new Set(bases.map((s) => s.transactingPartnerId));
      abortIf(
        sources.size === 1
          ? []
          : [userError("subscriptionIds", UserErrorCode.INVALID_INPUT, m.t("TRANSFER_ONE_SOURCE"))],
      );
      const transfer = Object.assign(new Transfer(), {
        id: randomUUID(),
        customerId: customer!.id,
        sourcePartnerId: [...sources][0]!,
        targetPartnerId: me.id,
        resellerId: reseller?.id ?? null,
        status: TransferStatus.PENDING,
        createdAt: new Date(),
        respondedAt: null,
        createdByUserId: m.viewer.user.id,
        version: 1,
      });
      await m.em.insert(Transfer, transfer);
      const lines = [...bases, ...addOns.filter((a) => !bases.includes(a))];
      await m.em.insert(
        TransferLine,
        lines.map((s) => ({ id: randomUUID(), transferId: transfer.id, subscriptionId: s.id })),
      );
      return { transfer };
    });
  }

  @Authorized(CAN_TRANSFER)
  @Mutation(() => TransferPayload, {
    description: "The source partner accepts: the subscriptions move to the target (and its reseller) at once.",
  })
  acceptTransfer(@Arg("input", () => TransferIdInput) input: TransferIdInput, @Ctx() ctx: RequestContext) {
    return mutate(ctx, TransferPayload, async (m) => {
      const t = await this.pendingTransfer(m, input.transferId, "source");
      if (t.expired) return { transfer: t.transfer, userErrors: t.expired };
      const transfer = t.transfer;
      const lines = await m.em
        .getRepository(TransferLine)
        .find({ where: { transferId: transfer.id }, relations: { subscription: true } });
      const subscriptions = lines.map((l) => l.subscription as CustomerSubscription);
      const bases = subscriptions.filter((s) => !(s.parentId && subscriptions.some((b) => b.id === s.parentId)));
      // The world may have changed since the request: decide again for the target, ignoring this transfer itself.
      const [target, reseller] = await Promise.all([
        m.em.getRepository(Partner).findOneByOrFail({ id: transfer.targetPartnerId }),
        transfer.resellerId ? m.em.getRepository(Partner).findOneBy({ id: transfer.resellerId }) : null,
      ]);
      const decisions = await new EligibilityService(m.em).decideForSubscriptions(
        target,
        EligibilityAction.TRANSFER,
        bases,
        {
          asOf: ctx.today,
          policy: ctx.config.transferPolicy,
          reseller,
          excludeTransferId: transfer.id,
        },
      );
      abortIf(
        lineErrors(decisions, bases, () => "transferId", ctx.locale),
        { transfer },
      );
      abortIf(
        subscriptions.every((s) => s.transactingPartnerId === m.viewer.partner.id)
          ? []
          : [userError("transferId", UserErrorCode.INVALID_STATE, m.t("TRANSFER_NO_LONGER_BILLED_BY_YOU"))],
        { transfer },
      );
      const now = new Date();
      await m.em
        .createQueryBuilder()
        .update(CustomerSubscription)
        .set({
          transactingPartnerId: target.id,
          resellerOfRecordId: transfer.resellerId,
          updatedAt: now,
          version: () => "version + 1",
        })
        .where({ id: In(subscriptions.map((s) => s.id)) })
        .execute();
      return { transfer: await this.finish(m, transfer, TransferStatus.COMPLETED) };
    });
  }

  @Authorized(CAN_TRANSFER)
  @Mutation(() => TransferPayload, { description: "The source partner declines the request." })
  rejectTransfer(@Arg("input", () => TransferIdInput) input: TransferIdInput, @Ctx() ctx: RequestContext) {
    return mutate(ctx, TransferPayload, async (m) => {
      const t = await this.pendingTransfer(m, input.transferId, "source");
      if (t.expired) return { transfer: t.transfer, userErrors: t.expired };
      return { transfer: await this.finish(m, t.transfer, TransferStatus.REJECTED) };
    });
  }

  @Authorized(CAN_TRANSFER)
  @Mutation(() => TransferPayload, { description: "The target partner withdraws its request while it is pending." })
  withdrawTransfer(@Arg("input", () => TransferIdInput) input: TransferIdInput, @Ctx() ctx: RequestContext) {
    return mutate(ctx, TransferPayload, async (m) => {
      const t = await this.pendingTransfer(m, input.transferId, "target");
      if (t.expired) return { transfer: t.transfer, userErrors: t.expired };
      return { transfer: await this.finish(m, t.transfer, TransferStatus.WITHDRAWN) };
    });
  }

  /**
   * The transfer, if the viewer is the given party and it is still pending. One that has passed its 30 days is
   * marked EXPIRED (committed) and reported as a user error.
   */
  private async pendingTransfer(m: ServiceContext, globalId: string, party: "source" | "target") {
    const qb = m.viewer.scope
      .visibleTransfers(m.em.getRepository(Transfer).createQueryBuilder("t"), "t")
      .andWhere("t.id = :id", { id: localId(globalId, "Transfer") });
    if (m.canLockRows) qb.setLock("pessimistic_write");
    const transfer = await qb.getOne();
    abortIf(transfer ? [] : [userError("transferId", UserErrorCode.NOT_FOUND, m.t("TRANSFER_NOT_FOUND"))]);
    const t = transfer!;
    const partyId = party === "source" ? t.sourcePartnerId : t.targetPartnerId;
    abortIf(
      partyId === m.viewer.partner.id
        ? []
        : [
            userError(
              "transferId",
              UserErrorCode.NOT_ALLOWED,
              m.t(party === "source" ? "ONLY_SOURCE_PARTNER" : "ONLY_TARGET_PARTNER"),
            ),
          ],
    );
    const status = effectiveStatus(t, m.today);
    if (status === TransferStatus.EXPIRED && t.status === TransferStatus.PENDING) {
      const expired = await this.finish(m, t, TransferStatus.EXPIRED);
      return {
        transfer: expired,
        expired: [userError("transferId", UserErrorCode.TRANSFER_EXPIRED, m.t("TRANSFER_EXPIRED"))],
      };
    }
    abortIf(
      status === TransferStatus.PENDING
        ? []
        : [userError("transferId", UserErrorCode.INVALID_STATE, m.t("TRANSFER_NOT_PENDING", { status }))],
    );
    return { transfer: t, expired: null };
  }

  /** Leaves PENDING only over the version that was read. */
  private async finish(m: ServiceContext, t: Transfer, status: TransferStatus): Promise<Transfer> {
    const res = await m.em
      .createQueryBuilder()
      .update(Transfer)
      .set({ status, respondedAt: new Date(), version: () => "version + 1" })
      .where("id = :id AND version = :version AND status = :pending", {
        id: t.id,
        version: t.version,
        pending: TransferStatus.PENDING,
      })
      .execute();
    abortIf(res.affected === 1 ? [] : [userError("transferId", UserErrorCode.CONFLICT, m.t("TRANSFER_CHANGED"))]);
    return m.em.getRepository(Transfer).findOneByOrFail({ id: t.id });
  }
}
