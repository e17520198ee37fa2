import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromGlobalId, toGlobalId } from "../../server/src/common/global-id";
import { RelationshipStatus } from "../../server/src/domain/enums";
import { day, NAMES, R1_HELPDESK, scopingWorld } from "./fixtures";
import { startTestServer, type TestServer } from "./harness";

// CSV export of the lists (GET /export/{subscriptions,customers}.csv) and saved views, in the tenant-scoping world:
// P1 and P2 are providers with disjoint networks (C1, C2 are P1's; C3, C6, C7 are P2's). A few names start with
// characters a spreadsheet runs as a formula.

let t: TestServer;
const HOSTILE = { C1: '=HYPERLINK("http://evil.example","x")', s1a: "+SUM(A1:A9)", s1b: "@cmd", s1c: '-1+2, "quoted"' };

beforeAll(async () => {
  const world = scopingWorld();
  // R1 (P1's reseller) waits for C2, a customer P1 already holds: the request shows on a customer in the network.
  world.relationships.push({
    ...world.relationships.find((r) => r.customer === "C2")!,
    partner: "R1",
    status: RelationshipStatus.REQUESTED,
  });
  world.customers.find((c) => c.key === "C1")!.name = HOSTILE.C1;
  for (const s of world.subscriptions) {
    const name = HOSTILE[s.key as keyof typeof HOSTILE];
    if (name) s.offerName = name;
  }
  t = await startTestServer(world);
});

afterAll(async () => {
  await t?.close();
});

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

async function exportCsv(list: string, query: string, as: string | null) {
  const headers: Record<string, string> = as ? { authorization: `Bearer ${await t.tokenFor(as)}` } : {};
  const res = await fetch(`${t.app.origin}/export/${list}.csv${query ? `?${query}` : ""}`, { headers });
  const text = await res.text();
  return { res, text, rows: res.ok ? parseCsv(text) : [] };
}

