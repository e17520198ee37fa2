import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import { createSchema } from "../../server/src/schema";
import { signToken } from "../../server/src/auth/token";
import { toGlobalId, type NodeTypeName } from "../../server/src/common/global-id";
import { expectNoLeak, R1_HELPDESK, scopingWorld } from "./fixtures";
import { startTestServer, type TestServer } from "./harness";
import { snapshot } from "./mutation-helpers";

// Property test (issue 7, "Done when"): random and hostile inputs to EVERY mutation of the schema, as several
// roles. Inputs are built from the schema's own input types, so a new mutation is covered without touching this
// file. Each answer must be structured (user errors or a known extension code; never HTTP 5xx nor
// INTERNAL_SERVER_ERROR), leak no stack or SQL, and a refusal must leave the domain tables exactly as they were.
// Runs: HOSTILE_RUNS (default 1000 per database); e.g. HOSTILE_RUNS=20000 for a long local run.

const RUNS = Number(process.env.HOSTILE_RUNS ?? 1000);
const SEED = process.env.HOSTILE_SEED ? Number(process.env.HOSTILE_SEED) : undefined;

/** Codes a refusal may carry: anything else (INTERNAL_SERVER_ERROR above all) fails the property. */
const STRUCTURED_CODES = new Set([
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "NOT_FOUND",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "CONFLICT",
  "GRAPHQL_VALIDATION_FAILED",
  "GRAPHQL_PARSE_FAILED",
]);

let t: TestServer;
let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await createSchema();
  // A budget that thousands of requests in a few seconds cannot exhaust: throttling has its own tests.
  t = await startTestServer(scopingWorld(), { config: { costBudget: 10_000_000, costRestoreRate: 10_000_000 } });
});
afterAll(async () => {
  await t?.close();
});

/** Who calls: admins of a provider, a reseller and a direct-bill partner, a read-only user, nobody. */
const ROLES: { as?: string; email?: string }[] = [
  { as: "P1" },
  { as: "R1" },
  { as: "D" },
  { as: "P2" },
  { email: R1_HELPDESK },
  {},
];

// ---------------------------------------------------------------------------------------------------------
// Arbitraries from the schema.
// ---------------------------------------------------------------------------------------------------------

const HOSTILE_TEXT = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u0007\u001b[31m",
  "\u0085",
  "\uD800",
  "x\uDFFF",
  "\u202Egnp.exe",
  "\u2066isolate\u2069",
  "'; DROP TABLE customer; --",
  "%' OR 1=1 --",
  "\\",
  "${jndi:ldap://x}",
  "<script>alert(1)</script>",
  "😀".repeat(101),
  "null",
  "undefined",
];
const PLAUSIBLE_TEXT = [
  "US",
  "PT",
  "Fabrikam",
  "fabrikam-hostile.onmicrosoft.com",
  "4000011",
  "4000012",
  "CFQ7TTC0LFLZ:0001",
  "Microsoft 365 E3",
  "admin@fabrikam.onmicrosoft.com",
];

const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_TEXT, ...PLAUSIBLE_TEXT) },
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 300 }) },
  // Around the limits (2, 20, 64, 100, 200, 253, 254, 1000) and far beyond (still under the body limit).
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom(2, 3, 20, 21, 64, 65, 100, 101, 200, 201, 253, 254, 255, 1000, 1001, 60_000),
        fc.constantFrom("x", "é", "😀", "\u0000", " "),
      )
      .map(([n, c]) => c.repeat(n)),
  },
);

const INT_EDGES = [0, 1, -1, 2, 24, 25, 26, 299_999, 300_000, 300_001, 2_147_483_647, -2_147_483_648];
const int = fc.oneof(fc.constantFrom(...INT_EDGES), fc.integer());

const DATE_EDGES = ["0000-01-01", "0001-01-01", "1999-12-31", "2000-01-01", "2100-12-31", "2101-01-01", "9999-12-31"];
const localDate = fc.oneof(
  fc.constantFrom(...DATE_EDGES),
  fc
    .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2120-01-01T00:00:00Z"), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
);
const dateTime = fc.oneof(
  fc.constantFrom(...DATE_EDGES.map((d) => `${d}T00:00:00Z`)),
  fc
    .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2120-01-01T00:00:00Z"), noInvalidDate: true })
    .map((d) => d.toISOString()),
);

/** Ids of every object of the world (any tenant's), ids of the wrong type, and malformed ones. */
function idArbitrary(): fc.Arbitrary<string> {
  const w = t.world;
  const real: [NodeTypeName, Map<string, string>][] = [
    ["Partner", w.partners],
    ["Customer", w.customers],
    ["CustomerSubscription", w.subscriptions],
    ["Transfer", w.transfers],
  ];
  const rows = real.flatMap(([type, map]) => [...map.values()].map((id) => ({ type, id })));
  const right = rows.map((r) => toGlobalId(r.type, r.id));
  const wrongType = rows.slice(0, 10).map((r) => toGlobalId(r.type === "Customer" ? "Partner" : "Customer", r.id));
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...right) },
    { weight: 1, arbitrary: fc.constantFrom(...wrongType) },
    { weight: 1, arbitrary: fc.constantFrom("", " ", "0", "-1", "null", toGlobalId("Customer", crypto.randomUUID())) },
    { weight: 1, arbitrary: fc.uuid().map((u) => toGlobalId("CustomerSubscription", u)) },
    { weight: 1, arbitrary: text },
  );
}

