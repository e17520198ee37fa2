import { Arg, Authorized, Ctx, ID, Query, Resolver } from "type-graphql";
import type { RequestContext, Viewer } from "../../context";
import { requireViewer } from "../../context";
import { badInput, notFound } from "../../common/errors";
import { fromGlobalId, type NodeTypeName } from "../../common/global-id";
import { Node } from "../../common/node";
import { CustomerRelationship } from "../customer/customer-relationship.entity";
import { Partner } from "../partner/partner.entity";
import { ProviderRequest } from "../provider-request/provider-request.entity";
import { ResellerPartnership } from "../partner/reseller-partnership.entity";
import { Transfer } from "../transfer/transfer.entity";
import { User } from "../user/user.entity";

type Fetch = (ctx: RequestContext, viewer: Viewer, id: string) => Promise<Node | null>;

// Every node type is fetched through the same scope as its lists: an id outside the network is "not found".
const fetchers: Record<NodeTypeName, Fetch> = {
  Partner: (ctx, v, id) =>
    v.scope
      .visiblePartners(ctx.dataSource.getRepository(Partner).createQueryBuilder("p"), "p.id")
      .andWhere("p.id = :id", { id })
      .getOne(),
  User: (ctx, v, id) => ctx.dataSource.getRepository(User).findOneBy({ id, partnerId: v.partner.id }),
  ResellerPartnership: (ctx, v, id) =>
    ctx.dataSource
      .getRepository(ResellerPartnership)
      .createQueryBuilder("rp")
      .where("rp.id = :id", { id })
      .andWhere("(rp.provider_id = :me OR rp.reseller_id = :me)", { me: v.partner.id })
      .getOne(),
  Customer: (ctx, _v, id) => ctx.loaders.customer.load(id),
  CustomerRelationship: (ctx, v, id) =>
    v.scope
      .visibleCustomers(ctx.dataSource.getRepository(CustomerRelationship).createQueryBuilder("cr"), "cr.customer_id")
      .andWhere("cr.id = :id", { id })
      .andWhere("cr.partner_id IN (:...net)", { net: v.scope.networkPartnerIds })
      .getOne(),
  CustomerSubscription: (ctx, _v, id) => ctx.loaders.subscription.load(id),
  Transfer: (ctx, v, id) =>
    v.scope
      .visibleTransfers(ctx.dataSource.getRepository(Transfer).createQueryBuilder("t"), "t")
      .andWhere("t.id = :id", { id })
      .getOne(),
  ProviderRequest: (ctx, v, id) =>
    v.scope
      .visibleProviderRequests(ctx.dataSource.getRepository(ProviderRequest).createQueryBuilder("pr"), "pr")
      .andWhere("pr.id = :id", { id })
      .getOne(),
};

async function fetchNode(ctx: RequestContext, globalId: string, field: string): Promise<Node> {
  const viewer = requireViewer(ctx);
  const decoded = fromGlobalId(globalId);
  if (!decoded) throw badInput(field, "is not an id issued by this API");
  const node = await fetchers[decoded.type](ctx, viewer, decoded.id);
  if (!node) throw notFound(decoded.type, field);
  return node;
}

@Resolver()
export class NodeResolver {
  @Authorized()
  @Query(() => Node, { nullable: true, description: "Fetches any object by its global id (Relay)." })
  node(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Node> {
    return fetchNode(ctx, id, "id");
  }
}
