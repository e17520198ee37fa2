import { randomUUID } from "node:crypto";
import { Brackets } from "typeorm";
import {
  instantColumn,
  paginate,
  paginateRaw,
  sortOrder,
  SortDirection,
  type Page,
  type PageArgs,
} from "../../common/connection";
import { fromRawRow, neededProperties, rawColumns, rawEntity, selectRaw } from "../../common/raw-rows";
import { ensureNoErrors, ensureThat } from "../../common/ensure";
import { insertUnique } from "../../common/unique";
import { badInput } from "../../common/errors";
import { requireId } from "../../common/global-id";
import { userError, UserErrorCode } from "../../common/user-error";
import { InputChecks } from "../../common/validate";
import { RelationshipStatus, SalesChannel } from "../../domain/enums";
import { liveSubscriptionSql } from "../../domain/subscription-status";
import type { ServiceContext } from "../../service-context";
import { isOnlyIndirectReseller } from "../eligibility/rules/predicates";
import { namedReseller } from "../partner/partner.lookups";
import { Customer } from "./customer.entity";
import { CustomerRelationship } from "./customer-relationship.entity";
import { namedResellerErrors } from "./customer-relationship.service";
import { networkCustomerTotals } from "../network/network-counters";
import { isEmailAddress } from "../user/user.rules";
import { hasActiveRelationship, visibleCustomer } from "./customer.lookups";
import type {
  CreateCustomerInput,
  CreateCustomerPayload,
  CustomerFilter,
  CustomerOrder,
  RecordCustomerAgreementInput,
  RecordCustomerAgreementPayload,
} from "./customer.types";
import { CustomerSortField } from "./customer.types";

const COUNTRY = /^[A-Z]{2}$/;
/** As the users module: an email address is at most 254 characters (RFC 5321 path limit). */
const MAX_AGREEMENT_EMAIL = 254;

/** A customer holding a live subscription from a channel matching `channelSql` (on alias `fs`). */
const holdsLive = (channelSql: string) =>
  `EXISTS (SELECT 1 FROM customer_subscription fs WHERE fs.customer_id = c.id AND ${channelSql} AND ${liveSubscriptionSql("fs")})`;

/** The customer list's sort keys. */
const CUSTOMER_SORTS = {
  NAME: { column: "c.name", value: (c: Customer) => c.name },
  DOMAIN: { column: "c.domain", value: (c: Customer) => c.domain },
  COUNTRY: { column: "c.country", value: (c: Customer) => c.country },
  CREATED_AT: instantColumn("c.created_at", (c: Customer) => c.createdAt),
};

/** The keyset order of the customer list (by name by default). */
export function customerOrder(orderBy: CustomerOrder | null | undefined) {
  return sortOrder(CUSTOMER_SORTS, { idColumn: "c.id", id: (c: Customer) => c.id }, orderBy, {
    field: CustomerSortField.NAME,
    direction: SortDirection.ASC,
  });
}

/** GraphQL fields of Customer answered by field resolvers, and the properties they read (`id`: the nodeId getter). */
const FIELD_PROPERTIES: Record<string, readonly string[]> = {
  id: ["id"],
  relationships: ["id"],
  channels: ["id"],
  hasNonCspSubscriptions: ["id"],
  partnerTenantOf: ["partnerTenantOfId"],
};
/** Read whatever is asked: the id and what every sort's cursor reads. */
const ALWAYS_READ = ["id", "name", "domain", "country", "createdAt"];

/** A filter that sets nothing: the whole network's customers, counted by its counter row (network-counters.ts). */
export function isUnfiltered(filter: CustomerFilter | null): boolean {
  return !filter || Object.values(filter).every((value) => value === null || value === undefined);
}

