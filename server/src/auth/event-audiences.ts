import type { EntityManager } from "typeorm";
import { PartnershipStatus, RelationshipStatus, SalesChannel } from "../domain/enums";
import type { Partner } from "../modules/partner/partner.entity";
import { ResellerPartnership } from "../modules/partner/reseller-partnership.entity";
import {
  CSP_SUBSCRIPTION_PARTIES,
  joinsNetwork,
  PROVIDER_REQUEST_PARTIES,
  TRANSFER_PARTIES,
  VISIBLE_RELATIONSHIP,
} from "./scope";

// Live events' audiences: the inverse of auth/scope.ts's visibility conditions, kept beside it in auth/ and built on
// its shared rules (joinsNetwork, VISIBLE_RELATIONSHIP) and party columns (TRANSFER_PARTIES…). scope.ts stays the one
// place a query is scoped.

/** A node a live event is about (modules/live): the objects whose changes are published. */
export interface AudienceSubject {
  type: "Transfer" | "CustomerSubscription" | "ProviderRequest" | "CustomerRelationship";
  id: string;
}

export const audienceKey = (s: AudienceSubject) => `${s.type}:${s.id}`;

/** A subscription's parties as written in the caller's transaction (the row it just inserted or updated). */
export interface KnownSubscription {
  id: string;
  customerId: string;
  channel: string;
  transactingPartnerId: string | null;
  resellerOfRecordId: string | null;
}

/**
 * Which partners may see each subject: the inverse of the `visible…` conditions above, for live events (each event
 * carries its audience, decided where it is written). A subject's parties are the partners its condition names
 * (transfers: source, target, reseller; subscriptions: transacting partner and reseller of record, plus for other
 * channels the partners holding the customer; relationships: their partner); every network that contains a party
 * sees it (`joinsNetwork`, as in `load`). Provider requests are seen by their two parties only, as
 * `visibleProviderRequests`. test/api/live-events.test.ts checks this against the forward conditions for every
 * partner. A handful of queries for any number of subjects (batched, no N+1).
 */
