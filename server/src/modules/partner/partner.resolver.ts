import { Arg, Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { Brackets } from "typeorm";
import type { RequestContext } from "../../context";
import { requireViewer } from "../../context";
import { paginate, PageArgs } from "../../common/connection";
import { permissionsOf } from "../../auth/roles";
import { PartnerType, ProgramStatus } from "../../domain/enums";
import { Partner } from "./partner.entity";
import { ResellerPartnership } from "./reseller-partnership.entity";
import {
  ComplianceFlag,
  PartnershipCounts,
  PartnershipFilter,
  ResellerPartnershipConnection,
  Viewer,
  ViewerPermissions,
} from "./partner.types";

/** R24–R26 seen from the provider's side. */
export function complianceFlags(reseller: Partner, provider: Partner): ComplianceFlag[] {
  const flags: ComplianceFlag[] = [];
  if (!reseller.mpaSigned) flags.push(ComplianceFlag.MPA_NOT_SIGNED);
  if (reseller.programStatus !== ProgramStatus.ACTIVE) flags.push(ComplianceFlag.NOT_ACTIVE);
  if (reseller.country !== provider.country) flags.push(ComplianceFlag.OTHER_REGION);
  return flags;
}

@Resolver(() => Partner)
export class PartnerResolver {
  @Authorized()
  @Query(() => Viewer, { description: "The signed-in user and their partner." })
  viewer(@Ctx() ctx: RequestContext): Viewer {
    const v = requireViewer(ctx);
    const permissions = Object.assign(new ViewerPermissions(), permissionsOf(v.user.role, v.partner));
    return Object.assign(new Viewer(), { user: v.user, partner: v.partner, permissions });
  }

  @Authorized()
  @Query(() => ResellerPartnershipConnection, {
    description: "An indirect provider's resellers (its partnerships), with counts and compliance flags.",
  })
  async resellers(
    @Args() page: PageArgs,
    @Arg("filter", () => PartnershipFilter, { nullable: true }) filter: PartnershipFilter | null,
    @Ctx() ctx: RequestContext,
  ) {
    return this.partnerships(ctx, "provider", page, filter);
  }

  @Authorized()
  @Query(() => ResellerPartnershipConnection, { description: "An indirect reseller's providers (its partnerships)." })
  async providers(
    @Args() page: PageArgs,
    @Arg("filter", () => PartnershipFilter, { nullable: true }) filter: PartnershipFilter | null,
    @Ctx() ctx: RequestContext,
  ) {
    return this.partnerships(ctx, "reseller", page, filter);
  }

  private async partnerships(
    ctx: RequestContext,
    side: "provider" | "reseller",
    page: PageArgs,
    filter: PartnershipFilter | null,
  ) {
    const { partner } = requireViewer(ctx);
    const counterpart = side === "provider" ? "reseller" : "provider";
    const qb = ctx.dataSource
      .getRepository(ResellerPartnership)
      .createQueryBuilder("rp")
      .innerJoinAndSelect(`rp.${counterpart}`, "cp")
      .where(`rp.${side}_id = :me`, { me: partner.id });
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
      const issue = "(cp.mpa_signed = :no OR cp.program_status <> 'ACTIVE' OR cp.country <> :myCountry)";
      qb.andWhere(filter.hasComplianceIssues ? issue : `NOT ${issue}`, { no: false, myCountry: partner.country });
    }
    const result = await paginate(qb, page, {
      column: "cp.name",
      idColumn: "rp.id",
      direction: "ASC",
      value: (rp) => (rp[counterpart] as Partner).name,
      id: (rp) => rp.id,
    });
    return new ResellerPartnershipConnection(result);
  }
}

@Resolver(() => ResellerPartnership)
export class ResellerPartnershipResolver {
  @FieldResolver(() => Partner)
  async provider(@Root() rp: ResellerPartnership, @Ctx() ctx: RequestContext): Promise<Partner> {
    return rp.provider ?? (await ctx.loaders.partner.load(rp.providerId))!;
  }

  @FieldResolver(() => Partner)
  async reseller(@Root() rp: ResellerPartnership, @Ctx() ctx: RequestContext): Promise<Partner> {
    return rp.reseller ?? (await ctx.loaders.partner.load(rp.resellerId))!;
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
    return p.types.includes(PartnerType.DIRECT_BILL) || p.types.includes(PartnerType.INDIRECT_PROVIDER);
  }
}