function scalarArbitrary(name: string, ids: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  switch (name) {
    case "ID":
      return ids;
    case "String":
      return text;
    case "Int":
      return int;
    case "Float":
      return fc.oneof(fc.double(), fc.constantFrom(0, -1, 1e308));
    case "Boolean":
      return fc.boolean();
    case "LocalDate":
      return localDate;
    default:
      return name.includes("Date") ? dateTime : text;
  }
}

function inputArbitrary(type: GraphQLInputType, ids: fc.Arbitrary<string>, depth = 0): fc.Arbitrary<unknown> {
  const inner = getNullableType(type) as GraphQLInputType;
  let value: fc.Arbitrary<unknown>;
  if (isListType(inner)) {
    value = fc.array(inputArbitrary(inner.ofType, ids, depth + 1), { maxLength: 30 });
  } else if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields());
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const f of fields) record[f.name] = inputArbitrary(f.type, ids, depth + 1);
    const optional = fields.filter((f) => !isNonNullType(f.type)).map((f) => f.name);
    value = fc.record(record, { requiredKeys: fields.map((f) => f.name).filter((n) => !optional.includes(n)) });
  } else if (isEnumType(inner)) {
    value = fc.constantFrom(...inner.getValues().map((v) => v.value as unknown));
  } else if (isScalarType(inner)) {
    value = scalarArbitrary(inner.name, ids);
  } else {
    throw new Error(`unexpected input type ${String(type)}`);
  }
  return isNonNullType(type) ? value : fc.option(value, { nil: null, freq: 4 });
}

interface Call {
  field: string;
  query: string;
  variables: Record<string, unknown>;
}

function mutationCalls(ids: fc.Arbitrary<string>): { names: string[]; calls: fc.Arbitrary<Call> } {
  const fields = Object.values(schema.getMutationType()!.getFields()) as GraphQLField<unknown, unknown>[];
  const calls = fields.map((field) => {
    const declared = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(", ");
    const passed = field.args.map((a) => `${a.name}: $${a.name}`).join(", ");
    const returned = getNamedType(field.type);
    const userErrors = isObjectType(returned) && "userErrors" in returned.getFields();
    const selection = userErrors ? "__typename userErrors { field message code }" : "__typename";
    const query = `mutation${declared ? `(${declared})` : ""} { ${field.name}${passed ? `(${passed})` : ""} { ${selection} } }`;
    const args: Record<string, fc.Arbitrary<unknown>> = {};
    for (const a of field.args) args[a.name] = inputArbitrary(a.type, ids);
    return fc.record(args).map((variables) => ({ field: field.name, query, variables }));
  });
  return { names: fields.map((f) => f.name), calls: fc.oneof(...calls) };
}

// ---------------------------------------------------------------------------------------------------------
// The property.
// ---------------------------------------------------------------------------------------------------------

/** Row counts and a hash of every row of the domain tables (audit or idempotency records may grow). */
async function fingerprint(): Promise<string> {
  return createHash("sha256")
    .update(await snapshot(t))
    .digest("hex");
}

describe("hostile inputs to every mutation", () => {
  it(`only structured refusals that change nothing (${RUNS} runs)`, { timeout: 600_000 }, async () => {
    const { names, calls } = mutationCalls(idArbitrary());
    const seen = new Map<string, { runs: number; refused: number; accepted: number }>();
    const started = Date.now();
    // The fingerprint after one request is the one before the next: one fingerprint per request.
    let last = await fingerprint();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROLES), calls, async (who, call) => {
        const res = await fetch(t.app.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(who.as ? { authorization: `Bearer ${await t.tokenFor(who.as)}` } : {}),
            ...(who.email ? { authorization: `Bearer ${await signToken(t.config.authSecret, who.email)}` } : {}),
          },
          body: JSON.stringify({ query: call.query, variables: call.variables }),
        });
        const raw = await res.text();
        expect(res.status, raw.slice(0, 300)).toBeLessThan(500);
        expectNoLeak(raw);
        const body = JSON.parse(raw) as {
          data?: Record<string, { userErrors?: unknown[] } | null> | null;
          errors?: { message: string; extensions?: { code?: string } }[];
        };
        for (const e of body.errors ?? []) {
          expect(STRUCTURED_CODES.has(e.extensions?.code ?? ""), `${call.field}: ${raw.slice(0, 300)}`).toBe(true);
        }
        const payload = body.data?.[call.field];
        const refused =
          res.status !== 200 || !!body.errors?.length || !payload || (payload.userErrors?.length ?? 0) > 0;
        const after = await fingerprint();
        const stats = seen.get(call.field) ?? { runs: 0, refused: 0, accepted: 0 };
        stats.runs++;
        if (refused) {
          stats.refused++;
          expect(after, `${call.field} refused but changed the database: ${raw.slice(0, 300)}`).toBe(last);
        } else {
          stats.accepted++;
        }
        seen.set(call.field, stats);
        last = after;
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    const total = [...seen.values()].reduce((n, s) => n + s.runs, 0);
    console.info(
      `hostile inputs: ${total} requests to ${seen.size}/${names.length} mutations in ${Date.now() - started} ms`,
      Object.fromEntries(seen),
    );
    // Every mutation of the schema was exercised (with 1000 runs over ~20 mutations, each gets dozens).
    if (RUNS >= 20 * names.length) expect([...seen.keys()].sort()).toEqual([...names].sort());
  });
});
