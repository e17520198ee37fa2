import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../../context";
import { requireViewer } from "../../context";
import { PageArgs } from "../../common/connection";
import { ensure } from "../../common/ensure";
import { notFound } from "../../common/errors";
import { permissionsOf } from "../../auth/roles";
import { readContext } from "../../service-context";
import { canTransact } from "../eligibility/rules/predicates";
import { PartnerFact, ProgramStatus } from "../../domain/enums";
import { Partner } from "./partner.entity";
import { ResellerPartnership } from "./reseller-partnership.entity";
import { partnershipService } from "./partnership.service";
import { complianceFlags } from "./reseller-compliance";
import {
  ComplianceFlag,
  FactsRecorder,
  PartnershipCounts,
  PartnershipFilter,
  PartnershipOrder,
  RecordedPartnerFact,
  ResellerPartnershipConnection,
  Viewer,
  ViewerPermissions,
} from "./partner.types";

/** A recorder as the viewer may know it: its own organization, the partner itself, or another partner (unnamed). */
function recorderAs(ctx: RequestContext, p: Partner, by: string): FactsRecorder {
  if (by === ctx.viewer?.partner.id) return FactsRecorder.YOUR_ORGANIZATION;
  return by === p.id ? FactsRecorder.THIS_PARTNER : FactsRecorder.ANOTHER_PARTNER;
}

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
    @Arg("orderBy", () => PartnershipOrder, { nullable: true }) orderBy: PartnershipOrder | null,
    @Ctx() ctx: RequestContext,
  ) {
    const list = await partnershipService.list(readContext(ctx), "provider", page, filter, orderBy);
    return new ResellerPartnershipConnection(list);
  }

  @Query(() => ResellerPartnership, {
    description:
      "One of the viewer's resellers by the reseller's Partner id: its partnership (any status), for the reseller's page. NOT_FOUND when it is not the viewer's reseller.",
  })
  reseller(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ResellerPartnership> {
    return partnershipService.resellerOfViewer(readContext(ctx), id);
  }

  @Query(() => ResellerPartnershipConnection, { description: "An indirect reseller's providers (its partnerships)." })
  async providers(
    @Args() page: PageArgs,
    @Arg("filter", () => PartnershipFilter, { nullable: true }) filter: PartnershipFilter | null,
    @Arg("orderBy", () => PartnershipOrder, { nullable: true }) orderBy: PartnershipOrder | null,
    @Ctx() ctx: RequestContext,
  ) {
    const list = await partnershipService.list(readContext(ctx), "reseller", page, filter, orderBy);
    return new ResellerPartnershipConnection(list);
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

  @FieldResolver(() => PartnershipCounts, {
    nullable: true,
    description:
      "The reseller's customers and subscriptions, for its provider while the partnership is ACTIVE; null otherwise (an invitation or a removed partnership shows no live counts).",
  })
  async counts(@Root() rp: ResellerPartnership, @Ctx() ctx: RequestContext): Promise<PartnershipCounts | null> {
    if (!ctx.viewer?.scope.mayCountResellerOf(rp)) return null;
    return Object.assign(new PartnershipCounts(), await ctx.loaders.resellerCounts.load(rp.resellerId));
  }

  @FieldResolver(() => [ComplianceFlag], {
    nullable: true,
    description:
      "Empty when the provider may name this reseller. Null while the partnership is an invitation (the reseller's MPA, status and region are its own until it accepts).",
  })
  async complianceFlags(@Root() rp: ResellerPartnership, @Ctx() ctx: RequestContext): Promise<ComplianceFlag[] | null> {
    if (ctx.viewer && !ctx.viewer.scope.mayDescribePartnership(rp)) return null;
    const [provider, reseller] = await Promise.all([
      ctx.loaders.partner.load(rp.providerId),
      ctx.loaders.partner.load(rp.resellerId),
    ]);
    return provider && reseller ? complianceFlags(reseller, provider, ctx.config.ruleBook) : [];
  }
}

/** A partner's details, or null for a counterpart the viewer knows only through an invitation (auth/scope.ts). */
const described = <T>(ctx: RequestContext, p: Partner, value: T): T | null =>
  !ctx.viewer || ctx.viewer.scope.mayDescribePartner(p.id) ? value : null;
const UNTIL_ACCEPTED = "Null for a partner known to you only through an invitation not accepted yet.";

@Resolver(() => Partner)
export class PartnerFieldsResolver {
  @FieldResolver(() => String, { nullable: true, description: `Microsoft Entra tenant id (GUID). ${UNTIL_ACCEPTED}` })
  tenantId(@Root() p: Partner, @Ctx() ctx: RequestContext): string | null {
    return described(ctx, p, p.tenantId);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: `ISO 3166-1 alpha-2 country of the partner's location. ${UNTIL_ACCEPTED}`,
  })
  country(@Root() p: Partner, @Ctx() ctx: RequestContext): string | null {
    return described(ctx, p, p.country);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: `Has signed the Microsoft Partner Agreement. ${UNTIL_ACCEPTED}`,
  })
  mpaSigned(@Root() p: Partner, @Ctx() ctx: RequestContext): boolean | null {
    return described(ctx, p, p.mpaSigned);
  }

  @FieldResolver(() => ProgramStatus, { nullable: true, description: UNTIL_ACCEPTED })
  programStatus(@Root() p: Partner, @Ctx() ctx: RequestContext): ProgramStatus | null {
    return described(ctx, p, p.programStatus);
  }

  @FieldResolver(() => Date, { nullable: true, description: UNTIL_ACCEPTED })
  createdAt(@Root() p: Partner, @Ctx() ctx: RequestContext): Date | null {
    return described(ctx, p, p.createdAt);
  }

  @FieldResolver(() => [PartnerFact], {
    nullable: true,
    description: `Facts of this partner recorded in channelgate (recordPartnerFacts) rather than read from Partner Center or defaulted by the sync; a sync never overwrites them. ${UNTIL_ACCEPTED}`,
  })
  recordedFacts(@Root() p: Partner, @Ctx() ctx: RequestContext): PartnerFact[] | null {
    const recorded: [PartnerFact, Date | null | undefined][] = [
      [PartnerFact.PROGRAM_STATUS, p.programStatusRecordedAt],
      [PartnerFact.MPA_SIGNED, p.mpaSignedRecordedAt],
      [PartnerFact.ADVISOR_ONLY, p.advisorOnlyRecordedAt],
    ];
    return described(
      ctx,
      p,
      recorded.filter(([, at]) => at).map(([fact]) => fact),
    );
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: `When a fact of recordedFacts was last recorded (null: never). ${UNTIL_ACCEPTED}`,
  })
  factsRecordedAt(@Root() p: Partner, @Ctx() ctx: RequestContext): Date | null {
    const times = [p.programStatusRecordedAt, p.mpaSignedRecordedAt, p.advisorOnlyRecordedAt]
      .filter((d): d is Date => d instanceof Date)
      .map((d) => d.getTime());
    return described(ctx, p, times.length > 0 ? new Date(Math.max(...times)) : null);
  }

  @FieldResolver(() => FactsRecorder, {
    nullable: true,
    description: `Who last recorded a fact of recordedFacts (null: never). Another partner is not named: a reseller's other providers are not the viewer's to know. ${UNTIL_ACCEPTED}`,
  })
  factsRecordedBy(@Root() p: Partner, @Ctx() ctx: RequestContext): FactsRecorder | null {
    const by = p.factsRecordedById;
    if (!by) return null;
    return described(ctx, p, recorderAs(ctx, p, by));
  }

  @FieldResolver(() => [RecordedPartnerFact], {
    nullable: true,
    description: `Each fact of recordedFacts with when and by whom it was recorded (per fact: recording one fact leaves the others' provenance as it was). Another partner is not named. ${UNTIL_ACCEPTED}`,
  })
  factProvenance(@Root() p: Partner, @Ctx() ctx: RequestContext): RecordedPartnerFact[] | null {
    const facts: [PartnerFact, Date | null | undefined, string | null | undefined][] = [
      [PartnerFact.PROGRAM_STATUS, p.programStatusRecordedAt, p.programStatusRecordedById],
      [PartnerFact.MPA_SIGNED, p.mpaSignedRecordedAt, p.mpaSignedRecordedById],
      [PartnerFact.ADVISOR_ONLY, p.advisorOnlyRecordedAt, p.advisorOnlyRecordedById],
    ];
    return described(
      ctx,
      p,
      facts
        .filter((f): f is [PartnerFact, Date, string | null | undefined] => f[1] instanceof Date)
        .map(([fact, recordedAt, by]) => ({ fact, recordedAt, recordedBy: by ? recorderAs(ctx, p, by) : null })),
    );
  }

  @FieldResolver(() => Boolean, { description: "Can bill CSP subscriptions (direct-bill or indirect provider)." })
  canTransact(@Root() p: Partner): boolean {
    return canTransact(p);
  }
}
