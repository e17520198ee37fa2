import type { DataSource } from "typeorm";
import { runInTransaction } from "../data-source";
import { PartnershipStatus, PartnerType } from "../domain/enums";
import { Partner } from "../modules/partner/partner.entity";
import { ResellerPartnership } from "../modules/partner/reseller-partnership.entity";
import { PartnerCenterError, type PartnerCenterClient } from "./client";
import { fetchCustomerBundle, writeCustomer, type Known } from "./sync";

// Refreshing one object after a webhook or an audit record (issue 8 item 5). Partner Center's events name a
// customer (and in it a subscription, transfer or relationship); what the sync keeps of a customer is read and
// written as one bundle, in one transaction, with the full sync's own mapping and upserts, so a refresh writes
// exactly what a full sync would (and nothing when nothing changed).

/** What a refresh is about: the kinds of Partner Center events and audit records channelgate acts on. */
export type RefreshKind = "customer" | "subscription" | "transfer" | "relationship";

export interface RefreshResult {
  /** Rows inserted or updated. */
  changed: number;
  /** Why nothing could be refreshed (unknown customer, no full sync yet), or null. */
  skipped: string | null;
}

/** What the writers need to know of the network: read from the database, as the last full sync left it. */
async function knownNetwork(ds: DataSource, homeId: string): Promise<Known | null> {
  const partners = await ds.getRepository(Partner).find();
  const home = partners.find((p) => p.id === homeId);
  if (!home) return null;
  const partnersByTenant = new Map(partners.map((p) => [p.tenantId, p]));
  const partnersByMpn = new Map(partners.map((p) => [p.partnerId, p]));
  let transacting: Partner | null = home;
  // An indirect reseller's subscriptions are billed by its provider (as fullSync decides it).
  if (home.types.includes(PartnerType.INDIRECT_RESELLER) && !home.types.includes(PartnerType.INDIRECT_PROVIDER)) {
    const providers = await ds
      .getRepository(ResellerPartnership)
      .findBy({ resellerId: home.id, status: PartnershipStatus.ACTIVE });
    transacting = providers.length === 1 ? (partners.find((p) => p.id === providers[0]!.providerId) ?? null) : null;
  }
  return { home, transacting, partnersByTenant, partnersByMpn };
}

/** Reads one customer's objects from Partner Center and upserts them with provenance. */
export async function refreshCustomer(
  ds: DataSource,
  client: PartnerCenterClient,
  homeId: string,
  customerId: string,
  now: Date = new Date(),
): Promise<RefreshResult> {
  const known = await knownNetwork(ds, homeId);
  if (!known) return { changed: 0, skipped: "the home partner is not synced yet: run a full sync first" };
  let bundle;
  try {
    bundle = await fetchCustomerBundle(client, customerId, client.hasUserCredentials);
  } catch (error) {
    // Not (or no longer) the partner's customer: nothing of it to refresh here (a full sync reconciles removals).
    if (error instanceof PartnerCenterError && error.status === 404) {
      return { changed: 0, skipped: `customer ${customerId} is not a customer of the home partner` };
    }
    throw error;
  }
  const skipped: string[] = [];
  const counts = await runInTransaction(ds, (em) => writeCustomer(em, now, bundle, known, skipped));
  return { changed: counts.changed, skipped: null };
}
