import { Arg, Args, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { GraphQLLocalDate } from "graphql-scalars";
import type { RequestContext } from "../../context";
import { requireViewer } from "../../context";
import { paginate, PageArgs } from "../../common/connection";
import { badInput } from "../../common/errors";
import { TransferStatus } from "../../domain/enums";
import { Customer } from "../customer/customer.entity";
import { CustomerSubscription } from "../subscription/customer-subscription.entity";
import { Partner } from "../partner/partner.entity";
import { daysBetween } from "../../common/dates";
import { requireId } from "../../common/global-id";
import { Transfer } from "./transfer.entity";
import { effectiveStatus, expiresOn, whereEffectiveStatus } from "./transfer.status";
import { TransferConnection, TransferDirection, TransferFilter } from "./transfer.types";

@Resolver(() => Transfer)
export class TransferResolver {
  @Authorized()
  @Query(() => TransferConnection, {
    description: "Transfers where the viewer's network is source, target or named reseller; newest first.",
  })
  async transfers(
    @Args() page: PageArgs,
    @Arg("filter", () => TransferFilter, { nullable: true }) filter: TransferFilter | null,
    @Ctx() ctx: RequestContext,
  ) {
    const { scope } = requireViewer(ctx);
    const qb = scope.visibleTransfers(ctx.dataSource.getRepository(Transfer).createQueryBuilder("t"), "t");
    if (filter?.status?.length) whereEffectiveStatus(qb, "t", filter.status, ctx.today);
    if (filter?.direction === TransferDirection.INCOMING) {
      qb.andWhere("(t.target_partner_id IN (:...dirNet) OR t.reseller_id IN (:...dirNet))", {
        dirNet: scope.networkPartnerIds,
      });
    } else if (filter?.direction === TransferDirection.OUTGOING) {
      qb.andWhere("t.source_partner_id IN (:...dirNet)", { dirNet: scope.networkPartnerIds });
    }
    if (filter?.customerId) {
      qb.andWhere("t.customer_id = :customerId", {
        customerId: requireId(filter.customerId, "Customer", "filter.customerId"),
      });
    }
    const result = await paginate(qb, page, {
      column: "t.created_at",
      idColumn: "t.id",
      direction: "DESC",
      value: (t) => t.createdAt.toISOString(),
      id: (t) => t.id,
      toParameter: (v) => {
        const date = new Date(String(v));
        if (Number.isNaN(date.getTime())) throw badInput("after", "is not a cursor returned by this list");
        return date;
      },
    });
    return new TransferConnection(result);
  }

  @FieldResolver(() => TransferStatus, {
    description: "Status as of today: a PENDING transfer past its 30 days is EXPIRED.",
  })
  status(@Root() t: Transfer, @Ctx() ctx: RequestContext): TransferStatus {
    return effectiveStatus(t, ctx.today);
  }

  @FieldResolver(() => GraphQLLocalDate, { description: "Last day the source partner can accept." })
  expiresOn(@Root() t: Transfer): string {
    return expiresOn(t);
  }

  @FieldResolver(() => Int, { nullable: true, description: "Days left to accept while pending; null otherwise." })
  daysLeft(@Root() t: Transfer, @Ctx() ctx: RequestContext): number | null {
    return effectiveStatus(t, ctx.today) === TransferStatus.PENDING ? daysBetween(ctx.today, expiresOn(t)) : null;
  }

  @FieldResolver(() => TransferDirection, { description: "From the viewer's side." })
  direction(@Root() t: Transfer, @Ctx() ctx: RequestContext): TransferDirection {
    return requireViewer(ctx).scope.isInNetwork(t.sourcePartnerId)
      ? TransferDirection.OUTGOING
      : TransferDirection.INCOMING;
  }

  @FieldResolver(() => Customer, { nullable: true })
  async customer(@Root() t: Transfer, @Ctx() ctx: RequestContext): Promise<Customer | null> {
    return ctx.loaders.customer.load(t.customerId);
  }

  @FieldResolver(() => Partner)
  async sourcePartner(@Root() t: Transfer, @Ctx() ctx: RequestContext): Promise<Partner> {
    return (await ctx.loaders.partner.load(t.sourcePartnerId))!;
  }

  @FieldResolver(() => Partner)
  async targetPartner(@Root() t: Transfer, @Ctx() ctx: RequestContext): Promise<Partner> {
    return (await ctx.loaders.partner.load(t.targetPartnerId))!;
  }

  @FieldResolver(() => Partner, { nullable: true })
  reseller(@Root() t: Transfer, @Ctx() ctx: RequestContext): Promise<Partner | null> | null {
    return t.resellerId ? ctx.loaders.partner.load(t.resellerId) : null;
  }

  @FieldResolver(() => [CustomerSubscription], {
    description: "The subscriptions on the transfer's lines (at most 25).",
  })
  subscriptions(@Root() t: Transfer, @Ctx() ctx: RequestContext): Promise<CustomerSubscription[]> {
    return ctx.loaders.subscriptionsOfTransfer.load(t.id);
  }
}
