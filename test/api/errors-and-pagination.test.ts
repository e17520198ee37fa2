import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { toGlobalId } from "../../server/src/common/global-id";
import type { GqlError } from "./harness";
import { startTestServer, type TestServer } from "./harness";
import { expectError, expectNoLeak, PAGING_CUSTOMERS, pagingWorld, rawPost } from "./fixtures";

// Input validation, error shapes and keyset pagination through the real HTTP API. The viewer is "prov", an
// indirect provider whose network holds 9 customers, 13 subscriptions and 9 transfers (fixtures.ts pagingWorld);
// one more customer, subscription and transfer lie outside it.

let t: TestServer;
const AS = "prov";
const world = pagingWorld();

beforeAll(async () => {
  t = await startTestServer(world);
});

afterAll(async () => {
  await t?.close();
});

const gid = {
  customer: (key: string) => toGlobalId("Customer", t.world.customers.get(key)!),
  subscription: (key: string) => toGlobalId("CustomerSubscription", t.world.subscriptions.get(key)!),
  partner: (key: string) => toGlobalId("Partner", t.world.partners.get(key)!),
};

/** POSTs any body as-is and returns the status and raw text (and the JSON, when it parses). */
async function post(
  body: unknown,
  opts: { as?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; text: string; json: { data?: Record<string, unknown> | null; errors?: GqlError[] } }> {
  const headers: Record<string, string> = { "content-type": "application/json", ...opts.headers };
  if (opts.as) headers.authorization = `Bearer ${await t.tokenFor(opts.as)}`;
  const res = await rawPost(t.app.url, typeof body === "string" ? body : JSON.stringify(body), headers);
  let json = {};
  try {
    json = JSON.parse(res.text);
  } catch {
    // left empty: the caller checks the text
  }
  return { ...res, json };
}

const b64 = (value: unknown) =>
  Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

// --- page size and cursors -----------------------------------------------------------------------------------

const PAGED_LISTS: [string, string][] = [
  [
    "customers",
    `query ($first: Int, $after: String) { customers(first: $first, after: $after) { totalCount nodes { name } } }`,
  ],
  [
    "subscriptions",
    `query ($first: Int, $after: String) { subscriptions(first: $first, after: $after) { totalCount nodes { offerName } } }`,
  ],
  [
    "transfers",
    `query ($first: Int, $after: String) { transfers(first: $first, after: $after) { totalCount nodes { id customer { name } } } }`,
  ],
  [
    "resellers",
    `query ($first: Int, $after: String) { resellers(first: $first, after: $after) { totalCount nodes { reseller { name } } } }`,
  ],
  [
    "transferEligibility",
    `query ($first: Int, $after: String, $c: ID!) { transferEligibility(customerId: $c, first: $first, after: $after) {
      totalCount nodes { subscription { offerName } } } }`,
  ],
];

describe("page size", () => {
  it.each([-1, 0, 101, 100000])("first: %i is BAD_USER_INPUT on `first`, with no data", async (first) => {
    for (const [name, query] of PAGED_LISTS) {
      const res = await post({ query, variables: { first, c: gid.customer("c0") } }, { as: AS });
      expect(res.status, name).toBe(200);
      const error = expectError(res.json, "BAD_USER_INPUT", "first");
      expect(error.message).toContain(String(first));
      expect(res.json.data ?? null, name).toBeNull();
      for (const customer of PAGING_CUSTOMERS) expect(res.text, name).not.toContain(customer);
      expect(res.text).not.toContain("Offer ");
      expectNoLeak(res.text);
    }
  });

  it("first: 1 and first: 100 are the bounds that answer", async () => {
    for (const [first, count] of [
      [1, 1],
      [100, PAGING_CUSTOMERS.length],
    ] as const) {
      const res = await t.gql<{ customers: { totalCount: number; nodes: unknown[] } }>(
        PAGED_LISTS[0]![1],
        { first },
        { as: AS },
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.customers.nodes).toHaveLength(count);
      expect(res.body.data!.customers.totalCount).toBe(PAGING_CUSTOMERS.length);
    }
  });

  it("a page size beyond a 32-bit Int is refused before any resolver runs (400)", async () => {
    const res = await post({ query: PAGED_LISTS[0]![1], variables: { first: 1e12 } }, { as: AS });
    expect(res.status).toBe(400);
    expectError(res.json, "BAD_USER_INPUT");
    expectNoLeak(res.text);
  });
});

describe("cursors", () => {
  const garbage = [
    "garbage",
    "!!!",
    "%00",
    b64("not json"),
    b64({}),
    b64([]),
    b64(["only one"]),
    b64([1, 2, 3]),
    b64([null, "id"]),
    b64(["name", 5]),
    b64([{ nested: true }, "id"]),
    "x".repeat(5000),
  ];

  it("a garbage `after` is BAD_USER_INPUT on `after` for every list", async () => {
    for (const [name, query] of PAGED_LISTS) {
      for (const after of garbage) {
        const res = await post({ query, variables: { first: 2, after, c: gid.customer("c0") } }, { as: AS });
        expect(res.status, `${name} ${after}`).toBe(200);
        expectError(res.json, "BAD_USER_INPUT", "after");
        expect(res.json.data ?? null).toBeNull();
        expectNoLeak(res.text);
      }
    }
  });

  it("a well-formed cursor whose value is not a date is refused by the transfers list", async () => {
    const customersCursor = b64(["Fabrikam", t.world.customers.get("c4")]);
    for (const after of [customersCursor, b64(["not a date", "id"]), b64(["2026-13-45T99:00:00Z", "id"])]) {
      const res = await post({ query: PAGED_LISTS[2]![1], variables: { first: 2, after } }, { as: AS });
      expectError(res.json, "BAD_USER_INPUT", "after");
      expectNoLeak(res.text);
    }
  });
});

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}
interface Page<T> {
  totalCount: number;
  pageInfo: PageInfo;
  edges: { cursor: string; node: T }[];
}

