import { randomBytes, randomUUID } from "node:crypto";
import { In, MoreThan } from "typeorm";
import { ensure, ensureNoErrors, ensureThat } from "../../common/ensure";
import { insertUnique } from "../../common/unique";
import { forUpdate } from "../../common/lookup";
import { badInput } from "../../common/errors";
import { decodeId, INVALID_ID } from "../../common/global-id";
import { userMessage } from "../../common/user-messages";
import { userError, UserErrorCode, type UserError } from "../../common/user-error";
import { InputChecks } from "../../common/validate";
import { updateVersioned } from "../../common/versioned";
import { EligibilityAction, PartnershipStatus, RelationshipStatus } from "../../domain/enums";
import type { RequestContext } from "../../context";
import { type CustomerAdminIdentity, verifyCustomerAdminToken } from "../../auth/customer-admin-token";
import { RELATIONSHIP_REQUEST_EXPIRY_DAYS } from "../../domain/policy";
import type { PublicServiceContext, ServiceContext } from "../../service-context";
import { writeThrough } from "../../upstream/write-through";
import { EligibilityService, decisionTime } from "../eligibility/eligibility.service";
import { ruleMessage } from "../eligibility/messages";
import { decisionErrors, presentDecision } from "../eligibility/present";
import { canTransact, isOnlyIndirectReseller } from "../eligibility/rules/predicates";
import { namedReseller } from "../partner/partner.lookups";
import { Partner } from "../partner/partner.entity";
import { ResellerPartnership } from "../partner/reseller-partnership.entity";
import { Customer } from "./customer.entity";
import { CustomerRelationship, REQUEST_TOKEN_LENGTH } from "./customer-relationship.entity";
import { visibleCustomer } from "./customer.lookups";
import type {
  AcceptRelationshipInput,
  AcceptRelationshipPayload,
  RemoveRelationshipInput,
  RemoveRelationshipPayload,
  RequestRelationshipInput,
  RequestRelationshipPayload,
} from "./customer.types";
import { RelationshipRequestPreview } from "./customer.types";

/** R23–R26 on the reseller the viewer names, through the engine, as user errors on `resellerId`. */
export async function namedResellerErrors(s: ServiceContext, reseller: Partner | null): Promise<UserError[]> {
  if (!reseller) return [];
  const verdict = await new EligibilityService(s.em).decideNamedReseller(s.actor, reseller, s.config.ruleBook);
  return decisionErrors(verdict, "resellerId", s.locale);
}

const tokenHasValidLength = (token: string) =>
  token.length >= REQUEST_TOKEN_LENGTH.min && token.length <= REQUEST_TOKEN_LENGTH.max;

/** The link sent to the customer's global admin (path relative to the SPA's origin). */
export const acceptanceUrlOf = (token: string) => `/relationships/accept?token=${encodeURIComponent(token)}`;

/** The relationships a live acceptance link stands for (one, or two for a two-tier request); none once expired. */
function requestedByToken(s: Pick<PublicServiceContext, "em">, token: string, withParties = false) {
  if (!tokenHasValidLength(token)) return Promise.resolve([]);
  return s.em.getRepository(CustomerRelationship).find({
    where: { requestToken: token, status: RelationshipStatus.REQUESTED, requestExpiresAt: MoreThan(new Date()) },
    relations: withParties ? { partner: true, customer: true } : {},
  });
}

/**
 * The Entra tenant id of the customer a live acceptance link is for, or null (unknown, expired, used): the customer
 * admin's OIDC sign-in (auth/customer-oidc.ts) checks the ID token's `tid` against it.
 */
export async function customerTenantOfLink(em: PublicServiceContext["em"], token: string): Promise<string | null> {
  return (await partiesOfLink(em, token))?.tenantId ?? null;
}

/**
 * Who a live acceptance link concerns: the customer (id and Entra tenant id) and the requesting partners, to whom
 * the customer admin's sign-in with it is accountable (auth/sign-in-audit.ts); null when unknown, expired or used.
 */
export async function partiesOfLink(
  em: PublicServiceContext["em"],
  token: string,
): Promise<{ customerId: string; tenantId: string; partnerIds: string[] } | null> {
  const requested = await requestedByToken({ em }, token);
  const first = requested[0];
  if (!first) return null;
  const customer = await em.getRepository(Customer).findOneBy({ id: first.customerId });
  if (!customer) return null;
  return { customerId: customer.id, tenantId: customer.tenantId, partnerIds: requested.map((r) => r.partnerId) };
}

/** Locks the customer row until the transaction ends (PostgreSQL); SQLite transactions already run one at a time. */
async function lockCustomer(s: ServiceContext, customerId: string): Promise<void> {
  const qb = s.em.getRepository(Customer).createQueryBuilder("c").where("c.id = :customerId", { customerId });
  await forUpdate(qb, s.canLockRows).getOne();
}

