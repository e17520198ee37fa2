import { randomUUID } from "node:crypto";
import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from "type-graphql";
import { GraphQLLocalDate } from "graphql-scalars";
import type { RequestContext } from "../../context";
import { CAN_MANAGE_CUSTOMERS, CAN_ORDER } from "../../auth/roles";
import { Payload } from "../../common/mutation";
import { mutate, type ServiceContext } from "../../service-context";
import { abortIf, userError, UserErrorCode, type UserError } from "../../common/user-error";
import { InputChecks } from "../../common/validate";
import { fromGlobalId } from "../../common/global-id";
import {
  BillingCycle,
  CommerceModel,
  EligibilityAction,
  OfferKind,
  PartnerType,
  RelationshipStatus,
  SalesChannel,
  SubscriptionStatus,
  TermDuration,
} from "../../domain/enums";
import { Customer } from "../customer/customer.entity";
import { CustomerRelationship } from "../customer/customer-relationship.entity";
import { CustomerSubscription } from "./customer-subscription.entity";
import { Partner } from "../partner/partner.entity";
import { termEndDate } from "../../common/dates";
import { TERM_MONTHS } from "../../domain/policy";
import { EligibilityService } from "../eligibility/eligibility.service";
import { EligibilityDecision } from "../eligibility/eligibility.types";
import { decisionErrors, presentDecision } from "../eligibility/present";
import { ruleMessage } from "../eligibility/messages";
import type { Decision } from "../eligibility/rule";

@InputType()
export class RegisterExternalSubscriptionInput {
  @Field(() => ID)
  customerId: string;
  @Field()
  offerName: string;
  @Field(() => String, { nullable: true })
  offerId?: string | null;
  @Field(() => OfferKind)
  offerKind: OfferKind;
  @Field(() => SalesChannel, { description: "Where the customer bought it: any channel but CSP." })
  channel: SalesChannel;
  @Field(() => Int)
  quantity: number;
  @Field(() => GraphQLLocalDate)
  purchaseDate: string;
  @Field(() => GraphQLLocalDate)
  commitmentEndDate: string;
  @Field(() => SubscriptionStatus, { defaultValue: SubscriptionStatus.ACTIVE })
  status: SubscriptionStatus;
}

@InputType()
export class OrderSubscriptionInput {
  @Field(() => ID)
  customerId: string;
  @Field()
  offerName: string;
  @Field({ description: "Catalog id, e.g. CFQ7TTC0LFLZ:0001." })
  offerId: string;
  @Field(() => OfferKind)
  offerKind: OfferKind;
  @Field(() => Int, { defaultValue: 1 })
  quantity: number;
  @Field(() => TermDuration, { nullable: true, description: "Required for license-based offers." })
  termDuration?: TermDuration | null;
  @Field(() => BillingCycle, { nullable: true })
  billingCycle?: BillingCycle | null;
  @Field(() => ID, { nullable: true, description: "Indirect provider: the reseller of record it orders for." })
  resellerId?: string | null;
  @Field(() => ID, { nullable: true, description: "For an add-on: its base subscription." })
  parentSubscriptionId?: string | null;
  @Field({ defaultValue: false, description: "Ordering the Azure plan offer." })
  isAzurePlan: boolean;
}

@InputType()
export class SubscriptionActionInput {
  @Field(() => ID)
  subscriptionId: string;
  @Field(() => Int, { nullable: true, description: "The version you saw; the change is refused if it moved on." })
  expectedVersion?: number | null;
}

@ObjectType()
export class SubscriptionPayload extends Payload {
  @Field(() => CustomerSubscription, { nullable: true })
  subscription: CustomerSubscription | null;
  @Field(() => EligibilityDecision, { nullable: true, description: "The decision the mutation ran (with advisories)." })
  decision: EligibilityDecision | null;
}

/** Which input field each ORDER rule is about, so forms can show the reason beside it. */
const ORDER_FIELDS: Record<string, string | null> = {
  R1: "customerId",
  R3: "customerId",
  R4: "customerId",
  R9: "customerId",
  R23: "resellerId",
  R24: "resellerId",
  R25: "resellerId",
  R26: "resellerId",
  R27: "resellerId",
};

function orderErrors(d: Decision, locale: RequestContext["locale"]): UserError[] {
  return d.blocking.map((r) =>
    userError(ORDER_FIELDS[r.ruleId] ?? null, r.code, ruleMessage(r.ruleId, locale), r.ruleId),
  );
}

function localId(globalId: string | null | undefined, type: "Customer" | "Partner" | "CustomerSubscription"): string {
  const d = globalId ? fromGlobalId(globalId) : null;
  return d && d.type === type ? d.id : "";
}

async function visibleCustomer(m: ServiceContext, globalId: string): Promise<Customer> {
  const c = await m.loaders.customer.load(localId(globalId, "Customer"));
  abortIf(c ? [] : [userError("customerId", UserErrorCode.NOT_FOUND, m.t("CUSTOMER_NOT_FOUND"))]);
  return c!;
}

