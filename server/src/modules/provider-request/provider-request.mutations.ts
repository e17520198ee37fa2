import { randomUUID } from "node:crypto";
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  registerEnumType,
  Resolver,
} from "type-graphql";
import type { RequestContext } from "../../context";
import { requireViewer } from "../../context";
import { CAN_ORDER, CAN_TRANSFER } from "../../auth/roles";
import { forbidden } from "../../common/errors";
import { fromGlobalId } from "../../common/global-id";
import { Payload } from "../../common/mutation";
import { mutate, type ServiceContext } from "../../service-context";
import { abortIf, userError, UserErrorCode, type UserError } from "../../common/user-error";
import { userMessage } from "../../common/user-messages";
import { InputChecks } from "../../common/validate";
import {
  EligibilityAction,
  OfferKind,
  PartnershipStatus,
  PartnerType,
  RelationshipStatus,
  TermDuration,
  type UserRole,
} from "../../domain/enums";
import { CustomerRelationship } from "../customer/customer-relationship.entity";
import { CustomerSubscription } from "../subscription/customer-subscription.entity";
import { ResellerPartnership } from "../partner/reseller-partnership.entity";
import { EligibilityService } from "../eligibility/eligibility.service";
import { EligibilityDecision } from "../eligibility/eligibility.types";
import { ruleMessage } from "../eligibility/messages";
import { presentDecision } from "../eligibility/present";
import type { Decision } from "../eligibility/rule";
import {
  MAX_NOTE_LENGTH,
  ProviderRequest,
  ProviderRequestAction,
  ProviderRequestStatus,
  SUBSCRIPTION_REQUEST_ACTIONS,
} from "./provider-request.entity";

export enum ProviderRequestOutcome {
  FULFILLED = "FULFILLED",
  DECLINED = "DECLINED",
}
registerEnumType(ProviderRequestOutcome, {
  name: "ProviderRequestOutcome",
  description: "How the provider closes a request: FULFILLED (it did what was asked) or DECLINED.",
});

@InputType({
  description:
    "ORDER names an offer (offerName, offerId, offerKind, quantity; termDuration for license-based offers); CANCEL, SUSPEND, REACTIVATE and TRANSFER name a subscription of the customer.",
})
export class RequestProviderActionInput {
  @Field(() => ID, { description: "The indirect provider to ask: one you have an ACTIVE partnership with." })
  providerId: string;
  @Field(() => ID, { description: "A customer you hold an ACTIVE relationship with." })
  customerId: string;
  @Field(() => ProviderRequestAction)
  action: ProviderRequestAction;
  @Field(() => ID, {
    nullable: true,
    description: "CANCEL, SUSPEND, REACTIVATE (a subscription credited to you), TRANSFER: the subscription.",
  })
  subscriptionId?: string | null;
  @Field(() => String, { nullable: true, description: "ORDER: the offer's name." })
  offerName?: string | null;
  @Field(() => String, { nullable: true, description: "ORDER: catalog id, e.g. CFQ7TTC0LFLZ:0001." })
  offerId?: string | null;
  @Field(() => OfferKind, { nullable: true, description: "ORDER: license-based or usage-based." })
  offerKind?: OfferKind | null;
  @Field(() => Int, { nullable: true, description: "ORDER: seats (1–300000); 1 (or none) for usage-based offers." })
  quantity?: number | null;
  @Field(() => TermDuration, { nullable: true, description: "ORDER of a license-based offer: required." })
  termDuration?: TermDuration | null;
  @Field(() => String, {
    nullable: true,
    description: `A note to the provider (at most ${MAX_NOTE_LENGTH} characters).`,
  })
  note?: string | null;
}

@InputType()
export class ResolveProviderRequestInput {
  @Field(() => ID)
  requestId: string;
  @Field(() => ProviderRequestOutcome)
  outcome: ProviderRequestOutcome;
  @Field(() => String, {
    nullable: true,
    description: `A note to the reseller, e.g. why it was declined (at most ${MAX_NOTE_LENGTH} characters).`,
  })
  responseNote?: string | null;
}

@InputType()
export class ProviderRequestIdInput {
  @Field(() => ID)
  requestId: string;
}

@ObjectType()
export class RequestProviderActionPayload extends Payload {
  @Field(() => ProviderRequest, { nullable: true })
  providerRequest: ProviderRequest | null;

  @Field(() => EligibilityDecision, {
    nullable: true,
    description:
      "The provider's own eligibility for the action today (decided as the provider, naming you as the reseller for ORDER and TRANSFER): whether it will be able to do it, and every reason why not. The request is sent either way.",
  })
  providerDecision: EligibilityDecision | null;
}

