import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toGlobalId } from "../../server/src/common/global-id";
import { expectError, scopingWorld } from "./fixtures";
import { startTestServer, type TestServer } from "./harness";

// A reseller page's activity (issue 11): `auditEvents(filter: { resellerId })` — the provider's own events about one
// of its resellers (the reseller named, its partnership, requests, transfers and subscriptions as reseller of record)
// and about the customers it serves. In the tenant-scoping world: P1 with R1 (C1), R2 (C2) ACTIVE, R4 INVITED;
// P2 with R3 (C3), R4 (C7), R5 (C6) ACTIVE.

let t: TestServer;

const pid = (key: string) => toGlobalId("Partner", t.world.partners.get(key)!);
const cid = (key: string) => toGlobalId("Customer", t.world.customers.get(key)!);
const sid = (key: string) => toGlobalId("CustomerSubscription", t.world.subscriptions.get(key)!);

const ACTION = (name: string) =>
  `mutation($input: SubscriptionActionInput!) { ${name}(input: $input) { userErrors { field code } } }`;
const ASK = `mutation($input: RequestProviderActionInput!) {
  requestProviderAction(input: $input) { providerRequest { id } userErrors { field code } } }`;
const RESOLVE = `mutation($input: ResolveProviderRequestInput!) {
  resolveProviderRequest(input: $input) { userErrors { field code } } }`;
const ACTIVITY = `query($f: AuditEventFilter, $first: Int!, $after: String) {
  auditEvents(first: $first, after: $after, filter: $f) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id operation outcome targets { type id } }
  }
}`;

interface Activity {
  auditEvents: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: { id: string; operation: string; outcome: string; targets: { type: string; id: string }[] }[];
  };
}

async function run(query: string, input: Record<string, unknown>, as: string) {
  const res = await t.gql<Record<string, { userErrors: unknown[]; providerRequest?: { id: string } }>>(
    query,
    { input },
    { as },
  );
  expect(res.body.errors, JSON.stringify(res.body)).toBeUndefined();
  return Object.values(res.body.data!)[0]!;
}

const activity = (as: string, resellerKeyOrId: string, first = 50, after: string | null = null) =>
  t.gql<Activity>(
    ACTIVITY,
    { f: { resellerId: t.world.partners.has(resellerKeyOrId) ? pid(resellerKeyOrId) : resellerKeyOrId }, first, after },
    { as },
  );

/** Which of the events carry a target of this type and key. */
const naming = (nodes: Activity["auditEvents"]["nodes"], type: string, id: string) =>
  nodes.filter((n) => n.targets.some((x) => x.type === type && x.id === id));

beforeAll(async () => {
  t = await startTestServer(scopingWorld());
  // P1 about R1: suspends s1a (R1 is its reseller of record); R1 asks P1 to suspend s1c and P1 declines.
  expect((await run(ACTION("suspendSubscription"), { subscriptionId: sid("s1a") }, "P1")).userErrors).toEqual([]);
  const asked = await run(
    ASK,
    { action: "SUSPEND", providerId: pid("P1"), customerId: cid("C1"), subscriptionId: sid("s1c") },
    "R1",
  );
  expect(asked.userErrors).toEqual([]);
  const requestId = asked.providerRequest!.id;
  expect((await run(RESOLVE, { requestId, outcome: "DECLINED", responseNote: "Not now" }, "P1")).userErrors).toEqual(
    [],
  );
  // P1 about R1 with no customer: invites it again by its Partner ID (refused: the partnership is active).
  const INVITE = `mutation($input: InviteResellerInput!) { inviteReseller(input: $input) { userErrors { field code } } }`;
  expect((await run(INVITE, { resellerPartnerId: "4000011" }, "P1")).userErrors).not.toEqual([]);
  // P1 about C1 but no reseller: s1d is Microsoft's direct subscription of R1's customer C1 (refused: not CSP).
  await run(ACTION("suspendSubscription"), { subscriptionId: sid("s1d") }, "P1");
  // P1 about R2: suspends s2a.
  expect((await run(ACTION("suspendSubscription"), { subscriptionId: sid("s2a") }, "P1")).userErrors).toEqual([]);
  // P2 about its resellers R3 and R4 (R4 is also P1's invited reseller).
  expect((await run(ACTION("suspendSubscription"), { subscriptionId: sid("s3a") }, "P2")).userErrors).toEqual([]);
  expect((await run(ACTION("suspendSubscription"), { subscriptionId: sid("s7a") }, "P2")).userErrors).toEqual([]);
});

