import { createSign, generateKeyPairSync, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { startApp, type RunningApp } from "../../server/src/app";
import { signToken } from "../../server/src/auth/token";
import { toIsoDate } from "../../server/src/common/dates";
import { loadConfig, type AppConfig } from "../../server/src/config";
import { PartnerType, ProgramStatus, SubscriptionStatus, SyncRunKind, UserRole } from "../../server/src/domain/enums";
import { Partner } from "../../server/src/modules/partner/partner.entity";
import { CustomerSubscription } from "../../server/src/modules/subscription/customer-subscription.entity";
import { SyncRun } from "../../server/src/modules/sync/sync-run.entity";
import { newRun, openRun, SyncCoordinator } from "../../server/src/modules/sync/sync-runner";
import { tryAcquireSyncLock } from "../../server/src/modules/sync/sync-lock";
import { syncCoordinatorOf } from "../../server/src/modules/sync/sync.service";
import { User } from "../../server/src/modules/user/user.entity";
import type { ClientOptions, PartnerCenterSettings } from "../../server/src/partner-center/client";
import { changeSubscription } from "../../server/src/partner-center/emulator/audit-records";
import { signWebhookBody, webhookDeliveries } from "../../server/src/partner-center/emulator/webhooks";
import {
  EMULATOR_WEBHOOK_CERT_PEM,
  EMULATOR_WEBHOOK_ORGANIZATION,
} from "../../server/src/partner-center/emulator/webhook-test-key";
import { WebhookEvent } from "../../server/src/modules/sync/webhook-event.entity";
import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from "../../server/src/partner-center/emulator/server";
import { customersOf, stateFromWorld, type EmulatorState } from "../../server/src/partner-center/emulator/state";
import { SYNC_SOURCE } from "../../server/src/partner-center/sync";
import { buildDemoWorld } from "../../server/src/seed/demo-world";
import { createUpstream, type UpstreamPort } from "../../server/src/upstream/upstream";
import { migratedDatabase, startTestServer } from "./harness";
import { CLIENT_ID, emulatorSettings, SECRET } from "./partner-center-fixture";

// Issue 8 items 3 and 5: startSync runs a full sync in the background with its progress in sync_run, one at a time
// across replicas; a failed run resumes where it stopped; the incremental sync reads Partner Center's audit
// records and refreshes what they name, once across replicas. Against the emulator in-process on a free port, with
// a small home partner of the demo network (a direct-bill partner: 16 customers, 108 subscriptions).

const asOf = toIsoDate(new Date());
const world = buildDemoWorld(asOf);
const HOME = "estrela";
const fast: ClientOptions = { backoffBaseMs: 5, backoffCapMs: 50, concurrency: 4 };

/**
 * Audit-record windows are half-open, [since, until): a change stamped in the very millisecond a run starts is read by
 * the next run, not this one. A test that expects this run to read its change lets the clock move past it first.
 */
async function afterThisMillisecond(): Promise<void> {
  const now = Date.now();
  while (Date.now() <= now) await new Promise((r) => setTimeout(r, 1));
}

const emptyDatabase = migratedDatabase;

function settingsFor(emulator: RunningEmulator, state: EmulatorState): PartnerCenterSettings {
  return emulatorSettings(emulator, state.partners.get(HOME)!.tenantId);
}

function upstreamFor(emulator: RunningEmulator, state: EmulatorState, opts: ClientOptions = fast): UpstreamPort {
  return createUpstream({ upstream: "partner-center", partnerCenter: settingsFor(emulator, state) }, opts);
}

/** An upstream whose adapter a test swaps (a failing one, then a healthy one), as a replica restarted with faults. */
function swappable(initial: UpstreamPort): UpstreamPort & { inner: UpstreamPort } {
  return {
    inner: initial,
    kind: "partner-center",
    fullSync(ds, o) {
      return this.inner.fullSync(ds, o);
    },
    refresh(ds, kind, id) {
      return this.inner.refresh(ds, kind, id);
    },
    changedCustomers(since, until) {
      return this.inner.changedCustomers(since, until);
    },
    callStats() {
      return this.inner.callStats();
    },
    get connectedTenantId() {
      return this.inner.connectedTenantId;
    },
    get source() {
      return this.inner.source;
    },
    placeOrder(order, ids) {
      return this.inner.placeOrder(order, ids);
    },
    updateSubscription(customerId, subscriptionId, patch, ids) {
      return this.inner.updateSubscription(customerId, subscriptionId, patch, ids);
    },
    createTransfer(transfer, ids) {
      return this.inner.createTransfer(transfer, ids);
    },
    updateTransfer(customerId, transferId, status, ids) {
      return this.inner.updateTransfer(customerId, transferId, status, ids);
    },
    relationshipRequestLink() {
      return this.inner.relationshipRequestLink();
    },
  };
}

const RUN_FIELDS = `id kind status phase phases { phase done total } customers subscriptions changed calls retries
  throttled startedAt finishedAt error resumeFrom`;

interface RunView {
  id: string;
  kind: string;
  status: string;
  phase: string | null;
  phases: Array<{ phase: string; done: number; total: number }>;
  customers: number;
  subscriptions: number;
  changed: number;
  calls: number;
  retries: number;
  throttled: number;
  finishedAt: string | null;
  error: string | null;
  resumeFrom: string | null;
}

describe("startSync: a full sync in the background, its progress, one at a time, resume after a failure", () => {
  let state: EmulatorState;
  let clean: RunningEmulator;
  let slow: RunningEmulator;
  let failing: RunningEmulator;
  let ds: DataSource;
  let drop: (() => Promise<void>) | null;
  let app: RunningApp;
  let config: AppConfig;
  let upstream: UpstreamPort & { inner: UpstreamPort };
  const ADMIN = "admin@estrela.example";
  const HELPDESK = "helpdesk@estrela.example";
  const OUTSIDER = "admin@outsider.example";

  beforeAll(async () => {
    state = stateFromWorld(world, asOf);
    const base: EmulatorOptions = { clients: { [CLIENT_ID]: SECRET } };
    clean = await startEmulator(state, base);
    // Throttled on every 3rd call (Retry-After 0.15 s): slow enough to be seen RUNNING, and throttled counts.
    slow = await startEmulator(state, { ...base, every429: 3, retryAfterSeconds: 0.15 });
    // A 503 on every 25th call, and a client that does not retry: the sync fails part-way through the customers.
    failing = await startEmulator(state, { ...base, every503: 25 });
    ({ ds, drop } = await emptyDatabase());
    // The first sync brings in the home partner (the CLI's `npm run sync`), then its first users are added.
    const first = await upstreamFor(clean, state).fullSync(ds);
    expect(first?.customers).toBe(customersOf(state, HOME).length);
    const home = state.partners.get(HOME)!.tenantId;
    const outsider = randomUUID();
    await ds.getRepository(Partner).insert({
      id: outsider,
      name: "Outsider",
      partnerId: "9999999",
      tenantId: outsider,
      country: "PT",
      types: [PartnerType.DIRECT_BILL],
      mpaSigned: true,
      programStatus: ProgramStatus.ACTIVE,
      createdAt: new Date(),
    });
    for (const [partnerId, email, role] of [
      [home, ADMIN, UserRole.GLOBAL_ADMIN],
      [home, HELPDESK, UserRole.HELPDESK_AGENT],
      [outsider, OUTSIDER, UserRole.GLOBAL_ADMIN],
    ] as const) {
      await ds
        .getRepository(User)
        .insert({ id: randomUUID(), partnerId, email, displayName: email, role, deactivatedAt: null });
    }
    upstream = swappable(upstreamFor(slow, state));
    config = {
      ...loadConfig({}),
      host: "127.0.0.1",
      port: 0,
      databaseUrl: null,
      sqlitePath: ":memory:",
      rateLimitPerMinute: 0,
      upstream: "partner-center",
      partnerCenter: settingsFor(clean, state),
      syncIntervalMinutes: 0,
    };
    app = await startApp(config, { dataSource: ds, quiet: true, upstream, serveClient: false });
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    await ds?.destroy();
    await drop?.();
    await Promise.all([clean?.close(), slow?.close(), failing?.close()]);
  });

  async function gql(email: string, query: string, variables: Record<string, unknown> = {}) {
    const token = await signToken(config.authSecret, email);
    const res = await fetch(app.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as {
      data?: Record<string, unknown> | null;
      errors?: Array<{ message: string; extensions?: { code?: string } }>;
    };
  }

  const START = `mutation($input: StartSyncInput) { startSync(input: $input) {
    userErrors { field code message } syncRun { ${RUN_FIELDS} } } }`;

  async function start(resume = false) {
    const body = await gql(ADMIN, START, { input: { resume } });
    expect(body.errors).toBeUndefined();
    return body.data!.startSync as {
      userErrors: Array<{ field: string[] | null; code: string; message: string }>;
      syncRun: RunView | null;
    };
  }

  /** Polls syncRun(id) until it is no longer RUNNING; answers every state seen. */
  async function follow(id: string): Promise<RunView[]> {
    const seen: RunView[] = [];
    for (let i = 0; i < 600; i++) {
      const body = await gql(ADMIN, `query($id: ID!) { syncRun(id: $id) { ${RUN_FIELDS} } }`, { id });
      expect(body.errors).toBeUndefined();
      const run = body.data!.syncRun as RunView;
      seen.push(run);
      if (run.status !== "RUNNING") return seen;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("the sync run did not finish");
  }

  it("starts a full sync, shows its progress while it runs, and refuses a second one meanwhile", async () => {
    const first = await start();
    expect(first.userErrors).toEqual([]);
    expect(first.syncRun).toMatchObject({ kind: "FULL", status: "RUNNING", finishedAt: null, error: null });
    const second = await start();
    expect(second.syncRun).toBeNull();
    expect(second.userErrors).toEqual([
      expect.objectContaining({ code: "CONFLICT", message: expect.stringMatching(/already running/) }),
    ]);
    const seen = await follow(first.syncRun!.id);
    const running = seen.filter((r) => r.status === "RUNNING");
    expect(running.length).toBeGreaterThan(0);
    // Progress was visible while it ran: the customers phase with a total, counting up.
    expect(
      running.some((r) => r.phase === "CUSTOMERS" && r.phases.some((p) => p.phase === "CUSTOMERS" && p.total === 16)),
    ).toBe(true);
    const done = seen.at(-1)!;
    const customers = customersOf(state, HOME).length;
    expect(done).toMatchObject({ status: "SUCCEEDED", error: null, customers, changed: 0 });
    expect(done.finishedAt).not.toBeNull();
    expect(done.phases).toEqual([
      { phase: "PARTNERS", done: 1, total: 1 },
      { phase: "CUSTOMERS", done: customers, total: customers },
    ]);
    expect(done.throttled).toBeGreaterThan(0);
    expect(done.retries).toBeGreaterThanOrEqual(done.throttled);
    expect(done.calls).toBeGreaterThan(customers * 3);
    const list = await gql(ADMIN, `{ syncRuns(first: 5) { totalCount edges { node { id status } } } }`);
    expect(list.data!.syncRuns).toMatchObject({
      totalCount: 1,
      edges: [{ node: { id: first.syncRun!.id, status: "SUCCEEDED" } }],
    });
    // The lock was released: the next start is accepted.
    await syncCoordinatorOf(ds)!.idle();
  }, 120_000);

  it("a failed sync keeps what it wrote, says where it stopped, and resumes from there", async () => {
    const customerIds = customersOf(state, HOME).map((k) => state.customers.get(k)!.id);
    // A change upstream in the last customer: the resumed run must bring it in.
    const lastKey = customersOf(state, HOME).at(-1)!;
    const sub = state.subscriptions.find(
      (s) => s.customer === lastKey && s.transactingPartner === HOME && s.status === SubscriptionStatus.ACTIVE,
    )!;
    changeSubscription(state, sub.id, { quantity: sub.quantity + 3 });
    await afterThisMillisecond();
    upstream.inner = upstreamFor(failing, state, { ...fast, maxAttempts: 1 });
    const started = await start();
    const failed = (await follow(started.syncRun!.id)).at(-1)!;
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toMatch(/customer \d+\/16|503/);
    expect(failed.error).not.toMatch(/at .*\.ts:\d+/);
    expect(failed.resumeFrom).not.toBeNull();
    const resumeAt = customerIds.indexOf(failed.resumeFrom!);
    expect(resumeAt).toBeGreaterThanOrEqual(0);
    expect(failed.customers).toBe(resumeAt);

    upstream.inner = upstreamFor(clean, state);
    const resumed = await start(true);
    expect(resumed.userErrors).toEqual([]);
    expect(resumed.syncRun!.resumeFrom).toBe(failed.resumeFrom);
    const done = (await follow(resumed.syncRun!.id)).at(-1)!;
    expect(done.status).toBe("SUCCEEDED");
    // Only the customers from the resume point on were read and written.
    expect(done.customers).toBe(16 - resumeAt);
    expect(done.phases.find((p) => p.phase === "CUSTOMERS")).toEqual({ phase: "CUSTOMERS", done: 16, total: 16 });
    const row = await ds.getRepository(CustomerSubscription).findOneByOrFail({ id: sub.id });
    expect(row.quantity).toBe(sub.quantity);
    expect(row.source).toBe(SYNC_SOURCE);

    // Nothing left to resume: the field is named.
    const again = await start(true);
    expect(again.syncRun).toBeNull();
    expect(again.userErrors).toEqual([expect.objectContaining({ field: ["input", "resume"], code: "INVALID_STATE" })]);
    expect(await ds.getRepository(SyncRun).countBy({ kind: SyncRunKind.FULL })).toBe(3);
  }, 120_000);

  it("shows provenance on synced data, and keeps the runs to the home partner's admins", async () => {
    const subs = await gql(
      ADMIN,
      `{ subscriptions(first: 3) { nodes { source syncedAt customer { source syncedAt } } } }`,
    );
    expect(subs.errors).toBeUndefined();
    for (const s of (
      subs.data!.subscriptions as { nodes: Array<{ source: string; syncedAt: string; customer: { source: string } }> }
    ).nodes) {
      expect(s.source).toBe(SYNC_SOURCE);
      expect(Date.parse(s.syncedAt)).not.toBeNaN();
      expect(s.customer.source).toBe(SYNC_SOURCE);
    }
    const runs = await ds.getRepository(SyncRun).count();
    // Another partner's global admin: refused, and nothing started.
    for (const query of [`{ syncRuns { totalCount } }`, START]) {
      const body = await gql(OUTSIDER, query, { input: {} });
      expect(body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    // A helpdesk agent of the home partner: not in the matrix's roles.
    for (const query of [`{ syncRuns { totalCount } }`, START]) {
      const body = await gql(HELPDESK, query, { input: {} });
      expect(body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    expect(await ds.getRepository(SyncRun).count()).toBe(runs);
  });
});

describe("startSync in the sandbox", () => {
  it("answers a user error: there is nothing to sync", async () => {
    const server = await startTestServer(world);
    try {
      const res = await server.gql(
        `mutation { startSync { userErrors { field code message } syncRun { id } } }`,
        {},
        { as: "trey" },
      );
      expect(res.body.errors).toBeUndefined();
      const payload = (
        res.body.data as unknown as { startSync: { userErrors: Array<{ message: string }>; syncRun: null } }
      ).startSync;
      expect(payload.syncRun).toBeNull();
      expect(payload.userErrors[0]!.message).toMatch(/nothing to sync.*UPSTREAM=sandbox/);
    } finally {
      await server.close();
    }
  }, 120_000);
});

describe("incremental sync from the audit records, once across replicas", () => {
  let state: EmulatorState;
  let emulator: RunningEmulator;
  let a: Awaited<ReturnType<typeof emptyDatabase>>;
  let b: DataSource | null = null;

  beforeAll(async () => {
    state = stateFromWorld(world, asOf);
    emulator = await startEmulator(state, { clients: { [CLIENT_ID]: SECRET } });
    a = await emptyDatabase();
    // On PostgreSQL the second replica is a second pool on the same database; SQLite is one process and one file.
    if (a.url) b = (await emptyDatabase(a.url)).ds;
  }, 120_000);

  afterAll(async () => {
    await b?.destroy();
    await a?.ds.destroy();
    await a?.drop?.();
    await emulator?.close();
  });

  it("skips before the first full sync, then picks up a change made in Partner Center without a webhook", async () => {
    const replica = new SyncCoordinator(a.ds, upstreamFor(emulator, state));
    expect(await replica.runIncremental()).toEqual({ run: null, skipped: "no full sync has succeeded yet" });
    // A full sync through startSync's runner, so that the checkpoint is a SUCCEEDED run.
    const lock = (await tryAcquireSyncLock(a.ds))!;
    const run = await a.ds.transaction((em) =>
      openRun(em, newRun(SyncRunKind.FULL, new Date(Date.now() - 1000), null, null)),
    );
    replica.launchFull(run, lock);
    await replica.idle();
    expect((await a.ds.getRepository(SyncRun).findOneByOrFail({ id: run.id })).status).toBe("SUCCEEDED");

    const key = customersOf(state, HOME)[3]!;
    const sub = state.subscriptions.find(
      (s) => s.customer === key && s.transactingPartner === HOME && s.status === SubscriptionStatus.ACTIVE,
    )!;
    const before = await a.ds.getRepository(CustomerSubscription).findOneByOrFail({ id: sub.id });
    changeSubscription(state, sub.id, { quantity: sub.quantity + 7, autoRenew: !(sub.autoRenew ?? true) });
    await afterThisMillisecond();
    const calls = emulator.calls.length;
    const outcome = await replica.runIncremental();
    expect(outcome.skipped).toBeNull();
    expect(outcome.run).toMatchObject({ kind: "INCREMENTAL", status: "SUCCEEDED", customers: 1, error: null });
    expect(outcome.run!.changed).toBeGreaterThan(0);
    expect(outcome.run!.auditUntil).not.toBeNull();
    const after = await a.ds.getRepository(CustomerSubscription).findOneByOrFail({ id: sub.id });
    expect(after.quantity).toBe(before.quantity + 7);
    expect(after.autoRenew).toBe(!before.autoRenew);
    expect(after.syncedAt!.getTime()).toBeGreaterThan(before.syncedAt!.getTime());
    // Just that customer was read: the audit records, then its six resources (with its software entitlements) — not a
    // full sync.
    const paths = emulator.calls.slice(calls).map((c) => c.path);
    expect(paths.some((p) => p.startsWith("/v1/auditrecords?"))).toBe(true);
    expect(
      paths.filter((p) => p.startsWith("/v1/customers/")).every((p) => p.includes(state.customers.get(key)!.id)),
    ).toBe(true);
    expect(paths.length).toBeLessThanOrEqual(9);
    // Nothing changed since: the next run reads the records and writes nothing.
    const quiet = await replica.runIncremental();
    expect(quiet.run).toMatchObject({ status: "SUCCEEDED", customers: 0, changed: 0 });
  }, 120_000);

  it("two replicas ticking together run it once: the second skips while the first holds the lock", async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const inner = upstreamFor(emulator, state);
    const held = swappable(inner);
    // Replica 1 stops inside its run until the test lets it go.
    held.changedCustomers = async (since, until) => {
      await gate;
      return inner.changedCustomers(since, until);
    };
    const one = new SyncCoordinator(a.ds, held);
    const two = new SyncCoordinator(b ?? a.ds, upstreamFor(emulator, state));
    const key = customersOf(state, HOME)[5]!;
    const sub = state.subscriptions.find(
      (s) => s.customer === key && s.transactingPartner === HOME && s.status === SubscriptionStatus.ACTIVE,
    )!;
    changeSubscription(state, sub.id, { quantity: sub.quantity + 1 });
    await afterThisMillisecond();
    const countBefore = await a.ds.getRepository(SyncRun).countBy({ kind: SyncRunKind.INCREMENTAL });
    const first = one.runIncremental();
    // Wait until replica 1 holds the lock and has its RUNNING row.
    for (let i = 0; i < 100 && (await a.ds.getRepository(SyncRun).countBy({ status: "RUNNING" as never })) === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const second = await two.runIncremental();
    expect(second).toEqual({ run: null, skipped: "another sync is running" });
    open();
    const done = await first;
    expect(done.run).toMatchObject({ status: "SUCCEEDED", customers: 1 });
    expect(await a.ds.getRepository(SyncRun).countBy({ kind: SyncRunKind.INCREMENTAL })).toBe(countBefore + 1);
    expect((await a.ds.getRepository(CustomerSubscription).findOneByOrFail({ id: sub.id })).quantity).toBe(
      sub.quantity,
    );
    // Once the lock is free, the other replica's next tick runs (and finds nothing new).
    const later = await two.runIncremental();
    expect(later.run).toMatchObject({ status: "SUCCEEDED", changed: 0 });
  }, 120_000);
});

describe("Partner Center webhooks: signed events refresh what they name; unsigned or tampered ones change nothing", () => {
  let state: EmulatorState;
  let emulator: RunningEmulator;
  let db: Awaited<ReturnType<typeof emptyDatabase>>;
  let app: RunningApp;
  let accessToken: string;
  const hook = () => `${app.origin}/partner-center/webhooks`;

  beforeAll(async () => {
    state = stateFromWorld(world, asOf);
    emulator = await startEmulator(state, { clients: { [CLIENT_ID]: SECRET } });
    db = await emptyDatabase();
    const upstream = upstreamFor(emulator, state);
    await upstream.fullSync(db.ds);
    const config: AppConfig = {
      ...loadConfig({}),
      host: "127.0.0.1",
      port: 0,
      rateLimitPerMinute: 0,
      upstream: "partner-center",
      partnerCenter: settingsFor(emulator, state),
      syncIntervalMinutes: 0,
      partnerCenterWebhooks: {
        certificateHosts: [new URL(emulator.url).host],
        organization: EMULATOR_WEBHOOK_ORGANIZATION,
        trustedCaPem: EMULATOR_WEBHOOK_CERT_PEM,
        allowHttp: true,
      },
    };
    app = await startApp(config, { dataSource: db.ds, quiet: true, upstream, serveClient: false });
    const tenant = state.partners.get(HOME)!.tenantId;
    const token = await fetch(`${emulator.url}/${tenant}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: CLIENT_ID, client_secret: SECRET }),
    });
    accessToken = ((await token.json()) as { access_token: string }).access_token;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await db?.ds.destroy();
    await db?.drop?.();
    await emulator?.close();
  });

  async function register(events: string[]) {
    const res = await fetch(`${emulator.url}/webhooks/v1/registration`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ WebhookUrl: hook(), WebhookEvents: events }),
    });
    expect(res.status).toBe(200);
  }

  function activeSubscriptionOf(index: number) {
    const key = customersOf(state, HOME)[index]!;
    return state.subscriptions.find(
      (s) => s.customer === key && s.transactingPartner === HOME && s.status === SubscriptionStatus.ACTIVE,
    )!;
  }

  const quantityOf = async (id: string) =>
    (await db.ds.getRepository(CustomerSubscription).findOneByOrFail({ id })).quantity;

  it("a signed subscription-updated event refreshes that subscription, once", async () => {
    await register(["subscription-updated"]);
    const sub = activeSubscriptionOf(2);
    const before = await quantityOf(sub.id);
    changeSubscription(state, sub.id, { quantity: sub.quantity + 5 });
    await afterThisMillisecond();
    const deliveries = await webhookDeliveries(state);
    expect(deliveries.at(-1)).toMatchObject({ eventName: "subscription-updated", status: 200 });
    expect(await quantityOf(sub.id)).toBe(before + 5);
    expect(await db.ds.getRepository(WebhookEvent).countBy({ outcome: "refreshed" })).toBe(1);
  });

  it("the same event delivered again is acknowledged and not acted on", async () => {
    const sub = activeSubscriptionOf(2);
    const body = JSON.stringify({
      EventName: "subscription-updated",
      ResourceUri: `${emulator.url}/v1/customers/${state.customers.get(sub.customer)!.id}/subscriptions/${sub.id}`,
      ResourceName: "subscription",
      AuditUri: null,
      ResourceChangeUtcDate: "2026-12-02T10:00:00.000Z",
    });
    const send = () =>
      fetch(hook(), {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Signature ${signWebhookBody(body)}`,
          "x-ms-certificate-url": `${emulator.url}/webhooks/certificate.cer`,
          "x-ms-signature-algorithm": "rsa-sha256",
        },
        body,
      });
    expect(await (await send()).json()).toEqual({ status: "refreshed" });
    const calls = emulator.calls.length;
    expect(await (await send()).json()).toEqual({ status: "duplicate" });
    expect(emulator.calls.length).toBe(calls);
  });

  it("refuses unsigned, tampered, foreign-key and untrusted-host events with 401, and changes nothing", async () => {
    // The change happens in Partner Center, but no webhook for it is registered: only forged events arrive.
    await register(["customer-created"]);
    const sub = activeSubscriptionOf(4);
    const before = await quantityOf(sub.id);
    changeSubscription(state, sub.id, { quantity: sub.quantity + 9 });
    await afterThisMillisecond();
    const body = JSON.stringify({
      EventName: "subscription-updated",
      ResourceUri: `${emulator.url}/v1/customers/${state.customers.get(sub.customer)!.id}/subscriptions/${sub.id}`,
      ResourceName: "subscription",
      AuditUri: null,
      ResourceChangeUtcDate: new Date().toISOString(),
    });
    const certUrl = `${emulator.url}/webhooks/certificate.cer`;
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const foreign = createSign("RSA-SHA256").update(body).sign(privateKey, "base64");
    const attempts: Array<[string, Record<string, string>, string]> = [
      ["unsigned", { "x-ms-certificate-url": certUrl, "x-ms-signature-algorithm": "rsa-sha256" }, body],
      [
        "tampered",
        {
          authorization: `Signature ${signWebhookBody(body)}`,
          "x-ms-certificate-url": certUrl,
          "x-ms-signature-algorithm": "rsa-sha256",
        },
        body.replace("subscription-updated", "subscription-renewed"),
      ],
      [
        "another key",
        {
          authorization: `Signature ${foreign}`,
          "x-ms-certificate-url": certUrl,
          "x-ms-signature-algorithm": "rsa-sha256",
        },
        body,
      ],
      [
        "untrusted certificate host",
        {
          authorization: `Signature ${signWebhookBody(body)}`,
          "x-ms-certificate-url": `http://evil.example/cert.cer`,
          "x-ms-signature-algorithm": "rsa-sha256",
        },
        body,
      ],
      [
        "other algorithm",
        {
          authorization: `Signature ${signWebhookBody(body)}`,
          "x-ms-certificate-url": certUrl,
          "x-ms-signature-algorithm": "rsa-sha1",
        },
        body,
      ],
    ];
    const events = await db.ds.getRepository(WebhookEvent).count();
    const calls = emulator.calls.length;
    for (const [what, headers, sent] of attempts) {
      const res = await fetch(hook(), {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: sent,
      });
      expect(res.status, what).toBe(401);
      expect(await res.text()).not.toMatch(/at .*\.ts|stack/i);
    }
    expect(await quantityOf(sub.id)).toBe(before);
    expect(await db.ds.getRepository(WebhookEvent).count()).toBe(events);
    expect(emulator.calls.length).toBe(calls);
  });
});
