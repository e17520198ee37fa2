import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PartnerType, UserRole } from "../../server/src/domain/enums";
import { IdempotencyKey } from "../../server/src/http/idempotency.entity";
import type { World } from "../../server/src/scenarios/world";
import { startTestServer, type TestServer } from "./harness";
import { customer, ids, partner, rel, snapshot, USER_ERRORS } from "./mutation-helpers";

// The Idempotency-Key contract on mutations (server/src/http/idempotency.ts), through the real server: replay,
// another body, malformed keys, queries, per-caller scope, refusals, expiry.

const world: World = {
  partners: [partner("direct", "3800001", [PartnerType.DIRECT_BILL])],
  customers: [customer("fab")],
  relationships: [rel("direct", "fab")],
  subscriptions: [],
  partnerships: [],
  transfers: [],
  users: [
    { partner: "direct", email: "admin@direct.example", displayName: "Admin", role: UserRole.GLOBAL_ADMIN },
    { partner: "direct", email: "admin2@direct.example", displayName: "Admin 2", role: UserRole.GLOBAL_ADMIN },
  ],
};

const ORDER = `mutation($input: OrderSubscriptionInput!) { orderSubscription(input: $input) { subscription { id quantity } ${USER_ERRORS} } }`;
const ADMIN = "admin@direct.example";
const ADMIN2 = "admin2@direct.example";

let t: TestServer;
let id: ReturnType<typeof ids>;

beforeAll(async () => {
  t = await startTestServer(world);
  id = ids(t);
});
afterAll(() => t.close());

function order(offerId: string, quantity = 2) {
  return {
    customerId: id.customer("fab"),
    offerName: "Microsoft 365 E3",
    offerId,
    offerKind: "LICENSE_BASED",
    quantity,
    termDuration: "P1Y",
  };
}

async function send(input: Record<string, unknown>, key: string | null, email = ADMIN) {
  const headers: Record<string, string> = key === null ? {} : { "idempotency-key": key };
  return t.gql<{ orderSubscription: { subscription: { id: string } | null } }>(ORDER, { input }, { email, headers });
}

async function subscriptionsOf(offerId: string): Promise<number> {
  const rows: { n: string | number }[] = await t.app.dataSource.query(
    `SELECT COUNT(*) AS n FROM customer_subscription WHERE offer_id = '${offerId}'`,
  );
  return Number(rows[0]!.n);
}

async function postRaw(key: string) {
  const res = await fetch(t.app.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${await t.tokenFor("direct")}`,
      "idempotency-key": key,
    },
    body: JSON.stringify({ query: ORDER, variables: { input: order("IDEM:RAW") } }),
  });
  return { status: res.status, body: (await res.json()) as { errors?: { extensions?: { code?: string } }[] } };
}

describe("Idempotency-Key", () => {
  it("a retry with the same key and body gets the first answer, marked as replayed, with no second effect", async () => {
    const first = await send(order("IDEM:1"), "retry-1");
    expect(first.body.data!.orderSubscription.subscription).not.toBeNull();
    const res = await fetch(t.app.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${await t.tokenFor("direct")}`,
        "idempotency-key": "retry-1",
      },
      // The same variables in another key order are the same request.
      body: JSON.stringify({ variables: { input: order("IDEM:1") }, query: ORDER }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("idempotency-replayed")).toBe("true");
    const { extensions: _ignored, ...body } = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual(first.body);
    expect(await subscriptionsOf("IDEM:1")).toBe(1);
    // Without a key, the same body is a new order.
    await send(order("IDEM:1"), null);
    expect(await subscriptionsOf("IDEM:1")).toBe(2);
  });

  it("the same key with another body is refused with 422 and changes nothing", async () => {
    await send(order("IDEM:2", 2), "reuse-1");
    const before = await snapshot(t);
    const res = await send(order("IDEM:2", 3), "reuse-1");
    expect(res.status).toBe(422);
    expect(res.body.errors?.[0]?.extensions?.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(res.body.errors?.[0]?.message).toMatch(/another request/);
    expect(await snapshot(t)).toBe(before);
  });

  it("a malformed key is refused with 400 before anything runs", async () => {
    const before = await snapshot(t);
    let refusedByServer = 0;
    for (const key of ["x".repeat(256), "has space", "tab\there", "é-non-ascii"]) {
      const res = await postRaw(key).catch(() => null);
      // fetch itself refuses some header values (non-Latin-1); the others reach the server and are refused.
      if (res === null) continue;
      refusedByServer += 1;
      expect(res.status, key).toBe(400);
      expect(res.body.errors?.[0]?.extensions?.code).toBe("IDEMPOTENCY_KEY_INVALID");
    }
    expect(refusedByServer).toBeGreaterThanOrEqual(2);
    expect(await snapshot(t)).toBe(before);
    const ok = await postRaw("k".repeat(255));
    expect(ok.status).toBe(200);
  });

  it("keys are per caller: another user's same key runs its own request", async () => {
    const mine = await send(order("IDEM:3"), "shared-key");
    const theirs = await send(order("IDEM:3"), "shared-key", ADMIN2);
    const mineId = mine.body.data!.orderSubscription.subscription!.id;
    const theirsId = theirs.body.data!.orderSubscription.subscription!.id;
    expect(theirsId).not.toBe(mineId);
    expect(await subscriptionsOf("IDEM:3")).toBe(2);
  });

  it("a refused mutation's answer is kept too: the retry gets the same user errors", async () => {
    const refused = { ...order("IDEM:4"), quantity: 0 };
    const first = await send(refused, "refused-1");
    expect(first.body.data!.orderSubscription.subscription).toBeNull();
    const again = await send(refused, "refused-1");
    expect(again.body).toEqual(first.body);
    expect(await subscriptionsOf("IDEM:4")).toBe(0);
  });

  it("queries ignore the header", async () => {
    const query = `{ customers(first: 1) { nodes { id } } }`;
    const headers = { "idempotency-key": "query-key" };
    const a = await t.gql(query, {}, { as: "direct", headers });
    expect(a.status).toBe(200);
    expect(a.body.errors).toBeUndefined();
    const rows: { n: string | number }[] = await t.app.dataSource.query(
      `SELECT COUNT(*) AS n FROM idempotency_key WHERE key = 'query-key'`,
    );
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it("a key older than 24 hours is forgotten: the same key may then name another request", async () => {
    await send(order("IDEM:5", 2), "old-key");
    const old = new Date(Date.now() - 25 * 3600_000);
    await t.app.dataSource
      .createQueryBuilder()
      .update(IdempotencyKey)
      .set({ createdAt: old })
      .where("key = :key", { key: "old-key" })
      .execute();
    const res = await send(order("IDEM:5", 3), "old-key");
    expect(res.status).toBe(200);
    expect(res.body.data!.orderSubscription.subscription).not.toBeNull();
    expect(await subscriptionsOf("IDEM:5")).toBe(2);
  });
});