export class CustomerService {
  /**
   * Customers in the viewer's network, by name unless orderBy says otherwise. A raw select (issue 10): only the
   * columns the asked `fields` of the nodes read (every column when null), no entity hydration.
   */
  async list(
    s: ServiceContext,
    page: PageArgs,
    filter: CustomerFilter | null,
    orderBy: CustomerOrder | null = null,
    fields: ReadonlySet<string> | null = null,
  ): Promise<Page<Customer>> {
    const entity = rawEntity(s.em, Customer);
    const columns = rawColumns(entity, neededProperties(entity, fields, FIELD_PROPERTIES, ALWAYS_READ));
    const result = await paginateRaw(
      this.query(s, filter),
      page,
      customerOrder(orderBy),
      (qb) => selectRaw(qb, entity, "c", columns),
      (row) => fromRawRow(entity, columns, row),
    );
    return isUnfiltered(filter) ? { ...result, count: async () => (await networkCustomerTotals(s)).all } : result;
  }

  /** The same list as entities (TypeORM hydration): what `list` answered before issue 10; its tests compare both. */
  listEntities(s: ServiceContext, page: PageArgs, filter: CustomerFilter | null, orderBy: CustomerOrder | null = null) {
    return paginate(this.query(s, filter), page, customerOrder(orderBy));
  }

  /** The scoped, filtered customer query shared by the list and its CSV export. */
  query(s: ServiceContext, filter: CustomerFilter | null) {
    const qb = s.scope.visibleCustomers(s.em.getRepository(Customer).createQueryBuilder("c"), "c.id");
    if (filter?.search) {
      const term = `%${filter.search.trim().toLowerCase()}%`;
      qb.andWhere(
        new Brackets((w) => w.where("LOWER(c.name) LIKE :term", { term }).orWhere("c.domain LIKE :term", { term })),
      );
    }
    if (filter?.country) {
      if (!COUNTRY.test(filter.country)) {
        throw badInput("filter.country", "must be an ISO 3166-1 alpha-2 code such as US");
      }
      qb.andWhere("c.country = :country", { country: filter.country });
    }
    if (filter?.channels?.length) {
      qb.andWhere(holdsLive("fs.channel IN (:...channels)"), { channels: filter.channels });
    }
    if (filter?.hasNonCspSubscriptions !== undefined && filter.hasNonCspSubscriptions !== null) {
      const exists = holdsLive("fs.channel <> :cspChannel");
      qb.andWhere(filter.hasNonCspSubscriptions ? exists : `NOT ${exists}`, { cspChannel: SalesChannel.CSP });
    }
    if (filter?.relationshipRequested !== undefined && filter.relationshipRequested !== null) {
      // The dashboard's "relationship requests" card opens this filter.
      const waiting = `EXISTS (SELECT 1 FROM customer_relationship rq WHERE rq.customer_id = c.id AND rq.status = :rqStatus AND rq.partner_id IN (:...rqNetwork))`;
      qb.andWhere(filter.relationshipRequested ? waiting : `NOT ${waiting}`, {
        rqStatus: RelationshipStatus.REQUESTED,
        rqNetwork: s.scope.networkPartnerIds,
      });
    }
    if (filter?.resellerId) {
      s.scope.customersHeldBy(qb, "c.id", requireId(filter.resellerId, "Partner", "filter.resellerId"));
    }
    return qb;
  }

