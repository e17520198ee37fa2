import { Brackets, type DataSource, type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from "typeorm";
import { PartnershipStatus, PartnerType, RelationshipStatus, SalesChannel } from "../domain/enums";
import { Partner } from "../modules/partner/partner.entity";
import { ResellerPartnership } from "../modules/partner/reseller-partnership.entity";

/**
 * Relationship states that put a customer in a partner's network: only one the customer accepted. A request is
 * sent by domain alone, so a REQUESTED relationship must reveal nothing about the customer (issue 7, item 5).
 */
export const VISIBLE_RELATIONSHIP = [RelationshipStatus.ACTIVE];

/** What a partnership contributes to a scope: its two parties and its state. */
export type PartnershipLink = Pick<ResellerPartnership, "providerId" | "resellerId" | "status">;

/**
 * A partnership puts its reseller in the provider's network: the provider is an indirect provider and the
 * partnership is ACTIVE. Shared by `TenantScope.load` (whose network) and `audiencesOf` (event-audiences.ts: which
 * networks).
 */
export function joinsNetwork(rp: PartnershipLink, provider: Partner): boolean {
  return (
    rp.providerId === provider.id &&
    rp.status === PartnershipStatus.ACTIVE &&
    provider.types.includes(PartnerType.INDIRECT_PROVIDER)
  );
}

/**
 * The columns naming a subject's parties, shared by the `visible…` conditions below (a party's network sees the
 * subject) and their inverse, `audiencesOf` (event-audiences.ts: which partners see it). Transfers: source, target
 * and named reseller. CSP subscriptions: the partner that bills and the reseller of record (other channels go with
 * their customer). Provider requests: their two parties only.
 */
export const TRANSFER_PARTIES = ["source_partner_id", "target_partner_id", "reseller_id"] as const;
export const CSP_SUBSCRIPTION_PARTIES = ["transacting_partner_id", "reseller_of_record_id"] as const;
export const PROVIDER_REQUEST_PARTIES = ["reseller_id", "provider_id"] as const;

/** `alias.c1 IN (:...param) OR alias.c2 IN …` over a subject's party columns. */
const anyParty = (alias: string, columns: readonly string[], param: string) =>
  new Brackets((w) => {
    for (const c of columns) w.orWhere(`${alias}.${c} IN (:...${param})`);
  });

/** How a scoped statement finds the network's customers (TenantScope.visibleCustomers): the same rows either way. */
export type ScopeShape = "probe" | "list";

/**
 * What one partner may see. The single place where tenant scoping is decided: every list, loader and
 * node(id:) lookup goes through these conditions.
 *
 * - A provider sees its own customers and those of its resellers with an ACTIVE partnership.
 * - A reseller or a direct-bill partner sees only its own customers.
 * - A customer is "its own" while the partner holds an ACTIVE relationship with it (a REQUESTED one shows nothing
 *   of the customer: the requester sees its request's domain and status only).
 * - CSP subscriptions: those the network bills (transacting partner) or resells (reseller of record) for its
 *   customers. Other channels' subscriptions: those of the network's customers. Another CSP partner's subscriptions of a shared
 *   customer appear only where a transfer needs them (`transferableSubscriptions`), never in lists or counts.
 * - Transfers are visible to their source, target and named reseller.
 * - Provider requests are visible to their reseller and their provider only (not to the rest of either network).
 * - Partners: itself and its partnership counterparts (any status); partnerships: those it is a party to. A
 *   counterpart known only through an invitation shows its name and Partner ID only (no tenant id, country, MPA,
 *   program status or compliance flags) until the invitation is accepted. A reseller's customer and subscription
 *   counts: for its provider only, while the partnership is ACTIVE.
 * - Customer relationships: those of the network's partners with visible customers.
 * - Users: its own users only. Webhook endpoints and their deliveries: its own only.
 * - Audit events: those accountable to the partner itself: what its own users and API tokens did (accepted or
 *   refused), and a customer's acceptance of a relationship it requested. Not its resellers' events (a reseller
 *   also works with other providers) nor other partners' events about shared customers.
 */
export class TenantScope {
  constructor(
    readonly partner: Partner,
    /** The partner itself plus, for a provider, its actively partnered resellers. */
    readonly networkPartnerIds: readonly string[],
    /** Partners this one has (or had) a partnership with. */
    readonly counterpartIds: readonly string[],
    /** Counterparts whose every partnership with this one is still INVITED: known by name and Partner ID only. */
    readonly invitedOnlyIds: readonly string[] = [],
  ) {}

  static async load(manager: EntityManager | DataSource, partner: Partner): Promise<TenantScope> {
    const partnerships = await manager
      .getRepository(ResellerPartnership)
      .createQueryBuilder("rp")
      .where("rp.provider_id = :id OR rp.reseller_id = :id", { id: partner.id })
      .getMany();
    return TenantScope.fromPartnerships(partner, partnerships);
  }

  /** The scope of a partner from its partnerships (those where it is the provider or the reseller), as `load` reads them. */
  static fromPartnerships(partner: Partner, partnerships: readonly PartnershipLink[]): TenantScope {
    const activeResellers = partnerships.filter((p) => joinsNetwork(p, partner)).map((p) => p.resellerId);
    const counterpartOf = (p: PartnershipLink) => (p.providerId === partner.id ? p.resellerId : p.providerId);
    const counterparts = [...new Set(partnerships.map(counterpartOf))];
    const accepted = new Set(partnerships.filter((p) => p.status !== PartnershipStatus.INVITED).map(counterpartOf));
    const invitedOnly = counterparts.filter((id) => !accepted.has(id));
    return new TenantScope(partner, [partner.id, ...activeResellers], counterparts, invitedOnly);
  }

  /**
   * Restricts a query to customers in the network; `customerIdColumn` is e.g. "c.id" or "s.customer_id". Two shapes
   * of the one rule (issue 10), both read from indexes alone (migration ScopeCoveringIndexes):
   * - "probe" (default): a correlated EXISTS on (customer_id, partner_id, status), one index probe per row, so a
   *   per-customer statement or a first page read in index order never builds the network's customer list;
   * - "list": `IN (the network's customers)` from (partner_id, status, customer_id), read once: cheaper for a
   *   statement that aggregates over the whole network (dashboard counts, a list's totalCount), where no row can be
   *   skipped anyway.
   */
  visibleCustomers<T extends ObjectLiteral>(
    qb: SelectQueryBuilder<T>,
    customerIdColumn: string,
    shape: ScopeShape = "probe",
  ): SelectQueryBuilder<T> {
    const network = "scope_cr.partner_id IN (:...scopeNetwork) AND scope_cr.status IN (:...scopeRelationshipStates)";
    return qb.andWhere(
      shape === "list"
        ? `${customerIdColumn} IN (SELECT scope_cr.customer_id FROM customer_relationship scope_cr WHERE ${network})`
        : `EXISTS (SELECT 1 FROM customer_relationship scope_cr WHERE scope_cr.customer_id = ${customerIdColumn} AND ${network})`,
      { scopeNetwork: this.networkPartnerIds, scopeRelationshipStates: VISIBLE_RELATIONSHIP },
    );
  }

  /**
   * Restricts a subscription query (alias `s`-like) to what the network needs to know: CSP subscriptions it bills
   * or resells, and other channels' subscriptions, of its customers. A subscription it billed for a customer that has
   * since left the network goes with the customer (it would otherwise be listed with a customer nobody may read).
   */
  visibleSubscriptions<T extends ObjectLiteral>(
    qb: SelectQueryBuilder<T>,
    alias: string,
    shape: ScopeShape = "probe",
  ): SelectQueryBuilder<T> {
    return this.visibleCustomers(qb, `${alias}.customer_id`, shape).andWhere(
      new Brackets((w) =>
        w.where(anyParty(alias, CSP_SUBSCRIPTION_PARTIES, "scopeNetwork")).orWhere(`${alias}.channel <> :scopeCsp`),
      ),
      { scopeNetwork: this.networkPartnerIds, scopeCsp: SalesChannel.CSP },
    );
  }

  /**
   * Where a transfer needs them only (transfer eligibility, a transfer's lines): every subscription of customers the
   * network holds an ACTIVE relationship with, another CSP partner's included.
   */
  transferableSubscriptions<T extends ObjectLiteral>(
    qb: SelectQueryBuilder<T>,
    customerIdColumn: string,
  ): SelectQueryBuilder<T> {
    return this.visibleCustomers(qb, customerIdColumn);
  }

  /** Restricts a transfer query (alias `t`-like) to transfers where the network is a party. */
  visibleTransfers<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string): SelectQueryBuilder<T> {
    return qb.andWhere(anyParty(alias, TRANSFER_PARTIES, "scopeNetwork"), { scopeNetwork: this.networkPartnerIds });
  }

  /**
   * Restricts a provider-request query (alias `pr`-like) to requests the partner itself sent (as reseller) or
   * received (as provider). Not the network: a provider does not see what its resellers ask other providers.
   */
  visibleProviderRequests<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string): SelectQueryBuilder<T> {
    return qb.andWhere(anyParty(alias, PROVIDER_REQUEST_PARTIES, "scopeRequestParty"), {
      scopeRequestParty: [this.partner.id],
    });
  }

  /** Restricts a partner query to the partner itself and its partnership counterparts. */
  visiblePartners<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, idColumn: string): SelectQueryBuilder<T> {
    return qb.andWhere(`${idColumn} IN (:...scopePartners)`, {
      scopePartners: [this.partner.id, ...this.counterpartIds],
    });
  }

  /**
   * Restricts a customer query to customers the given partner holds (ACTIVE relationship), on top of
   * the network's scope: e.g. the customers of one reseller.
   */
  customersHeldBy<T extends ObjectLiteral>(
    qb: SelectQueryBuilder<T>,
    customerIdColumn: string,
    partnerId: string,
  ): SelectQueryBuilder<T> {
    return qb.andWhere(
      `${customerIdColumn} IN (SELECT held_cr.customer_id FROM customer_relationship held_cr ` +
        `WHERE held_cr.partner_id = :heldBy AND held_cr.status IN (:...heldStates))`,
      { heldBy: partnerId, heldStates: VISIBLE_RELATIONSHIP },
    );
  }

  /** Restricts a customer_relationship query (alias `cr`-like) to the network's relationships with visible customers. */
  networkRelationships<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string): SelectQueryBuilder<T> {
    return this.visibleCustomers(qb, `${alias}.customer_id`).andWhere(`${alias}.partner_id IN (:...scopeNetwork)`, {
      scopeNetwork: this.networkPartnerIds,
    });
  }

  /**
   * Restricts a customer_relationship query to the network's own rows, whatever the customer: for counting its
   * pending requests (the count says nothing about the customers).
   */
  relationshipsOfNetwork<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string): SelectQueryBuilder<T> {
    return qb.andWhere(`${alias}.partner_id IN (:...scopeNetwork)`, { scopeNetwork: this.networkPartnerIds });
  }

  /** Restricts a reseller_partnership query (alias `rp`-like) to partnerships the partner is a party to. */
  visiblePartnerships<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string): SelectQueryBuilder<T> {
    return qb.andWhere(`(${alias}.provider_id = :scopeSelf OR ${alias}.reseller_id = :scopeSelf)`, {
      scopeSelf: this.partner.id,
    });
  }

  /** Restricts a partnership query to those where the partner is the given side (its resellers, or its providers). */
  partnershipsAs<T extends ObjectLiteral>(
    qb: SelectQueryBuilder<T>,
    alias: string,
    side: "provider" | "reseller",
  ): SelectQueryBuilder<T> {
    return qb.andWhere(`${alias}.${side}_id = :scopeSelf`, { scopeSelf: this.partner.id });
  }

  /** Restricts a user query (alias `u`-like) to the partner's own users. */
  visibleUsers<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string): SelectQueryBuilder<T> {
    return qb.andWhere(`${alias}.partner_id = :scopeSelf`, { scopeSelf: this.partner.id });
  }

  /** Restricts an API token query (alias) to the partner's own tokens. */
  visibleApiTokens<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string): SelectQueryBuilder<T> {
    return qb.andWhere(`${alias}.partner_id = :scopeSelf`, { scopeSelf: this.partner.id });
  }

  /** Restricts a webhook endpoint or delivery query (alias) to the partner's own (their partner_id column). */
  visibleWebhooks<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string): SelectQueryBuilder<T> {
    return qb.andWhere(`${alias}.partner_id = :scopeSelf`, { scopeSelf: this.partner.id });
  }

  /** Restricts an audit_event query (alias `a`-like) to the events accountable to the partner itself. */
  visibleAuditEvents<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string): SelectQueryBuilder<T> {
    return qb.andWhere(`${alias}.partner_id = :scopeSelf`, { scopeSelf: this.partner.id });
  }

  /** SQL condition: a transfer (alias) leaves the network, i.e. its source is in it. Uses `:...scopeNetwork`. */
  outgoingTransferSql(alias: string): string {
    return `${alias}.source_partner_id IN (:...scopeNetwork)`;
  }

  /**
   * Narrows a visible-transfer query to one direction from the network's side: OUTGOING when the network is the
   * source, INCOMING when it is the target or the named reseller.
   */
  transfersInDirection<T extends ObjectLiteral>(
    qb: SelectQueryBuilder<T>,
    alias: string,
    direction: "INCOMING" | "OUTGOING",
  ): SelectQueryBuilder<T> {
    const condition =
      direction === "OUTGOING"
        ? this.outgoingTransferSql(alias)
        : `(${alias}.target_partner_id IN (:...scopeNetwork) OR ${alias}.reseller_id IN (:...scopeNetwork))`;
    return qb.andWhere(condition, { scopeNetwork: this.networkPartnerIds });
  }

  /** Narrows a provider-request query to those the partner SENT (as reseller) or RECEIVED (as provider). */
  providerRequestsInDirection<T extends ObjectLiteral>(
    qb: SelectQueryBuilder<T>,
    alias: string,
    direction: "SENT" | "RECEIVED",
  ): SelectQueryBuilder<T> {
    const column = direction === "SENT" ? "reseller_id" : "provider_id";
    return qb.andWhere(`${alias}.${column} = :scopeSelf`, { scopeSelf: this.partner.id });
  }

  /**
   * A partner's details beyond its name and Partner ID (tenant id, country, MPA, program status, since when): not
   * for a counterpart known only through an invitation nobody has accepted yet (issue 7 item 6).
   */
  mayDescribePartner(partnerId: string): boolean {
    return !this.invitedOnlyIds.includes(partnerId);
  }

  /** A partnership's compliance facts (the reseller's MPA, status, region): once it has been accepted. */
  mayDescribePartnership(rp: { status: PartnershipStatus }): boolean {
    return rp.status !== PartnershipStatus.INVITED;
  }

  /** Narrows a partnership query (alias `rp`-like) to those whose compliance facts the partner may filter on. */
  describedPartnerships<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string): SelectQueryBuilder<T> {
    return qb.andWhere(`${alias}.status <> :scopeInvited`, { scopeInvited: PartnershipStatus.INVITED });
  }

  /** A reseller's live counts: only for its provider, and only while their partnership is ACTIVE (its network). */
  mayCountResellerOf(rp: { providerId: string; status: PartnershipStatus }): boolean {
    return rp.providerId === this.partner.id && rp.status === PartnershipStatus.ACTIVE;
  }

  /** The transfer leaves the network (mirror of outgoingTransferSql). */
  isOutgoing(t: { sourcePartnerId: string }): boolean {
    return this.isInNetwork(t.sourcePartnerId);
  }

  isInNetwork(partnerId: string): boolean {
    return this.networkPartnerIds.includes(partnerId);
  }
}

/**
 * An acceptance link is a credential (issue 7 item 5): shown to a user whose role manages customers
 * (`managesCustomers`: CAN_MANAGE_CUSTOMERS in auth/roles.ts, so not helpdesk or billing), while the request is
 * pending and the link has not expired.
 */
export function mayReadAcceptanceLink(
  managesCustomers: boolean,
  r: { status: RelationshipStatus; requestToken: string | null; requestExpiresAt: Date | null },
  now: Date,
): boolean {
  if (!managesCustomers) return false;
  const live = r.requestExpiresAt !== null && r.requestExpiresAt.getTime() > now.getTime();
  return r.status === RelationshipStatus.REQUESTED && r.requestToken !== null && live;
}