/** Walks a list with first: 2, checking every page's pageInfo, and returns every node in order. */
async function walk<T>(field: string, query: string): Promise<T[]> {
  const all: T[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  for (let pageNo = 0; pageNo < 50; pageNo++) {
    const res: { body: { data?: Record<string, Page<T>>; errors?: GqlError[] } } = await t.gql<Record<string, Page<T>>>(
      query,
      { first: 2, after },
      { as: AS },
    );
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
    const page: Page<T> = res.body.data![field]!;
    totals.add(page.totalCount);
    expect(page.edges.length).toBeLessThanOrEqual(2);
    expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
    expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
    all.push(...page.edges.map((e) => e.node));
    // hasNextPage is exactly "more nodes follow".
    expect(page.pageInfo.hasNextPage).toBe(all.length < page.totalCount);
    if (!page.pageInfo.hasNextPage) break;
    expect(page.edges).toHaveLength(2);
    after = page.pageInfo.endCursor;
  }
  expect([...totals]).toEqual([all.length]);
  return all;
}

describe("keyset pagination, two at a time", () => {
  it("customers: every visible customer exactly once, in name order", async () => {
    const nodes = await walk<{ id: string; name: string }>(
      "customers",
      `query ($first: Int, $after: String) { customers(first: $first, after: $after) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id name } } } }`,
    );
    expect(nodes.map((n) => n.name)).toEqual(PAGING_CUSTOMERS);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(PAGING_CUSTOMERS.length);
  });

  it("transfers: every visible transfer exactly once, newest first, ties broken by id", async () => {
    const nodes = await walk<{ id: string; createdAt: string }>(
      "transfers",
      `query ($first: Int, $after: String) { transfers(first: $first, after: $after) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id createdAt } } } }`,
    );
    const visible = world.transfers.filter((tr) => tr.target === "prov");
    const expected = visible
      .map((tr) => ({ id: t.world.transfers.get(tr.key)!, createdAt: new Date(tr.createdAt).toISOString() }))
      .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1));
    expect(nodes).toEqual(expected.map((e) => ({ id: toGlobalId("Transfer", e.id), createdAt: e.createdAt })));
    // The world has ties (three transfers at the same instant), so the cursor's id tie-breaker is exercised.
    expect(new Set(expected.map((e) => e.createdAt)).size).toBeLessThan(expected.length);
  });

  it("subscriptions: every visible subscription exactly once, soonest term end first, ties broken by id", async () => {
    const nodes = await walk<{ id: string; commitmentEndDate: string }>(
      "subscriptions",
      `query ($first: Int, $after: String) { subscriptions(first: $first, after: $after) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id commitmentEndDate } } } }`,
    );
    const expected = world.subscriptions
      .filter((s) => s.customer !== "outsider")
      .map((s) => ({ id: t.world.subscriptions.get(s.key)!, commitmentEndDate: s.commitmentEndDate }))
      .sort((a, b) =>
        a.commitmentEndDate === b.commitmentEndDate
          ? a.id < b.id
            ? -1
            : 1
          : a.commitmentEndDate < b.commitmentEndDate
            ? -1
            : 1,
      );
    expect(nodes).toEqual(
      expected.map((e) => ({ id: toGlobalId("CustomerSubscription", e.id), commitmentEndDate: e.commitmentEndDate })),
    );
    expect(new Set(expected.map((e) => e.commitmentEndDate)).size).toBeLessThan(expected.length);
  });

  it("a cursor keeps its place: the page after a node's cursor starts right after that node", async () => {
    const all = await t.gql<{ customers: Page<{ name: string }> }>(
      `{ customers(first: 100) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { name } } } }`,
      {},
      { as: AS },
    );
    const edges = all.body.data!.customers.edges;
    for (const [i, edge] of edges.entries()) {
      const next = await t.gql<{ customers: { nodes: { name: string }[] } }>(
        `query ($after: String) { customers(first: 3, after: $after) { nodes { name } } }`,
        { after: edge.cursor },
        { as: AS },
      );
      expect(next.body.data!.customers.nodes.map((n) => n.name)).toEqual(PAGING_CUSTOMERS.slice(i + 1, i + 4));
    }
  });
});

