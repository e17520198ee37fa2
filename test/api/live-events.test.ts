import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { TenantScope } from "../../server/src/auth/scope";
import type { AudienceSubject } from "../../server/src/auth/event-audiences";
import { toGlobalId } from "../../server/src/common/global-id";
import { PartnershipStatus, PartnerType, TransferStatus } from "../../server/src/domain/enums";
import { CustomerRelationship } from "../../server/src/modules/customer/customer-relationship.entity";
import { OutboxEvent } from "../../server/src/modules/live/outbox-event.entity";
import { LiveEventType } from "../../server/src/modules/live/live-event-type";
import { scanTimedEvents } from "../../server/src/modules/live/timed-events";
import { writeOutboxEvents, type OutboxDraft } from "../../server/src/modules/live/outbox.writer";
import { runInTransaction } from "../../server/src/common/transaction";
import { MoreThan } from "typeorm";
import { Partner } from "../../server/src/modules/partner/partner.entity";
import { ProviderRequest } from "../../server/src/modules/provider-request/provider-request.entity";
import { CustomerSubscription } from "../../server/src/modules/subscription/customer-subscription.entity";
import { Transfer } from "../../server/src/modules/transfer/transfer.entity";
import type { World } from "../../server/src/scenarios/world";
import { startTestServer, type TestServer } from "./harness";
import { subscribeEvents, type LiveSubscriber } from "./live-client";
import {
  cspLicense,
  customer,
  day,
  expectOk,
  ids,
  mutation,
  partner,
  rel,
  today,
  USER_ERRORS,
  type UserErrorShape,
} from "./mutation-helpers";

// Live events end to end on one server (SQLite, in-memory fan-out): a mutation's events reach the subscribers of
// the partners that may see them, and nobody else; refused mutations publish nothing; the audience of every event
// agrees with the forward need-to-know conditions of auth/scope.ts; timed events are written once.

const { INDIRECT_PROVIDER, INDIRECT_RESELLER, DIRECT_BILL } = PartnerType;

const world: World = {
  partners: [
    partner("direct", "3300001", [DIRECT_BILL]),
    partner("direct2", "3300002", [DIRECT_BILL]),
    partner("prov", "1300001", [INDIRECT_PROVIDER]),
    partner("res", "2300001", [INDIRECT_RESELLER]),
    partner("outsider", "3300009", [DIRECT_BILL]),
  ],
  partnerships: [{ provider: "prov", reseller: "res", status: PartnershipStatus.ACTIVE }],
  customers: [customer("fab"), customer("con")],
  relationships: [
    rel("direct", "fab"),
    rel("direct2", "fab"),
    rel("prov", "fab"),
    rel("res", "fab"),
    rel("outsider", "con"),
  ],
  subscriptions: [
    cspLicense("s1", "fab", "direct", { offerName: "Microsoft 365 E3" }),
    cspLicense("s2", "fab", "direct", { offerName: "Teams Essentials" }),
    cspLicense("d2", "fab", "direct2", { offerName: "Visio Plan 2", commitmentEndDate: day(5) }),
    cspLicense("o1", "con", "outsider", { offerName: "Exchange Online Plan 1" }),
    cspLicense("o2", "con", "outsider", { offerName: "Power BI Pro" }),
  ],
  transfers: [
    // Its last day is within three days: the scheduler announces it once.
    {
      key: "soon",
      customer: "fab",
      source: "direct",
      target: "prov",
      reseller: "res",
      status: TransferStatus.PENDING,
      createdAt: day(-28),
      subscriptions: ["s2"],
    },
  ],
};

const CREATE = `mutation($input: CreateTransferInput!) { createTransfer(input: $input) { transfer { id } ${USER_ERRORS} } }`;
const WITHDRAW = `mutation($input: TransferIdInput!) { withdrawTransfer(input: $input) { transfer { id } ${USER_ERRORS} } }`;
const SUSPEND = `mutation($input: SubscriptionActionInput!) { suspendSubscription(input: $input) { subscription { id } ${USER_ERRORS} } }`;

let t: TestServer;
let id: ReturnType<typeof ids>;
const open: LiveSubscriber[] = [];

/** A subscriber of `key`'s partner, once the server streams to it (connected is not yet subscribed). */
async function subscriber(key: string, types: string[] | null = null): Promise<LiveSubscriber> {
  const streaming = t.app.live!.activeStreams;
  const s = subscribeEvents(t.app.url, { authorization: `Bearer ${await t.tokenFor(key)}` }, types);
  open.push(s);
  await s.ready;
  await streamsAtLeast(streaming + 1);
  return s;
}

async function streamsAtLeast(n: number): Promise<void> {
  for (let i = 0; i < 200 && t.app.live!.activeStreams < n; i++) await new Promise((r) => setTimeout(r, 10));
  expect(t.app.live!.activeStreams).toBeGreaterThanOrEqual(n);
}

/** Publishes what is committed and waits until it is published (a subscriber then has it, or never will). */
async function published(): Promise<void> {
  await t.app.live!.publisher.drainNow();
}