/** A subscription of the network, locked for the update on PostgreSQL. */
async function lockedSubscription(
  m: ServiceContext,
  globalId: string,
  field = "subscriptionId",
): Promise<CustomerSubscription> {
  const visible = await m.loaders.subscription.load(localId(globalId, "CustomerSubscription"));
  abortIf(visible ? [] : [userError(field, UserErrorCode.NOT_FOUND, m.t("SUBSCRIPTION_NOT_FOUND"))]);
  const qb = m.em.getRepository(CustomerSubscription).createQueryBuilder("s").where("s.id = :id", { id: visible!.id });
  if (m.canLockRows) qb.setLock("pessimistic_write");
  return (await qb.getOne())!;
}

/** Writes a status change only over the version that was decided on: a concurrent change wins, this one is refused. */
async function updateSubscription(
  m: ServiceContext,
  s: CustomerSubscription,
  changes: Partial<CustomerSubscription>,
  expectedVersion: number | null | undefined,
): Promise<CustomerSubscription> {
  const version = expectedVersion ?? s.version;
  const res = await m.em
    .createQueryBuilder()
    .update(CustomerSubscription)
    .set({ ...changes, updatedAt: new Date(), version: () => "version + 1" })
    .where("id = :id AND version = :version", { id: s.id, version })
    .execute();
  abortIf(
    res.affected === 1 ? [] : [userError("expectedVersion", UserErrorCode.CONFLICT, m.t("SUBSCRIPTION_CHANGED"))],
  );
  return m.em.getRepository(CustomerSubscription).findOneByOrFail({ id: s.id });
}