// --- malformed requests ---------------------------------------------------------------------------------------

describe("malformed requests", () => {
  it("a bad enum or a wrongly typed variable is a 400 BAD_USER_INPUT without a stack trace", async () => {
    const cases: [string, Record<string, unknown>][] = [
      [`query ($f: CustomerFilter) { customers(filter: $f) { totalCount } }`, { f: { channels: ["NOPE"] } }],
      [`query ($f: SubscriptionFilter) { subscriptions(filter: $f) { totalCount } }`, { f: { status: "ACTIV" } }],
      [
        `query ($f: SubscriptionFilter) { subscriptions(filter: $f) { totalCount } }`,
        { f: { termEndsBefore: "2026-02-30" } },
      ],
      [`query ($f: SubscriptionFilter) { subscriptions(filter: $f) { totalCount } }`, { f: { bogus: 1 } }],
      [`query ($n: Int) { customers(first: $n) { totalCount } }`, { n: "ten" }],
      [`query ($n: Int) { customers(first: $n) { totalCount } }`, { n: 1.5 }],
      [`query ($a: EligibilityAction!) { eligibility(input: { action: $a }) { eligible } }`, { a: "ORDR" }],
      [`query ($a: EligibilityAction!) { eligibility(input: { action: $a }) { eligible } }`, {}],
      [`mutation ($i: SubscriptionActionInput!) { cancelSubscription(input: $i) { userErrors { code } } }`, { i: {} }],
      [`mutation ($i: SubscriptionActionInput!) { cancelSubscription(input: $i) { userErrors { code } } }`, { i: "x" }],
    ];
    for (const [query, variables] of cases) {
      const res = await post({ query, variables }, { as: AS });
      expect(res.status, `${query} ${JSON.stringify(variables)}`).toBe(400);
      expectError(res.json, "BAD_USER_INPUT");
      expect(res.json.data ?? null).toBeNull();
      expectNoLeak(res.text);
    }
  });

  it("a bad enum literal in the document is a 400 validation error", async () => {
    const res = await post({ query: `{ subscriptions(filter: { status: [NOPE] }) { totalCount } }` }, { as: AS });
    expect(res.status).toBe(400);
    expectError(res.json, "GRAPHQL_VALIDATION_FAILED");
    expectNoLeak(res.text);
  });

  it("a malformed JSON body is a 400 without a stack trace", async () => {
    for (const body of [
      `{"query": "{ customers { totalCount } }"`,
      "{query: 1}",
      "not json at all",
      `{"query": "\\x"}`,
    ]) {
      const res = await post(body, { as: AS });
      expect(res.status, body).toBe(400);
      expect(res.json.errors?.[0]?.message, body).toBeTruthy();
      expectNoLeak(res.text);
    }
  });

  it("no bad request's raw response mentions a stack, SQL or the driver", async () => {
    const deep = `{ customers { nodes { relationships { customer { relationships { customer { relationships { customer {
      relationships { customer { relationships { customer { name } } } } } } } } } } } }`;
    // [label, body, headers]: every one of these must fail (status >= 400 or errors), except the SQL-looking
    // input in ANSWERS, which must simply be treated as data.
    const bodies: [string, unknown, Record<string, string>?][] = [
      ["truncated JSON", `{"query": "{ customers { totalCount }`],
      ["JSON null", "null"],
      ["JSON number", "42"],
      ["empty object", {}],
      ["query is a number", { query: 5 }],
      ["batched", [{ query: "{ customers { totalCount } }" }, { query: "{ customers { totalCount } }" }]],
      ["syntax error", { query: "{ customers { " }],
      ["unknown field", { query: "{ customers { bogus } }" }],
      ["unknown argument", { query: "{ customers(orderBy: NAME) { totalCount } }" }],
      ["unknown operation name", { query: "query A { customers { totalCount } }", operationName: "B" }],
      ["two anonymous operations", { query: "{ customers { totalCount } } { transfers { totalCount } }" }],
      ["bad variable", { query: "query ($n: Int) { customers(first: $n) { totalCount } }", variables: { n: "x" } }],
      ["first -1", { query: "{ customers(first: -1) { totalCount } }" }],
      ["garbage cursor", { query: `{ customers(after: "${b64(["a"])}") { totalCount } }` }],
      ["too deep", { query: deep }],
      ["SQL in a search", { query: `{ customers(filter: { search: "'; DROP TABLE customer; --" }) { totalCount } }` }],
      ["SQL in an id", { query: `{ node(id: "${b64("Customer:' OR 1=1 --")}") { id } }` }],
      ["SQL in a cursor", { query: `{ customers(after: "${b64(["NAME:ASC", "' OR 1=1 --", "x"])}") { totalCount } }` }],
      ["bad country", { query: `{ customers(filter: { country: "usa" }) { totalCount } }` }],
      ["bad filter id", { query: `{ subscriptions(filter: { customerId: "nope" }) { totalCount } }` }],
      [
        "eligibility on a garbage id",
        { query: `{ eligibility(input: { action: TRANSFER, subscriptionId: "nope" }) { eligible } }` },
      ],
      [
        // Far more values than SQLite binds in one statement: the driver error must be masked.
        "40,000 filter values",
        {
          query: "query ($s: [SubscriptionStatus!]) { subscriptions(filter: { status: $s }) { totalCount } }",
          variables: { s: Array.from({ length: 40_000 }, () => "ACTIVE") },
        },
      ],
      ["text/plain (CSRF prevention)", `{"query": "{ customers { totalCount } }"}`, { "content-type": "text/plain" }],
      [
        "body over 1 MB",
        JSON.stringify({ query: `{ customers(filter: { search: "${"a".repeat(1_100_000)}" }) { totalCount } }` }),
      ],
      [
        "forged token",
        { query: "{ customers { totalCount } }" },
        { "content-type": "application/json", authorization: "Bearer x.y.z" },
      ],
    ];
    const ANSWERS = new Set(["SQL in a search", "SQL in a cursor"]);
    const mute = vi.spyOn(console, "error").mockImplementation(() => {});
    for (const [label, body, headers] of bodies) {
      const res = await post(body, headers ? { headers } : { as: AS });
      const failed = res.status >= 400 || (res.json.errors?.length ?? 0) > 0;
      expect(failed, `${label}: ${res.status} ${res.text.slice(0, 200)}`).toBe(!ANSWERS.has(label));
      expectNoLeak(res.text);
      for (const error of res.json.errors ?? []) {
        expect(Object.keys(error.extensions ?? {}), label).not.toContain("stacktrace");
        expect(Object.keys(error.extensions ?? {}), label).not.toContain("exception");
      }
    }
    mute.mockRestore();
    // And a GET without the preflight header is refused by CSRF prevention, without a stack either.
    const get = await fetch(`${t.app.url}?query=${encodeURIComponent("{ customers { totalCount } }")}`);
    expect(get.status).toBe(400);
    expectNoLeak(await get.text());
  });

  it("a request the database cannot run is refused without revealing why", async () => {
    // Far more bound values than SQLite accepts in one statement. Refusing it up front (BAD_USER_INPUT) would be
    // fine too; what must not happen is the driver's error, SQL or stack reaching the client.
    const mute = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await post(
      {
        query: "query ($s: [SubscriptionStatus!]) { subscriptions(filter: { status: $s }) { totalCount } }",
        variables: { s: Array.from({ length: 40_000 }, () => "ACTIVE") },
      },
      { as: AS },
    );
    mute.mockRestore();
    const error = res.json.errors?.[0];
    // 360 KB of variables: today the edge refuses the body before anything runs (BAD_REQUEST, 413).
    expect(["INTERNAL_SERVER_ERROR", "BAD_USER_INPUT", "BAD_REQUEST"]).toContain(error?.extensions?.code);
    if (error?.extensions?.code === "INTERNAL_SERVER_ERROR") {
      expect(error.message).toMatch(/^Internal server error \(reference [0-9a-f-]{36}\)$/);
      expect(Object.keys(error.extensions).sort()).toEqual(["code", "errorId"]);
    }
    expect(res.json.data ?? null).toBeNull();
    expectNoLeak(res.text);
  });
});