/**
 * The link's relationships and customer, for a signed-in global admin of that customer's tenant only. Anyone else
 * (no session, a user who is not a global admin, another tenant's admin) learns nothing about the link: an unknown,
 * expired or used link and a link for another tenant answer alike (no domain-existence oracle through links).
 */
async function requestForCustomerAdmin(
  s: Pick<PublicServiceContext, "em">,
  identity: CustomerAdminIdentity | null,
  token: string,
  withParties = false,
): Promise<{ rows: CustomerRelationship[]; customer: Customer } | null> {
  if (!identity?.isGlobalAdmin) return null;
  const rows = await requestedByToken(s, token, withParties);
  const first = rows[0];
  if (!first) return null;
  const customer = await s.em.getRepository(Customer).findOneByOrFail({ id: first.customerId });
  return customer.tenantId === identity.tenantId ? { rows, customer } : null;
}

/** The customer a request names: by id (one the network sees), or by domain (maybe none, maybe hidden). */
interface InvitedCustomer {
  customer: Customer | null;
  /** The network already sees it: the answer may show it and R4 may be decided now. */
  visible: boolean;
  /** The domain as the requester typed it (normalised), or the visible customer's. */
  domain: string;
}

export class CustomerRelationshipService {
  /**
   * Requests a reseller relationship and returns the acceptance link. A reseller's request includes its provider,
   * and a provider may name a reseller (R23–R26): accepting creates both relationships.
   *
   * Asked by domain, the answer is the same whether a tenant has that domain or not, and shows nothing of a customer
   * outside the network (no name, tenant id, country, channels; R4 is decided at acceptance instead): like Partner
   * Center, the partner sends a link to whoever it names, and only that tenant's global admin can use it.
   */
  async request(s: ServiceContext, input: RequestRelationshipInput): Promise<Partial<RequestRelationshipPayload>> {
    const me = s.actor;
    const customerField = input.customerId ? "customerId" : "customerDomain";
    const invited = await this.customerToInvite(s, input);
    const errors: UserError[] = [];
    if (invited.visible && invited.customer && invited.customer.country !== me.country) {
      errors.push(userError(customerField, UserErrorCode.CUSTOMER_REGION_MISMATCH, ruleMessage("R4", s.locale), "R4"));
    }
    const partners: Partner[] = [me];
    if (isOnlyIndirectReseller(me)) {
      partners.push(await this.providerOf(s, input.providerId));
    } else {
      const reseller = await namedReseller(s, input.resellerId);
      errors.push(...(await namedResellerErrors(s, reseller)));
      if (reseller) partners.push(reseller);
      if (!canTransact(me) && errors.length === 0) {
        errors.push(userError(null, UserErrorCode.NOT_ALLOWED, s.t("ONLY_CSP_PARTNERS_REQUEST_RELATIONSHIPS")));
      }
    }
    ensureNoErrors(errors);
    // With Partner Center upstream, its own request link too (the same for every customer: it reveals nothing),
    // for the partner whose account is connected; channelgate's link serves every partner.
    const partnerCenterUrl =
      s.upstream.connectedTenantId === me.id.toLowerCase()
        ? await writeThrough(s, { operation: "requestCustomerRelationship", field: customerField }, () =>
            s.upstream.relationshipRequestLink(),
          )
        : null;

    const token = randomBytes(24).toString("base64url");
    const now = new Date();
    const requestExpiresAt = new Date(now.getTime() + RELATIONSHIP_REQUEST_EXPIRY_DAYS * 86_400_000);
    const answer = {
      acceptanceUrl: acceptanceUrlOf(token),
      partnerCenterUrl,
      requestExpiresAt,
      customerDomain: invited.domain,
    };
    // No tenant has the domain: the same answer, and nothing to accept (the link leads nowhere).
    if (!invited.customer) return { ...answer, relationships: null };
    const customer = invited.customer;

    // Requests for one customer queue here (PostgreSQL): each sees the rows the previous one wrote, as in sequence.
    await lockCustomer(s, customer.id);
    const existing = await s.em.getRepository(CustomerRelationship).findBy({
      customerId: customer.id,
      partnerId: In(partners.map((p) => p.id)),
      status: In([RelationshipStatus.ACTIVE, RelationshipStatus.REQUESTED]),
    });
    const isActive = (p: Partner) =>
      existing.some((r) => r.partnerId === p.id && r.status === RelationshipStatus.ACTIVE);
    const pending = partners.filter((p) => !isActive(p));
    // All active includes the viewer itself: the customer is in its network already, so this reveals nothing.
    ensureThat(pending.length > 0, () =>
      userError(customerField, UserErrorCode.ALREADY_EXISTS, s.t("RELATIONSHIP_ALREADY_ACTIVE")),
    );

    const request = {
      requestToken: token,
      requestedAt: now,
      requestExpiresAt,
      includesDelegatedAdmin: input.includesDelegatedAdmin,
    };
    const relationships: CustomerRelationship[] = [];
    for (const partner of pending) {
      const requested = existing.find((r) => r.partnerId === partner.id && r.status === RelationshipStatus.REQUESTED);
      if (requested) {
        // A new link replaces the old one, over the version that was read.
        const renewed = await updateVersioned(s.em, CustomerRelationship, requested, request, () =>
          userError(customerField, UserErrorCode.CONFLICT, s.t("RELATIONSHIP_CHANGED")),
        );
        if (invited.visible) s.audit.change("CustomerRelationship", requested, renewed);
        relationships.push(renewed);
        continue;
      }
      const created = Object.assign(new CustomerRelationship(), {
        ...request,
        id: randomUUID(),
        partnerId: partner.id,
        customerId: customer.id,
        status: RelationshipStatus.REQUESTED,
        acceptedAt: null,
        acceptedBy: null,
        removedAt: null,
        version: 1,
      });
      // Backstop: one live relationship per (customer, partner) (UQ_customer_relationship_live).
      await insertUnique(s.em, CustomerRelationship, created, () =>
        userError(customerField, UserErrorCode.CONFLICT, s.t("RELATIONSHIP_CHANGED")),
      );
      if (invited.visible) s.audit.change("CustomerRelationship", null, created);
      relationships.push(created);
    }
    // A customer outside the network: the audit event names nothing of it either (the requester reads its own
    // events), so it matches the event of a domain nobody has; its acceptance is recorded with the customer.
    return { ...answer, relationships: invited.visible ? relationships : null };
  }

