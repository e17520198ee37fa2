import { randomBytes, randomUUID } from "node:crypto";
import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from "type-graphql";
import { In, type EntityManager } from "typeorm";
import type { RequestContext } from "../../context";
import { CAN_MANAGE_CUSTOMERS } from "../../auth/roles";
import { Payload } from "../../common/mutation";
import { mutate, mutatePublic, type ServiceContext } from "../../service-context";
import { abortIf, userError, UserErrorCode, type UserError } from "../../common/user-error";
import { InputChecks } from "../../common/validate";
import { fromGlobalId } from "../../common/global-id";
import { EligibilityAction, PartnershipStatus, PartnerType, RelationshipStatus } from "../../domain/enums";
import { Customer } from "./customer.entity";
import { CustomerRelationship } from "./customer-relationship.entity";
import { Partner } from "../partner/partner.entity";
import { ResellerPartnership } from "../partner/reseller-partnership.entity";
import { EligibilityService } from "../eligibility/eligibility.service";
import { REQUEST_TOKEN_LENGTH } from "./customer-relationship.entity";
import { EligibilityDecision } from "../eligibility/eligibility.types";
import { decisionErrors, presentDecision } from "../eligibility/present";
import { ruleMessage } from "../eligibility/messages";
import { canTransact, isOnlyIndirectReseller } from "../eligibility/rules/predicates";
import { NAMED_RESELLER_RULES, type NamedResellerFacts } from "../eligibility/rules/reseller.rules";

@InputType()
export class CreateCustomerInput {
  @Field()
  name: string;
  @Field({ description: "Primary domain, e.g. fabrikam.onmicrosoft.com." })
  domain: string;
  @Field({ description: "ISO 3166-1 alpha-2; must be the partner's own country." })
  country: string;
  @Field({ defaultValue: false, description: "The customer has accepted the Microsoft Customer Agreement." })
  mcaAccepted: boolean;
  @Field(() => ID, { nullable: true, description: "An indirect provider creates the customer for this reseller." })
  resellerId?: string | null;
}

@InputType()
export class RequestRelationshipInput {
  @Field(() => ID, { nullable: true, description: "A customer in your network (e.g. after a removed relationship)." })
  customerId?: string | null;
  @Field(() => String, { nullable: true, description: "Or the customer's domain." })
  customerDomain?: string | null;
  @Field({ defaultValue: true, description: "Ask for delegated admin privileges (DAP)." })
  includesDelegatedAdmin: boolean;
  @Field(() => ID, { nullable: true, description: "Provider: invite the customer for this reseller too (two-tier)." })
  resellerId?: string | null;
  @Field(() => ID, { nullable: true, description: "Reseller: the provider to include, when it has several." })
  providerId?: string | null;
}

@InputType()
export class AcceptRelationshipInput {
  @Field({ description: "The token of the acceptance link." })
  token: string;
  @Field({ description: "UPN of the customer's global admin accepting, e.g. admin@fabrikam.onmicrosoft.com." })
  acceptedBy: string;
}

@InputType()
export class RemoveRelationshipInput {
  @Field(() => ID)
  customerId: string;
}

@ObjectType()
export class CreateCustomerPayload extends Payload {
  @Field(() => Customer, { nullable: true })
  customer: Customer | null;
}

@ObjectType()
export class RequestRelationshipPayload extends Payload {
  @Field(() => [CustomerRelationship], { nullable: true })
  relationships: CustomerRelationship[] | null;
  @Field(() => String, { nullable: true, description: "Send this link to the customer's global admin." })
  acceptanceUrl: string | null;
}

@ObjectType()
export class AcceptRelationshipPayload extends Payload {
  @Field(() => String, { nullable: true })
  customerName: string | null;
  @Field(() => [String], { nullable: true, description: "Partners the customer now has a relationship with." })
  partnerNames: string[] | null;
  @Field(() => Int, { nullable: true })
  acceptedCount: number | null;
}

@ObjectType()
export class RemoveRelationshipPayload extends Payload {
  @Field(() => CustomerRelationship, { nullable: true })
  relationship: CustomerRelationship | null;
  @Field(() => EligibilityDecision, { nullable: true })
  decision: EligibilityDecision | null;
}

function idOf(globalId: string | null | undefined, type: "Customer" | "Partner"): string | null {
  if (!globalId) return null;
  const d = fromGlobalId(globalId);
  return d && d.type === type ? d.id : "";
}