describe("depth limit", () => {
  const nest = (levels: number) => {
    // customers > nodes > (relationships > customer)* > name
    let inner = "name";
    let depth = 3; // customers, nodes, name
    while (depth + 2 <= levels) {
      inner = `relationships { customer { ${inner} } }`;
      depth += 2;
    }
    return { query: `{ customers { nodes { ${inner} } } }`, depth };
  };

  it("rejects a query nested beyond 10 levels, and answers one at 10", async () => {
    const tooDeep = nest(11);
    expect(tooDeep.depth).toBe(11);
    const refused = await post({ query: tooDeep.query }, { as: AS });
    expect(refused.status).toBe(400);
    const error = expectError(refused.json, "GRAPHQL_VALIDATION_FAILED");
    expect(error.message).toMatch(/limit is 10/);
    expect(refused.json.data ?? null).toBeNull();

    const atLimit = await post(
      {
        query: `{ customers { nodes { relationships { customer { relationships { customer {
      relationships { customer { relationships { status } } } } } } } } } }`,
      },
      { as: AS },
    );
    expect(atLimit.json.errors).toBeUndefined();
    expect(atLimit.status).toBe(200);
  });

  it("follows fragments when measuring depth", async () => {
    const query = `
      fragment C on Customer { relationships { customer { relationships { customer { relationships { customer { name } } } } } } }
      { customers { nodes { relationships { customer { ...C } } } } }`;
    const res = await post({ query }, { as: AS });
    expect(res.status).toBe(400);
    expectError(res.json, "GRAPHQL_VALIDATION_FAILED");
  });
});