export async function audiencesOf(
  em: EntityManager,
  subjects: readonly AudienceSubject[],
  known: (subject: AudienceSubject) => KnownSubscription | undefined = () => undefined,
): Promise<Map<string, string[]>> {
  const idsOf = (type: AudienceSubject["type"]) => [
    ...new Set(subjects.filter((s) => s.type === type).map((s) => s.id)),
  ];
  const parties = new Map<string, string[]>();
  const networked = new Set<string>();
  const add = (key: string, ids: (string | null)[], network = true) => {
    parties.set(key, [...new Set([...(parties.get(key) ?? []), ...ids.filter((x): x is string => x !== null)])]);
    if (network) networked.add(key);
  };
  const transferIds = idsOf("Transfer");
  if (transferIds.length) {
    const rows: Row[] = await em.query(
      `SELECT id, ${TRANSFER_PARTIES.join(", ")} FROM transfer WHERE id IN (${placeholders(em, transferIds.length)})`,
      transferIds,
    );
    for (const r of rows) add(`Transfer:${r.id}`, partiesOf(r, TRANSFER_PARTIES));
  }
  const requestIds = idsOf("ProviderRequest");
  if (requestIds.length) {
    const rows: Row[] = await em.query(
      `SELECT id, ${PROVIDER_REQUEST_PARTIES.join(", ")} FROM provider_request ` +
        `WHERE id IN (${placeholders(em, requestIds.length)})`,
      requestIds,
    );
    for (const r of rows) add(`ProviderRequest:${r.id}`, partiesOf(r, PROVIDER_REQUEST_PARTIES), false);
  }
  const relationshipIds = idsOf("CustomerRelationship");
  if (relationshipIds.length) {
    const rows: { id: string; partner: string; status: string }[] = await em.query(
      `SELECT id, partner_id AS partner, status FROM customer_relationship ` +
        `WHERE id IN (${placeholders(em, relationshipIds.length)})`,
      relationshipIds,
    );
    // Only a relationship the customer accepted shows the customer (VISIBLE_RELATIONSHIP).
    for (const r of rows)
      add(
        `CustomerRelationship:${r.id}`,
        VISIBLE_RELATIONSHIP.includes(r.status as RelationshipStatus) ? [r.partner] : [],
      );
  }
  const subscriptionIds = idsOf("CustomerSubscription");
  if (subscriptionIds.length) {
    type SubscriptionParties = Row & { customer: string; channel: string };
    // Rows the caller wrote in this transaction are known as written; only the others are read.
    const knownRows: SubscriptionParties[] = [];
    const unknown: string[] = [];
    for (const id of subscriptionIds) {
      const k = known({ type: "CustomerSubscription", id });
      if (k)
        knownRows.push({
          id,
          customer: k.customerId,
          channel: k.channel,
          transacting_partner_id: k.transactingPartnerId,
          reseller_of_record_id: k.resellerOfRecordId,
        } satisfies Record<(typeof CSP_SUBSCRIPTION_PARTIES)[number], string | null> & Row);
      else unknown.push(id);
    }
    const rows: SubscriptionParties[] = unknown.length
      ? [
          ...knownRows,
          ...((await em.query(
            `SELECT id, customer_id AS customer, channel, ${CSP_SUBSCRIPTION_PARTIES.join(", ")} ` +
              `FROM customer_subscription WHERE id IN (${placeholders(em, unknown.length)})`,
            unknown,
          )) as SubscriptionParties[]),
        ]
      : knownRows;
    const otherChannels = [...new Set(rows.filter((r) => r.channel !== SalesChannel.CSP).map((r) => r.customer))];
    const holders = new Map<string, string[]>();
    if (otherChannels.length) {
      const held: { customer: string; partner: string }[] = await em.query(
        `SELECT customer_id AS customer, partner_id AS partner FROM customer_relationship ` +
          `WHERE customer_id IN (${placeholders(em, otherChannels.length)}) ` +
          `AND status IN (${placeholders(em, VISIBLE_RELATIONSHIP.length, otherChannels.length)})`,
        [...otherChannels, ...VISIBLE_RELATIONSHIP],
      );
      for (const h of held) holders.set(h.customer, [...(holders.get(h.customer) ?? []), h.partner]);
    }
    for (const r of rows) {
      const holding = r.channel !== SalesChannel.CSP ? (holders.get(r.customer) ?? []) : [];
      add(`CustomerSubscription:${r.id}`, [...partiesOf(r, CSP_SUBSCRIPTION_PARTIES), ...holding]);
    }
  }
  // Every network that contains a party: the providers whose ACTIVE partnership takes the party in.
  const resellers = [...new Set([...networked].flatMap((k) => parties.get(k) ?? []))];
  const providersOf = new Map<string, string[]>();
  if (resellers.length) {
    const links = await em
      .getRepository(ResellerPartnership)
      .createQueryBuilder("rp")
      .innerJoinAndSelect("rp.provider", "p")
      .where("rp.reseller_id IN (:...resellers)", { resellers })
      .andWhere("rp.status = :active", { active: PartnershipStatus.ACTIVE })
      .getMany();
    for (const rp of links) {
      if (rp.provider && joinsNetwork(rp, rp.provider as Partner)) {
        providersOf.set(rp.resellerId, [...(providersOf.get(rp.resellerId) ?? []), rp.providerId]);
      }
    }
  }
  const out = new Map<string, string[]>();
  for (const s of subjects) {
    const key = audienceKey(s);
    const direct = parties.get(key) ?? [];
    const all = networked.has(key) ? [...direct, ...direct.flatMap((p) => providersOf.get(p) ?? [])] : direct;
    out.set(key, [...new Set(all)].sort());
  }
  return out;
}

/** A row of a subject's id and party columns. */
type Row = { id: string } & Record<string, string | null>;
const partiesOf = (r: Row, columns: readonly string[]) => columns.map((c) => r[c] ?? null);

/** `$1, $2…` on PostgreSQL, `?, ?…` on SQLite, for raw IN lists. */
function placeholders(em: EntityManager, count: number, offset = 0): string {
  const pg = em.connection.options.type === "postgres";
  return Array.from({ length: count }, (_, i) => (pg ? `$${offset + i + 1}` : "?")).join(", ");
}
