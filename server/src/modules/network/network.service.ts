import { addDays } from "../../common/dates";
import {
  OfferKind,
  PartnershipStatus,
  RelationshipStatus,
  SalesChannel,
  SubscriptionStatus,
  TransferStatus,
} from "../../domain/enums";
import type { ServiceContext } from "../../service-context";
import { networkCustomerTotals } from "./network-counters";
import { CustomerRelationship } from "../customer/customer-relationship.entity";
import { Partner } from "../partner/partner.entity";
import { ResellerPartnership } from "../partner/reseller-partnership.entity";
import { complianceIssueSql } from "../partner/reseller-compliance";
import { ProviderRequest, ProviderRequestStatus } from "../provider-request/provider-request.entity";
import { Transfer } from "../transfer/transfer.entity";
import { expiryCutoff, whereEffectiveStatus } from "../transfer/transfer.status";
import { ChannelCount, NetworkSummary, OfferKindCount, StatusCount } from "./network.types";

const num = (v: unknown): number => Number(v ?? 0);

interface SubscriptionGroup {
  channel: SalesChannel;
  status: SubscriptionStatus;
  offerKind: OfferKind;
  n: unknown;
}

/** Which statement answers which NetworkSummary fields: a statement runs only when one of its fields is asked for. */
const PARTS = {
  customers: ["customerCount"],
  multiChannel: ["multiChannelCustomerCount"],
  subscriptions: ["subscriptionCount"],
  terms: ["termsEndingIn30Days", "termsEndingIn60Days"],
  breakdowns: ["subscriptionsByChannel", "subscriptionsByStatus", "subscriptionsByOfferKind"],
  transfers: ["incomingTransfersPending", "outgoingTransfersPending", "transfersExpiringWithin7Days"],
  relationships: ["relationshipsRequested"],
  resellers: ["activeResellerCount", "resellersWithComplianceIssues"],
  providerRequests: ["openProviderRequests"],
} satisfies Record<string, (keyof NetworkSummary)[]>;

/** Dashboard totals for the viewer's network: a fixed number of grouped SQL statements, whatever its size. */
export class NetworkService {
  /**
   * `fields`: the NetworkSummary fields the client selected (null: all). Totals nobody asked for are not counted
   * (issue 10: the dashboard counted everything); a field left out of `fields` reads 0 or [] here.
   */
  async summary(
    s: ServiceContext,
    asOf: string | null,
    fields: ReadonlySet<string> | null = null,
  ): Promise<NetworkSummary> {
    const day = asOf ?? s.today;
    const wants = (part: keyof typeof PARTS) => !fields || PARTS[part].some((f) => fields.has(f));
    const skip = Promise.resolve(null);
    const breakdowns = wants("breakdowns");
    const [customers, grouped, terms, transfers, relationshipsRequested, resellers, openProviderRequests] =
      await Promise.all([
        wants("customers") || wants("multiChannel") ? networkCustomerTotals(s) : { all: 0, multiChannel: 0 },
        breakdowns || wants("subscriptions") ? this.subscriptionGroups(s, breakdowns) : [],
        wants("terms") ? this.termsEnding(s, day) : skip,
        wants("transfers") ? this.pendingTransfers(s, day) : skip,
        wants("relationships") ? this.requestedRelationships(s) : 0,
        wants("resellers") ? this.resellerTotals(s) : skip,
        wants("providerRequests") ? this.openProviderRequests(s) : 0,
      ]);
    const total = (value: (g: SubscriptionGroup) => unknown) => grouped.reduce((n, g) => n + num(value(g)), 0);
    const countBy = <K extends string>(key: (g: SubscriptionGroup) => K): [K, number][] => {
      if (!breakdowns) return [];
      const totals = new Map<K, number>();
      for (const g of grouped) totals.set(key(g), (totals.get(key(g)) ?? 0) + num(g.n));
      return [...totals];
    };
    return Object.assign(new NetworkSummary(), {
      asOf: day,
      customerCount: customers.all,
      multiChannelCustomerCount: customers.multiChannel,
      subscriptionCount: total((g) => g.n),
      subscriptionsByChannel: countBy((g) => g.channel).map(([channel, count]) =>
        Object.assign(new ChannelCount(), { channel, count }),
      ),
      subscriptionsByStatus: countBy((g) => g.status).map(([status, count]) =>
        Object.assign(new StatusCount(), { status, count }),
      ),
      subscriptionsByOfferKind: countBy((g) => g.offerKind).map(([offerKind, count]) =>
        Object.assign(new OfferKindCount(), { offerKind, count }),
      ),
      termsEndingIn30Days: num(terms?.ending30),
      termsEndingIn60Days: num(terms?.ending60),
      incomingTransfersPending: num(transfers?.incoming),
      outgoingTransfersPending: num(transfers?.outgoing),
      transfersExpiringWithin7Days: num(transfers?.expiringSoon),
      relationshipsRequested,
      activeResellerCount: num(resellers?.active),
      resellersWithComplianceIssues: num(resellers?.issues),
      openProviderRequests,
    });
  }