@ObjectType()
export class ProviderRequestPayload extends Payload {
  @Field(() => ProviderRequest, { nullable: true })
  providerRequest: ProviderRequest | null;
}

/** The engine's action for each request action. */
const ELIGIBILITY_ACTION: Record<ProviderRequestAction, EligibilityAction> = {
  ORDER: EligibilityAction.ORDER,
  CANCEL: EligibilityAction.CANCEL,
  SUSPEND: EligibilityAction.SUSPEND,
  REACTIVATE: EligibilityAction.REACTIVATE,
  TRANSFER: EligibilityAction.TRANSFER,
};

/** Roles that may ask for, answer or withdraw each action: those of the mutation that does it (auth/roles.ts). */
const ACTION_ROLES: Record<ProviderRequestAction, readonly UserRole[]> = {
  ORDER: CAN_ORDER,
  CANCEL: CAN_ORDER,
  SUSPEND: CAN_ORDER,
  REACTIVATE: CAN_ORDER,
  TRANSFER: CAN_TRANSFER,
};
const ANY_ACTION_ROLES = [...new Set(Object.values(ACTION_ROLES).flat())];

/** FORBIDDEN, like @Authorized, when the viewer's role may not do this action. */
function requireActionRole(ctx: Pick<RequestContext, "viewer" | "locale">, action: ProviderRequestAction): void {
  const { role } = requireViewer(ctx).user;
  if (!ACTION_ROLES[action].includes(role)) {
    throw forbidden(
      userMessage(ctx.locale, "ROLE_FORBIDDEN_FOR_ACTION", { role, action, roles: ACTION_ROLES[action].join(", ") }),
    );
  }
}

const localId = (
  globalId: string | null | undefined,
  type: "Customer" | "Partner" | "CustomerSubscription" | "ProviderRequest",
) => {
  const d = globalId ? fromGlobalId(globalId) : null;
  return d && d.type === type ? d.id : "";
};

/** Input checks of requestProviderAction: the ORDER offer fields, the subscription of the other actions, the note. */
function requestChecks(input: RequestProviderActionInput, locale: RequestContext["locale"]): InputChecks {
  const checks = new InputChecks(locale);
  const present = (v: unknown) => v !== null && v !== undefined;
  if (input.action === ProviderRequestAction.ORDER) {
    for (const [field, value, max] of [
      ["offerName", input.offerName, 200],
      ["offerId", input.offerId, 100],
    ] as const) {
      if (present(value)) checks.text(field, value, 2, max);
      else checks.fail(field, "REQUIRED_FOR_ACTION", { action: ProviderRequestAction.ORDER });
    }
    if (!input.offerKind) {
      checks.fail("offerKind", "REQUIRED_FOR_ACTION", { action: ProviderRequestAction.ORDER });
    } else if (input.offerKind === OfferKind.LICENSE_BASED) {
      if (present(input.quantity)) checks.integer("quantity", input.quantity, 1, 300_000);
      else checks.fail("quantity", "REQUIRED_FOR_LICENSE_BASED");
      if (!input.termDuration) checks.fail("termDuration", "REQUIRED_FOR_LICENSE_BASED");
    } else if (present(input.quantity) && input.quantity !== 1) {
      checks.fail("quantity", "QUANTITY_ONE_FOR_USAGE_BASED");
    }
    if (present(input.subscriptionId)) checks.fail("subscriptionId", "NOT_USED_FOR_ORDER");
  } else {
    if (!input.subscriptionId) checks.fail("subscriptionId", "REQUIRED_FOR_ACTION", { action: input.action });
    for (const field of ["offerName", "offerId", "offerKind", "quantity", "termDuration"] as const) {
      if (present(input[field])) checks.fail(field, "ONLY_USED_FOR_ORDER");
    }
  }
  if (present(input.note)) checks.text("note", input.note, 0, MAX_NOTE_LENGTH);
  return checks;
}

const cleanNote = (note: string | null | undefined): string | null => note?.trim() || null;