// --- eligibility input ---------------------------------------------------------------------------------------

describe("eligibility input", () => {
  const Q = `query ($input: EligibilityInput!) { eligibility(input: $input) { eligible blocking { code } } }`;

  it("a decision without its subject is BAD_USER_INPUT naming the missing field", async () => {
    for (const [input, field] of [
      [{ action: "SUPPORT" }, "subscriptionId"],
      [{ action: "TRANSFER" }, "subscriptionId"],
      [{ action: "CANCEL" }, "subscriptionId"],
      [{ action: "REACTIVATE" }, "subscriptionId"],
      [{ action: "SUSPEND" }, "subscriptionId"],
      [{ action: "TRANSFER", customerId: gid.customer("c0") }, "subscriptionId"],
      [{ action: "ORDER", offerKind: "LICENSE_BASED" }, "customerId"],
      [{ action: "REMOVE_RELATIONSHIP" }, "customerId"],
      [{ action: "REMOVE_RELATIONSHIP", subscriptionId: gid.subscription("s0") }, "customerId"],
      [{ action: "ORDER", customerId: gid.customer("c0") }, "offerKind"],
    ] as const) {
      const res = await t.gql(Q, { input }, { as: AS });
      expectError(res.body, "BAD_USER_INPUT", field);
      expect(res.body.data ?? null).toBeNull();
    }
  });

  it("an id of the wrong type is BAD_USER_INPUT naming the field", async () => {
    for (const [input, field] of [
      [{ action: "TRANSFER", subscriptionId: gid.customer("c0") }, "subscriptionId"],
      [{ action: "SUPPORT", subscriptionId: gid.partner("res") }, "subscriptionId"],
      [{ action: "CANCEL", subscriptionId: "garbage" }, "subscriptionId"],
      [{ action: "REMOVE_RELATIONSHIP", customerId: gid.subscription("s0") }, "customerId"],
      [{ action: "ORDER", offerKind: "USAGE_BASED", customerId: "garbage" }, "customerId"],
      [{ action: "TRANSFER", subscriptionId: gid.subscription("s0"), resellerId: gid.customer("c0") }, "resellerId"],
    ] as const) {
      const res = await t.gql(Q, { input }, { as: AS });
      expectError(res.body, "BAD_USER_INPUT", field);
      expect(res.body.data ?? null).toBeNull();
    }
    // Control: the right id answers.
    const ok = await t.gql(Q, { input: { action: "SUPPORT", subscriptionId: gid.subscription("s0") } }, { as: AS });
    expect(ok.body).toEqual({ data: { eligibility: { eligible: true, blocking: [] } } });
  });

  it("a customer action on the subscription field is BAD_USER_INPUT on `action`", async () => {
    for (const action of ["ORDER", "REMOVE_RELATIONSHIP"]) {
      const res = await t.gql(
        `query ($a: EligibilityAction!) { subscriptions(first: 3) { nodes { id eligibility(action: $a) { eligible } } } }`,
        { a: action },
        { as: AS },
      );
      const error = expectError(res.body, "BAD_USER_INPUT", "action");
      expect(error.path?.[0]).toBe("subscriptions");
      expect(res.body.data ?? null).toBeNull();
    }
  });

  it("bad filter input is BAD_USER_INPUT naming the filter field", async () => {
    for (const [query, field] of [
      [`{ customers(filter: { country: "usa" }) { totalCount } }`, "filter.country"],
      [`{ customers(filter: { resellerId: "${gid.customer("c0")}" }) { totalCount } }`, "filter.resellerId"],
      [`{ subscriptions(filter: { customerId: "nope" }) { totalCount } }`, "filter.customerId"],
      [`{ subscriptions(filter: { resellerId: "${gid.customer("c0")}" }) { totalCount } }`, "filter.resellerId"],
      [`{ transfers(filter: { customerId: "${gid.subscription("s0")}" }) { totalCount } }`, "filter.customerId"],
      [`{ transferEligibility(customerId: "nope") { totalCount } }`, "customerId"],
      [`{ transferEligibility(customerId: "${gid.customer("c0")}", resellerId: "nope") { totalCount } }`, "resellerId"],
    ] as const) {
      const res = await t.gql(query, {}, { as: AS });
      expectError(res.body, "BAD_USER_INPUT", field);
    }
  });
});
