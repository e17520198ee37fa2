import type { DataSource } from "typeorm";
import { runInTransaction } from "../data-source";
import {
  Customer,
  CustomerRelationship,
  CustomerSubscription,
  Partner,
  ProviderRequest,
  ResellerPartnership,
  Transfer,
  TransferLine,
  User,
} from "../domain/entities";
import { loadWorld } from "../scenarios/world";
import { buildDemoWorld } from "./demo-world";

export interface SeedCounts {
  partners: number;
  customers: number;
  subscriptions: number;
  transfers: number;
  users: number;
}

/** Loads the demo network as of `asOf` (YYYY-MM-DD) in one transaction. */
export async function seedDemoData(ds: DataSource, asOf: string): Promise<SeedCounts> {
  const world = buildDemoWorld(asOf);
  // Rows whose world data carries no date (partners, customers, relationships) are stamped with asOf.
  await runInTransaction(ds, (em) => loadWorld(em, world, new Date(`${asOf}T00:00:00Z`)));
  return {
    partners: world.partners.length,
    customers: world.customers.length,
    subscriptions: world.subscriptions.length,
    transfers: world.transfers.length,
    users: world.users?.length ?? 0,
  };
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
