import { Arg, Authorized, Ctx, Query, Resolver } from "type-graphql";
import { GraphQLLocalDate } from "graphql-scalars";
import type { RequestContext } from "../../context";
import { requireViewer } from "../../context";
import {
  OfferKind,
  PartnershipStatus,
  RelationshipStatus,
  SalesChannel,
  SubscriptionStatus,
  TransferStatus,
} from "../../domain/enums";
import { Customer } from "../customer/customer.entity";
import { CustomerRelationship } from "../customer/customer-relationship.entity";
import { Partner } from "../partner/partner.entity";
import { ProviderRequest } from "../provider-request/provider-request.entity";
import { ResellerPartnership } from "../partner/reseller-partnership.entity";
import { Transfer } from "../transfer/transfer.entity";
import { addDays } from "../../common/dates";
import { subscriptionQuery } from "../subscription/subscription.query";
import { ProviderRequestStatus } from "../provider-request/provider-request.entity";
import { expiryCutoff, whereEffectiveStatus } from "../transfer/transfer.status";
import { ChannelCount, NetworkSummary, OfferKindCount, StatusCount } from "./network.types";

const num = (v: unknown): number => Number(v ?? 0);

@Resolver()
export class NetworkResolver {
  @Authorized()
  @Query(() => NetworkSummary, { description: "Totals for dashboards; a fixed number of grouped SQL statements." })
  async networkSummary(
    @Arg("asOf", () => GraphQLLocalDate, { nullable: true }) asOf: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<NetworkSummary> {
    const { scope, partner } = requireViewer(ctx);
    const day = asOf ?? ctx.today;
    const ds = ctx.dataSource;

    const [customerCount, multiChannel] = await Promise.all([
      scope.visibleCustomers(ds.getRepository(Customer).createQueryBuilder("c"), "c.id").getCount(),
      scope
        .visibleCustomers(ds.getRepository(Customer).createQueryBuilder("c"), "c.id")
        .andWhere(
          "EXISTS (SELECT 1 FROM customer_subscription ns WHERE ns.customer_id = c.id AND ns.channel <> :csp AND ns.status IN ('ACTIVE', 'SUSPENDED'))",
          { csp: SalesChannel.CSP },
        )
        .getCount(),
    ]);

    // One grouped statement gives every breakdown: channel × status × offer kind.
    const grouped = await subscriptionQuery(ds, scope, null)
      .select("s.channel", "channel")
      .addSelect("s.status", "status")
      .addSelect("s.offer_kind", "offerKind")
      .addSelect("COUNT(*)", "n")
      .addSelect(
        "SUM(CASE WHEN s.status = 'ACTIVE' AND s.commitment_end_date >= :day AND s.commitment_end_date <= :d30 THEN 1 ELSE 0 END)",
        "ending30",
      )
      .addSelect(
        "SUM(CASE WHEN s.status = 'ACTIVE' AND s.commitment_end_date >= :day AND s.commitment_end_date <= :d60 THEN 1 ELSE 0 END)",
        "ending60",
      )
      .setParameters({ day, d30: addDays(day, 30), d60: addDays(day, 60) })
      .groupBy("s.channel")
      .addGroupBy("s.status")
      .addGroupBy("s.offer_kind")
      .getRawMany<{
        channel: SalesChannel;
        status: SubscriptionStatus;
        offerKind: OfferKind;
        n: unknown;
        ending30: unknown;
        ending60: unknown;
      }>();
    const sum = <K extends string>(key: (r: (typeof grouped)[number]) => K) => {
      const totals = new Map<K, number>();
      for (const r of grouped) totals.set(key(r), (totals.get(key(r)) ?? 0) + num(r.n));
      return totals;
    };

    const pending = whereEffectiveStatus(
      scope.visibleTransfers(ds.getRepository(Transfer).createQueryBuilder("t"), "t"),
      "t",
      [TransferStatus.PENDING],
      day,
    )
      .select("SUM(CASE WHEN t.source_partner_id IN (:...net) THEN 1 ELSE 0 END)", "outgoing")
      .addSelect("SUM(CASE WHEN t.source_partner_id IN (:...net) THEN 0 ELSE 1 END)", "incoming")
      // Expires within 7 days: created before the cutoff that is 7 days later than today's.
      .addSelect("SUM(CASE WHEN t.created_at < :soonCutoff THEN 1 ELSE 0 END)", "expiringSoon")
      .setParameters({ net: scope.networkPartnerIds, soonCutoff: expiryCutoff(addDays(day, 7)) });
    const transfers = (await pending.getRawOne<{ outgoing: unknown; incoming: unknown; expiringSoon: unknown }>()) ?? {
      outgoing: 0,
      incoming: 0,
      expiringSoon: 0,
    };

    const relationshipsRequested = await ds
      .getRepository(CustomerRelationship)
      .createQueryBuilder("cr")
      .where("cr.partner_id IN (:...net)", { net: scope.networkPartnerIds })
      .andWhere("cr.status = :requested", { requested: RelationshipStatus.REQUESTED })
      .getCount();

    const resellers = await ds
      .getRepository(ResellerPartnership)
      .createQueryBuilder("rp")
      .innerJoin(Partner, "r", "r.id = rp.reseller_id")
      .select("COUNT(*)", "active")
      .addSelect(
        "SUM(CASE WHEN r.mpa_signed = :no OR r.program_status <> 'ACTIVE' OR r.country <> :country THEN 1 ELSE 0 END)",
        "issues",
      )
      .where("rp.provider_id = :me", { me: partner.id })
      .andWhere("rp.status = :active", { active: PartnershipStatus.ACTIVE })
      .setParameters({ no: false, country: partner.country })
      .getRawOne<{ active: unknown; issues: unknown }>();

    // Received (as provider) and sent (as reseller): both are the viewer's own, one statement.
    const openProviderRequests = await scope
      .visibleProviderRequests(ds.getRepository(ProviderRequest).createQueryBuilder("pr"), "pr")
      .andWhere("pr.status = :open", { open: ProviderRequestStatus.OPEN })
      .getCount();

    return Object.assign(new NetworkSummary(), {
      asOf: day,
      customerCount,
      multiChannelCustomerCount: multiChannel,
      subscriptionCount: grouped.reduce((n, r) => n + num(r.n), 0),
      subscriptionsByChannel: [...sum((r) => r.channel)].map(([channel, count]) =>
        Object.assign(new ChannelCount(), { channel, count }),
      ),
      subscriptionsByStatus: [...sum((r) => r.status)].map(([status, count]) =>
        Object.assign(new StatusCount(), { status, count }),
      ),
      subscriptionsByOfferKind: [...sum((r) => r.offerKind)].map(([offerKind, count]) =>
        Object.assign(new OfferKindCount(), { offerKind, count }),
      ),
      termsEndingIn30Days: grouped.reduce((n, r) => n + num(r.ending30), 0),
      termsEndingIn60Days: grouped.reduce((n, r) => n + num(r.ending60), 0),
      incomingTransfersPending: num(transfers.incoming),
      outgoingTransfersPending: num(transfers.outgoing),
      transfersExpiringWithin7Days: num(transfers.expiringSoon),
      relationshipsRequested,
      activeResellerCount: num(resellers?.active),
      resellersWithComplianceIssues: num(resellers?.issues),
      openProviderRequests,
    });
  }
}