afterAll(async () => {
  await t?.close();
});

describe("auditEvents(filter: { resellerId })", () => {
  it("gives a provider its own events about the reseller, its subscriptions, requests and customers", async () => {
    const res = await activity("P1", "R1");
    expect(res.body.errors).toBeUndefined();
    const { nodes, totalCount } = res.body.data!.auditEvents;
    expect(totalCount).toBe(nodes.length);
    // The suspension of R1's s1a, the declined request, the refused suspension of C1's direct subscription.
    expect(naming(nodes, "CustomerSubscription", sid("s1a")).map((n) => n.operation)).toEqual(["suspendSubscription"]);
    expect(nodes.filter((n) => n.operation === "resolveProviderRequest")).toHaveLength(1);
    expect(naming(nodes, "CustomerSubscription", sid("s1d"))).toEqual([
      expect.objectContaining({ operation: "suspendSubscription", outcome: "REFUSED" }),
    ]);
    // The refused invitation named R1 alone (no customer): found through the event's reseller.
    expect(naming(nodes, "Partner", pid("R1"))).toEqual([
      expect.objectContaining({ operation: "inviteReseller", outcome: "REFUSED" }),
    ]);
    expect(totalCount).toBe(4);
    // Not what P1 did about R2, and not R1's own request (its event belongs to R1).
    expect(naming(nodes, "CustomerSubscription", sid("s2a"))).toEqual([]);
    expect(nodes.filter((n) => n.operation === "requestProviderAction")).toEqual([]);
  });

  it("keeps each reseller's events apart", async () => {
    const r2 = (await activity("P1", "R2")).body.data!.auditEvents;
    expect(r2.nodes.map((n) => n.operation)).toEqual(["suspendSubscription"]);
    expect(naming(r2.nodes, "Partner", pid("R1"))).toEqual([]);
    expect(naming(r2.nodes, "CustomerSubscription", sid("s2a"))).toHaveLength(1);
  });

  it("shows a provider nothing another provider did about a reseller they share", async () => {
    // R4: P1's invitation, P2's active reseller; P2 suspended R4's s7a.
    const p1 = await activity("P1", "R4");
    expect(p1.body.errors).toBeUndefined();
    expect(p1.body.data!.auditEvents).toMatchObject({ totalCount: 0, nodes: [] });
    const p2 = (await activity("P2", "R4")).body.data!.auditEvents;
    expect(naming(p2.nodes, "CustomerSubscription", sid("s7a"))).toHaveLength(1);
  });

  it("is NOT_FOUND for another provider's reseller, for the reseller itself and for a non-reseller", async () => {
    for (const [as, reseller] of [
      ["P2", "R1"],
      ["P1", "R3"],
      ["R1", "R1"],
      ["P1", "D"],
      ["P1", "P1"],
    ] as const) {
      const res = await activity(as, reseller);
      expectError(res.body, "NOT_FOUND", "filter.resellerId");
      expect(res.body.data ?? null).toBeNull();
    }
  });

  it("refuses an id that is not a Partner id, naming the field", async () => {
    const res = await activity("P1", cid("C1"));
    expectError(res.body, "BAD_USER_INPUT", "filter.resellerId");
  });

  it("pages newest first with a cursor, each event once, in bounded pages", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res = await activity("P1", "R1", 1, after);
      expect(res.body.errors).toBeUndefined();
      const page = res.body.data!.auditEvents;
      expect(page.nodes.length).toBeLessThanOrEqual(1);
      seen.push(...page.nodes.map((n) => n.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
    const tooMany = await activity("P1", "R1", 1000);
    expect(tooMany.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("exports the same events as CSV, and answers 404 for another provider's reseller", async () => {
    const csv = async (as: string, reseller: string) =>
      fetch(`${t.app.origin}/export/audit-events.csv?resellerId=${encodeURIComponent(pid(reseller))}`, {
        headers: { authorization: `Bearer ${await t.tokenFor(as)}` },
      });
    const mine = await csv("P1", "R1");
    expect(mine.status).toBe(200);
    const lines = (await mine.text()).split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(1 + 4);
    expect(lines.filter((l) => l.includes("resolveProviderRequest"))).toHaveLength(1);
    const theirs = await csv("P2", "R1");
    expect(theirs.status).toBe(404);
    expect(await theirs.text()).not.toContain("suspendSubscription");
  });
});
