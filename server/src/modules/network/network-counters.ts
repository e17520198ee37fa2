import type { OfferKind, SalesChannel, SubscriptionStatus } from "../../domain/enums";
import type { ServiceContext } from "../../service-context";

// Reads of the counters the database keeps in the writing transaction (migration NetworkCounters, issue 10), keyed by
// the partner whose network it is, with TenantScope's membership: what the dashboard and the lists' totalCount read
// instead of counting the network's rows.

const num = (v: unknown): number => Number(v ?? 0);

/** The network's customers, and those holding live subscriptions bought outside CSP (`network_total`: one row). */
export async function networkCustomerTotals(s: ServiceContext): Promise<{ all: number; multiChannel: number }> {
  const row = await s.em
    .createQueryBuilder()
    .select("nt.customers", "all")
    .addSelect("nt.multi_channel_customers", "multiChannel")
    .from("network_total", "nt")
    .where("nt.network_id = :network", { network: s.scope.partner.id })
    .getRawOne<{ all: unknown; multiChannel: unknown }>();
  return { all: num(row?.all), multiChannel: num(row?.multiChannel) };
}

/** What `network_subscription_count` has columns for: TenantScope.visibleSubscriptions by these three. */
export interface CountedSubscriptionFilter {
  status?: SubscriptionStatus[] | null;
  channel?: SalesChannel[] | null;
  offerKind?: OfferKind | null;
}

/** The network's visible subscriptions matching `filter` (an empty list or null sets no condition). */
export async function networkSubscriptionTotal(s: ServiceContext, filter: CountedSubscriptionFilter | null) {
  const qb = s.em
    .createQueryBuilder()
    .select("COALESCE(SUM(nsc.n), 0)", "n")
    .from("network_subscription_count", "nsc")
    .where("nsc.network_id = :network", { network: s.scope.partner.id });
  if (filter?.status?.length) qb.andWhere("nsc.status IN (:...statuses)", { statuses: filter.status });
  if (filter?.channel?.length) qb.andWhere("nsc.channel IN (:...channels)", { channels: filter.channel });
  if (filter?.offerKind) qb.andWhere("nsc.offer_kind = :offerKind", { offerKind: filter.offerKind });
  return num((await qb.getRawOne<{ n: unknown }>())?.n);
}
