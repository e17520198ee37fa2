import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SubscriptionStatus } from "../../server/src/domain/enums";
import { day, expectError, pagingWorld } from "./fixtures";
import { startTestServer, type TestServer } from "./harness";

// Sortable lists: every whitelisted sort key, both directions, any page size. Paging forward from the start (first/
// after) and back from the end (last/before) must each visit every row of the filtered list exactly once, in the
// order of the whole list, ties broken by id. The world is the paging world with quantities, statuses and purchase
// dates that repeat, so most sorts have ties that straddle page boundaries.

let t: TestServer;
const AS = "prov";

beforeAll(async () => {
  const world = pagingWorld();
  world.subscriptions.forEach((s, i) => {
    s.quantity = [5, 1, 5, 10, 1][i % 5]!;
    s.purchaseDate = day(-[30, 30, 90][i % 3]!);
    if (i % 4 === 0) s.status = SubscriptionStatus.SUSPENDED;
  });
  t = await startTestServer(world);
});

afterAll(async () => {
  await t?.close();
});

interface Row {
  id: string;
  key: string | number;
}
interface ListSpec {
  name: string;
  fields: string[];
  /** The GraphQL field and a selection that yields the row's id and its value of the sort key. */
  query: string;
  row: (node: Record<string, unknown>, field: string) => Row;
}

const PAGE = `pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount`;
const ARGS = `($first: Int, $after: String, $last: Int, $before: String, $orderBy: ORDER)`;
const PAGING = `first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy`;

const LISTS: ListSpec[] = [
  {
    name: "subscriptions",
    fields: ["TERM_END", "OFFER_NAME", "CUSTOMER_NAME", "STATUS", "QUANTITY", "PURCHASE_DATE"],
    query: `query ${ARGS.replace("ORDER", "SubscriptionOrder")} { list: subscriptions(${PAGING}) { ${PAGE}
      nodes { id commitmentEndDate offerName status quantity purchaseDate customer { name } } } }`,
    row: (n, field) => ({
      id: n.id as string,
      key: {
        TERM_END: n.commitmentEndDate,
        OFFER_NAME: n.offerName,
        CUSTOMER_NAME: (n.customer as { name: string }).name,
        STATUS: n.status,
        QUANTITY: n.quantity,
        PURCHASE_DATE: n.purchaseDate,
      }[field] as string | number,
    }),
  },
  {
    name: "customers",
    fields: ["NAME", "DOMAIN", "COUNTRY", "CREATED_AT"],
    query: `query ${ARGS.replace("ORDER", "CustomerOrder")} { list: customers(${PAGING}) { ${PAGE}
      nodes { id name domain country createdAt } } }`,
    row: (n, field) => ({
      id: n.id as string,
      key: ({ NAME: n.name, DOMAIN: n.domain, COUNTRY: n.country, CREATED_AT: n.createdAt } as Record<string, string>)[
        field
      ]!,
    }),
  },
  {
    name: "transfers",
    fields: ["CREATED_AT", "CUSTOMER_NAME"],
    query: `query ${ARGS.replace("ORDER", "TransferOrder")} { list: transfers(${PAGING}) { ${PAGE}
      nodes { id createdAt customer { name } } } }`,
    row: (n, field) => ({
      id: n.id as string,
      key: field === "CREATED_AT" ? (n.createdAt as string) : (n.customer as { name: string }).name,
    }),
  },
];

interface PageResult {
  list: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    nodes: Record<string, unknown>[];
  };
}

async function page(spec: ListSpec, variables: Record<string, unknown>): Promise<PageResult["list"]> {
  const res = await t.gql<PageResult>(spec.query, variables, { as: AS });
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  return res.body.data!.list;
}

/** Pages through the whole list forward (first/after) or backward (last/before); returns ids in list order. */
async function walk(spec: ListSpec, orderBy: object, size: number, backward: boolean): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 200; guard++) {
    const p = await page(
      spec,
      backward ? { last: size, before: cursor, orderBy } : { first: size, after: cursor, orderBy },
    );
    expect(p.nodes.length).toBeLessThanOrEqual(size);
    const got = p.nodes.map((n) => spec.row(n, (orderBy as { field: string }).field));
    if (backward) rows.unshift(...got);
    else rows.push(...got);
    const more = backward ? p.pageInfo.hasPreviousPage : p.pageInfo.hasNextPage;
    if (!more) return rows;
    expect(p.nodes.length).toBe(size);
    cursor = backward ? p.pageInfo.startCursor : p.pageInfo.endCursor;
  }
  throw new Error("paging did not end");
}

