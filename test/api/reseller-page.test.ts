import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toGlobalId } from "../../server/src/common/global-id";
import { expectError, NAMES, scopingWorld } from "./fixtures";
import { startTestServer, type TestServer } from "./harness";

// A provider's page of one reseller (issue 11): `reseller(id:)`, the requests it sent (`providerRequests(filter:
// { resellerId })`), and the CSV exports of the resellers, transfers and requests lists, in the tenant-scoping world
// (P1: R1, R2 ACTIVE, R4 INVITED, R5 REMOVED; P2: R3, R4, R5 ACTIVE).

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer(scopingWorld());
  // Requests to P1 from R1 (two) and R2 (one), and one from R3 to P2.
  const ask = async (as: string, provider: string, customer: string, sub: string) => {
    const res = await t.gql<{ requestProviderAction: { userErrors: unknown[] } }>(
      `mutation($input: RequestProviderActionInput!) { requestProviderAction(input: $input) { userErrors { field message } } }`,
      { input: { action: "SUSPEND", providerId: pid(provider), customerId: cid(customer), subscriptionId: sid(sub) } },
      { as },
    );
    expect(res.body.errors, JSON.stringify(res.body)).toBeUndefined();
    expect(res.body.data!.requestProviderAction.userErrors).toEqual([]);
  };
  await ask("R1", "P1", "C1", "s1a");
  await ask("R1", "P1", "C1", "s1c");
  await ask("R2", "P1", "C2", "s2a");
  await ask("R3", "P2", "C3", "s3a");
});

afterAll(async () => {
  await t?.close();
});

const pid = (key: string) => toGlobalId("Partner", t.world.partners.get(key)!);
const cid = (key: string) => toGlobalId("Customer", t.world.customers.get(key)!);
const sid = (key: string) => toGlobalId("CustomerSubscription", t.world.subscriptions.get(key)!);

const RESELLER = `query($id: ID!) { reseller(id: $id) { id status counts { customers subscriptions }
  reseller { id name partnerId country programStatus } } }`;

interface ResellerAnswer {
  reseller: {
    status: string;
    counts: { customers: number; subscriptions: number } | null;
    reseller: { id: string; name: string; partnerId: string; country: string | null };
  };
}

describe("reseller(id:)", () => {
  it("gives a provider its reseller's partnership, facts and counts", async () => {
    const res = await t.gql<ResellerAnswer>(RESELLER, { id: pid("R1") }, { as: "P1" });
    expect(res.body.errors).toBeUndefined();
    const r = res.body.data!.reseller;
    expect(r.status).toBe("ACTIVE");
    expect(r.reseller).toMatchObject({ id: pid("R1"), name: NAMES.R1, partnerId: "4000011", country: "US" });
    // C1 is R1's only customer; s1a, s1b, s1c name it as reseller of record.
    expect(r.counts).toEqual({ customers: 1, subscriptions: 3 });
  });

  it("answers an invitation without the reseller's details, and a removed partnership without counts", async () => {
    const invited = await t.gql<ResellerAnswer>(RESELLER, { id: pid("R4") }, { as: "P1" });
    expect(invited.body.data!.reseller).toMatchObject({ status: "INVITED", counts: null });
    expect(invited.body.data!.reseller.reseller.country).toBeNull();
    const removed = await t.gql<ResellerAnswer>(RESELLER, { id: pid("R5") }, { as: "P1" });
    expect(removed.body.data!.reseller).toMatchObject({ status: "REMOVED", counts: null });
  });

  it("is NOT_FOUND for another provider's reseller, for the reseller itself, for a non-partner and a bad id", async () => {
    for (const [as, id] of [
      ["P1", pid("R3")],
      ["P2", pid("R1")],
      ["R1", pid("R1")],
      ["P1", pid("D")],
      ["P1", pid("P1")],
      ["P1", cid("C1")],
      ["P1", "nonsense"],
    ] as const) {
      const res = await t.gql(RESELLER, { id }, { as });
      expectError(res.body, "NOT_FOUND", "id");
      expect(res.body.data ?? null).toBeNull();
    }
  });
});

describe("providerRequests(filter: { resellerId })", () => {
  const REQUESTS = `query($f: ProviderRequestFilter) { providerRequests(first: 50, filter: $f) {
    totalCount nodes { reseller { id } provider { id } } } }`;
  type Answer = { providerRequests: { totalCount: number; nodes: { reseller: { id: string } }[] } };

  it("narrows a provider's inbox to one reseller's requests", async () => {
    const all = await t.gql<Answer>(REQUESTS, {}, { as: "P1" });
    expect(all.body.data!.providerRequests.totalCount).toBe(3);
    const r1 = await t.gql<Answer>(REQUESTS, { f: { resellerId: pid("R1") } }, { as: "P1" });
    expect(r1.body.data!.providerRequests.totalCount).toBe(2);
    expect(new Set(r1.body.data!.providerRequests.nodes.map((n) => n.reseller.id))).toEqual(new Set([pid("R1")]));
  });

  it("finds nothing for another provider's reseller (no leak through the filter)", async () => {
    const r3 = await t.gql<Answer>(REQUESTS, { f: { resellerId: pid("R3") } }, { as: "P1" });
    expect(r3.body.data!.providerRequests).toMatchObject({ totalCount: 0, nodes: [] });
  });

  it("refuses an id that is not a Partner id, naming the field", async () => {
    const res = await t.gql(REQUESTS, { f: { resellerId: cid("C1") } }, { as: "P1" });
    expectError(res.body, "BAD_USER_INPUT", "filter.resellerId");
  });
});

