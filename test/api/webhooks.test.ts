import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { toGlobalId } from "../../server/src/common/global-id";
import { PartnershipStatus, PartnerType, UserRole } from "../../server/src/domain/enums";
import { LiveEventType } from "../../server/src/modules/live/live-event-type";
import { OutboxEvent } from "../../server/src/modules/live/outbox-event.entity";
import { WebhookDelivery } from "../../server/src/modules/webhook/webhook-delivery.entity";
import type { World } from "../../server/src/scenarios/world";
import { startTestServer, type TestServer } from "./harness";
import { loadConfig } from "../../server/src/config";
import {
  cspLicense,
  customer,
  expectOk,
  ids,
  mutation,
  partner,
  query,
  rel,
  USER_ERRORS,
  type UserErrorShape,
} from "./mutation-helpers";

// Outbound webhooks end to end (issue 10 item 4) against a local receiver (node:http on 127.0.0.1, allowed by
// WEBHOOK_ALLOW_PRIVATE_URLS as the tests set it): a mutation's event reaches the endpoints of the partners in its
// audience, signed as README "Outbound webhooks" documents (verified here the way a receiver would); 500, 500, 200
// is three attempts with their codes; 410 turns the endpoint off; replay sends again; another partner's endpoints
// and deliveries are NOT_FOUND and change nothing; only a Global admin's own sign-in manages them.

const { INDIRECT_PROVIDER, INDIRECT_RESELLER, DIRECT_BILL } = PartnerType;
const world: World = {
  partners: [
    partner("direct", "3500001", [DIRECT_BILL]),
    partner("prov", "1500001", [INDIRECT_PROVIDER]),
    partner("res", "2500001", [INDIRECT_RESELLER]),
    partner("outsider", "3500009", [DIRECT_BILL]),
  ],
  partnerships: [{ provider: "prov", reseller: "res", status: PartnershipStatus.ACTIVE }],
  customers: [customer("fab"), customer("con"), customer("res-cust")],
  relationships: [rel("direct", "fab"), rel("outsider", "con"), rel("prov", "res-cust"), rel("res", "res-cust")],
  subscriptions: [
    cspLicense("s1", "fab", "direct"),
    cspLicense("s2", "fab", "direct"),
    cspLicense("s3", "fab", "direct"),
    cspLicense("s4", "fab", "direct"),
    cspLicense("s5", "fab", "direct"),
    cspLicense("o1", "con", "outsider"),
  ],
  transfers: [],
  users: [
    { partner: "direct", email: "ga@direct.example", displayName: "GA", role: UserRole.GLOBAL_ADMIN },
    { partner: "direct", email: "agent@direct.example", displayName: "Agent", role: UserRole.ADMIN_AGENT },
  ],
};

const ENDPOINT = "id url description eventTypes active disabledReason secretPrefix createdAt secretRotatedAt";
const CREATE = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret webhookEndpoint { ${ENDPOINT} } ${USER_ERRORS} } }`;
const UPDATE = `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { webhookEndpoint { ${ENDPOINT} } ${USER_ERRORS} } }`;
const DELETE = `mutation($input: WebhookEndpointIdInput!) { deleteWebhookEndpoint(input: $input) { deletedId ${USER_ERRORS} } }`;
const ROTATE = `mutation($input: WebhookEndpointIdInput!) { rotateWebhookSecret(input: $input) { secret webhookEndpoint { ${ENDPOINT} } ${USER_ERRORS} } }`;
const REPLAY = `mutation($input: ReplayWebhookDeliveryInput!) { replayWebhookDelivery(input: $input) { delivery { id status replayOf eventId } ${USER_ERRORS} } }`;
const LIST = `query($first: Int, $after: String) { webhookEndpoints(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${ENDPOINT} } } }`;
const DELIVERIES = `query($endpointId: ID!, $first: Int) { webhookDeliveries(endpointId: $endpointId, first: $first) { totalCount nodes {
  id eventId eventType status attemptCount responseCode responseTimeMs error nextAttemptAt deliveredAt replayOf
  attempts { at responseCode responseTimeMs error } } } }`;
const SUSPEND = `mutation($input: SubscriptionActionInput!) { suspendSubscription(input: $input) { subscription { id } ${USER_ERRORS} } }`;
const AUDIT = `query($filter: AuditEventFilter) { auditEvents(first: 20, filter: $filter) { nodes { operation targets { type id } changes { type fields { field before after } } } } }`;

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}
interface Endpoint {
  id: string;
  url: string;
  eventTypes: string[];
  active: boolean;
  disabledReason: string | null;
  secretPrefix: string;
}
interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attemptCount: number;
  responseCode: number | null;
  error: string | null;
  replayOf: string | null;
  attempts: { responseCode: number | null; responseTimeMs: number; error: string | null }[];
}

/** What a receiver does with the documented scheme: HMAC-SHA256 of `<timestamp>.<body>`, within 5 minutes. */
function verify(secret: string, headers: IncomingHttpHeaders, body: string, nowSeconds = Date.now() / 1000): boolean {
  const timestamp = String(headers["channelgate-timestamp"] ?? "");
  const signature = String(headers["channelgate-signature"] ?? "");
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > 300) return false;
  const expected = `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
  return expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
}