/** Compares two sort keys as the database does for the types whose order is the same everywhere. */
function monotone(rows: Row[], direction: "ASC" | "DESC", field: string): void {
  // Names sort by the database's collation, which differs between SQLite and PostgreSQL; numbers, dates, instants
  // and enum codes (ASCII capitals) compare the same in both.
  if (/NAME|DOMAIN/.test(field)) return;
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [rows[i - 1]!.key, rows[i]!.key];
    if (direction === "ASC") expect(a <= b, `${field} ${String(a)} then ${String(b)}`).toBe(true);
    else expect(a >= b, `${field} ${String(a)} then ${String(b)}`).toBe(true);
  }
}

describe("sorted keyset paging", () => {
  for (const spec of LISTS) {
    it(`${spec.name}: any sort, any page size, forward or back, visits every row once and in order`, async () => {
      const whole = new Map<string, Row[]>();
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...spec.fields),
          fc.constantFrom("ASC" as const, "DESC" as const),
          fc.integer({ min: 1, max: 6 }),
          fc.boolean(),
          async (field, direction, size, backward) => {
            const orderBy = { field, direction };
            const key = `${field}:${direction}`;
            if (!whole.has(key)) {
              const all = await page(spec, { first: 100, orderBy });
              expect(all.pageInfo.hasNextPage).toBe(false);
              const rows = all.nodes.map((n) => spec.row(n, field));
              expect(rows.length).toBe(all.totalCount);
              monotone(rows, direction, field);
              whole.set(key, rows);
            }
            const expected = whole.get(key)!;
            const rows = await walk(spec, orderBy, size, backward);
            expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
            expect(rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
          },
        ),
        { numRuns: 12, seed: 20261202 },
      );
    });
  }

  it("the last page sized by totalCount ends where forward paging ends (page N of M)", async () => {
    const spec = LISTS[0]!;
    const orderBy = { field: "QUANTITY", direction: "DESC" };
    const size = 4;
    const total = (await page(spec, { first: 1, orderBy })).totalCount;
    const forward = await walk(spec, orderBy, size, false);
    const lastSize = total % size || size;
    const last = await page(spec, { last: lastSize, orderBy });
    expect(last.nodes.map((n) => n.id)).toEqual(forward.slice(-lastSize).map((r) => r.id));
    expect(last.pageInfo.hasPreviousPage).toBe(total > lastSize);
    expect(last.pageInfo.hasNextPage).toBe(false);
  });
});

describe("sort and cursor input", () => {
  it("a cursor of one sort is refused by another, naming `after`", async () => {
    const spec = LISTS[0]!;
    const first = await page(spec, { first: 2, orderBy: { field: "OFFER_NAME", direction: "ASC" } });
    const res = await t.gql(
      spec.query,
      { first: 2, after: first.pageInfo.endCursor, orderBy: { field: "QUANTITY", direction: "ASC" } },
      { as: AS },
    );
    expectError(res.body, "BAD_USER_INPUT", "after");
  });

  it("first with last, or after with before, is refused naming the field", async () => {
    const spec = LISTS[1]!;
    expectError((await t.gql(spec.query, { first: 2, last: 2 }, { as: AS })).body, "BAD_USER_INPUT", "last");
    const p = await page(spec, { first: 2 });
    const both = { after: p.pageInfo.endCursor, before: p.pageInfo.startCursor };
    expectError((await t.gql(spec.query, both, { as: AS })).body, "BAD_USER_INPUT", "before");
    expectError((await t.gql(spec.query, { last: 0 }, { as: AS })).body, "BAD_USER_INPUT", "last");
    expectError((await t.gql(spec.query, { last: 101 }, { as: AS })).body, "BAD_USER_INPUT", "last");
  });

  it("a sort key outside the whitelist is refused by the schema, with no data", async () => {
    const spec = LISTS[0]!;
    const res = await t.gql(
      spec.query,
      { orderBy: { field: "id; DROP TABLE customer", direction: "ASC" } },
      { as: AS },
    );
    expect(res.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.body.data ?? null).toBeNull();
  });
});
