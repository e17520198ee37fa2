import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getNamedType, isInputObjectType, isObjectType, type GraphQLSchema } from "graphql";
import { createSchema } from "../../server/src/schema";
import { createDataSource } from "../../server/src/data-source";
import { TEXT_INPUT_LIMITS } from "../../server/src/common/input-limits";
import { expectError, expectNoLeak, R1_HELPDESK, scopingWorld } from "./fixtures";
import { startTestServer, type TestServer } from "./harness";
import { day, expectRefused, ids, USER_ERRORS } from "./mutation-helpers";

// Input hardening (issue 7, item 8): the findings reproduced, each refused as a user error naming the field and
// changing nothing — on SQLite and, with TEST_DATABASE_URL, on PostgreSQL (where they were internal errors).

const REGISTER = `mutation($input: RegisterExternalSubscriptionInput!) {
  registerExternalSubscription(input: $input) { subscription { id } ${USER_ERRORS} } }`;
const CREATE = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } ${USER_ERRORS} } }`;
const ORDER = `mutation($input: OrderSubscriptionInput!) { orderSubscription(input: $input) { subscription { id } ${USER_ERRORS} } }`;
const INVALID = (...field: string[]) => ({ code: "INVALID_INPUT", field: ["input", ...field] });

let t: TestServer;
let id: ReturnType<typeof ids>;
const D = { as: "D" };
const P1 = { as: "P1" };

beforeAll(async () => {
  t = await startTestServer(scopingWorld());
  id = ids(t);
});
afterAll(async () => {
  await t?.close();
});

const external = (extra: Record<string, unknown> = {}) => ({
  customerId: id.customer("C4"),
  offerName: "Office 365 E3 (EA)",
  offerKind: "LICENSE_BASED",
  channel: "EA",
  quantity: 5,
  purchaseDate: day(-30),
  commitmentEndDate: day(300),
  ...extra,
});

describe("text inputs", () => {
  it("refuses an offer id longer than its column (varchar 100), however long", async () => {
    for (const length of [101, 200_000]) {
      const p = await expectRefused(t, REGISTER, external({ offerId: "x".repeat(length) }), D, [INVALID("offerId")]);
      expect(p.userErrors[0]!.message).toBe("must be at most 100 characters");
    }
  });

  it("counts characters, not UTF-16 units: 100 emoji fit varchar(100)", async () => {
    const res = await t.gql<{ registerExternalSubscription: { userErrors: unknown[] } }>(
      REGISTER,
      { input: external({ offerId: "😀".repeat(100) }) },
      D,
    );
    expect(res.body.data?.registerExternalSubscription.userErrors).toEqual([]);
  });

  it.each([
    ["a NUL byte", "Fabri\u0000kam"],
    ["a C1 control", "Fabri\u0085kam"],
    ["a line break in a name", "Fabri\nkam"],
    ["a lone surrogate", "Fabri\uD800kam"],
    ["a right-to-left override", "Fabri\u202Ekam"],
    ["a bidi isolate", "Fabri\u2066kam"],
  ])("refuses %s in a name", async (_what, name) => {
    const input = { name, domain: "fabrikam-new.onmicrosoft.com", country: "US", mcaAccepted: true };
    const p = await expectRefused(t, CREATE, input, D, [INVALID("name")]);
    expect(p.userErrors[0]!.message).toMatch(/control characters/);
  });

  it("answers in the caller's language", async () => {
    const res = await t.gql<{ createCustomer: { userErrors: { message: string }[] } }>(
      CREATE,
      { input: { name: "A\u0000", domain: "x-new.onmicrosoft.com", country: "US" } },
      { ...D, headers: { "accept-language": "pt-PT" } },
    );
    expect(res.body.data?.createCustomer.userErrors[0]!.message).toMatch(/caracteres de controlo/);
  });

  it("refuses a NUL byte in a list filter as BAD_USER_INPUT naming the field", async () => {
    const res = await t.gql(`query { customers(first: 5, filter: { search: "a\\u0000b" }) { totalCount } }`, {}, P1);
    expectError(res.body, "BAD_USER_INPUT", "filter.search");
    expectNoLeak(JSON.stringify(res.body));
  });
});

describe("dates", () => {
  it.each(["0000-01-01", "1999-12-31", "2101-01-01", "9999-12-31"])("refuses purchase date %s", async (date) => {
    const p = await expectRefused(t, REGISTER, external({ purchaseDate: date }), D, [INVALID("purchaseDate")]);
    expect(p.userErrors[0]!.message).toBe("must be a date from 2000-01-01 to 2100-12-31");
  });

  it("refuses a term end in year 9999", async () => {
    await expectRefused(t, REGISTER, external({ commitmentEndDate: "9999-12-31" }), D, [INVALID("commitmentEndDate")]);
  });
});

describe("ids", () => {
  it('refuses resellerId: "" as a bad id instead of "no reseller"', async () => {
    const input = { customerId: id.customer("C1"), offerId: "CFQ7TTC0LFLZ:0001", offerName: "M365 E3" };
    await expectRefused(t, ORDER, { ...input, offerKind: "LICENSE_BASED", termDuration: "P1Y", resellerId: "" }, P1, [
      INVALID("resellerId"),
    ]);
  });

  it('refuses customerId: "" in a mutation and id: "" in a query', async () => {
    await expectRefused(t, REGISTER, external({ customerId: "" }), D, [INVALID("customerId")]);
    const res = await t.gql(`query { node(id: "") { id } }`, {}, P1);
    expectError(res.body, "BAD_USER_INPUT", "id");
  });
});

describe("authorization comes first", () => {
  it("answers UNAUTHENTICATED to an anonymous caller and FORBIDDEN to a read-only role, not the input problem", async () => {
    const input = external({ offerId: "x".repeat(101) });
    const anonymous = await t.gql(REGISTER, { input }, {});
    expectError(anonymous.body, "UNAUTHENTICATED");
    const helpdesk = await t.gql(REGISTER, { input }, { email: R1_HELPDESK });
    expectError(helpdesk.body, "FORBIDDEN");
  });
});

/** Every String input of the schema, as the guard names it: `Input.field` or `Type.field(arg)`. */
function stringInputs(schema: GraphQLSchema): { coordinate: string; arg: string | null }[] {
  const out: { coordinate: string; arg: string | null }[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    if (isObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) {
          if (getNamedType(arg.type).name === "String") {
            out.push({ coordinate: `${type.name}.${field.name}(${arg.name})`, arg: arg.name });
          }
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (getNamedType(field.type).name === "String")
          out.push({ coordinate: `${type.name}.${field.name}`, arg: null });
      }
    }
  }
  return out;
}

describe("input limits registry", () => {
  it("names a limit for every String input of the schema, and only existing ones", async () => {
    const inputs = stringInputs(await createSchema());
    const missing = inputs.filter((i) => !TEXT_INPUT_LIMITS[i.coordinate] && !TEXT_INPUT_LIMITS[`*(${i.arg})`]);
    expect(
      missing.map((m) => m.coordinate),
      "add these to common/input-limits.ts and the README",
    ).toEqual([]);
    const known = new Set(inputs.map((i) => i.coordinate));
    const args = new Set(inputs.map((i) => `*(${i.arg})`));
    const stale = Object.keys(TEXT_INPUT_LIMITS).filter((k) => !known.has(k) && !args.has(k));
    expect(stale, "limits for inputs the schema no longer has").toEqual([]);
  });

  it("never allows more than the column the value is stored in", async () => {
    const ds = createDataSource({ databaseUrl: null, sqlitePath: ":memory:" });
    await ds.initialize();
    try {
      for (const [coordinate, limit] of Object.entries(TEXT_INPUT_LIMITS)) {
        if (!limit.column) continue;
        const [entity, property] = limit.column.split(".") as [string, string];
        const column = ds.getMetadata(entity).findColumnWithPropertyName(property);
        expect(column, `${coordinate}: ${limit.column}`).toBeDefined();
        expect(Number(column!.length), coordinate).toBeGreaterThanOrEqual(limit.max);
      }
    } finally {
      await ds.destroy();
    }
  });
});