beforeAll(async () => {
  t = await startTestServer(world, { now: new Date(), config: { live: { ...defaultsOff() } } });
  id = ids(t);
});
afterAll(async () => {
  for (const s of open) await s.close();
  await t?.close();
});

/** Live events on, but no periodic scan: the test runs the scan itself. */
function defaultsOff() {
  return { enabled: true, pollMs: 200, scanMinutes: 0, channelPrefix: "cg:test:", retainHours: 72 };
}

describe("live events over graphql-ws", () => {
  it("a transfer reaches its source, target and reseller, and not another tenant or a bystander", async () => {
    const prov = await subscriber("prov");
    const res = await subscriber("res");
    const direct = await subscriber("direct");
    const direct2 = await subscriber("direct2");
    const outsider = await subscriber("outsider");
    const created = expectOk(
      await mutation<{ transfer: { id: string } | null; userErrors: [] }>(
        t,
        CREATE,
        { customerId: id.customer("fab"), subscriptionIds: [id.sub("s1")], resellerId: id.partner("res") },
        { as: "prov" },
      ),
    ).transfer!.id;
    const isCreated = (e: { type: string; subjectId: string }) =>
      e.type === "TRANSFER_CREATED" && e.subjectId === created;
    for (const s of [prov, res, direct]) await s.waitFor(isCreated, 1000);
    // The outsider's own change comes after the transfer in the stream: once it has that, it has had its chance.
    expectOk(await mutation(t, SUSPEND, { subscriptionId: id.sub("o1") }, { as: "outsider" }));
    await outsider.waitFor((e) => e.type === "SUBSCRIPTION_CHANGED" && e.subjectId === id.sub("o1"));
    await published();
    expect(outsider.events.map((e) => e.type)).toEqual(["SUBSCRIPTION_CHANGED"]);
    // direct2 holds the same customer but is no party to the transfer.
    expect(direct2.events).toEqual([]);
    expect(prov.events.some((e) => e.subjectId === id.sub("o1"))).toBe(false);

    // Withdrawn by the target: the same three hear it.
    expectOk(await mutation(t, WITHDRAW, { transferId: created }, { as: "prov" }));
    for (const s of [prov, res, direct])
      await s.waitFor((e) => e.type === "TRANSFER_WITHDRAWN" && e.subjectId === created);
    await published();
    expect(direct2.events).toEqual([]);
  });

  it("types narrow the stream", async () => {
    const onlyRequests = await subscriber("direct", ["PROVIDER_REQUEST_OPENED"]);
    const all = await subscriber("direct");
    expectOk(await mutation(t, SUSPEND, { subscriptionId: id.sub("s2") }, { as: "direct" }));
    await all.waitFor((e) => e.type === "SUBSCRIPTION_CHANGED" && e.subjectId === id.sub("s2"));
    await published();
    expect(onlyRequests.events).toEqual([]);
  });

  it("a refused mutation publishes nothing", async () => {
    const before = await t.app.dataSource.getRepository(OutboxEvent).count();
    const again = await mutation<{ userErrors: UserErrorShape[] }>(
      t,
      SUSPEND,
      { subscriptionId: id.sub("o1") },
      { as: "outsider" },
    );
    expect(again.userErrors.length).toBeGreaterThan(0);
    // Another tenant's subscription: refused as not found, nothing written either.
    const foreign = await mutation<{ userErrors: UserErrorShape[] }>(
      t,
      SUSPEND,
      { subscriptionId: id.sub("o2") },
      { as: "direct" },
    );
    expect(foreign.userErrors.length).toBeGreaterThan(0);
    expect(await t.app.dataSource.getRepository(OutboxEvent).count()).toBe(before);
  });

  it("refuses a connection without credentials or with a bad token", async () => {
    for (const params of [{}, { authorization: "Bearer not-a-token" }]) {
      const s = subscribeEvents(t.app.url, params);
      open.push(s);
      expect(await s.closed).toBe(4403);
      expect(s.events).toEqual([]);
    }
  });

  it("a browser session may subscribe from the app's origin with its CSRF token, and only so", async () => {
    const email = t.world.userEmails.get("direct")!;
    const login = await fetch(`${t.app.origin}/auth/demo-login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email }),
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const attempt = (params: Record<string, unknown>, origin: string) => {
      const s = subscribeEvents(t.app.url, params, null, { cookie, origin });
      open.push(s);
      return s;
    };
    expect(await attempt({}, t.app.origin).closed).toBe(4403);
    expect(await attempt({ csrfToken: "x".repeat(43) }, t.app.origin).closed).toBe(4403);
    expect(await attempt({ csrfToken }, "https://evil.example").closed).toBe(4403);
    const streaming = t.app.live!.activeStreams;
    const browser = attempt({ csrfToken }, t.app.origin);
    await browser.ready;
    await streamsAtLeast(streaming + 1);
    expectOk(await mutation(t, SUSPEND, { subscriptionId: id.sub("s1") }, { as: "direct" }));
    await browser.waitFor((e) => e.type === "SUBSCRIPTION_CHANGED" && e.subjectId === id.sub("s1"));
  });

  it("timed events are written once: a second scan the same day adds none", async () => {
    const ds = t.app.dataSource;
    const sub = await subscriber("res", ["TRANSFER_EXPIRING"]);
    await scanTimedEvents(ds, today());
    const count = await ds.getRepository(OutboxEvent).count();
    await scanTimedEvents(ds, today());
    expect(await ds.getRepository(OutboxEvent).count()).toBe(count);
    const timed = await ds.getRepository(OutboxEvent).find();
    const types = timed.filter((r) => r.operation === null).map((r) => `${r.type}:${r.subjectId}`);
    const soon = t.world.transfers.get("soon")!;
    const d2 = t.world.subscriptions.get("d2")!;
    expect(types).toContain(`TRANSFER_EXPIRING:${soon}`);
    expect(types).toContain(`TERM_ENDING:${d2}`);
    // Published like any event, to the partners of the transfer.
    t.app.live!.publisher.wake();

    const e = await sub.waitFor((x) => x.subjectId === toGlobalId("Transfer", soon));
    expect(e.dueOn).toBe(day(2));
  });
  it("every event's audience is exactly the partners whose need-to-know conditions show its subject", async () => {
    const ds = t.app.dataSource;
    const rows = await ds.getRepository(OutboxEvent).find({ order: { id: "ASC" } });
    // Transfers and subscriptions, changed and timed.
    expect(new Set(rows.map((r) => r.subjectType)).size).toBeGreaterThanOrEqual(2);
    expect(rows.some((r) => r.operation === null)).toBe(true);
    const partners = await ds.getRepository(Partner).find();
    const forward: Record<AudienceSubject["type"], (s: TenantScope, id: string) => SelectQueryBuilder<ObjectLiteral>> =
      {
        Transfer: (s, x) =>
          s.visibleTransfers(ds.getRepository(Transfer).createQueryBuilder("t").where("t.id = :x", { x }), "t"),
        CustomerSubscription: (s, x) =>
          s.visibleSubscriptions(
            ds.getRepository(CustomerSubscription).createQueryBuilder("s").where("s.id = :x", { x }),
            "s",
          ),
        ProviderRequest: (s, x) =>
          s.visibleProviderRequests(
            ds.getRepository(ProviderRequest).createQueryBuilder("pr").where("pr.id = :x", { x }),
            "pr",
          ),
        CustomerRelationship: (s, x) =>
          s.networkRelationships(
            ds.getRepository(CustomerRelationship).createQueryBuilder("cr").where("cr.id = :x", { x }),
            "cr",
          ),
      };
    for (const row of rows) {
      const expected: string[] = [];
      for (const p of partners) {
        const scope = await TenantScope.load(ds, p);
        if ((await forward[row.subjectType as AudienceSubject["type"]](scope, row.subjectId).getCount()) > 0)
          expected.push(p.id);
      }
      expect(row.audience, `${row.type} ${row.subjectType}`).toEqual(expected.sort());
    }
  });

  it("a batch of keyed events skips only the keys already written or repeated, over several statements", async () => {
    const ds = t.app.dataSource;
    const outbox = ds.getRepository(OutboxEvent);
    const last = (await outbox.find({ order: { id: "DESC" }, take: 1 }))[0]?.id ?? "0";
    const s1 = t.world.subscriptions.get("s1")!;
    const o1 = t.world.subscriptions.get("o1")!;
    const draft = (subjectId: string, customerKey: string, key: string): OutboxDraft => ({
      type: LiveEventType.TERM_ENDING,
      subjectType: "CustomerSubscription",
      subjectId,
      customerId: t.world.customers.get(customerKey)!,
      operation: null,
      dueOn: day(3),
      dedupeKey: key,
    });
    await runInTransaction(ds, (em) => writeOutboxEvents(em, [draft(s1, "fab", "batch-test:written")]));
    // 1,203 drafts (three statements of at most 500 rows): one key already written, one repeated in the batch.
    const drafts = [draft(o1, "con", "batch-test:written"), draft(s1, "fab", "batch-test:0")];
    for (let i = 0; i < 1201; i++) drafts.push(draft(i % 2 ? s1 : o1, i % 2 ? "fab" : "con", `batch-test:${i}`));
    await runInTransaction(ds, (em) => writeOutboxEvents(em, drafts));
    const rows = await outbox.find({ where: { id: MoreThan(last) }, order: { id: "ASC" } });
    const keys = rows.map((r) => r.dedupeKey);
    expect(rows).toHaveLength(1 + 1201);
    expect(new Set(keys).size).toBe(rows.length);
    // The key already written keeps its first row (subject s1), not the batch's (o1).
    expect(rows.find((r) => r.dedupeKey === "batch-test:written")!.subjectId).toBe(s1);
    expect(rows.find((r) => r.dedupeKey === "batch-test:0")!.subjectId).toBe(s1);
    // Each row has its own subject's audience: the outsider sees o1's rows only.
    const outsider = t.world.partners.get("outsider")!;
    for (const r of rows) expect(r.audience.includes(outsider), r.dedupeKey!).toBe(r.subjectId === o1);
    await outbox.delete({ id: MoreThan(last) });
  });
});