  /**
   * The customer's global admin, signed in to the customer's tenant, accepts through the link: every relationship
   * of the request becomes ACTIVE. The link alone is not enough (issue 7 item 5: anonymous acceptance is gone).
   */
  async accept(s: PublicServiceContext, input: AcceptRelationshipInput): Promise<Partial<AcceptRelationshipPayload>> {
    const identity = ensure(await verifyCustomerAdminToken(s.config.authSecret, input.customerAdminToken), () =>
      userError("customerAdminToken", UserErrorCode.NOT_ALLOWED, s.t("CUSTOMER_ADMIN_SIGN_IN_REQUIRED")),
    );
    // Who tried, even when refused; accountable to the requesting partners only once the link is this tenant's.
    s.audit.actedFor(identity.upn, []);
    ensureThat(identity.isGlobalAdmin, () =>
      userError("customerAdminToken", UserErrorCode.NOT_ALLOWED, s.t("CUSTOMER_ADMIN_NOT_GLOBAL_ADMIN")),
    );
    const { rows, customer } = ensure(await requestForCustomerAdmin(s, identity, input.token), () =>
      userError("token", UserErrorCode.NOT_FOUND, s.t("ACCEPTANCE_LINK_INVALID")),
    );
    s.audit.target("Customer", customer.id).actedFor(
      identity.upn,
      rows.map((r) => r.partnerId),
    );
    const partners = await s.em.getRepository(Partner).findBy({ id: In(rows.map((r) => r.partnerId)) });
    // R4, not decided at the request when the requester could not see the customer's country.
    ensureThat(
      partners.every((p) => p.country === customer.country),
      () => userError("token", UserErrorCode.CUSTOMER_REGION_MISMATCH, ruleMessage("R4", s.locale), "R4"),
    );
    const now = new Date();
    const acceptance = {
      status: RelationshipStatus.ACTIVE,
      acceptedAt: now,
      acceptedBy: identity.upn,
      requestToken: null,
      requestExpiresAt: null,
    };
    for (const r of rows) {
      const accepted = await updateVersioned(
        s.em,
        CustomerRelationship,
        r,
        acceptance,
        () => userError("token", UserErrorCode.CONFLICT, s.t("RELATIONSHIP_CHANGED")),
        { where: { status: RelationshipStatus.REQUESTED } },
      );
      s.audit.change("CustomerRelationship", r, accepted);
    }
    // Accepting in the Microsoft 365 admin center includes accepting the Microsoft Customer Agreement.
    if (!customer.mcaAccepted) {
      await s.em.update(Customer, { id: customer.id }, { mcaAccepted: true });
      s.audit.change("Customer", customer, { ...customer, mcaAccepted: true });
    }
    return {
      customerName: customer.name,
      partnerNames: partners.map((p) => p.name).sort(),
      acceptedCount: rows.length,
    };
  }

