import type { DataSource } from "typeorm";
import { runInTransaction } from "../data-source";
import { Customer } from "../modules/customer/customer.entity";
import { CustomerRelationship } from "../modules/customer/customer-relationship.entity";
import { CustomerSubscription } from "../modules/subscription/customer-subscription.entity";
import { Partner } from "../modules/partner/partner.entity";
import { ProviderRequest } from "../modules/provider-request/provider-request.entity";
import { ResellerPartnership } from "../modules/partner/reseller-partnership.entity";
import { Transfer, TransferLine } from "../modules/transfer/transfer.entity";
import { User } from "../modules/user/user.entity";
import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import { OfferKind, SubscriptionStatus, TermDuration } from "../domain/enums";
import { ProviderRequestAction, ProviderRequestStatus } from "../modules/provider-request/provider-request.entity";
import { loadWorld } from "../scenarios/world";
import { buildDemoWorld } from "./demo-world";

export interface SeedCounts {
  partners: number;
  customers: number;
  subscriptions: number;
  transfers: number;
  users: number;
  providerRequests: number;
}

/** Loads the demo network as of `asOf` (YYYY-MM-DD) in one transaction. */
export async function seedDemoData(ds: DataSource, asOf: string): Promise<SeedCounts> {
  const world = buildDemoWorld(asOf);
  // Rows whose world data carries no date (partners, customers, relationships) are stamped with asOf.
  const providerRequests = await runInTransaction(ds, async (em) => {
    await loadWorld(em, world, new Date(`${asOf}T00:00:00Z`));
    return seedProviderRequests(em, new Date(`${asOf}T09:00:00Z`));
  });
  return {
    partners: world.partners.length,
    customers: world.customers.length,
    subscriptions: world.subscriptions.length,
    transfers: world.transfers.length,
    users: world.users?.length ?? 0,
    providerRequests,
  };
}

/**
 * Live examples of resellers asking their provider (the world format has no requests): Wingtip Toys IT asks
 * Trey Research Distribution to order for Contoso and to cancel one of Contoso's subscriptions, and one earlier
 * request was fulfilled.
 */
async function seedProviderRequests(em: EntityManager, now: Date): Promise<number> {
  const wingtip = await em.getRepository(Partner).findOneBy({ name: "Wingtip Toys IT" });
  const trey = await em.getRepository(Partner).findOneBy({ name: "Trey Research Distribution" });
  const contoso = await em.getRepository(Customer).findOneBy({ name: "Contoso Ltd." });
  if (!wingtip || !trey || !contoso) return 0;
  const live = await em.getRepository(CustomerSubscription).findOne({
    where: { customerId: contoso.id, resellerOfRecordId: wingtip.id, status: SubscriptionStatus.ACTIVE },
    order: { offerName: "ASC" },
  });
  const base = {
    resellerId: wingtip.id,
    providerId: trey.id,
    customerId: contoso.id,
    subscriptionId: null,
    offerName: null,
    offerId: null,
    offerKind: null,
    quantity: null,
    termDuration: null,
    responseNote: null,
    createdByUserId: null,
    respondedAt: null,
    version: 1,
  };
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
  const requests: ProviderRequest[] = [
    Object.assign(new ProviderRequest(), base, {
      id: randomUUID(),
      action: ProviderRequestAction.ORDER,
      offerName: "Microsoft 365 Business Premium",
      offerId: "CFQ7TTC0LCHC:0002",
      offerKind: OfferKind.LICENSE_BASED,
      quantity: 12,
      termDuration: TermDuration.P1Y,
      note: "Contoso is hiring a new sales team in January.",
      status: ProviderRequestStatus.OPEN,
      createdAt: hoursAgo(20),
    }),
    Object.assign(new ProviderRequest(), base, {
      id: randomUUID(),
      action: ProviderRequestAction.ORDER,
      offerName: "Power BI Pro",
      offerId: "CFQ7TTC0L3PB:0001",
      offerKind: OfferKind.LICENSE_BASED,
      quantity: 5,
      termDuration: TermDuration.P1M,
      note: "Monthly term, please.",
      status: ProviderRequestStatus.FULFILLED,
      responseNote: "Ordered on a monthly term.",
      createdAt: hoursAgo(24 * 9),
      respondedAt: hoursAgo(24 * 8),
    }),
  ];
  if (live) {
    requests.push(
      Object.assign(new ProviderRequest(), base, {
        id: randomUUID(),
        action: ProviderRequestAction.CANCEL,
        subscriptionId: live.id,
        note: "The customer no longer needs these seats.",
        status: ProviderRequestStatus.OPEN,
        createdAt: hoursAgo(3),
      }),
    );
  }
  await em.insert(ProviderRequest, requests);
  return requests.length;
}

/** True when the database holds no partner, i.e. nothing was ever seeded or created. */
export async function isDatabaseEmpty(ds: DataSource): Promise<boolean> {
  return !(await ds.getRepository(Partner).exists());
}

/** Children first, so foreign keys hold at every step. */
const DELETE_ORDER = [
  ProviderRequest,
  TransferLine,
  Transfer,
  CustomerSubscription,
  CustomerRelationship,
  User,
  ResellerPartnership,
  Customer,
  Partner,
];

/** Deletes every row of every table, in one transaction. */
export async function deleteAllRows(ds: DataSource): Promise<void> {
  await runInTransaction(ds, async (em) => {
    for (const entity of DELETE_ORDER) await em.createQueryBuilder().delete().from(entity).execute();
  });
}