  /**
   * The network's visible subscriptions by channel × status × offer kind, from the counters (`network_subscription_count`:
   * a handful of rows per network); without the breakdowns, their sum. Groups counted down to 0 are left out, as a
   * GROUP BY over the subscriptions would.
   */
  private subscriptionGroups(s: ServiceContext, breakdowns: boolean): Promise<SubscriptionGroup[]> {
    const qb = s.em
      .createQueryBuilder()
      .from("network_subscription_count", "nsc")
      .where("nsc.network_id = :network", { network: s.scope.partner.id })
      .andWhere("nsc.n > 0");
    if (!breakdowns) return qb.select("SUM(nsc.n)", "n").getRawMany<SubscriptionGroup>();
    return qb
      .select("nsc.n", "n")
      .addSelect("nsc.channel", "channel")
      .addSelect("nsc.status", "status")
      .addSelect("nsc.offer_kind", "offerKind")
      .orderBy("nsc.channel")
      .addOrderBy("nsc.status")
      .addOrderBy("nsc.offer_kind")
      .getRawMany<SubscriptionGroup>();
  }

  /**
   * ACTIVE terms ending within 30 and 60 days of `day`: the counters by term end date (`network_term_end`) summed
   * over the window, at most 61 rows whatever the network's size.
   */
  private termsEnding(s: ServiceContext, day: string) {
    return s.em
      .createQueryBuilder()
      .select("SUM(CASE WHEN nte.commitment_end_date <= :d30 THEN nte.n ELSE 0 END)", "ending30")
      .addSelect("SUM(nte.n)", "ending60")
      .from("network_term_end", "nte")
      .where("nte.network_id = :network", { network: s.scope.partner.id })
      .andWhere("nte.commitment_end_date >= :day AND nte.commitment_end_date <= :d60", {
        day,
        d30: addDays(day, 30),
        d60: addDays(day, 60),
      })
      .getRawOne<{ ending30: unknown; ending60: unknown }>();
  }

  /** PENDING transfers by direction, and those expiring within 7 days. */
  private pendingTransfers(s: ServiceContext, day: string) {
    const pending = whereEffectiveStatus(
      s.scope.visibleTransfers(s.em.getRepository(Transfer).createQueryBuilder("t"), "t"),
      "t",
      [TransferStatus.PENDING],
      day,
    );
    const outgoing = s.scope.outgoingTransferSql("t");
    return (
      pending
        .select(`SUM(CASE WHEN ${outgoing} THEN 1 ELSE 0 END)`, "outgoing")
        .addSelect(`SUM(CASE WHEN ${outgoing} THEN 0 ELSE 1 END)`, "incoming")
        // Expires within 7 days: created before the cutoff that is 7 days later than today's.
        .addSelect("SUM(CASE WHEN t.created_at < :soonCutoff THEN 1 ELSE 0 END)", "expiringSoon")
        .setParameters({ soonCutoff: expiryCutoff(addDays(day, 7)) })
        .getRawOne<{ outgoing: unknown; incoming: unknown; expiringSoon: unknown }>()
    );
  }

  /** The network's relationship requests still waiting for the customer. */
  private requestedRelationships(s: ServiceContext): Promise<number> {
    return s.scope
      .relationshipsOfNetwork(s.em.getRepository(CustomerRelationship).createQueryBuilder("cr"), "cr")
      .andWhere("cr.status = :requested", { requested: RelationshipStatus.REQUESTED })
      .getCount();
  }

  /** The provider's active resellers, and how many of them it may not name (compliance flags). */
  private resellerTotals(s: ServiceContext) {
    const issue = complianceIssueSql("r", s.actor.country, s.config.ruleBook);
    return s.scope
      .partnershipsAs(s.em.getRepository(ResellerPartnership).createQueryBuilder("rp"), "rp", "provider")
      .innerJoin(Partner, "r", "r.id = rp.reseller_id")
      .select("COUNT(*)", "active")
      .addSelect(`SUM(CASE WHEN ${issue.sql} THEN 1 ELSE 0 END)`, "issues")
      .andWhere("rp.status = :active", { active: PartnershipStatus.ACTIVE })
      .setParameters(issue.params)
      .getRawOne<{ active: unknown; issues: unknown }>();
  }

  /** Received (as provider) and sent (as reseller): both are the viewer's own. */
  private openProviderRequests(s: ServiceContext): Promise<number> {
    return s.scope
      .visibleProviderRequests(s.em.getRepository(ProviderRequest).createQueryBuilder("pr"), "pr")
      .andWhere("pr.status = :open", { open: ProviderRequestStatus.OPEN })
      .getCount();
  }
}

export const networkService = new NetworkService();
