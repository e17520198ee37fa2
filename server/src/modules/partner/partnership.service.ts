import { randomUUID } from "node:crypto";
import { Brackets } from "typeorm";
import { instantColumn, paginate, sortOrder, SortDirection, type PageArgs } from "../../common/connection";
import { ensure, ensureThat } from "../../common/ensure";
import { insertUnique } from "../../common/unique";
import { findByGlobalId, forUpdate } from "../../common/lookup";
import { notFound } from "../../common/errors";
import { decodeId, INVALID_ID } from "../../common/global-id";
import { userError, UserErrorCode } from "../../common/user-error";
import { updateVersioned } from "../../common/versioned";
import { PartnershipStatus, PartnerType } from "../../domain/enums";
import type { ServiceContext } from "../../service-context";
import { Partner } from "./partner.entity";
import { PartnershipSortField, type PartnershipFilter, type PartnershipOrder } from "./partner.types";
import type { InviteResellerInput, PartnershipIdInput, PartnershipPayload } from "./partnership.types";
import { ResellerPartnership } from "./reseller-partnership.entity";
import { complianceIssueSql } from "./reseller-compliance";

type Result = Promise<Partial<PartnershipPayload>>;

/** A partnership the viewer is a party to, locked for the update (PostgreSQL), or NOT_FOUND on partnershipId. */
function partnershipOfViewer(s: ServiceContext, globalId: string): Promise<ResellerPartnership> {
  return findByGlobalId(
    globalId,
    "ResellerPartnership",
    (id) => {
      const qb = s.em.getRepository(ResellerPartnership).createQueryBuilder("rp").where("rp.id = :id", { id });
      return forUpdate(s.scope.visiblePartnerships(qb, "rp"), s.canLockRows).getOne();
    },
    () => userError("partnershipId", UserErrorCode.NOT_FOUND, s.t("PARTNERSHIP_NOT_FOUND")),
  ).then((rp) => {
    s.audit.target("ResellerPartnership", rp.id).concerns(rp.resellerId);
    return rp;
  });
}

/** Moves a partnership to a new status only if nobody changed it since it was read. */
async function transition(
  s: ServiceContext,
  rp: ResellerPartnership,
  status: PartnershipStatus,
  stamp: Partial<Pick<ResellerPartnership, "invitedAt" | "acceptedAt" | "removedAt">>,
): Promise<ResellerPartnership> {
  const changed = await updateVersioned(s.em, ResellerPartnership, rp, { status, ...stamp }, () =>
    userError("partnershipId", UserErrorCode.CONFLICT, s.t("PARTNERSHIP_CHANGED")),
  );
  s.audit.change("ResellerPartnership", rp, changed);
  return changed;
}

/** A partnership list's order (counterpart joined as `cp`): by the counterpart's name unless orderBy says. */
export function partnershipOrder(side: "provider" | "reseller", orderBy: PartnershipOrder | null) {
  const counterpart = side === "provider" ? "reseller" : "provider";
  const cp = (rp: ResellerPartnership) => rp[counterpart] as Partner;
  const sorts = {
    NAME: { column: "cp.name", value: (rp: ResellerPartnership) => cp(rp).name },
    PARTNER_ID: { column: "cp.partner_id", value: (rp: ResellerPartnership) => cp(rp).partnerId },
    STATUS: { column: "rp.status", value: (rp: ResellerPartnership) => rp.status },
    INVITED_AT: instantColumn("rp.invited_at", (rp: ResellerPartnership) => rp.invitedAt),
  };
  return sortOrder(sorts, { idColumn: "rp.id", id: (rp) => rp.id }, orderBy, {
    field: PartnershipSortField.NAME,
    direction: SortDirection.ASC,
  });
}

export class PartnershipService {
  /** The viewer's partnerships on one side (its resellers as provider, its providers as reseller), by counterpart name. */
  async list(
    s: ServiceContext,
    side: "provider" | "reseller",
    page: PageArgs,
    filter: PartnershipFilter | null,
    orderBy: PartnershipOrder | null = null,
  ) {
    // The counterpart is the only join, one partner per partnership: a plain LIMIT bounds the page.
    return paginate(this.query(s, side, filter), page, partnershipOrder(side, orderBy), undefined, true);
  }

  /** The filtered, scoped partnership query with the counterpart joined as `cp` (the lists and the CSV export). */
  query(s: ServiceContext, side: "provider" | "reseller", filter: PartnershipFilter | null) {
    const counterpart = side === "provider" ? "reseller" : "provider";
    const qb = s.em
      .getRepository(ResellerPartnership)
      .createQueryBuilder("rp")
      .innerJoinAndSelect(`rp.${counterpart}`, "cp");
    s.scope.partnershipsAs(qb, "rp", side);
    if (filter?.status?.length) qb.andWhere("rp.status IN (:...statuses)", { statuses: filter.status });
    if (filter?.search) {
      const term = `%${filter.search.trim().toLowerCase()}%`;
      qb.andWhere(
        new Brackets((w) =>
          w.where("LOWER(cp.name) LIKE :term", { term }).orWhere("cp.partner_id LIKE :term", { term }),
        ),
      );
    }
    if (filter?.hasComplianceIssues !== undefined && filter.hasComplianceIssues !== null) {
      const issue = complianceIssueSql("cp", s.actor.country, s.config.ruleBook);
      s.scope
        .describedPartnerships(qb, "rp")
        .andWhere(filter.hasComplianceIssues ? issue.sql : `NOT ${issue.sql}`, issue.params);
    }
    return qb;
  }