  /**
   * A direct-bill partner or indirect provider creates a customer tenant record with an ACTIVE relationship (and
   * one for the reseller it names, R23–R26).
   */
  async create(s: ServiceContext, input: CreateCustomerInput): Promise<Partial<CreateCustomerPayload>> {
    const me = s.actor;
    const checks = new InputChecks(s.locale)
      .text("name", input.name, 2, 200)
      .domain("domain", input.domain)
      .country("country", input.country);
    if (isOnlyIndirectReseller(me)) {
      ensureNoErrors(checks.errors);
      ensureThat(false, () =>
        userError(
          null,
          UserErrorCode.INDIRECT_RESELLER_MUST_USE_PROVIDER,
          s.t("RESELLER_CANNOT_CREATE_CUSTOMER"),
          "R22",
        ),
      );
    }
    // Every problem in one answer (the form shows them all at once): the checks on a well-formed value's meaning
    // run even when another field is malformed; a malformed value is only reported as such.
    const malformed = new Set(checks.errors.map((e) => e.field?.at(-1)));
    if (!malformed.has("country") && input.country !== me.country) {
      checks.failWith(UserErrorCode.CUSTOMER_REGION_MISMATCH, "country", "OWN_COUNTRY", { country: me.country });
    }
    const domain = input.domain.trim().toLowerCase();
    const reseller = await namedReseller(s, input.resellerId);
    ensureNoErrors([...checks.errors, ...(await namedResellerErrors(s, reseller))]);
    // Not a free domain-existence oracle (issue 7 item 5): only a create that would otherwise succeed learns that the
    // domain is taken, and the answer is the same whoever holds it (this network, another one) — the one bit a
    // unique tenant domain cannot hide, and the one Entra ID itself publishes for any domain.
    ensureThat(!(await s.em.getRepository(Customer).existsBy({ domain })), () =>
      userError("domain", UserErrorCode.ALREADY_EXISTS, s.t("CUSTOMER_DOMAIN_EXISTS")),
    );

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
    // The domain is unique: a concurrent create of the same domain lost the race, as a sequential one would.
    await insertUnique(s.em, Customer, customer, () =>
      userError("domain", UserErrorCode.ALREADY_EXISTS, s.t("CUSTOMER_DOMAIN_EXISTS")),
    );
    s.audit.change("Customer", null, customer);
    const relationships = [me, ...(reseller ? [reseller] : [])].map((partner) =>
      Object.assign(new CustomerRelationship(), {
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
      }),
    );
    await s.em.insert(CustomerRelationship, relationships);
    for (const r of relationships) s.audit.change("CustomerRelationship", null, r);
    return { customer };
  }

  /**
   * A partner with an ACTIVE relationship confirms that the customer accepted the Microsoft Customer Agreement:
   * the date and the customer's user who accepted. Ordering needs it (R3). Confirming again with other details
   * replaces them; the same details again are ALREADY_EXISTS, as Partner Center refuses a duplicate confirmation.
   * https://learn.microsoft.com/en-us/partner-center/developer/confirm-customer-consent-customer-agreement
   */
  async recordAgreement(
    s: ServiceContext,
    input: RecordCustomerAgreementInput,
  ): Promise<Partial<RecordCustomerAgreementPayload>> {
    const customer = await visibleCustomer(s, input.customerId);
    const name = input.acceptedByName?.trim() ?? "";
    const email = input.acceptedByEmail?.trim().toLowerCase() ?? "";
    const checks = new InputChecks(s.locale).text("acceptedByName", name, 2, 200).date("dateAgreed", input.dateAgreed);
    if (email.length > MAX_AGREEMENT_EMAIL || !isEmailAddress(email)) checks.fail("acceptedByEmail", "EMAIL_FORMAT");
    if (input.dateAgreed > s.today) checks.fail("dateAgreed", "MCA_DATE_IN_FUTURE");
    ensureNoErrors(checks.errors);
    ensureThat(await hasActiveRelationship(s, customer), () =>
      userError("customerId", UserErrorCode.NOT_ALLOWED, s.t("MCA_NEEDS_RELATIONSHIP")),
    );
    const changes = {
      mcaAccepted: true,
      mcaAcceptedOn: input.dateAgreed,
      mcaAcceptedByName: name,
      mcaAcceptedByEmail: email,
    };
    ensureThat(
      !(
        customer.mcaAccepted &&
        customer.mcaAcceptedOn === changes.mcaAcceptedOn &&
        customer.mcaAcceptedByName === name &&
        customer.mcaAcceptedByEmail === email
      ),
      () => userError(null, UserErrorCode.ALREADY_EXISTS, s.t("MCA_ALREADY_RECORDED")),
    );
    await s.em.update(Customer, { id: customer.id }, changes);
    const updated = Object.assign(new Customer(), customer, changes);
    s.audit.change("Customer", customer, updated);
    return { customer: updated };
  }
}

export const customerService = new CustomerService();