@Resolver()
export class ProviderRequestMutations {
  @Authorized(ANY_ACTION_ROLES)
  @Mutation(() => RequestProviderActionPayload, {
    description:
      "An indirect reseller asks one of its indirect providers to order, cancel, suspend, reactivate or transfer for it (it cannot itself, R22). The request stays OPEN until the provider fulfils it, by doing it with the ordinary mutation (orderSubscription naming the reseller, cancelSubscription, suspendSubscription, reactivateSubscription, createTransfer naming the reseller) and then resolveProviderRequest FULFILLED, or declines it. The payload carries the provider's current eligibility for the action. Roles: those of the matching mutation (TRANSFER needs GLOBAL_ADMIN or ADMIN_AGENT).",
  })
  requestProviderAction(
    @Arg("input", () => RequestProviderActionInput) input: RequestProviderActionInput,
    @Ctx() ctx: RequestContext,
  ) {
    requireActionRole(ctx, input.action);
    return mutate(ctx, RequestProviderActionPayload, async (m) => {
      const me = m.viewer.partner;
      abortIf(
        me.types.includes(PartnerType.INDIRECT_RESELLER)
          ? []
          : [userError(null, UserErrorCode.NOT_ALLOWED, m.t("ONLY_RESELLERS_SEND_REQUESTS"))],
      );
      abortIf(requestChecks(input, ctx.locale).errors);

      const errors: UserError[] = [];
      const providerId = localId(input.providerId, "Partner");
      const partnered =
        providerId !== "" &&
        (await m.em.getRepository(ResellerPartnership).existsBy({
          providerId,
          resellerId: me.id,
          status: PartnershipStatus.ACTIVE,
        }));
      const provider = partnered ? await m.loaders.partner.load(providerId) : null;
      if (!provider) {
        errors.push(
          userError(
            "providerId",
            UserErrorCode.PROVIDER_RESELLER_PARTNERSHIP_REQUIRED,
            m.t("PROVIDER_PARTNERSHIP_REQUIRED"),
            "R23",
          ),
        );
      }
      const customer = await m.loaders.customer.load(localId(input.customerId, "Customer"));
      let subscription: CustomerSubscription | null = null;
      if (!customer) {
        errors.push(userError("customerId", UserErrorCode.NOT_FOUND, m.t("CUSTOMER_NOT_FOUND")));
      } else if (
        !(await m.em.getRepository(CustomerRelationship).existsBy({
          customerId: customer.id,
          partnerId: me.id,
          status: RelationshipStatus.ACTIVE,
        }))
      ) {
        errors.push(
          userError("customerId", UserErrorCode.RESELLER_RELATIONSHIP_REQUIRED, ruleMessage("R1", ctx.locale), "R1"),
        );
      } else if (SUBSCRIPTION_REQUEST_ACTIONS.has(input.action)) {
        subscription = await m.loaders.subscription.load(localId(input.subscriptionId, "CustomerSubscription"));
        if (!subscription || subscription.customerId !== customer.id) {
          subscription = null;
          errors.push(
            userError("subscriptionId", UserErrorCode.NOT_FOUND, m.t("CUSTOMER_SUBSCRIPTION_NOT_IN_NETWORK")),
          );
        } else if (input.action !== ProviderRequestAction.TRANSFER && subscription.resellerOfRecordId !== me.id) {
          // A transfer takes over someone else's subscription; the other actions change one sold through you.
          errors.push(userError("subscriptionId", UserErrorCode.NOT_ALLOWED, m.t("NOT_RESELLER_OF_RECORD")));
        } else if (
          provider &&
          (await m.em.getRepository(ProviderRequest).existsBy({
            resellerId: me.id,
            providerId: provider.id,
            subscriptionId: subscription.id,
            action: input.action,
            status: ProviderRequestStatus.OPEN,
          }))
        ) {
          errors.push(
            userError(
              "subscriptionId",
              UserErrorCode.ALREADY_EXISTS,
              m.t("PROVIDER_REQUEST_ALREADY_OPEN", { action: input.action }),
            ),
          );
        }
      }
      abortIf(errors);

      // What the provider would be told if it acted today: decided as the provider, for this reseller.
      const service = new EligibilityService(m.em);
      const opts = { asOf: ctx.today, policy: ctx.config.transferPolicy };
      const action = ELIGIBILITY_ACTION[input.action];
      let decision: Decision;
      if (subscription) {
        const reseller = input.action === ProviderRequestAction.TRANSFER ? me : null;
        const decisions = await service.decideForSubscriptions(provider!, action, [subscription], {
          ...opts,
          reseller,
        });
        decision = decisions.get(subscription.id)!;
      } else {
        const decisions = await service.decideForCustomers(provider!, action, [customer!.id], {
          ...opts,
          reseller: me,
          offerKind: input.offerKind,
        });
        decision = decisions.get(customer!.id)!;
      }

      const order = input.action === ProviderRequestAction.ORDER;
      const license = input.offerKind === OfferKind.LICENSE_BASED;
      const providerRequest = Object.assign(new ProviderRequest(), {
        id: randomUUID(),
        resellerId: me.id,
        providerId: provider!.id,
        customerId: customer!.id,
        action: input.action,
        subscriptionId: subscription?.id ?? null,
        offerName: order ? input.offerName!.trim() : null,
        offerId: order ? input.offerId!.trim() : null,
        offerKind: order ? input.offerKind! : null,
        quantity: order ? (license ? input.quantity! : 1) : null,
        termDuration: order && license ? input.termDuration! : null,
        note: cleanNote(input.note),
        status: ProviderRequestStatus.OPEN,
        responseNote: null,
        createdByUserId: m.viewer.user.id,
        createdAt: new Date(),
        respondedAt: null,
        version: 1,
      });
      await m.em.insert(ProviderRequest, providerRequest);
      return { providerRequest, providerDecision: presentDecision(decision, ctx.today, ctx.locale) };
    });
  }

