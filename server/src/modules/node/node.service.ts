import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { badInput, notFound } from "../../common/errors";
import { fromGlobalId, type NodeTypeName } from "../../common/global-id";
import type { Node } from "../../common/node";
import type { ServiceContext } from "../../service-context";
import { CustomerRelationship } from "../customer/customer-relationship.entity";
import { Partner } from "../partner/partner.entity";
import { ResellerPartnership } from "../partner/reseller-partnership.entity";
import { ProviderRequest } from "../provider-request/provider-request.entity";
import { Transfer } from "../transfer/transfer.entity";
import { User } from "../user/user.entity";
import { ApiToken } from "../api-token/api-token.entity";
import { CAN_MANAGE_API_TOKENS, CAN_MANAGE_WEBHOOKS } from "../../auth/roles";
import { WebhookDelivery } from "../webhook/webhook-delivery.entity";
import { WebhookEndpoint } from "../webhook/webhook-endpoint.entity";

type Fetch = (s: ServiceContext, id: string) => Promise<Node | null>;

/** One row of `qb` with the given id (column `alias.id`). */
const byId = <T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, id: string) =>
  qb.andWhere(`${alias}.id = :nodeId`, { nodeId: id }).getOne();

// Every node type is fetched through the same scope as its lists (auth/scope.ts): an id outside it is "not found".
const fetchers: Record<NodeTypeName, Fetch> = {
  Partner: (s, id) =>
    byId(s.scope.visiblePartners(s.em.getRepository(Partner).createQueryBuilder("p"), "p.id"), "p", id),
  User: (s, id) => byId(s.scope.visibleUsers(s.em.getRepository(User).createQueryBuilder("u"), "u"), "u", id),
  ResellerPartnership: (s, id) =>
    byId(s.scope.visiblePartnerships(s.em.getRepository(ResellerPartnership).createQueryBuilder("rp"), "rp"), "rp", id),
  Customer: (s, id) => s.loaders.customer.load(id),
  CustomerRelationship: (s, id) =>
    byId(
      s.scope.networkRelationships(s.em.getRepository(CustomerRelationship).createQueryBuilder("cr"), "cr"),
      "cr",
      id,
    ),
  CustomerSubscription: (s, id) => s.loaders.subscription.load(id),
  Transfer: (s, id) =>
    byId(s.scope.visibleTransfers(s.em.getRepository(Transfer).createQueryBuilder("t"), "t"), "t", id),
  ProviderRequest: (s, id) =>
    byId(s.scope.visibleProviderRequests(s.em.getRepository(ProviderRequest).createQueryBuilder("pr"), "pr"), "pr", id),
  // Tokens are visible only to the roles that manage them.
  ApiToken: async (s, id) =>
    CAN_MANAGE_API_TOKENS.includes(s.viewer.user.role)
      ? byId(s.scope.visibleApiTokens(s.em.getRepository(ApiToken).createQueryBuilder("at"), "at"), "at", id)
      : null,
  // Webhooks likewise: only the roles that manage them, only the partner's own.
  WebhookEndpoint: async (s, id) =>
    CAN_MANAGE_WEBHOOKS.includes(s.viewer.user.role)
      ? byId(s.scope.visibleWebhooks(s.em.getRepository(WebhookEndpoint).createQueryBuilder("w"), "w"), "w", id)
      : null,
  WebhookDelivery: async (s, id) =>
    CAN_MANAGE_WEBHOOKS.includes(s.viewer.user.role)
      ? byId(s.scope.visibleWebhooks(s.em.getRepository(WebhookDelivery).createQueryBuilder("d"), "d"), "d", id)
      : null,
};

export class NodeService {
  /** Any object by its global id; BAD_USER_INPUT for a malformed id, NOT_FOUND (naming `field`) outside the scope. */
  async fetch(s: ServiceContext, globalId: string, field: string): Promise<Node> {
    const decoded = fromGlobalId(globalId);
    if (!decoded) throw badInput(field, "is not an id issued by this API");
    const node = await fetchers[decoded.type](s, decoded.id);
    if (!node) throw notFound(decoded.type, field);
    return node;
  }
}

export const nodeService = new NodeService();
