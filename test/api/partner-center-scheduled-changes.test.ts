import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { signToken } from "../../server/src/auth/token";
import { toGlobalId } from "../../server/src/common/global-id";
import type { AppConfig } from "../../server/src/config";
import { PartnerType, ProgramStatus, RuleBook, TransferStatus, UserRole } from "../../server/src/domain/enums";
import { Partner } from "../../server/src/modules/partner/partner.entity";
import { CustomerSubscription } from "../../server/src/modules/subscription/customer-subscription.entity";
import { SyncRun } from "../../server/src/modules/sync/sync-run.entity";
import { syncCoordinatorOf } from "../../server/src/modules/sync/sync.service";
import { Transfer } from "../../server/src/modules/transfer/transfer.entity";
import { User } from "../../server/src/modules/user/user.entity";
import type { RunningEmulator } from "../../server/src/partner-center/emulator/server";
import type { EmulatorState } from "../../server/src/partner-center/emulator/state";
import { fullSync } from "../../server/src/partner-center/sync";
import { HOME, startPartnerCenterFixture, type PartnerCenterFixture } from "./partner-center-fixture";

// Issue 8 leftovers: under rule book V2 with the partner-center adapter, a change saved for the next renewal is
// written to Partner Center as the subscription's scheduledNextTermInstructions (create-scheduled-changes), removed
// the same way, and removed there by a mid-term change too; Partner Center's refusal is a PARTNER_CENTER user error
// with nothing changed; a retried call writes once. A transfer's rejection stays channelgate's own, and the sync
// keeps it. viewer.syncStatus says when Partner Center last confirmed the network, without rewriting data rows.

const OUTSIDER = "admin@local-only.example";

interface UserErrorView {
  field: string[] | null;
  code: string;
  message: string;
  source: string;
  upstreamCode: number | null;
}
interface Answer {
  subscription: {
    id: string;
    quantity: number;
    autoRenew: boolean;
    scheduledChange: { quantity: number | null; termDuration: string | null; billingCycle: string | null } | null;
  } | null;
  deletedScheduledChange: { quantity: number | null } | null;
  userErrors: UserErrorView[];
}

const SUB = `subscription { id quantity autoRenew scheduledChange { quantity termDuration billingCycle } }`;
const PAYLOAD = `${SUB} deletedScheduledChange { quantity } userErrors { field code message source upstreamCode }`;
const ORDER = `mutation($input: OrderSubscriptionInput!) { orderSubscription(input: $input) { ${SUB} userErrors { code message } } }`;
const SCHEDULE = `mutation($input: ScheduleSubscriptionChangeInput!) { scheduleSubscriptionChange(input: $input) { ${PAYLOAD} } }`;
const UNSCHEDULE = `mutation($input: CancelScheduledChangeInput!) { cancelScheduledChange(input: $input) { ${PAYLOAD} } }`;
const QUANTITY = `mutation($input: ChangeSubscriptionQuantityInput!) { changeSubscriptionQuantity(input: $input) { ${PAYLOAD} } }`;
const AUTO_RENEW = `mutation($input: SetSubscriptionAutoRenewInput!) { setSubscriptionAutoRenew(input: $input) { ${PAYLOAD} } }`;
const STATUS = `{ viewer { syncStatus { upstream lastSyncedAt stale staleAfterMinutes } } }`;

