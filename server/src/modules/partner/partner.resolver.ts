import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../../context";
import { requireViewer } from "../../context";
import { PageArgs } from "../../common/connection";
import { ensure } from "../../common/ensure";
import { notFound } from "../../common/errors";
import { permissionsOf } from "../../auth/roles";
import { readContext } from "../../service-context";
import { canTransact } from "../eligibility/rules/predicates";
import { Partner } from "./partner.entity";
import { ResellerPartnership } from "./reseller-partnership.entity";
import { partnershipService } from "./partnership.service";
import { complianceFlags } from "./reseller-compliance";
import {
  ComplianceFlag,
  PartnershipCounts,
  PartnershipFilter,
  ResellerPartnershipConnection,
  Viewer,
  ViewerPermissions,
} from "./partner.types";

@Resolver(() => Partner)
export class PartnerResolver {
  @Query(() => Viewer, { description: "The signed-in user and their partner." })
  viewer(@Ctx() ctx: RequestContext): Viewer {
    const v = requireViewer(ctx);
    const permissions = Object.assign(
      new ViewerPermissions(),
      permissionsOf(v.user.role, v.partner, v.apiTokenId ? v.apiTokenScopes : null),
    );
    return Object.assign(new Viewer(), { user: v.user, partner: v.partner, permissions });
  }

  @Query(() => ResellerPartnershipConnection, {
    description: "An indirect provider's resellers (its partnerships), with counts and compliance flags.",
  })
  async resellers(
    @Args() page: PageArgs,
    @Arg("filter", () => PartnershipFilter, { nullable: true }) filter: PartnershipFilter | null,
    @Ctx() ctx: RequestContext,
  ) {
    return new ResellerPartnershipConnection(await partnershipService.list(readContext(ctx), "provider", page, filter));
  }

  @Query(() => ResellerPartnershipConnection, { description: "An indirect reseller's providers (its partnerships)." })
  async providers(
    @Args() page: PageArgs,
    @Arg("filter", () => PartnershipFilter, { nullable: true }) filter: PartnershipFilter | null,
    @Ctx() ctx: RequestContext,
  ) {
    return new ResellerPartnershipConnection(await partnershipService.list(readContext(ctx), "reseller", page, filter));
  }
}

@Resolver(() => ResellerPartnership)
export class ResellerPartnershipResolver {
  @FieldResolver(() => Partner)
  async provider(@Root() rp: ResellerPartnership, @Ctx() ctx: RequestContext): Promise<Partner> {
    return rp.provider ?? ensure(await ctx.loaders.partner.load(rp.providerId), () => notFound("Partner"));
  }

  @FieldResolver(() => Partner)
  async reseller(@Root() rp: ResellerPartnership, @Ctx() ctx: RequestContext): Promise<Partner> {
    return rp.reseller ?? ensure(await ctx.loaders.partner.load(rp.resellerId), () => notFound("Partner"));
  }

  @FieldResolver(() => PartnershipCounts, { description: "The reseller's customers and subscriptions." })
  async counts(@Root() rp: ResellerPartnership, @Ctx() ctx: RequestContext): Promise<PartnershipCounts> {
    return Object.assign(new PartnershipCounts(), await ctx.loaders.resellerCounts.load(rp.resellerId));
  }

  @FieldResolver(() => [ComplianceFlag], { description: "Empty when the provider may name this reseller." })
  async complianceFlags(@Root() rp: ResellerPartnership, @Ctx() ctx: RequestContext): Promise<ComplianceFlag[]> {
    const [provider, reseller] = await Promise.all([
      ctx.loaders.partner.load(rp.providerId),
      ctx.loaders.partner.load(rp.resellerId),
    ]);
    return provider && reseller ? complianceFlags(reseller, provider) : [];
  }
}

@Resolver(() => Partner)
export class PartnerFieldsResolver {
  @FieldResolver(() => Boolean, { description: "Can bill CSP subscriptions (direct-bill or indirect provider)." })
  canTransact(@Root() p: Partner): boolean {
    return canTransact(p);
  }
}