  /** Ends the viewer's relationship once nothing it bills is active (R1, R6a, R6). */
  async remove(s: ServiceContext, input: RemoveRelationshipInput): Promise<Partial<RemoveRelationshipPayload>> {
    const customer = await visibleCustomer(s, input.customerId);
    const decisions = await new EligibilityService(s.em).decideForCustomers(
      s.actor,
      EligibilityAction.REMOVE_RELATIONSHIP,
      [customer.id],
      { asOf: s.today, ...decisionTime(s), policy: s.config.transferPolicy },
    );
    const decision = ensure(decisions.get(customer.id), () => new Error("no decision for a visible customer"));
    const presented = presentDecision(decision, s.today, s.locale);
    s.audit.decision(presented);
    ensureNoErrors(decisionErrors(decision, "customerId", s.locale), { decision: presented });
    const relationship = await s.em.getRepository(CustomerRelationship).findOneByOrFail({
      customerId: customer.id,
      partnerId: s.actor.id,
      status: RelationshipStatus.ACTIVE,
    });
    const removed = await updateVersioned(
      s.em,
      CustomerRelationship,
      relationship,
      { status: RelationshipStatus.REMOVED, removedAt: new Date() },
      () => userError("customerId", UserErrorCode.CONFLICT, s.t("RELATIONSHIP_CHANGED")),
    );
    s.audit.change("CustomerRelationship", relationship, removed);
    return { relationship: removed, decision: presented };
  }

  /**
   * Public: what the request behind a link asks, for a signed-in global admin of the customer's tenant (the same
   * session that accepts). Null when the token is unknown, expired or used, or the session is missing or not that
   * tenant's global admin (the requester holds the link too: it must not read the customer through it);
   * BAD_USER_INPUT when it cannot be a token.
   */
  async preview(ctx: Pick<RequestContext, "dataSource" | "locale" | "config">, token: string, session: string) {
    const { min, max } = REQUEST_TOKEN_LENGTH;
    if (!tokenHasValidLength(token)) throw badInput("token", userMessage(ctx.locale, "TEXT_LENGTH", { min, max }));
    const identity = await verifyCustomerAdminToken(ctx.config.authSecret, session);
    const found = await requestForCustomerAdmin({ em: ctx.dataSource.manager }, identity, token, true);
    if (!found) return null;
    const { rows, customer } = found;
    return Object.assign(new RelationshipRequestPreview(), {
      customerName: customer.name,
      customerDomain: customer.domain,
      partnerNames: rows.map((r) => (r.partner as Partner).name).sort(),
      includesDelegatedAdmin: rows.some((r) => r.includesDelegatedAdmin),
      requestedAt: new Date(Math.max(...rows.map((r) => r.requestedAt.getTime()))),
      requestExpiresAt: new Date(Math.min(...rows.map((r) => (r.requestExpiresAt as Date).getTime()))),
    });
  }

  /** By id, a customer in the network; by domain, any customer tenant, or none (the answer does not tell). */
  private async customerToInvite(s: ServiceContext, input: RequestRelationshipInput): Promise<InvitedCustomer> {
    if (input.customerId) {
      const customer = await visibleCustomer(s, input.customerId);
      return { customer, visible: true, domain: customer.domain };
    }
    ensureNoErrors(new InputChecks(s.locale).domain("customerDomain", input.customerDomain).errors);
    const domain = (input.customerDomain ?? "").trim().toLowerCase();
    const customer = await s.em.getRepository(Customer).findOneBy({ domain });
    const visible = customer !== null && (await s.loaders.customer.load(customer.id)) !== null;
    return { customer, visible, domain };
  }

  /** A reseller's two-tier request includes its provider: the named one, or its only active one. */
  private async providerOf(s: ServiceContext, providerGlobalId: string | null | undefined): Promise<Partner> {
    const active = await s.em.getRepository(ResellerPartnership).find({
      where: { resellerId: s.actor.id, status: PartnershipStatus.ACTIVE },
      relations: { provider: true },
    });
    const wanted = decodeId(providerGlobalId, "Partner");
    const matches = wanted === null ? active : active.filter((rp) => wanted !== INVALID_ID && rp.providerId === wanted);
    const only = matches.length === 1 ? matches[0] : undefined;
    return ensure(only?.provider, () =>
      matches.length === 0
        ? userError(
            "providerId",
            UserErrorCode.PROVIDER_RESELLER_PARTNERSHIP_REQUIRED,
            s.t("PROVIDER_NEEDED_TO_INVITE"),
          )
        : userError("providerId", UserErrorCode.INVALID_INPUT, s.t("CHOOSE_PROVIDER")),
    );
  }
}

export const customerRelationshipService = new CustomerRelationshipService();