@Resolver()
export class SubscriptionMutations {
  @Authorized(CAN_MANAGE_CUSTOMERS)
  @Mutation(() => SubscriptionPayload, {
    description:
      "Multi-channel support: record a subscription the customer bought outside CSP, to support it (needs a relationship).",
  })
  registerExternalSubscription(
    @Arg("input", () => RegisterExternalSubscriptionInput) input: RegisterExternalSubscriptionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, SubscriptionPayload, async (m) => {
      const checks = new InputChecks(ctx.locale)
        .text("offerName", input.offerName, 2, 200)
        .integer("quantity", input.quantity, 1, 1_000_000)
        .date("purchaseDate", input.purchaseDate)
        .date("commitmentEndDate", input.commitmentEndDate);
      if (input.channel === SalesChannel.CSP) checks.fail("channel", "CSP_IS_ORDERED_NOT_REGISTERED");
      if (checks.ok && input.commitmentEndDate < input.purchaseDate)
        checks.fail("commitmentEndDate", "NOT_BEFORE_FIELD", { field: "purchaseDate" });
      if (input.status === SubscriptionStatus.DELETED) checks.fail("status", "DELETED_CANNOT_BE_REGISTERED");
      abortIf(checks.errors);
      const customer = await visibleCustomer(m, input.customerId);
      const related = await m.em.getRepository(CustomerRelationship).existsBy({
        customerId: customer.id,
        partnerId: m.viewer.partner.id,
        status: RelationshipStatus.ACTIVE,
      });
      abortIf(
        related
          ? []
          : [
              userError(
                "customerId",
                UserErrorCode.RESELLER_RELATIONSHIP_REQUIRED,
                ruleMessage("R1", ctx.locale),
                "R1",
              ),
            ],
      );
      const now = new Date();
      const subscription = Object.assign(new CustomerSubscription(), {
        id: randomUUID(),
        customerId: customer.id,
        offerName: input.offerName.trim(),
        offerId:
          input.offerId?.trim() ||
          input.offerName
            .trim()
            .toUpperCase()
            .replace(/[^A-Z0-9]+/g, "-"),
        offerKind: input.offerKind,
        commerceModel: CommerceModel.NEW_COMMERCE,
        channel: input.channel,
        status: input.status,
        transactingPartnerId: null,
        resellerOfRecordId: null,
        registeredById: m.viewer.partner.id,
        purchaseDate: input.purchaseDate,
        renewalDate: null,
        commitmentEndDate: input.commitmentEndDate,
        termDuration: null,
        billingCycle: BillingCycle.NONE,
        quantity: input.quantity,
        autoRenew: false,
        parentId: null,
        isAzurePlan: false,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      await m.em.insert(CustomerSubscription, subscription);
      return { subscription };
    });
  }

  @Authorized(CAN_ORDER)
  @Mutation(() => SubscriptionPayload, {
    description:
      "Buy a new-commerce CSP subscription for a customer; runs the ORDER rules (an indirect provider names the reseller).",
  })
  orderSubscription(
    @Arg("input", () => OrderSubscriptionInput) input: OrderSubscriptionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, SubscriptionPayload, async (m) => {
      const me = m.viewer.partner;
      const license = input.offerKind === OfferKind.LICENSE_BASED;
      const checks = new InputChecks(ctx.locale)
        .text("offerName", input.offerName, 2, 200)
        .text("offerId", input.offerId, 2, 100);
      if (license) {
        checks.integer("quantity", input.quantity, 1, 300_000);
        if (!input.termDuration) checks.fail("termDuration", "REQUIRED_FOR_LICENSE_BASED");
      } else if (input.quantity !== 1) {
        checks.fail("quantity", "QUANTITY_ONE_FOR_USAGE_BASED");
      }
      if (input.isAzurePlan && license) checks.fail("isAzurePlan", "AZURE_PLAN_IS_USAGE_BASED");
      abortIf(checks.errors);
      const customer = await visibleCustomer(m, input.customerId);
      let reseller: Partner | null = null;
      if (input.resellerId) {
        reseller = await m.em.getRepository(Partner).findOneBy({ id: localId(input.resellerId, "Partner") });
        abortIf(
          reseller?.types.includes(PartnerType.INDIRECT_RESELLER)
            ? []
            : [userError("resellerId", UserErrorCode.NOT_FOUND, m.t("RESELLER_NOT_FOUND"))],
        );
      }
      let parent: CustomerSubscription | null = null;
      if (input.parentSubscriptionId) {
        parent = await lockedSubscription(m, input.parentSubscriptionId, "parentSubscriptionId");
        abortIf(
          parent.customerId === customer.id &&
            parent.status === SubscriptionStatus.ACTIVE &&
            parent.transactingPartnerId === me.id
            ? []
            : [userError("parentSubscriptionId", UserErrorCode.INVALID_STATE, m.t("ADDON_BASE_INVALID"))],
        );
      }
      const decisions = await new EligibilityService(m.em).decideForCustomers(
        me,
        EligibilityAction.ORDER,
        [customer.id],
        {
          asOf: ctx.today,
          policy: ctx.config.transferPolicy,
          reseller,
          offerKind: input.offerKind,
        },
      );
      const decision = decisions.get(customer.id)!;
      const presented = presentDecision(decision, ctx.today, ctx.locale);
      abortIf(orderErrors(decision, ctx.locale), { decision: presented });
      const now = new Date();
      const term = license ? input.termDuration! : null;
      const subscription = Object.assign(new CustomerSubscription(), {
        id: randomUUID(),
        customerId: customer.id,
        offerName: input.offerName.trim(),
        offerId: input.offerId.trim(),
        offerKind: input.offerKind,
        commerceModel: CommerceModel.NEW_COMMERCE,
        channel: SalesChannel.CSP,
        status: SubscriptionStatus.ACTIVE,
        transactingPartnerId: me.id,
        resellerOfRecordId: reseller?.id ?? null,
        registeredById: null,
        purchaseDate: ctx.today,
        renewalDate: null,
        commitmentEndDate: termEndDate(ctx.today, term ? TERM_MONTHS[term] : 1),
        termDuration: term,
        billingCycle: input.billingCycle ?? (license ? BillingCycle.ANNUAL : BillingCycle.MONTHLY),
        quantity: input.quantity,
        autoRenew: true,
        parentId: parent?.id ?? null,
        isAzurePlan: input.isAzurePlan,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      await m.em.insert(CustomerSubscription, subscription);
      return { subscription, decision: presented };
    });
  }

  @Authorized(CAN_ORDER)
  @Mutation(() => SubscriptionPayload, {
    description: "Cancel (CANCEL rules: transacting partner, 7-day window for new commerce).",
  })
  cancelSubscription(
    @Arg("input", () => SubscriptionActionInput) input: SubscriptionActionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.change(ctx, input, EligibilityAction.CANCEL, { status: SubscriptionStatus.DELETED, autoRenew: false });
  }

  @Authorized(CAN_ORDER)
  @Mutation(() => SubscriptionPayload, {
    description: "Suspend an active subscription (new commerce keeps billing while suspended).",
  })
  suspendSubscription(
    @Arg("input", () => SubscriptionActionInput) input: SubscriptionActionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.change(ctx, input, EligibilityAction.SUSPEND, { status: SubscriptionStatus.SUSPENDED });
  }

  @Authorized(CAN_ORDER)
  @Mutation(() => SubscriptionPayload, {
    description: "Reactivate a suspended subscription before its term ends (REACTIVATE rules).",
  })
  reactivateSubscription(
    @Arg("input", () => SubscriptionActionInput) input: SubscriptionActionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.change(ctx, input, EligibilityAction.REACTIVATE, { status: SubscriptionStatus.ACTIVE });
  }

  /** Decide, then write over the decided version, in one transaction. */
  private change(
    ctx: RequestContext,
    input: SubscriptionActionInput,
    action: EligibilityAction,
    changes: Partial<CustomerSubscription>,
  ) {
    return mutate(ctx, SubscriptionPayload, async (m) => {
      const s = await lockedSubscription(m, input.subscriptionId);
      const decisions = await new EligibilityService(m.em).decideForSubscriptions(m.viewer.partner, action, [s], {
        asOf: ctx.today,
        policy: ctx.config.transferPolicy,
      });
      const decision = decisions.get(s.id)!;
      const presented = presentDecision(decision, ctx.today, ctx.locale);
      abortIf(decisionErrors(decision, "subscriptionId", ctx.locale), { decision: presented, subscription: s });
      return { subscription: await updateSubscription(m, s, changes, input.expectedVersion), decision: presented };
    });
  }
}