/** The named reseller must be partnered with the provider, signed, active and in its region (R23–R26). */
async function resellerErrors(
  em: EntityManager,
  provider: Partner,
  reseller: Partner | null,
  locale: RequestContext["locale"],
) {
  if (!reseller) return [];
  const active = await em
    .getRepository(ResellerPartnership)
    .countBy({ providerId: provider.id, resellerId: reseller.id, status: PartnershipStatus.ACTIVE });
  const facts: NamedResellerFacts = { reseller, actor: provider, resellerPartnershipActive: active > 0 };
  return NAMED_RESELLER_RULES.filter((r) => r.fires(facts)).map((r) =>
    userError("resellerId", r.code, ruleMessage(r.id, locale), r.id),
  );
}

async function loadReseller(m: ServiceContext, globalId: string | null | undefined): Promise<Partner | null> {
  const id = idOf(globalId, "Partner");
  if (id === null) return null;
  const reseller = await m.em.getRepository(Partner).findOneBy({ id });
  abortIf(
    reseller?.types.includes(PartnerType.INDIRECT_RESELLER)
      ? []
      : [userError("resellerId", UserErrorCode.NOT_FOUND, m.t("RESELLER_NOT_FOUND"))],
  );
  return reseller;
}

@Resolver()
export class CustomerMutations {
  @Authorized(CAN_MANAGE_CUSTOMERS)
  @Mutation(() => CreateCustomerPayload, {
    description:
      "A direct-bill partner or indirect provider creates a customer tenant record (with an ACTIVE relationship).",
  })
  createCustomer(@Arg("input", () => CreateCustomerInput) input: CreateCustomerInput, @Ctx() ctx: RequestContext) {
    return mutate(ctx, CreateCustomerPayload, async (m) => {
      const me = m.viewer.partner;
      const checks = new InputChecks(ctx.locale)
        .text("name", input.name, 2, 200)
        .domain("domain", input.domain)
        .country("country", input.country);
      abortIf(checks.errors);
      abortIf(
        isOnlyIndirectReseller(me)
          ? [
              userError(
                null,
                UserErrorCode.INDIRECT_RESELLER_MUST_USE_PROVIDER,
                m.t("RESELLER_CANNOT_CREATE_CUSTOMER"),
                "R22",
              ),
            ]
          : [],
      );
      if (input.country !== me.country) {
        checks.failWith(UserErrorCode.CUSTOMER_REGION_MISMATCH, "country", "OWN_COUNTRY", { country: me.country });
      }
      const domain = input.domain.trim().toLowerCase();
      if (await m.em.getRepository(Customer).existsBy({ domain })) {
        checks.failWith(UserErrorCode.ALREADY_EXISTS, "domain", "CUSTOMER_DOMAIN_EXISTS");
      }
      const reseller = await loadReseller(m, input.resellerId);
      abortIf([...checks.errors, ...(await resellerErrors(m.em, me, reseller, ctx.locale))]);
      const now = new Date();
      const customer = Object.assign(new Customer(), {
        id: randomUUID(),
        name: input.name.trim(),
        domain,
        tenantId: randomUUID(),
        country: input.country,
        mcaAccepted: input.mcaAccepted,
        partnerTenantOfId: null,
        createdAt: now,
      });
      await m.em.insert(Customer, customer);
      for (const partner of [me, ...(reseller ? [reseller] : [])]) {
        await m.em.insert(CustomerRelationship, {
          id: randomUUID(),
          partnerId: partner.id,
          customerId: customer.id,
          status: RelationshipStatus.ACTIVE,
          includesDelegatedAdmin: true,
          requestedAt: now,
          acceptedAt: now,
          acceptedBy: null,
          removedAt: null,
          requestToken: null,
          version: 1,
        });
      }
      return { customer };
    });
  }