/** Waits for a condition (no fixed sleeps: the machine may be loaded). */
async function until<T>(
  what: string,
  check: () => Promise<T | null | undefined | false> | T | null | false,
  ms = 15_000,
) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

let t: TestServer;
let receiver: Server;
let base: string;
const received: Received[] = [];
/** Status codes to answer per path, in order; 200 once the script is used up. */
const scripts = new Map<string, number[]>();
let id: ReturnType<typeof ids>;
const ga = { email: "ga@direct.example" };

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push({ path, headers: req.headers, body });
      const status = scripts.get(path)?.shift() ?? 200;
      res.writeHead(status, { "content-type": "text/plain" }).end(String(status));
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const defaults = loadConfig({});
  t = await startTestServer(world, {
    config: {
      live: { ...defaults.live, pollMs: 100, scanMinutes: 0 },
      webhooks: {
        ...defaults.webhooks,
        allowPrivateUrls: true,
        timeoutMs: 3000,
        maxAttempts: 3,
        retryDelaysMs: [20, 40],
        // The default safety poll (a minute): every send below, retries and replays included, comes from a wake-up.
        pollMs: defaults.webhooks.pollMs,
      },
    },
  });
  id = ids(t);
});

afterAll(async () => {
  await t?.close();
  await new Promise((r) => receiver?.close(r));
});

async function create(who: { as?: string; email?: string }, input: Record<string, unknown>) {
  return mutation<{
    secret: string | null;
    webhookEndpoint: Endpoint | null;
    userErrors: UserErrorShape[];
  }>(t, CREATE, input, who);
}
async function deliveries(who: { as?: string; email?: string }, endpointId: string): Promise<Delivery[]> {
  return (await query<{ webhookDeliveries: { nodes: Delivery[] } }>(t, DELIVERIES, { endpointId, first: 50 }, who))
    .webhookDeliveries.nodes;
}
const suspend = async (sub: string, who: string) =>
  expectOk(await mutation(t, SUSPEND, { subscriptionId: id.sub(sub) }, { as: who }));
const at = (path: string) => received.filter((r) => r.path === path);