  /**
   * One of the viewer's resellers by its Partner global id: the newest partnership with it (a reseller invited again
   * after a removal has one row per provider, so this is its only one). NOT_FOUND for a malformed id, for a partner
   * that is not the viewer's reseller (another provider's, or the viewer is no provider).
   */
  async resellerOfViewer(s: ServiceContext, globalId: string): Promise<ResellerPartnership> {
    const id = decodeId(globalId, "Partner");
    const qb = s.em
      .getRepository(ResellerPartnership)
      .createQueryBuilder("rp")
      .innerJoinAndSelect("rp.reseller", "cp")
      .where("rp.reseller_id = :id", { id: id === INVALID_ID || id === null ? "" : id });
    const found = await s.scope.partnershipsAs(qb, "rp", "provider").orderBy("rp.invited_at", "DESC").getOne();
    return ensure(found, () => notFound("Reseller", "id"));
  }

  /** An indirect provider invites an indirect reseller by its Partner ID (again, after a removed partnership). */
  async invite(s: ServiceContext, input: InviteResellerInput): Result {
    const me = s.actor;
    ensureThat(me.types.includes(PartnerType.INDIRECT_PROVIDER), () =>
      userError(null, UserErrorCode.NOT_ALLOWED, s.t("ONLY_PROVIDER_INVITES")),
    );
    const partnerId = input.resellerPartnerId.trim();
    ensureThat(/^\d{5,10}$/.test(partnerId), () =>
      userError("resellerPartnerId", UserErrorCode.INVALID_INPUT, s.t("NUMERIC_PARTNER_ID")),
    );
    const found = await s.em.getRepository(Partner).findOneBy({ partnerId });
    const reseller = ensure(found?.types.includes(PartnerType.INDIRECT_RESELLER) ? found : null, () =>
      userError("resellerPartnerId", UserErrorCode.NOT_FOUND, s.t("RESELLER_PARTNER_ID_NOT_FOUND")),
    );
    s.audit.target("Partner", reseller.id);
    const existing = await s.em
      .getRepository(ResellerPartnership)
      .findOneBy({ providerId: me.id, resellerId: reseller.id });
    const now = new Date();
    if (existing) {
      ensureThat(existing.status === PartnershipStatus.REMOVED, () =>
        userError(
          "resellerPartnerId",
          UserErrorCode.ALREADY_EXISTS,
          s.t(existing.status === PartnershipStatus.INVITED ? "RESELLER_ALREADY_INVITED" : "RESELLER_ALREADY_ACTIVE"),
        ),
      );
      const stamp = { invitedAt: now, acceptedAt: null, removedAt: null };
      return { partnership: await transition(s, existing, PartnershipStatus.INVITED, stamp) };
    }
    const created = Object.assign(new ResellerPartnership(), {
      id: randomUUID(),
      providerId: me.id,
      resellerId: reseller.id,
      status: PartnershipStatus.INVITED,
      invitedAt: now,
      acceptedAt: null,
      removedAt: null,
      version: 1,
    });
    // (provider, reseller) is unique: a concurrent invitation of the same reseller won.
    await insertUnique(s.em, ResellerPartnership, created, () =>
      userError("resellerPartnerId", UserErrorCode.ALREADY_EXISTS, s.t("RESELLER_ALREADY_INVITED")),
    );
    s.audit.change("ResellerPartnership", null, created);
    return { partnership: created };
  }

  /** The invited reseller authorizes the provider. */
  async accept(s: ServiceContext, input: PartnershipIdInput): Result {
    const rp = await partnershipOfViewer(s, input.partnershipId);
    ensureThat(rp.resellerId === s.actor.id, () =>
      userError("partnershipId", UserErrorCode.NOT_ALLOWED, s.t("ONLY_INVITED_RESELLER_ACCEPTS")),
    );
    ensureThat(rp.status === PartnershipStatus.INVITED, () =>
      userError("partnershipId", UserErrorCode.INVALID_STATE, s.t("PARTNERSHIP_NOT_INVITED", { status: rp.status })),
    );
    return { partnership: await transition(s, rp, PartnershipStatus.ACTIVE, { acceptedAt: new Date() }) };
  }

  /** Either party ends the partnership; customers and their relationships stay. */
  async end(s: ServiceContext, input: PartnershipIdInput): Result {
    const rp = await partnershipOfViewer(s, input.partnershipId);
    ensureThat(rp.status !== PartnershipStatus.REMOVED, () =>
      userError("partnershipId", UserErrorCode.INVALID_STATE, s.t("PARTNERSHIP_ALREADY_ENDED")),
    );
    return { partnership: await transition(s, rp, PartnershipStatus.REMOVED, { removedAt: new Date() }) };
  }
}

export const partnershipService = new PartnershipService();