/** RFC 4180 rows (the exported cells here hold no line breaks). */
function parseCsv(text: string): string[][] {
  return text
    .split("\r\n")
    .filter(Boolean)
    .map((line) => {
      const cells: string[] = [];
      let cell = "";
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i]!;
        if (quoted && ch === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') quoted = !quoted;
        else if (ch === "," && !quoted) {
          cells.push(cell);
          cell = "";
        } else cell += ch;
      }
      return [...cells, cell];
    });
}

async function exportCsv(list: string, query: string, as: string) {
  const headers = { authorization: `Bearer ${await t.tokenFor(as)}` };
  const res = await fetch(`${t.app.origin}/export/${list}.csv${query ? `?${query}` : ""}`, { headers });
  const text = await res.text();
  return { res, text, rows: res.ok ? parseCsv(text) : [] };
}

async function graphqlIds(field: string, args: string, select: string, as: string): Promise<string[]> {
  const res = await t.gql<Record<string, { nodes: Record<string, unknown>[] }>>(
    `{ list: ${field}(first: 100${args}) { nodes { ${select} } } }`,
    {},
    { as },
  );
  expect(res.body.errors, JSON.stringify(res.body)).toBeUndefined();
  return res.body.data!.list!.nodes.map((n) =>
    select.startsWith("reseller") ? (n.reseller as { id: string }).id : (n.id as string),
  );
}

describe("CSV export of the resellers, transfers and requests lists", () => {
  it("resellers: the GraphQL list's rows with the same filter and sort; never another provider's", async () => {
    const { res, rows } = await exportCsv("resellers", "status=ACTIVE,INVITED,REMOVED&sort=NAME:DESC", "P1");
    expect(res.status).toBe(200);
    expect(rows[0]).toEqual([
      "id",
      "reseller",
      "partnerId",
      "country",
      "status",
      "invitedAt",
      "acceptedAt",
      "removedAt",
    ]);
    const expected = await graphqlIds(
      "resellers",
      ", filter: { status: [ACTIVE, INVITED, REMOVED] }, orderBy: { field: NAME, direction: DESC }",
      "reseller { id }",
      "P1",
    );
    expect(rows.slice(1).map((r) => r[0])).toEqual(expected);
    expect(expected).toEqual([pid("R5"), pid("R4"), pid("R2"), pid("R1")]);
    expect(Number(res.headers.get("x-total-count"))).toBe(4);
    // The invited R4 shows its name and Partner ID only, as in the app.
    const r4 = rows.find((r) => r[0] === pid("R4"))!;
    expect(r4.slice(1, 5)).toEqual([NAMES.R4, "4000014", "", "INVITED"]);
    expect(rows.map((r) => r[1])).not.toContain(NAMES.R3);
    const searched = await exportCsv("resellers", "search=beta", "P1");
    expect(searched.rows.slice(1).map((r) => r[1])).toEqual([NAMES.R2]);
  });

  it("transfers: the GraphQL list's rows, filtered and sorted alike, scoped to the network", async () => {
    const { rows } = await exportCsv("transfers", "status=PENDING&sort=CUSTOMER_NAME:ASC", "P1");
    const expected = await graphqlIds(
      "transfers",
      ", filter: { status: [PENDING] }, orderBy: { field: CUSTOMER_NAME, direction: ASC }",
      "id",
      "P1",
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.slice(1).map((r) => r[0])).toEqual(expected);
    const everything = await exportCsv("transfers", "", "P1");
    const ids = everything.rows.slice(1).map((r) => r[0]);
    expect(ids).toEqual(await graphqlIds("transfers", "", "id", "P1"));
    // T2 (D → P2) and T4 (D → P2) are none of P1's business.
    for (const key of ["T2", "T4"]) expect(ids).not.toContain(toGlobalId("Transfer", t.world.transfers.get(key)!));
  });

  it("requests: one reseller's requests for the provider; the other provider's and the sender's views stay apart", async () => {
    const { rows } = await exportCsv("requests", `resellerId=${pid("R1")}`, "P1");
    expect(rows[0]![0]).toBe("id");
    expect(rows.slice(1)).toHaveLength(2);
    expect(new Set(rows.slice(1).map((r) => r[6]))).toEqual(new Set([NAMES.R1]));
    expect(rows.slice(1).map((r) => r[0])).toEqual(
      await graphqlIds("providerRequests", `, filter: { resellerId: "${pid("R1")}" }`, "id", "P1"),
    );
    const p2 = await exportCsv("requests", "", "P2");
    expect(p2.rows.slice(1).map((r) => r[6])).toEqual([NAMES.R3]);
    const r2 = await exportCsv("requests", "", "R2");
    expect(r2.rows.slice(1).map((r) => r[6])).toEqual([NAMES.R2]);
    const leak = await exportCsv("requests", `resellerId=${pid("R3")}`, "P1");
    expect(leak.rows.slice(1)).toEqual([]);
  });

  it("refuses a bad filter or sort naming it", async () => {
    const bad = await exportCsv("transfers", "status=NOPE", "P1");
    expect(bad.res.status).toBe(400);
    expect(bad.text).toContain("filter.status");
    const sort = await exportCsv("requests", "sort=customer", "P1");
    expect(sort.res.status).toBe(400);
    expect(sort.text).toContain("sort.field");
  });
});