describe("outbound webhooks", () => {
  let main: { id: string; secret: string };
  let outsider: { id: string; secret: string };

  it("registers an endpoint: the secret is shown once, the list never shows it", async () => {
    const p = expectOk(await create(ga, { url: `${base}/main`, description: "ERP", eventTypes: [] }));
    expect(p.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(p.webhookEndpoint).toMatchObject({ url: `${base}/main`, active: true, eventTypes: [] });
    expect(p.webhookEndpoint!.secretPrefix).toBe(p.secret!.slice(0, 10));
    main = { id: p.webhookEndpoint!.id, secret: p.secret! };
    const o = expectOk(await create({ as: "outsider" }, { url: `${base}/outsider` }));
    outsider = { id: o.webhookEndpoint!.id, secret: o.secret! };

    const list = await query<{ webhookEndpoints: { totalCount: number; nodes: Endpoint[] } }>(t, LIST, {}, ga);
    expect(list.webhookEndpoints.totalCount).toBe(1);
    expect(list.webhookEndpoints.nodes.map((n) => n.id)).toEqual([main.id]);
    expect(JSON.stringify(list)).not.toContain(p.secret!.slice(10));
    // Stored encrypted: the secret's text is nowhere in the table.
    const rows: { secret_ciphertext: string }[] = await t.app.dataSource.query(
      `SELECT secret_ciphertext FROM webhook_endpoint`,
    );
    expect(rows.some((r) => r.secret_ciphertext.includes(p.secret!.slice(6)))).toBe(false);
  });

  it("delivers a mutation's event, signed as documented, to the partners in its audience only", async () => {
    await suspend("s1", "direct");
    const [hit] = await until("the event at /main", () => at("/main").length > 0 && at("/main"));
    expect(verify(main.secret, hit!.headers, hit!.body)).toBe(true);
    // A receiver refuses a body changed in transit, another secret, and an old timestamp.
    expect(verify(main.secret, hit!.headers, hit!.body.replace("SUBSCRIPTION", "SUBSCRIPTIoN"))).toBe(false);
    expect(verify(outsider.secret, hit!.headers, hit!.body)).toBe(false);
    expect(verify(main.secret, hit!.headers, hit!.body, Date.now() / 1000 + 600)).toBe(false);
    const body = JSON.parse(hit!.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      type: "SUBSCRIPTION_CHANGED",
      data: { id: body.id, type: "SUBSCRIPTION_CHANGED", subjectId: id.sub("s1"), dueOn: null },
    });
    expect(new Date(String(body.occurredAt)).toISOString()).toBe(body.occurredAt);
    expect(hit!.headers["channelgate-event"]).toBe("SUBSCRIPTION_CHANGED");
    expect(hit!.headers["content-type"]).toBe("application/json");

    const log = await until("the delivery logged", async () => {
      const d = await deliveries(ga, main.id);
      return d.length === 1 && d[0]!.status === "DELIVERED" && d;
    });
    expect(hit!.headers["channelgate-delivery"]).toBe(log[0]!.id);
    expect(log[0]).toMatchObject({ eventId: body.id, attemptCount: 1, responseCode: 200, error: null });
    expect(log[0]!.attempts).toEqual([expect.objectContaining({ responseCode: 200, error: null })]);
    // The outsider's endpoint got nothing: the event is not in its audience.
    await t.app.webhooks!.drainNow();
    expect(at("/outsider")).toHaveLength(0);
    expect(await deliveries({ as: "outsider" }, outsider.id)).toEqual([]);
  });

  it("idle, and after events no endpoint takes, the dispatcher reads nothing (no per-second poll)", async () => {
    await t.app.webhooks!.drainNow();
    const logQuery = vi.spyOn(t.app.dataSource.logger, "logQuery");
    try {
      // An event for a partner with no endpoint: drained (one look at webhook_endpoint), no delivery, no wake-up.
      const prov = t.world.partners.get("prov")!;
      await t.app.dataSource.getRepository(OutboxEvent).insert({
        type: LiveEventType.SUBSCRIPTION_CHANGED,
        occurredAt: new Date(),
        subjectType: "CustomerSubscription",
        subjectId: t.world.subscriptions.get("s1")!,
        customerId: null,
        operation: "test",
        dueOn: null,
        audience: [prov],
        dedupeKey: null,
        publishedAt: null,
      });
      await t.app.live!.publisher.drainNow();
      await new Promise((r) => setTimeout(r, 1500));
      const statements = logQuery.mock.calls.map((c) => String(c[0]));
      expect(statements.some((q) => q.includes("webhook_endpoint"))).toBe(true);
      expect(statements.filter((q) => q.includes("webhook_delivery"))).toEqual([]);
    } finally {
      logQuery.mockRestore();
    }
  });

  it("retries 500, 500 then 200 with backoff: three attempts logged with their codes", async () => {
    const p = expectOk(await create(ga, { url: `${base}/flaky`, eventTypes: ["SUBSCRIPTION_CHANGED"] }));
    scripts.set("/flaky", [500, 500]);
    await suspend("s2", "direct");
    const [d] = await until("three attempts", async () => {
      const log = await deliveries(ga, p.webhookEndpoint!.id);
      return log.length === 1 && log[0]!.status === "DELIVERED" && log;
    });
    expect(d!.attemptCount).toBe(3);
    expect(d!.attempts.map((a) => a.responseCode)).toEqual([500, 500, 200]);
    expect(d!.attempts[0]!.error).toBe("the receiver answered HTTP 500");
    expect(at("/flaky")).toHaveLength(3);
    // The same event id and payload each time, each signed (a new timestamp may give a new signature).
    expect(new Set(at("/flaky").map((r) => r.body)).size).toBe(1);
    for (const r of at("/flaky")) expect(verify(p.secret!, r.headers, r.body)).toBe(true);
  });

  it("gives up after WEBHOOK_MAX_ATTEMPTS; 410 Gone turns the endpoint off", async () => {
    const down = expectOk(await create(ga, { url: `${base}/down` }));
    const gone = expectOk(await create(ga, { url: `${base}/gone` }));
    scripts.set("/down", [503, 503, 503]);
    scripts.set("/gone", [410]);
    await suspend("s3", "direct");
    const [failed] = await until("the give-up", async () => {
      const log = await deliveries(ga, down.webhookEndpoint!.id);
      return log.length === 1 && log[0]!.status === "FAILED" && log;
    });
    expect(failed!.attempts.map((a) => a.responseCode)).toEqual([503, 503, 503]);
    expect(failed!.attemptCount).toBe(3);
    const [goneDelivery] = await until("the 410", async () => {
      const log = await deliveries(ga, gone.webhookEndpoint!.id);
      return log.length === 1 && log[0]!.status === "FAILED" && log;
    });
    expect(goneDelivery!.attemptCount).toBe(1);
    const list = await query<{ webhookEndpoints: { nodes: Endpoint[] } }>(t, LIST, { first: 50 }, ga);
    const off = list.webhookEndpoints.nodes.find((n) => n.id === gone.webhookEndpoint!.id)!;
    expect(off).toMatchObject({ active: false, disabledReason: "The receiver answered 410 Gone" });
    // Turned off: the next event is not sent there. Turned on again by a user: the reason is cleared.
    await suspend("s4", "direct");
    await until("s4 at /main", () => at("/main").some((r) => r.body.includes(id.sub("s4"))));
    await t.app.webhooks!.drainNow();
    expect(at("/gone")).toHaveLength(1);
    const on = expectOk(
      await mutation<{ webhookEndpoint: Endpoint; userErrors: UserErrorShape[] }>(
        t,
        UPDATE,
        { id: off.id, active: true },
        ga,
      ),
    );
    expect(on.webhookEndpoint).toMatchObject({ active: true, disabledReason: null });
    // Clean up so that later events do not wait on these two.
    expectOk(await mutation(t, DELETE, { id: down.webhookEndpoint!.id }, ga));
    expectOk(await mutation(t, DELETE, { id: gone.webhookEndpoint!.id }, ga));
  });

  it("replays a delivery: a new delivery of the same event, sent again", async () => {
    const [first] = await deliveries(ga, main.id).then((d) => d.filter((x) => x.status === "DELIVERED").slice(-1));
    const before = at("/main").length;
    const p = expectOk(
      await mutation<{
        delivery: { id: string; status: string; replayOf: string; eventId: string };
        userErrors: UserErrorShape[];
      }>(t, REPLAY, { id: first!.id }, ga),
    );
    expect(p.delivery).toMatchObject({ status: "PENDING", replayOf: first!.id, eventId: first!.eventId });
    const again = await until("the replay", () => at("/main").length > before && at("/main").slice(before));
    expect(JSON.parse(again[0]!.body).id).toBe(first!.eventId);
    expect(again[0]!.headers["channelgate-delivery"]).not.toBe(first!.id);
    expect(verify(main.secret, again[0]!.headers, again[0]!.body)).toBe(true);
  });

  it("rotates the secret: later deliveries are signed with the new one only", async () => {
    const p = expectOk(
      await mutation<{
        secret: string;
        webhookEndpoint: Endpoint & { secretRotatedAt: string };
        userErrors: UserErrorShape[];
      }>(t, ROTATE, { id: main.id }, ga),
    );
    expect(p.secret).toMatch(/^whsec_/);
    expect(p.secret).not.toBe(main.secret);
    expect(p.webhookEndpoint.secretRotatedAt).not.toBeNull();
    const before = at("/main").length;
    await suspend("s5", "direct");
    const [hit] = await until("s5 at /main", () => at("/main").length > before && at("/main").slice(before));
    expect(verify(p.secret, hit!.headers, hit!.body)).toBe(true);
    expect(verify(main.secret, hit!.headers, hit!.body)).toBe(false);
    main.secret = p.secret;
  });

  it("refuses bad input naming the field, and changes nothing", async () => {
    for (const [url, field] of [
      ["ftp://example.com/x", "url"],
      ["not a url", "url"],
      ["https://user:pw@example.com/", "url"],
      ["", "url"],
    ] as const) {
      const p = await create(ga, { url });
      expect(p.webhookEndpoint).toBeNull();
      expect(p.secret).toBeNull();
      expect(p.userErrors.map((e) => e.field?.at(-1))).toEqual([field]);
    }
    const dup = await create(ga, { url: `${base}/dup`, eventTypes: ["TRANSFER_CREATED", "TRANSFER_CREATED"] });
    expect(dup.userErrors.map((e) => e.field?.at(-1))).toEqual(["eventTypes"]);
    const bad = await mutation<{ userErrors: UserErrorShape[] }>(t, UPDATE, { id: main.id, url: "gopher://x" }, ga);
    expect(bad.userErrors.map((e) => e.field?.at(-1))).toEqual(["url"]);
    const list = await query<{ webhookEndpoints: { totalCount: number; nodes: Endpoint[] } }>(t, LIST, {}, ga);
    // Nothing added (main and the flaky one remain), main unchanged.
    expect(list.webhookEndpoints.totalCount).toBe(2);
    expect(list.webhookEndpoints.nodes.find((n) => n.id === main.id)!.url).toBe(`${base}/main`);
  });

  it("another partner's endpoints and deliveries are NOT_FOUND and change nothing", async () => {
    const [d] = await deliveries(ga, main.id);
    const asOutsider = { as: "outsider" };
    const rowsBefore = await t.app.dataSource.getRepository(WebhookDelivery).count();
    const res = await t.gql(DELIVERIES, { endpointId: main.id, first: 5 }, asOutsider);
    expect(res.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(res.body.data).toBeNull();
    for (const [op, input] of [
      [UPDATE, { id: main.id, url: `${base}/stolen` }],
      [UPDATE, { id: main.id, active: false }],
      [DELETE, { id: main.id }],
      [ROTATE, { id: main.id }],
      [REPLAY, { id: d!.id }],
    ] as const) {
      const p = await mutation<{ userErrors: UserErrorShape[] }>(t, op, input, asOutsider);
      expect(p.userErrors.map((e) => [e.field?.at(-1), e.code])).toEqual([["id", "NOT_FOUND"]]);
    }
    // node(id:) answers nothing of another partner's webhooks either.
    const node = await t.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: main.id }, asOutsider);
    expect(node.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    // A reseller of a provider's network does not see the provider's, nor the provider the reseller's.
    const prov = expectOk(await create({ as: "prov" }, { url: `${base}/prov` }));
    const r = await t.gql(DELIVERIES, { endpointId: prov.webhookEndpoint!.id }, { as: "res" });
    expect(r.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    // Unchanged for its owner.
    const list = await query<{ webhookEndpoints: { nodes: Endpoint[] } }>(t, LIST, {}, ga);
    expect(list.webhookEndpoints.nodes.find((n) => n.id === main.id)).toMatchObject({
      url: `${base}/main`,
      active: true,
      secretPrefix: main.secret.slice(0, 10),
    });
    // The refused replay queued nothing.
    expect(await t.app.dataSource.getRepository(WebhookDelivery).count()).toBe(rowsBefore);
  });

  it("only a Global admin's own sign-in manages webhooks", async () => {
    const agent = await t.gql(LIST, {}, { email: "agent@direct.example" });
    expect(agent.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const made = await t.gql(CREATE, { input: { url: `${base}/agent` } }, { email: "agent@direct.example" });
    expect(made.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const viewer = await query<{ viewer: { permissions: { canManageWebhooks: boolean } } }>(
      t,
      `{ viewer { permissions { canManageWebhooks } } }`,
      {},
      ga,
    );
    expect(viewer.viewer.permissions.canManageWebhooks).toBe(true);
  });

  it("audits create, update, rotate and delete without the secret", async () => {
    const p = expectOk(await create(ga, { url: `${base}/audited` }));
    const endpointId = p.webhookEndpoint!.id;
    expectOk(await mutation(t, UPDATE, { id: endpointId, description: "renamed" }, ga));
    expectOk(await mutation(t, ROTATE, { id: endpointId }, ga));
    expectOk(await mutation(t, DELETE, { id: endpointId }, ga));
    type Page = {
      auditEvents: { nodes: { operation: string; changes: { type: string; fields: { field: string }[] }[] }[] };
    };
    const ops = ["createWebhookEndpoint", "updateWebhookEndpoint", "rotateWebhookSecret", "deleteWebhookEndpoint"];
    for (const operation of ops) {
      const page = await query<Page>(t, AUDIT, { filter: { operation } }, ga);
      expect(page.auditEvents.nodes.length, operation).toBeGreaterThan(0);
      expect(page.auditEvents.nodes[0]!.changes[0]!.type).toBe("WebhookEndpoint");
      expect(JSON.stringify(page)).not.toContain(p.secret!.slice(10));
    }
    const rotated = await query<Page>(t, AUDIT, { filter: { operation: "rotateWebhookSecret" } }, ga);
    expect(rotated.auditEvents.nodes[0]!.changes[0]!.fields.map((f) => f.field)).toEqual(["secretPrefix"]);
  });

  it("ids of another type are NOT_FOUND, not a crash", async () => {
    const p = await mutation<{ userErrors: UserErrorShape[] }>(
      t,
      DELETE,
      { id: toGlobalId("WebhookEndpoint", "00000000-0000-4000-8000-000000000000") },
      ga,
    );
    expect(p.userErrors.map((e) => e.code)).toEqual(["NOT_FOUND"]);
    const q = await t.gql(DELIVERIES, { endpointId: id.sub("s1") }, ga);
    expect(q.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