  @Authorized(ANY_ACTION_ROLES)
  @Mutation(() => ProviderRequestPayload, {
    description:
      "The provider closes an OPEN request from one of its resellers: FULFILLED once it has done the work with the ordinary mutation (this only records it: nothing else changes), or DECLINED, with an optional note to the reseller.",
  })
  resolveProviderRequest(
    @Arg("input", () => ResolveProviderRequestInput) input: ResolveProviderRequestInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, ProviderRequestPayload, async (m) => {
      const checks = new InputChecks(ctx.locale);
      if (input.responseNote !== null && input.responseNote !== undefined) {
        checks.text("responseNote", input.responseNote, 0, MAX_NOTE_LENGTH);
      }
      abortIf(checks.errors);
      const request = await this.openRequest(m, input.requestId, "provider");
      const status =
        input.outcome === ProviderRequestOutcome.FULFILLED
          ? ProviderRequestStatus.FULFILLED
          : ProviderRequestStatus.DECLINED;
      return { providerRequest: await this.close(m, request, status, cleanNote(input.responseNote)) };
    });
  }

  @Authorized(ANY_ACTION_ROLES)
  @Mutation(() => ProviderRequestPayload, {
    description: "The reseller withdraws its request while it is OPEN.",
  })
  withdrawProviderRequest(
    @Arg("input", () => ProviderRequestIdInput) input: ProviderRequestIdInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, ProviderRequestPayload, async (m) => {
      const request = await this.openRequest(m, input.requestId, "reseller");
      return { providerRequest: await this.close(m, request, ProviderRequestStatus.WITHDRAWN, null) };
    });
  }

  /** The request, if the viewer's partner is the given party, its role may handle the action, and it is OPEN. */
  private async openRequest(
    m: ServiceContext,
    globalId: string,
    party: "provider" | "reseller",
  ): Promise<ProviderRequest> {
    const qb = m.viewer.scope
      .visibleProviderRequests(m.em.getRepository(ProviderRequest).createQueryBuilder("pr"), "pr")
      .andWhere("pr.id = :id", { id: localId(globalId, "ProviderRequest") });
    if (m.canLockRows) qb.setLock("pessimistic_write");
    const request = await qb.getOne();
    abortIf(request ? [] : [userError("requestId", UserErrorCode.NOT_FOUND, m.t("PROVIDER_REQUEST_NOT_FOUND"))]);
    const r = request!;
    abortIf(
      (party === "provider" ? r.providerId : r.resellerId) === m.viewer.partner.id
        ? []
        : [
            userError(
              "requestId",
              UserErrorCode.NOT_ALLOWED,
              m.t(party === "provider" ? "ONLY_REQUEST_PROVIDER" : "ONLY_REQUEST_RESELLER"),
            ),
          ],
    );
    requireActionRole(m, r.action);
    abortIf(
      r.status === ProviderRequestStatus.OPEN
        ? []
        : [userError("requestId", UserErrorCode.INVALID_STATE, m.t("PROVIDER_REQUEST_NOT_OPEN", { status: r.status }))],
    );
    return r;
  }

  /** Leaves OPEN only over the version that was read: a concurrent answer wins, this one is refused. */
  private async close(
    m: ServiceContext,
    r: ProviderRequest,
    status: ProviderRequestStatus,
    responseNote: string | null,
  ): Promise<ProviderRequest> {
    const res = await m.em
      .createQueryBuilder()
      .update(ProviderRequest)
      .set({ status, responseNote, respondedAt: new Date(), version: () => "version + 1" })
      .where("id = :id AND version = :version AND status = :open", {
        id: r.id,
        version: r.version,
        open: ProviderRequestStatus.OPEN,
      })
      .execute();
    abortIf(
      res.affected === 1 ? [] : [userError("requestId", UserErrorCode.CONFLICT, m.t("PROVIDER_REQUEST_CHANGED"))],
    );
    return m.em.getRepository(ProviderRequest).findOneByOrFail({ id: r.id });
  }
}