  @Authorized(CAN_MANAGE_CUSTOMERS)
  @Mutation(() => RequestRelationshipPayload, {
    description:
      "Request a reseller relationship; returns the link for the customer's global admin. A reseller's request (or a provider naming a reseller) is two-tier: accepting it creates both relationships.",
  })
  requestCustomerRelationship(
    @Arg("input", () => RequestRelationshipInput) input: RequestRelationshipInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, RequestRelationshipPayload, async (m) => {
      const me = m.viewer.partner;
      const customer = await this.findCustomer(m, input);
      const errors: UserError[] = [];
      if (customer.country !== me.country) {
        errors.push(
          userError(
            input.customerId ? "customerId" : "customerDomain",
            UserErrorCode.CUSTOMER_REGION_MISMATCH,
            ruleMessage("R4", ctx.locale),
            "R4",
          ),
        );
      }
      const partners: Partner[] = [me];
      if (isOnlyIndirectReseller(me)) {
        partners.push(await this.providerOf(m, input.providerId));
      } else {
        const reseller = await loadReseller(m, input.resellerId);
        errors.push(...(await resellerErrors(m.em, me, reseller, ctx.locale)));
        if (reseller) partners.push(reseller);
        if (!canTransact(me) && errors.length === 0) {
          errors.push(userError(null, UserErrorCode.NOT_ALLOWED, m.t("ONLY_CSP_PARTNERS_REQUEST_RELATIONSHIPS")));
        }
      }
      abortIf(errors);
      const existing = await m.em.getRepository(CustomerRelationship).findBy({
        customerId: customer.id,
        partnerId: In(partners.map((p) => p.id)),
        status: In([RelationshipStatus.ACTIVE, RelationshipStatus.REQUESTED]),
      });
      const pending = partners.filter(
        (p) => !existing.some((r) => r.partnerId === p.id && r.status === RelationshipStatus.ACTIVE),
      );
      abortIf(
        pending.length > 0
          ? []
          : [
              userError(
                input.customerId ? "customerId" : "customerDomain",
                UserErrorCode.ALREADY_EXISTS,
                m.t("RELATIONSHIP_ALREADY_ACTIVE"),
              ),
            ],
      );
      const token = randomBytes(24).toString("base64url");
      const now = new Date();
      const relationships: CustomerRelationship[] = [];
      for (const partner of pending) {
        const requested = existing.find((r) => r.partnerId === partner.id && r.status === RelationshipStatus.REQUESTED);
        if (requested) {
          await m.em.update(
            CustomerRelationship,
            { id: requested.id },
            {
              requestToken: token,
              requestedAt: now,
              includesDelegatedAdmin: input.includesDelegatedAdmin,
              version: requested.version + 1,
            },
          );
          relationships.push(
            Object.assign(requested, {
              requestToken: token,
              requestedAt: now,
              includesDelegatedAdmin: input.includesDelegatedAdmin,
            }),
          );
        } else {
          const created = Object.assign(new CustomerRelationship(), {
            id: randomUUID(),
            partnerId: partner.id,
            customerId: customer.id,
            status: RelationshipStatus.REQUESTED,
            includesDelegatedAdmin: input.includesDelegatedAdmin,
            requestedAt: now,
            acceptedAt: null,
            acceptedBy: null,
            removedAt: null,
            requestToken: token,
            version: 1,
          });
          await m.em.insert(CustomerRelationship, created);
          relationships.push(created);
        }
      }
      return { relationships, acceptanceUrl: `/relationships/accept?token=${token}` };
    });
  }

  @Mutation(() => AcceptRelationshipPayload, {
    description:
      "The customer's global admin accepts a relationship request through its link. Needs no partner token: the link's secret is the credential.",
  })
  acceptCustomerRelationship(
    @Arg("input", () => AcceptRelationshipInput) input: AcceptRelationshipInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutatePublic(ctx, AcceptRelationshipPayload, async (m) => {
      const rows =
        input.token.length >= REQUEST_TOKEN_LENGTH.min && input.token.length <= REQUEST_TOKEN_LENGTH.max
          ? await m.em
              .getRepository(CustomerRelationship)
              .findBy({ requestToken: input.token, status: RelationshipStatus.REQUESTED })
          : [];
      abortIf(rows.length ? [] : [userError("token", UserErrorCode.NOT_FOUND, m.t("ACCEPTANCE_LINK_INVALID"))]);
      const customer = await m.em.getRepository(Customer).findOneByOrFail({ id: rows[0]!.customerId });
      const upn = input.acceptedBy.trim().toLowerCase();
      const at = upn.lastIndexOf("@");
      abortIf(
        at > 0 && upn.slice(at + 1) === customer.domain
          ? []
          : [userError("acceptedBy", UserErrorCode.INVALID_INPUT, m.t("USER_OF_DOMAIN", { domain: customer.domain }))],
      );
      const now = new Date();
      for (const r of rows) {
        await m.em.update(
          CustomerRelationship,
          { id: r.id, version: r.version },
          {
            status: RelationshipStatus.ACTIVE,
            acceptedAt: now,
            acceptedBy: upn,
            requestToken: null,
            version: r.version + 1,
          },
        );
      }
      // Accepting in the Microsoft 365 admin center includes accepting the Microsoft Customer Agreement.
      if (!customer.mcaAccepted) await m.em.update(Customer, { id: customer.id }, { mcaAccepted: true });
      const partners = await m.em.getRepository(Partner).findBy({ id: In(rows.map((r) => r.partnerId)) });
      return {
        customerName: customer.name,
        partnerNames: partners.map((p) => p.name).sort(),
        acceptedCount: rows.length,
      };
    });
  }

  @Authorized(CAN_MANAGE_CUSTOMERS)
  @Mutation(() => RemoveRelationshipPayload, {
    description:
      "A direct-bill partner or indirect provider ends its relationship, once nothing it bills is active (R1, R6a, R6).",
  })
  removeCustomerRelationship(
    @Arg("input", () => RemoveRelationshipInput) input: RemoveRelationshipInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, RemoveRelationshipPayload, async (m) => {
      const id = idOf(input.customerId, "Customer");
      const visible = id ? await m.loaders.customer.load(id) : null;
      abortIf(visible ? [] : [userError("customerId", UserErrorCode.NOT_FOUND, m.t("CUSTOMER_NOT_FOUND"))]);
      const decisions = await new EligibilityService(m.em).decideForCustomers(
        m.viewer.partner,
        EligibilityAction.REMOVE_RELATIONSHIP,
        [visible!.id],
        { asOf: ctx.today, policy: ctx.config.transferPolicy },
      );
      const decision = decisions.get(visible!.id)!;
      const presented = presentDecision(decision, ctx.today, ctx.locale);
      abortIf(decisionErrors(decision, "customerId", ctx.locale), { decision: presented });
      const relationship = await m.em.getRepository(CustomerRelationship).findOneByOrFail({
        customerId: visible!.id,
        partnerId: m.viewer.partner.id,
        status: RelationshipStatus.ACTIVE,
      });
      const res = await m.em.update(
        CustomerRelationship,
        { id: relationship.id, version: relationship.version },
        { status: RelationshipStatus.REMOVED, removedAt: new Date(), version: relationship.version + 1 },
      );
      abortIf(res.affected === 1 ? [] : [userError("customerId", UserErrorCode.CONFLICT, m.t("RELATIONSHIP_CHANGED"))]);
      return {
        relationship: await m.em.getRepository(CustomerRelationship).findOneByOrFail({ id: relationship.id }),
        decision: presented,
      };
    });
  }

  private async findCustomer(m: ServiceContext, input: RequestRelationshipInput): Promise<Customer> {
    if (input.customerId) {
      const id = idOf(input.customerId, "Customer");
      const c = id ? await m.loaders.customer.load(id) : null;
      abortIf(c ? [] : [userError("customerId", UserErrorCode.NOT_FOUND, m.t("CUSTOMER_NOT_FOUND"))]);
      return c!;
    }
    const checks = new InputChecks(m.locale).domain("customerDomain", input.customerDomain);
    abortIf(checks.errors);
    const c = await m.em.getRepository(Customer).findOneBy({ domain: input.customerDomain!.trim().toLowerCase() });
    abortIf(c ? [] : [userError("customerDomain", UserErrorCode.NOT_FOUND, m.t("CUSTOMER_DOMAIN_NOT_FOUND"))]);
    return c!;
  }

  /** A reseller's two-tier request includes its provider: the named one, or its only active one. */
  private async providerOf(m: ServiceContext, providerGlobalId: string | null | undefined): Promise<Partner> {
    const active = await m.em.getRepository(ResellerPartnership).find({
      where: { resellerId: m.viewer.partner.id, status: PartnershipStatus.ACTIVE },
      relations: { provider: true },
    });
    const wanted = idOf(providerGlobalId, "Partner");
    const matches = wanted === null ? active : active.filter((rp) => rp.providerId === wanted);
    if (matches.length === 1) return matches[0]!.provider as Partner;
    abortIf([
      userError(
        "providerId",
        matches.length === 0 ? UserErrorCode.PROVIDER_RESELLER_PARTNERSHIP_REQUIRED : UserErrorCode.INVALID_INPUT,
        matches.length === 0 ? m.t("PROVIDER_NEEDED_TO_INVITE") : m.t("CHOOSE_PROVIDER"),
      ),
    ]);
    throw new Error("unreachable");
  }
}
