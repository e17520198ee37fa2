import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { toIsoDate } from "../../server/src/common/dates";
import { createDataSource } from "../../server/src/data-source";
import { PartnershipStatus, PartnerType, ProgramStatus } from "../../server/src/domain/enums";
import { Partner } from "../../server/src/modules/partner/partner.entity";
import { CustomerSubscription } from "../../server/src/modules/subscription/customer-subscription.entity";
import { PartnerCenterClient } from "../../server/src/partner-center/client";
import { startEmulator, type RunningEmulator } from "../../server/src/partner-center/emulator/server";
import { stateFromWorld, type EmulatorState } from "../../server/src/partner-center/emulator/state";
import { fullSync } from "../../server/src/partner-center/sync";
import type { World } from "../../server/src/scenarios/world";
import { provisionTestDatabase } from "./harness";
import { cspLicense, customer, partner, rel } from "./mutation-helpers";

// Issue 8: what the sync reads for the partner facts and the offer maximum, and what it leaves alone.
// - An offer's maximum seats come from the catalog SKU its offer id names (get-a-sku-by-id), read once per SKU and
//   run; a SKU the catalog does not have leaves the maximum unknown.
// - Facts recorded in channelgate (recordPartnerFacts) are never overwritten by a later sync: a reseller's own MPA
//   record wins over agreementstatus, program status stays as recorded.

const { INDIRECT_PROVIDER, INDIRECT_RESELLER, DIRECT_BILL } = PartnerType;
const world: World = {
  partners: [
    partner("prov", "1000001", [INDIRECT_PROVIDER]),
    partner("res", "2000001", [INDIRECT_RESELLER], { mpaSigned: false }),
    partner("direct", "3000001", [DIRECT_BILL]),
  ],
  partnerships: [{ provider: "prov", reseller: "res", status: PartnershipStatus.ACTIVE }],
  customers: [customer("contoso"), customer("fabrikam")],
  relationships: [rel("direct", "contoso"), rel("prov", "fabrikam")],
  subscriptions: [
    cspLicense("basic", "contoso", "direct", { offerId: "CFQ7TTC0LH18:0001", maxQuantity: 300 }),
    cspLicense("basic2", "contoso", "direct", { offerId: "CFQ7TTC0LH18:0001", maxQuantity: 300 }),
    cspLicense("e3", "contoso", "direct", { offerId: "CFQ7TTC0LFLX:0002" }),
    cspLicense("named", "fabrikam", "prov", { offerName: "Microsoft 365 Business Premium", maxQuantity: 300 }),
  ],
  transfers: [],
  users: [],
};

const SECRET = `s3cr3t-${randomUUID()}`;
let ds: DataSource;
let drop: (() => Promise<void>) | null = null;
let emulator: RunningEmulator;
let state: EmulatorState;

beforeAll(async () => {
  const database = await provisionTestDatabase();
  ds = createDataSource({ databaseUrl: database?.url ?? null, sqlitePath: ":memory:" });
  process.env.LOG_MIGRATIONS = "0";
  await ds.initialize();
  await ds.runMigrations({ transaction: "all" });
  drop = database ? () => database.drop() : null;
  state = stateFromWorld(world, toIsoDate(new Date()));
  emulator = await startEmulator(state, { clients: { "facts-test": SECRET } });
});
afterAll(async () => {
  await emulator?.close();
  await ds?.destroy();
  await drop?.();
});

function sync(home: string) {
  const tenantId = state.partners.get(home)!.tenantId;
  const client = new PartnerCenterClient(
    {
      apiUrl: emulator.url,
      tokenUrl: `${emulator.url}/<tenant>/oauth2/token`,
      tenantId,
      clientId: "facts-test",
      clientSecret: SECRET,
      refreshToken: emulator.refreshTokenFor(tenantId),
    },
    { backoffBaseMs: 5, backoffCapMs: 50, concurrency: 4 },
  );
  return fullSync(ds, client);
}

const subscriptionOf = (key: string) =>
  ds.getRepository(CustomerSubscription).findOneByOrFail({ id: state.subscriptionsByKey.get(key)!.id });
const partnerOf = (key: string) => ds.getRepository(Partner).findOneByOrFail({ id: state.partners.get(key)!.tenantId });

describe("the sync, the catalog and the facts channelgate records", () => {
  it("reads an offer's maximum seats from its catalog SKU, once per SKU and run", async () => {
    const before = emulator.calls.length;
    await sync("direct");
    await sync("prov");
    const skuCalls = emulator.calls.slice(before).filter((c) => c.path.startsWith("/v1/products/"));
    // direct: CFQ7TTC0LH18/0001 (two subscriptions, one call) and CFQ7TTC0LFLX/0002 (not in the catalog: 404);
    // prov: the offer the world names only, under its catalog id.
    expect(skuCalls.map((c) => [c.path.split("?")[0], c.status]).sort()).toEqual(
      [
        ["/v1/products/CFQ7TTC0LFLX/skus/0002", 404],
        ["/v1/products/CFQ7TTC0LH18/skus/0001", 200],
        [`/v1/products/${(await subscriptionOf("named")).offerId!.split(":")[0]}/skus/0001`, 200],
      ].sort(),
    );
    expect((await subscriptionOf("basic")).maxQuantity).toBe(300);
    expect((await subscriptionOf("basic2")).maxQuantity).toBe(300);
    expect((await subscriptionOf("e3")).maxQuantity).toBeNull();
    expect((await subscriptionOf("named")).maxQuantity).toBe(300);
    expect((await subscriptionOf("named")).offerId).toMatch(/^[0-9A-Z]{12}:0001$/);
    // Partner Center's agreementstatus: the reseller has not signed.
    expect((await partnerOf("res")).mpaSigned).toBe(false);
  });

  it("never overwrites a recorded fact; without a record, agreementstatus is read again", async () => {
    const now = new Date();
    const res = await partnerOf("res");
    const direct = await partnerOf("direct");
    // As recordPartnerFacts writes them (the reseller about itself; the direct partner about itself).
    await ds
      .getRepository(Partner)
      .update({ id: res.id }, { mpaSigned: true, mpaSignedRecordedAt: now, factsRecordedById: res.id });
    await ds
      .getRepository(Partner)
      .update(
        { id: direct.id },
        { programStatus: ProgramStatus.SUSPENDED, programStatusRecordedAt: now, factsRecordedById: direct.id },
      );
    const reports = [await sync("direct"), await sync("prov")];
    expect(reports.map((r) => r.changed)).toEqual([0, 0]);
    expect(await partnerOf("res")).toMatchObject({ mpaSigned: true });
    expect(await partnerOf("direct")).toMatchObject({ programStatus: ProgramStatus.SUSPENDED });

    // The record removed: the next sync reads Partner Center's answer again.
    await ds.getRepository(Partner).update({ id: res.id }, { mpaSignedRecordedAt: null });
    await sync("prov");
    expect(await partnerOf("res")).toMatchObject({ mpaSigned: false });
  });
});