async function graphqlIds(field: string, args: string, as: string): Promise<string[]> {
  const res = await t.gql<Record<string, { nodes: { id: string }[] }>>(
    `{ list: ${field}(first: 100${args}) { nodes { id } } }`,
    {},
    { as },
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.list!.nodes.map((n) => n.id);
}

const subId = (key: string) => toGlobalId("CustomerSubscription", t.world.subscriptions.get(key)!);

describe("CSV export of a list", () => {
  it("has the rows of the GraphQL list with the same filter and sort, in the same order", async () => {
    const { res, rows } = await exportCsv("subscriptions", "status=ACTIVE,SUSPENDED&sort=OFFER_NAME:DESC", "P1");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const [header, ...body] = rows;
    expect(header![0]).toBe("id");
    const expected = await graphqlIds(
      "subscriptions",
      ", filter: { status: [ACTIVE, SUSPENDED] }, orderBy: { field: OFFER_NAME, direction: DESC }",
      "P1",
    );
    expect(expected.length).toBeGreaterThan(2);
    expect(body.map((r) => r[0])).toEqual(expected);
    expect(Number(res.headers.get("x-total-count"))).toBe(expected.length);
  });

  it("never holds another tenant's rows, for providers and resellers alike", async () => {
    const p2Only = ["s3a", "s6a", "s7a"].map(subId);
    for (const as of ["P1", "R1", "R2"]) {
      const { rows } = await exportCsv("subscriptions", "", as);
      const ids = rows.slice(1).map((r) => r[0]);
      expect(ids, as).toEqual(await graphqlIds("subscriptions", "", as));
      for (const id of p2Only) expect(ids, as).not.toContain(id);
    }
    const customers = await exportCsv("customers", "", "P1");
    const names = customers.rows.slice(1).map((r) => r[1]);
    for (const other of [NAMES.C3, NAMES.C6, NAMES.C7]) expect(names).not.toContain(other);
    expect(customers.rows.slice(1).map((r) => r[0])).toEqual(await graphqlIds("customers", "", "P1"));
    // A filter naming another tenant's customer yields nothing, not that customer's rows.
    const c3 = toGlobalId("Customer", t.world.customers.get("C3")!);
    const narrowed = await exportCsv("subscriptions", `customerId=${c3}`, "P1");
    expect(narrowed.rows.slice(1)).toEqual([]);
  });

  it("defuses cells a spreadsheet would run as formulas, and quotes commas and quotes", async () => {
    const { rows, text } = await exportCsv("subscriptions", "", "P1");
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byId.get(subId("s1a"))![1]).toBe(`'${HOSTILE.s1a}`);
    expect(byId.get(subId("s1b"))![1]).toBe(`'${HOSTILE.s1b}`);
    expect(byId.get(subId("s1c"))![1]).toBe(`'${HOSTILE.s1c}`);
    expect(byId.get(subId("s1a"))![3]).toBe(`'${HOSTILE.C1}`);
    // No raw cell starts with a formula character (after a field separator or at a line start).
    expect(text).not.toMatch(/(^|,|\r\n)[=+@-]/);
    expect(text).not.toMatch(/(^|,|\r\n)"[=+@-]/);
  });

  it("refuses a bad filter or sort naming it, an unknown parameter, no sign-in, and an unknown list", async () => {
    const bad = await exportCsv("subscriptions", "status=NOPE", "P1");
    expect(bad.res.status).toBe(400);
    expect(bad.text).toContain("filter.status");
    expect((await exportCsv("subscriptions", "termEndsBefore=soon", "P1")).res.status).toBe(400);
    const sort = await exportCsv("subscriptions", "sort=id;DROP", "P1");
    expect(sort.res.status).toBe(400);
    expect(sort.text).toContain("sort.field");
    const unknown = await exportCsv("customers", "tenantScope=all", "P1");
    expect(unknown.res.status).toBe(400);
    expect(unknown.text).toContain("tenantScope");
    expect((await exportCsv("subscriptions", "", null)).res.status).toBe(401);
    expect((await exportCsv("users", "", "P1")).res.status).toBe(404);
  });
});

describe("saved views", () => {
  const CREATE = `mutation ($input: CreateSavedViewInput!) { createSavedView(input: $input) {
    savedView { id list name filter orderBy } userErrors { code field message } } }`;
  const LIST = `query ($list: SavedViewList!) { savedViews(list: $list) { id name filter orderBy } }`;
  const UPDATE = `mutation ($input: UpdateSavedViewInput!) { updateSavedView(input: $input) {
    savedView { id name orderBy } userErrors { code field } } }`;
  const DELETE = `mutation ($input: DeleteSavedViewInput!) { deleteSavedView(input: $input) {
    deletedId userErrors { code field } } }`;
  const ADMIN = { email: "admin@alpha-reseller.example" };
  const HELPDESK = { email: R1_HELPDESK };
  const OTHER = { email: "admin@beta-reseller.example" };
  type Created = {
    createSavedView: { savedView: { id: string } | null; userErrors: { code: string; field: string[] }[] };
  };

  it("belong to their user: no other user lists, changes or deletes them", async () => {
    const input = {
      list: "SUBSCRIPTIONS",
      name: "Ending soon",
      filter: "status=ACTIVE&ends=30",
      orderBy: "TERM_END:ASC",
    };
    const created = await t.gql<Created>(CREATE, { input }, ADMIN);
    expect(created.body.data!.createSavedView.userErrors).toEqual([]);
    const id = created.body.data!.createSavedView.savedView!.id;

    const mine = await t.gql<{ savedViews: { id: string }[] }>(LIST, { list: "SUBSCRIPTIONS" }, ADMIN);
    expect(mine.body.data!.savedViews.map((v) => v.id)).toEqual([id]);
    const theirs = await t.gql<{ savedViews: { id: string }[] }>(LIST, { list: "SUBSCRIPTIONS" }, HELPDESK);
    expect(theirs.body.data!.savedViews).toEqual([]);
    const otherPartner = await t.gql<{ savedViews: { id: string }[] }>(LIST, { list: "SUBSCRIPTIONS" }, { as: "P1" });
    expect(otherPartner.body.data!.savedViews).toEqual([]);

    const stolen = await t.gql<{ updateSavedView: { userErrors: { code: string; field: string[] }[] } }>(
      UPDATE,
      { input: { id, name: "Mine now" } },
      OTHER,
    );
    expect(stolen.body.data!.updateSavedView.userErrors).toEqual([{ code: "NOT_FOUND", field: ["input", "id"] }]);
    const deleted = await t.gql<{ deleteSavedView: { userErrors: { code: string; field: string[] }[] } }>(
      DELETE,
      { input: { id } },
      OTHER,
    );
    expect(deleted.body.data!.deleteSavedView.userErrors).toEqual([{ code: "NOT_FOUND", field: ["input", "id"] }]);
    // A read-only role keeps no views (it changes nothing, saved views included).
    const readOnly = await t.gql(UPDATE, { input: { id, name: "x" } }, HELPDESK);
    expect(readOnly.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const still = await t.gql<{ savedViews: { name: string }[] }>(LIST, { list: "SUBSCRIPTIONS" }, ADMIN);
    expect(still.body.data!.savedViews.map((v) => v.name)).toEqual(["Ending soon"]);

    const renamed = await t.gql<{ updateSavedView: { savedView: { name: string; orderBy: string | null } } }>(
      UPDATE,
      { input: { id, name: "Renewals", orderBy: "" } },
      ADMIN,
    );
    expect(renamed.body.data!.updateSavedView.savedView).toMatchObject({ name: "Renewals", orderBy: null });
    const gone = await t.gql<{ deleteSavedView: { deletedId: string } }>(DELETE, { input: { id } }, ADMIN);
    expect(gone.body.data!.deleteSavedView.deletedId).toBe(id);
    expect(
      (await t.gql<{ savedViews: unknown[] }>(LIST, { list: "SUBSCRIPTIONS" }, ADMIN)).body.data!.savedViews,
    ).toEqual([]);
  });

  it("refuses a bad name, filter, sort or duplicate naming the field, and saves nothing", async () => {
    const base = { list: "CUSTOMERS", name: "Portugal", filter: "country=PT", orderBy: "NAME:DESC" };
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "  " }, "name"],
      [{ filter: "after=abc" }, "filter"],
      [{ filter: "x".repeat(2001) }, "filter"],
      [{ orderBy: "TERM_END:ASC" }, "orderBy"],
      [{ orderBy: "NAME:SIDEWAYS" }, "orderBy"],
    ];
    for (const [change, field] of cases) {
      const res = await t.gql<Created>(CREATE, { input: { ...base, ...change } }, ADMIN);
      expect(
        res.body.data!.createSavedView.userErrors.map((e) => e.field),
        JSON.stringify(change),
      ).toEqual([["input", field]]);
    }
    expect((await t.gql<{ savedViews: unknown[] }>(LIST, { list: "CUSTOMERS" }, ADMIN)).body.data!.savedViews).toEqual(
      [],
    );
    await t.gql<Created>(CREATE, { input: base }, ADMIN);
    const twice = await t.gql<Created>(CREATE, { input: base }, ADMIN);
    expect(twice.body.data!.createSavedView.userErrors).toMatchObject([
      { code: "ALREADY_EXISTS", field: ["input", "name"] },
    ]);
  });

  it("a malformed id is NOT_FOUND on id, never a database error", async () => {
    for (const id of ["nope", "' OR 1=1 --", toGlobalId("Customer", t.world.customers.get("C1")!)]) {
      const res = await t.gql<{ deleteSavedView: { userErrors: { code: string; field: string[] }[] } }>(
        DELETE,
        { input: { id } },
        ADMIN,
      );
      expect(res.body.errors, id).toBeUndefined();
      expect(res.body.data!.deleteSavedView.userErrors).toEqual([{ code: "NOT_FOUND", field: ["input", "id"] }]);
    }
    expect(fromGlobalId("nope")).toBeNull();
  });

  it("an API token has no saved views: a user's own sign-in only", async () => {
    const made = await t.gql<{ createApiToken: { token: string | null } }>(
      `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token userErrors { code } } }`,
      {
        input: { name: "tool", scopes: ["READ", "WRITE"], expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
      },
      ADMIN,
    );
    const token = made.body.data!.createApiToken.token!;
    expect(token).toBeTruthy();
    const res = await t.gql(LIST, { list: "CUSTOMERS" }, { headers: { authorization: `Bearer ${token}` } });
    expect(res.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const write = await t.gql(
      CREATE,
      { input: { list: "CUSTOMERS", name: "x", filter: "" } },
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(write.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("dashboard cards open the list they count", () => {
  const SUMMARY = `{ networkSummary { relationshipsRequested transfersExpiringWithin7Days activeResellerCount } }`;
  type Summary = { networkSummary: Record<string, number> };

  it("relationship requests: customers in the network with a request still waiting", async () => {
    const summary = (await t.gql<Summary>(SUMMARY, {}, { as: "P1" })).body.data!.networkSummary;
    const res = await t.gql<{ customers: { totalCount: number; nodes: { name: string }[] } }>(
      `{ customers(filter: { relationshipRequested: true }) { totalCount nodes { name } } }`,
      {},
      { as: "P1" },
    );
    // C2 (R1's request); C8's request is counted too but C8 is outside the network until it accepts (need-to-know).
    expect(res.body.data!.customers.nodes.map((c) => c.name)).toEqual([NAMES.C2]);
    expect(summary.relationshipsRequested).toBe(2);
    // Another network's request never shows: P2 has none waiting.
    const p2 = await t.gql<{ customers: { totalCount: number } }>(
      `{ customers(filter: { relationshipRequested: true }) { totalCount } }`,
      {},
      { as: "P2" },
    );
    expect(p2.body.data!.customers.totalCount).toBe(0);
  });

  it("expiring transfers: pending ones whose 30 days end before the date, as the card counts them", async () => {
    const q = `query ($before: LocalDate) { transfers(filter: { status: [PENDING], expiresBefore: $before }) {
      totalCount nodes { id } } }`;
    const summary = (await t.gql<Summary>(SUMMARY, {}, { as: "P1" })).body.data!.networkSummary;
    const inWeek = await t.gql<{ transfers: { totalCount: number } }>(q, { before: day(7) }, { as: "P1" });
    expect(inWeek.body.data!.transfers.totalCount).toBe(summary.transfersExpiringWithin7Days);
    // T1 (created 3 days ago) ends in 27 days, T6 (1 day ago) in 29: a cutoff of 28 days takes T1 only.
    const in28 = await t.gql<{ transfers: { nodes: { id: string }[] } }>(q, { before: day(28) }, { as: "P1" });
    expect(in28.body.data!.transfers.nodes.map((n) => n.id)).toEqual([
      toGlobalId("Transfer", t.world.transfers.get("T1")!),
    ]);
    const bad = await t.gql(q, { before: "next week" }, { as: "P1" });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
