import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { GraphQLLocalDate } from "graphql-scalars";
import type { RequestContext } from "../../context";
import { requireViewer } from "../../context";
import { PageArgs } from "../../common/connection";
import { daysBetween } from "../../common/dates";
import { ensure } from "../../common/ensure";
import { notFound } from "../../common/errors";
import { TransferStatus } from "../../domain/enums";
import { readContext } from "../../service-context";
import { Customer } from "../customer/customer.entity";
import { Partner } from "../partner/partner.entity";
import { CustomerSubscription } from "../subscription/customer-subscription.entity";
import { Transfer } from "./transfer.entity";
import { TransferService } from "./transfer.service";
import { effectiveStatus, expiresOn } from "./transfer.status";
import { TransferConnection, TransferDirection, TransferFilter, TransferOrder } from "./transfer.types";

/** A partner a transfer names; it cannot be missing (the transfer would have been deleted with it). */
async function partnerOf(ctx: RequestContext, id: string): Promise<Partner> {
  return ensure(await ctx.loaders.partner.load(id), () => notFound("Partner"));
}

const transferService = new TransferService();

@Resolver(() => Transfer)
export class TransferResolver {
  @Query(() => TransferConnection, {
    description:
      "Transfers where the viewer's network is source, target or named reseller; newest first unless orderBy says.",
  })
  async transfers(
    @Args() page: PageArgs,
    @Arg("filter", () => TransferFilter, { nullable: true }) filter: TransferFilter | null,
    @Arg("orderBy", () => TransferOrder, { nullable: true }) orderBy: TransferOrder | null,
    @Ctx() ctx: RequestContext,
  ) {
    return new TransferConnection(await transferService.list(readContext(ctx), filter, page, orderBy));
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
    return requireViewer(ctx).scope.isOutgoing(t) ? TransferDirection.OUTGOING : TransferDirection.INCOMING;
  }

  @FieldResolver(() => Customer, { nullable: true })
  async customer(@Root() t: Transfer, @Ctx() ctx: RequestContext): Promise<Customer | null> {
    return ctx.loaders.customer.load(t.customerId);
  }

  @FieldResolver(() => Partner)
  sourcePartner(@Root() t: Transfer, @Ctx() ctx: RequestContext): Promise<Partner> {
    return partnerOf(ctx, t.sourcePartnerId);
  }

  @FieldResolver(() => Partner)
  targetPartner(@Root() t: Transfer, @Ctx() ctx: RequestContext): Promise<Partner> {
    return partnerOf(ctx, t.targetPartnerId);
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
