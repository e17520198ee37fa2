import { paginate, type Page, type PageArgs } from "../../common/connection";
import { ensure } from "../../common/ensure";
import { badInput, notFound } from "../../common/errors";
import { decodeId, requireId, toGlobalId, type NodeTypeName } from "../../common/global-id";
import type { Locale } from "../../common/locale";
import { UserError, type UserErrorCode } from "../../common/user-error";
import {
  RelationshipStatus,
  type EligibilityAction,
  type EligibilityReasonCode,
  type Severity,
} from "../../domain/enums";
import type { ServiceContext } from "../../service-context";
import { ruleMessage } from "../eligibility/messages";
import { ResellerPartnership } from "../partner/reseller-partnership.entity";
import { AuditEvent, type AuditReasonRow } from "./audit-event.entity";
import {
  AuditActorKind,
  AuditEventView,
  type AuditDecision,
  type AuditEventFilter,
  type AuditReason,
} from "./audit.types";

// API tokens are not a node type on this branch yet; their global ids have the same form ("ApiToken:<uuid>").
const API_TOKEN = "ApiToken";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OPERATION = /^[A-Za-z]{1,80}$/;

export const apiTokenGlobalId = (id: string): string => Buffer.from(`${API_TOKEN}:${id}`, "utf8").toString("base64url");

function apiTokenIdOf(globalId: string): string | null {
  const decoded = Buffer.from(globalId, "base64url").toString("utf8");
  const id = decoded.startsWith(`${API_TOKEN}:`) ? decoded.slice(API_TOKEN.length + 1) : "";
  return UUID.test(id) ? id.toLowerCase() : null;
}

/** Newest first; the cursor carries the instant as an ISO string. */
const newestFirst = {
  column: "a.occurred_at",
  idColumn: "a.id",
  direction: "DESC" as const,
  value: (a: AuditEvent) => a.occurredAt.toISOString(),
  id: (a: AuditEvent) => a.id,
  toParameter: (v: string | number) => {
    const date = new Date(String(v));
    if (Number.isNaN(date.getTime())) throw badInput("after", "is not a cursor returned by this list");
    return date;
  },
};

function reason(r: AuditReasonRow, locale: Locale): AuditReason {
  return {
    ruleId: r.ruleId,
    code: r.code as EligibilityReasonCode,
    severity: r.severity as Severity,
    message: ruleMessage(r.ruleId, locale),
  };
}

function actorKind(e: AuditEvent): AuditActorKind {
  if (e.actorApiTokenId) return AuditActorKind.API_TOKEN;
  if (e.actorUserId) return AuditActorKind.USER;
  return e.actorLabel ? AuditActorKind.CUSTOMER_ADMIN : AuditActorKind.ANONYMOUS;
}

/** A stored event as the API shows it: global ids, and reason messages in the reader's language. */
export function auditEventView(e: AuditEvent, locale: Locale): AuditEventView {
  const globalId = (type: string, id: string) => toGlobalId(type as NodeTypeName, id);
  const decision: AuditDecision | null = e.decision && {
    action: e.decision.action as EligibilityAction,
    eligible: e.decision.eligible,
    asOf: e.decision.asOf,
    blocking: e.decision.blocking.map((r) => reason(r, locale)),
    advisories: e.decision.advisories.map((r) => reason(r, locale)),
  };
  return Object.assign(new AuditEventView(), {
    id: e.id,
    occurredAt: e.occurredAt,
    requestId: e.requestId,
    operation: e.operation,
    outcome: e.outcome,
    actor: {
      kind: actorKind(e),
      name: e.actorLabel,
      userId: e.actorUserId && toGlobalId("User", e.actorUserId),
      apiTokenId: e.actorApiTokenId && apiTokenGlobalId(e.actorApiTokenId),
    },
    targets: e.targets.map((t) => ({ type: t.type, id: globalId(t.type, t.id) })),
    changes: e.changes.map((c) => ({
      type: c.type,
      id: globalId(c.type, c.id),
      fields: Object.entries(c.fields).map(([field, v]) => ({ field, before: v.before, after: v.after })),
    })),
    decision,
    userErrors: (e.userErrors ?? []).map((u) =>
      Object.assign(new UserError(), { ...u, code: u.code as UserErrorCode }),
    ),
  });
}

export class AuditService {
  /** The events accountable to the viewer's partner (auth/scope.ts), filtered, newest first. */
  async list(s: ServiceContext, filter: AuditEventFilter | null, page: PageArgs): Promise<Page<AuditEventView>> {
    const qb = s.scope.visibleAuditEvents(s.em.getRepository(AuditEvent).createQueryBuilder("a"), "a");
    if (filter?.customerId) {
      qb.andWhere("a.customer_id = :customerId", {
        customerId: requireId(filter.customerId, "Customer", "filter.customerId"),
      });
    }
    if (filter?.resellerId) {
      const resellerId = await this.resellerOfViewer(s, filter.resellerId);
      // What the provider did about the reseller, and about the customers it serves now (whoever bills them).
      qb.andWhere(
        `(a.reseller_id = :resellerId OR a.customer_id IN (SELECT ar_cr.customer_id FROM customer_relationship ar_cr ` +
          `WHERE ar_cr.partner_id = :resellerId AND ar_cr.status = :resellerCustomerStatus))`,
        { resellerId, resellerCustomerStatus: RelationshipStatus.ACTIVE },
      );
    }
    if (filter?.actorId) {
      const userId = decodeId(filter.actorId, "User");
      const tokenId = typeof userId === "string" ? null : apiTokenIdOf(filter.actorId);
      if (typeof userId === "string") qb.andWhere("a.actor_user_id = :actorUserId", { actorUserId: userId });
      else if (tokenId) qb.andWhere("a.actor_api_token_id = :actorTokenId", { actorTokenId: tokenId });
      else throw badInput("filter.actorId", "is not a User or ApiToken id");
    }
    if (filter?.operation) {
      if (!OPERATION.test(filter.operation)) throw badInput("filter.operation", "must be a mutation name");
      qb.andWhere("a.operation = :operation", { operation: filter.operation });
    }
    if (filter?.from && filter?.to && filter.from > filter.to) {
      throw badInput("filter.to", "must not be before filter.from");
    }
    if (filter?.from) qb.andWhere("a.occurred_at >= :from", { from: filter.from });
    if (filter?.to) qb.andWhere("a.occurred_at < :to", { to: filter.to });
    const result = await paginate(qb, page, newestFirst);
    return { ...result, nodes: result.nodes.map((e) => auditEventView(e, s.locale)) };
  }

  /**
   * The database id of a reseller the viewer is the provider of (a partnership in any status, as the reseller page):
   * BAD_USER_INPUT for an id of another type, NOT_FOUND for anyone else's reseller.
   */
  private async resellerOfViewer(s: ServiceContext, globalId: string): Promise<string> {
    const id = requireId(globalId, "Partner", "filter.resellerId");
    const qb = s.em.getRepository(ResellerPartnership).createQueryBuilder("rp").where("rp.reseller_id = :id", { id });
    const found = await s.scope.partnershipsAs(qb, "rp", "provider").select("rp.reseller_id").getRawOne();
    ensure(found ? id : null, () => notFound("Reseller", "filter.resellerId"));
    return id;
  }
}

export const auditService = new AuditService();