describe("scheduled changes, rejections and provenance with Partner Center upstream (emulator)", () => {
  let pc: PartnerCenterFixture;
  let emulator: RunningEmulator;
  let state: EmulatorState;
  let ds: DataSource;
  let config: AppConfig;
  let customerIds: string[];
  const client = (maxAttempts: number) => pc.client(maxAttempts);

  beforeAll(async () => {
    pc = await startPartnerCenterFixture({
      serveClient: false,
      config: (partnerCenter) => ({
        ruleBook: RuleBook.V2,
        upstream: "partner-center",
        partnerCenter,
        syncIntervalMinutes: 0,
        syncStaleAfterMinutes: 30,
      }),
    });
    ({ emulator, state, ds, config, customerIds } = pc);
  }, 300_000);

  afterAll(async () => {
    await pc?.close();
  });

  beforeEach(() => {
    emulator.writes.faults.refusePatches.clear();
    emulator.writes.faults.dropPatchAnswers = 0;
  });

  const gql = <T>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    pc.gql<T>(query, variables, headers);

  async function run(mutation: string, input: Record<string, unknown>, headers: Record<string, string> = {}) {
    const r = await gql<Record<string, Answer>>(mutation, { input }, headers);
    expect(r.body.errors).toBeUndefined();
    return { answer: Object.values(r.body.data!)[0]!, headers: r.headers };
  }

  /** A new-commerce subscription ordered through channelgate (active, auto-renew on): its global and Partner Center ids. */
  async function ordered(offerId: string) {
    const r = await gql<{ orderSubscription: Answer }>(ORDER, {
      input: {
        customerId: customerIds[0],
        offerName: `Scheduled ${offerId}`,
        offerId,
        offerKind: "LICENSE_BASED",
        quantity: 5,
        termDuration: "P1Y",
        billingCycle: "MONTHLY",
      },
    });
    const answer = r.body.data!.orderSubscription;
    expect(answer.userErrors).toEqual([]);
    const pcId = emulator.writes.orders.at(-1)!.lineItems[0]!.subscriptionId!;
    return { id: answer.subscription!.id, pcId, emu: () => state.subscriptions.find((s) => s.id === pcId)! };
  }

  const local = (pcId: string) => ds.getRepository(CustomerSubscription).findOneByOrFail({ id: pcId });

  it("a scheduled change is written through as scheduledNextTermInstructions, replaced, and removed", async () => {
    const sub = await ordered("CFQ7TTC0LH18:0001");
    const patches = emulator.writes.patches.length;
    const change = { quantity: 8, termDuration: "P3Y", billingCycle: "ANNUAL" };
    const saved = await run(SCHEDULE, { subscriptionId: sub.id, change });
    expect(saved.answer.userErrors).toEqual([]);
    expect(saved.answer.subscription!.scheduledChange).toEqual(change);
    // Partner Center holds it, in the documented shape: the same product, the next term's plan and quantity.
    const instructions = {
      product: { productId: "CFQ7TTC0LH18", skuId: "0001", billingCycle: "Annual", termDuration: "P3Y" },
      quantity: 8,
    };
    expect(sub.emu().scheduledNextTermInstructions).toEqual(instructions);
    expect(emulator.writes.patches.length).toBe(patches + 1);
    const patch = emulator.calls.filter((c) => c.method === "PATCH").at(-1)!;
    const pcCustomer = state.customers.get(sub.emu().customer)!.id;
    expect(patch.path).toBe(`/v1/customers/${pcCustomer}/subscriptions/${sub.pcId}`);
    expect(patch.requestId).toMatch(/^[0-9a-f-]{36}$/);
    // …and serves it back on the subscription.
    const served = await client(3).get<{ scheduledNextTermInstructions: unknown; quantity: number }>(
      `/v1/customers/${pcCustomer}/subscriptions/${sub.pcId}`,
    );
    expect(served).toMatchObject({ scheduledNextTermInstructions: instructions, quantity: 5 });
    expect(await local(sub.pcId)).toMatchObject({ scheduledChange: change, quantity: 5, source: "partner-center" });

    // Replaced: an omitted field keeps the current value, which Partner Center's instructions spell out.
    const replaced = await run(SCHEDULE, { subscriptionId: sub.id, change: { quantity: 4 } });
    expect(replaced.answer.userErrors).toEqual([]);
    expect(sub.emu().scheduledNextTermInstructions).toEqual({
      product: { productId: "CFQ7TTC0LH18", skuId: "0001", billingCycle: "Monthly", termDuration: "P1Y" },
      quantity: 4,
    });

    const removed = await run(UNSCHEDULE, { subscriptionId: sub.id });
    expect(removed.answer.userErrors).toEqual([]);
    expect(removed.answer.deletedScheduledChange).toEqual({ quantity: 4 });
    expect(sub.emu().scheduledNextTermInstructions).toBeNull();
    expect(emulator.writes.patches.at(-1)).toMatchObject({
      subscriptionId: sub.pcId,
      scheduledNextTermInstructions: null,
    });
    expect((await local(sub.pcId)).scheduledChange).toBeNull();
  });

  it("a mid-term change removes the scheduled change in Partner Center too", async () => {
    const sub = await ordered("CFQ7TTC0LH0R:0002");
    expect((await run(SCHEDULE, { subscriptionId: sub.id, change: { quantity: 9 } })).answer.userErrors).toEqual([]);
    expect(sub.emu().scheduledNextTermInstructions).toMatchObject({ quantity: 9 });
    const more = await run(QUANTITY, { subscriptionId: sub.id, quantity: 6 });
    expect(more.answer.userErrors).toEqual([]);
    expect(more.answer.deletedScheduledChange).toEqual({ quantity: 9 });
    expect(sub.emu()).toMatchObject({ quantity: 6, scheduledNextTermInstructions: null });
    expect(await local(sub.pcId)).toMatchObject({ quantity: 6, scheduledChange: null });

    expect((await run(SCHEDULE, { subscriptionId: sub.id, change: { quantity: 2 } })).answer.userErrors).toEqual([]);
    const off = await run(AUTO_RENEW, { subscriptionId: sub.id, autoRenew: false });
    expect(off.answer.userErrors).toEqual([]);
    expect(off.answer.deletedScheduledChange).toEqual({ quantity: 2 });
    expect(sub.emu()).toMatchObject({ autoRenew: false, scheduledNextTermInstructions: null });
    expect(await local(sub.pcId)).toMatchObject({ autoRenew: false, scheduledChange: null });
  });

  it("Partner Center's refusal is a PARTNER_CENTER user error and nothing changes on either side", async () => {
    const sub = await ordered("CFQ7TTC0LFLS:0002");
    emulator.writes.faults.refusePatches.set(sub.pcId, {
      status: 400,
      code: 800093,
      description: "The subscription cannot be updated right now.",
    });
    const patches = emulator.writes.patches.length;
    const refused = await run(SCHEDULE, { subscriptionId: sub.id, change: { quantity: 7 } });
    expect(refused.answer.userErrors).toEqual([
      {
        field: ["input", "subscriptionId"],
        code: "PARTNER_CENTER_REFUSED",
        message: "The subscription cannot be updated right now.",
        source: "PARTNER_CENTER",
        upstreamCode: 800093,
      },
    ]);
    expect(emulator.writes.patches.length).toBe(patches);
    expect(sub.emu().scheduledNextTermInstructions ?? null).toBeNull();
    expect((await local(sub.pcId)).scheduledChange).toBeNull();

    // Partner Center's own prerequisite (auto-renew on), where it disagrees with what channelgate last knew.
    emulator.writes.faults.refusePatches.clear();
    sub.emu().autoRenew = false;
    const prerequisite = await run(SCHEDULE, { subscriptionId: sub.id, change: { quantity: 7 } });
    expect(prerequisite.answer.userErrors).toMatchObject([
      { source: "PARTNER_CENTER", code: "PARTNER_CENTER_REFUSED" },
    ]);
    expect(prerequisite.answer.userErrors[0]!.message).toMatch(/autorenew/);
    expect(sub.emu().scheduledNextTermInstructions ?? null).toBeNull();
    expect((await local(sub.pcId)).scheduledChange).toBeNull();
    sub.emu().autoRenew = true;
  });

  it("a retried write is applied once: a lost answer is replayed by its MS-RequestId, a repeated request by its Idempotency-Key", async () => {
    const sub = await ordered("CFQ7TTC0LH16:0001");
    const before = { patches: emulator.writes.patches.length, replays: emulator.writes.replays };
    emulator.writes.faults.dropPatchAnswers = 1;
    const key = `schedule-${randomUUID()}`;
    const first = await run(SCHEDULE, { subscriptionId: sub.id, change: { quantity: 11 } }, { "Idempotency-Key": key });
    expect(first.answer.userErrors).toEqual([]);
    expect(emulator.writes.patches.length).toBe(before.patches + 1);
    expect(emulator.writes.replays).toBe(before.replays + 1);
    const tries = emulator.calls.filter((c) => c.method === "PATCH").slice(-2);
    expect(tries[0]!.status).toBe(0); // cut before any answer
    expect(tries[1]!.requestId).toBe(tries[0]!.requestId);
    expect(sub.emu().scheduledNextTermInstructions).toMatchObject({ quantity: 11 });

    const calls = emulator.calls.length;
    const again = await run(SCHEDULE, { subscriptionId: sub.id, change: { quantity: 11 } }, { "Idempotency-Key": key });
    expect(again.headers.get("idempotency-replayed")).toBe("true");
    expect(again.answer).toEqual(first.answer);
    expect(emulator.calls.length).toBe(calls);
    expect(emulator.writes.patches.length).toBe(before.patches + 1);
  });

  it("a sync keeps channelgate's saved change as the user gave it, and brings in one made in Partner Center alone", async () => {
    const ours = await ordered("CFQ7TTC0LH1G:0001");
    // Only the billing cycle: Partner Center holds the whole next term (the same quantity and term spelled out).
    const saved = await run(SCHEDULE, { subscriptionId: ours.id, change: { billingCycle: "ANNUAL" } });
    expect(saved.answer.userErrors).toEqual([]);
    const theirs = await ordered("CFQ7TTC0LH05:0001");
    const gone = await ordered("CFQ7TTC0LGZT:0001");
    expect((await run(SCHEDULE, { subscriptionId: gone.id, change: { quantity: 2 } })).answer.userErrors).toEqual([]);
    // In Partner Center alone: a change saved on one, the other's removed.
    theirs.emu().scheduledNextTermInstructions = {
      product: { productId: "CFQ7TTC0LH05", skuId: "0001", billingCycle: "Monthly", termDuration: "P3Y" },
      quantity: 12,
    };
    gone.emu().scheduledNextTermInstructions = null;
    const versions = async () =>
      Object.fromEntries(
        await Promise.all([ours, theirs, gone].map(async (x) => [x.pcId, (await local(x.pcId)).version] as const)),
      );
    const before = await versions();
    await fullSync(ds, client(8));
    expect((await local(ours.pcId)).scheduledChange).toEqual({ billingCycle: "ANNUAL" });
    expect((await local(theirs.pcId)).scheduledChange).toEqual({ quantity: 12, termDuration: "P3Y" });
    expect((await local(gone.pcId)).scheduledChange).toBeNull();
    const after = await versions();
    expect(after[ours.pcId]).toBe(before[ours.pcId]);
    expect(after[theirs.pcId]).toBe(before[theirs.pcId]! + 1);
    expect(after[gone.pcId]).toBe(before[gone.pcId]! + 1);
    // Nothing changed upstream since: the next sync writes nothing.
    expect((await fullSync(ds, client(8))).changed).toBe(0);
  });

  it("a rejection stays channelgate's own, and a sync keeps it while Partner Center still shows the request Active", async () => {
    // A pending transfer of the home partner's subscription, asked by another partner (as if synced from Partner Center).
    const mine = state.subscriptions.find((s) => s.transactingPartner === HOME && s.status === "ACTIVE")!;
    // The asking partner: one channelgate holds alone (not in the home partner's Partner Center network).
    const target = [...state.partners.values()].find((p) => p.key !== HOME)!;
    await ds.getRepository(Partner).insert({
      id: target.tenantId,
      name: target.name,
      partnerId: target.partnerId,
      tenantId: target.tenantId,
      types: [PartnerType.DIRECT_BILL],
      country: "US",
      mpaSigned: true,
      programStatus: ProgramStatus.ACTIVE,
      createdAt: new Date(),
    });
    await ds.getRepository(User).insert({
      id: randomUUID(),
      partnerId: target.tenantId,
      email: OUTSIDER,
      displayName: "Local partner admin",
      role: UserRole.GLOBAL_ADMIN,
      deactivatedAt: null,
    });
    state.transfers.push({
      key: "transfer:rejected-here",
      id: randomUUID(),
      customer: mine.customer,
      source: HOME,
      target: target.key,
      reseller: null,
      status: TransferStatus.PENDING,
      createdAt: new Date(Date.now() - 86_400_000).toISOString(),
      subscriptions: [mine.key],
    });
    const transferId = state.transfers.at(-1)!.id;
    await fullSync(ds, client(8));
    expect((await ds.getRepository(Transfer).findOneByOrFail({ id: transferId })).status).toBe(TransferStatus.PENDING);
    const calls = emulator.calls.length;
    const r = await gql<{ rejectTransfer: { transfer: { status: string } | null; userErrors: unknown[] } }>(
      `mutation($input: TransferIdInput!) { rejectTransfer(input: $input) { transfer { status } userErrors { code message } } }`,
      { input: { transferId: toGlobalId("Transfer", transferId) } },
    );
    expect(r.body.data!.rejectTransfer).toEqual({ transfer: { status: "REJECTED" }, userErrors: [] });
    expect(emulator.calls.length).toBe(calls); // nothing documented to call
    expect(state.transfers.at(-1)!.status).toBe(TransferStatus.PENDING);
    const version = (await ds.getRepository(Transfer).findOneByOrFail({ id: transferId })).version;
    const report = await fullSync(ds, client(8));
    expect(report.changed).toBe(0);
    expect(await ds.getRepository(Transfer).findOneByOrFail({ id: transferId })).toMatchObject({
      status: TransferStatus.REJECTED,
      version,
    });
  });

  it("viewer.syncStatus moves with every successful sync run, and a run that changes nothing writes no data row", async () => {
    // No sync run yet (the network was loaded by fullSync directly): nothing confirmed, so stale.
    await ds.getRepository(SyncRun).clear();
    const none = await gql<{ viewer: { syncStatus: Record<string, unknown> } }>(STATUS);
    expect(none.body.errors).toBeUndefined();
    expect(none.body.data!.viewer.syncStatus).toEqual({
      upstream: "PARTNER_CENTER",
      lastSyncedAt: null,
      stale: true,
      staleAfterMinutes: 30,
    });

    const rows = async () =>
      new Map(
        (await ds.getRepository(CustomerSubscription).find()).map((r) => [
          r.id,
          `${r.version}|${r.syncedAt?.toISOString()}`,
        ]),
      );
    const before = await rows();
    const started = await gql<{ startSync: { syncRun: { id: string } | null; userErrors: unknown[] } }>(
      `mutation { startSync { syncRun { id } userErrors { code message } } }`,
    );
    expect(started.body.data!.startSync.userErrors).toEqual([]);
    await syncCoordinatorOf(ds)!.idle();
    const done = await ds.getRepository(SyncRun).findOneByOrFail({ id: started.body.data!.startSync.syncRun!.id });
    expect(done).toMatchObject({ status: "SUCCEEDED", changed: 0 });
    expect(await rows()).toEqual(before);
    const fresh = await gql<{ viewer: { syncStatus: { lastSyncedAt: string; stale: boolean } } }>(STATUS);
    expect(fresh.body.data!.viewer.syncStatus).toMatchObject({ stale: false });
    expect(Date.parse(fresh.body.data!.viewer.syncStatus.lastSyncedAt)).toBe(done.startedAt.getTime());

    // Time passes past the threshold (the run is moved back 31 minutes): stale, with the same instant shown.
    const past = new Date(done.startedAt.getTime() - 31 * 60_000);
    await ds.getRepository(SyncRun).update({ id: done.id }, { startedAt: past });
    const old = await gql<{ viewer: { syncStatus: { lastSyncedAt: string; stale: boolean } } }>(STATUS);
    expect(old.body.data!.viewer.syncStatus.stale).toBe(true);
    expect(Date.parse(old.body.data!.viewer.syncStatus.lastSyncedAt)).toBe(past.getTime());
    // A failed run confirms nothing: the last successful one still counts.
    await ds.getRepository(SyncRun).insert({
      ...done,
      id: randomUUID(),
      status: "FAILED" as SyncRun["status"],
      startedAt: new Date(),
      finishedAt: new Date(),
      error: "test: failed",
    });
    const afterFailure = await gql<{ viewer: { syncStatus: { lastSyncedAt: string; stale: boolean } } }>(STATUS);
    expect(afterFailure.body.data!.viewer.syncStatus).toMatchObject({ stale: true });
    expect(Date.parse(afterFailure.body.data!.viewer.syncStatus.lastSyncedAt)).toBe(past.getTime());

    // A partner channelgate holds alone: Partner Center confirms nothing of it, and nothing of it is stale.
    const outsider = await gql<{ viewer: { syncStatus: Record<string, unknown> } }>(
      STATUS,
      {},
      {
        authorization: `Bearer ${await signToken(config.authSecret, OUTSIDER)}`,
      },
    );
    expect(outsider.body.data!.viewer.syncStatus).toEqual({
      upstream: "PARTNER_CENTER",
      lastSyncedAt: null,
      stale: false,
      staleAfterMinutes: 30,
    });
  }, 120_000);
});
