import { randomUUID } from "node:crypto";
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signToken } from "../../server/src/auth/token";
import { toGlobalId } from "../../server/src/common/global-id";
import { PartnershipStatus, PartnerType, UserRole } from "../../server/src/domain/enums";
import { AUDIT_CSV_COLUMNS } from "../../server/src/modules/audit/audit.export";
import { createSchema } from "../../server/src/schema";
import type { World } from "../../server/src/scenarios/world";
import { startTestServer, type TestServer } from "./harness";
import { customerAdminSession } from "./fixtures";
import {
  cspLicense,
  customer,
  day,
  expectOk,
  ids,
  mutation,
  partner,
  query,
  rel,
  today,
  USER_ERRORS,
  type UserErrorShape,
} from "./mutation-helpers";

// The audit log: every mutation, accepted or refused, leaves one event; accepted ones commit with their change;
// a partner sees only the events accountable to it; the list pages and filters; the CSV export has the same rows.

const { INDIRECT_PROVIDER, INDIRECT_RESELLER, DIRECT_BILL } = PartnerType;
const PROV_ADMIN = "admin@prov.example";
const PROV_HELPDESK = "helpdesk@prov.example";

const world: World = {
  partners: [
    partner("prov", "1100001", [INDIRECT_PROVIDER]),
    partner("res", "2100001", [INDIRECT_RESELLER]),
    partner("direct", "3100001", [DIRECT_BILL]),
    partner("rival", "3100002", [DIRECT_BILL]),
  ],
  partnerships: [{ provider: "prov", reseller: "res", status: PartnershipStatus.ACTIVE }],
  customers: [customer("acme"), customer("beta")],
  relationships: [rel("prov", "acme"), rel("res", "acme"), rel("rival", "acme"), rel("prov", "beta")],
  subscriptions: [
    cspLicense("fresh", "acme", "prov", { purchaseDate: day(-3) }),
    cspLicense("old", "acme", "prov", { purchaseDate: day(-8) }),
    cspLicense("busy", "acme", "prov"),
  ],
  transfers: [],
  users: [
    { partner: "prov", email: PROV_ADMIN, displayName: "Prov admin", role: UserRole.GLOBAL_ADMIN },
    { partner: "prov", email: PROV_HELPDESK, displayName: "Prov helpdesk", role: UserRole.HELPDESK_AGENT },
  ],
};

interface AuditEventShape {
  id: string;
  occurredAt: string;
  requestId: string | null;
  operation: string;
  outcome: string;
  actor: { kind: string; name: string | null; userId: string | null; apiTokenId: string | null };
  targets: { type: string; id: string }[];
  changes: { type: string; id: string; fields: { field: string; before: unknown; after: unknown }[] }[];
  decision: {
    action: string;
    eligible: boolean;
    blocking: { ruleId: string; code: string; message: string }[];
    advisories: { ruleId: string; code: string }[];
  } | null;
  userErrors: UserErrorShape[];
}

interface AuditPage {
  auditEvents: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: AuditEventShape[];
  };
}

const EVENTS = `query($first: Int, $after: String, $filter: AuditEventFilter) {
  auditEvents(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id occurredAt requestId operation outcome
      actor { kind name userId apiTokenId }
      targets { type id }
      changes { type id fields { field before after } }
      decision { action eligible blocking { ruleId code message } advisories { ruleId code } }
      userErrors { field code ruleId message }
    }
  }
}`;
const action = (name: string) =>
  `mutation($input: SubscriptionActionInput!) { ${name}(input: $input) { subscription { id status } ${USER_ERRORS} } }`;
const CANCEL = action("cancelSubscription");
const SUSPEND = action("suspendSubscription");
const CREATE_CUSTOMER = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } ${USER_ERRORS} } }`;
const REQUEST = `mutation($input: RequestRelationshipInput!) {
  requestCustomerRelationship(input: $input) { acceptanceUrl ${USER_ERRORS} } }`;
const ACCEPT = `mutation($input: AcceptRelationshipInput!) {
  acceptCustomerRelationship(input: $input) { acceptedCount ${USER_ERRORS} } }`;
const PROV = { email: PROV_ADMIN };

let t: TestServer;
let id: ReturnType<typeof ids>;
const dialect = () => (t.app.dataSource.options.type === "postgres" ? "postgres" : "sqlite");

beforeAll(async () => {
  // SQL counting off, as in production: the request id reaches the audit rows without the counter's async context.
  t = await startTestServer(world, { config: { countSql: false } });
  id = ids(t);
});
afterAll(() => t?.close());

async function events(who: { as?: string; email?: string }, filter: Record<string, unknown> = {}, first = 100) {
  return (await query<AuditPage>(t, EVENTS, { first, filter }, who)).auditEvents;
}

async function latest(who: { as?: string; email?: string }, operation: string): Promise<AuditEventShape> {
  const page = await events(who, { operation }, 1);
  expect(page.nodes, `no ${operation} event`).toHaveLength(1);
  return page.nodes[0]!;
}

async function userId(email: string): Promise<string> {
  const rows: { id: string }[] = await t.app.dataSource.query(
    dialect() === "postgres" ? `SELECT id FROM "user" WHERE email = $1` : `SELECT id FROM "user" WHERE email = ?`,
    [email],
  );
  return toGlobalId("User", rows[0]!.id);
}

async function countRows(where = "1 = 1"): Promise<number> {
  const rows: { n: number | string }[] = await t.app.dataSource.query(
    `SELECT COUNT(*) AS n FROM audit_event WHERE ${where}`,
  );
  return Number(rows[0]!.n);
}

const fieldsOf = (e: AuditEventShape, type: string) =>
  Object.fromEntries(
    e.changes.filter((c) => c.type === type).flatMap((c) => c.fields.map((f) => [f.field, [f.before, f.after]])),
  );

describe("what an event records", () => {
  it("an accepted mutation: actor, request id, targets, each changed field before and after, the decision", async () => {
    const res = await t.gql<{ cancelSubscription: { userErrors: UserErrorShape[] } }>(
      CANCEL,
      { input: { subscriptionId: id.sub("fresh") } },
      { ...PROV, headers: { "x-request-id": "audit-cancel-1" } },
    );
    expect(res.body.data?.cancelSubscription.userErrors).toEqual([]);
    const e = await latest(PROV, "cancelSubscription");
    expect(e).toMatchObject({
      outcome: "ACCEPTED",
      requestId: "audit-cancel-1",
      actor: { kind: "USER", name: PROV_ADMIN, userId: await userId(PROV_ADMIN), apiTokenId: null },
      userErrors: [],
    });
    expect(e.targets).toEqual(
      expect.arrayContaining([
        { type: "CustomerSubscription", id: id.sub("fresh") },
        { type: "Customer", id: id.customer("acme") },
      ]),
    );
    expect(fieldsOf(e, "CustomerSubscription")).toMatchObject({
      status: ["ACTIVE", "DELETED"],
      version: [1, 2],
    });
    expect(e.decision).toMatchObject({ action: "CANCEL", eligible: true, blocking: [] });
  });

  it("a created row: every field with before null", async () => {
    const input = { name: "Gamma Inc", domain: "gamma.onmicrosoft.com", country: "US", mcaAccepted: true };
    expectOk(await mutation(t, CREATE_CUSTOMER, input, PROV));
    const e = await latest(PROV, "createCustomer");
    expect(e.outcome).toBe("ACCEPTED");
    expect(fieldsOf(e, "Customer")).toMatchObject({
      name: [null, "Gamma Inc"],
      domain: [null, "gamma.onmicrosoft.com"],
      mcaAccepted: [null, true],
    });
    expect(fieldsOf(e, "CustomerRelationship")).toMatchObject({ status: [null, "ACTIVE"] });
  });

  it("a refused mutation: the decision's blocking reasons and the user errors, no changes", async () => {
    const p = await mutation<{ userErrors: UserErrorShape[] }>(t, CANCEL, { subscriptionId: id.sub("old") }, PROV);
    expect(p.userErrors.map((u) => u.ruleId)).toEqual(["R30"]);
    const e = await latest(PROV, "cancelSubscription");
    expect(e.outcome).toBe("REFUSED");
    expect(e.changes).toEqual([]);
    expect(e.decision).toMatchObject({ action: "CANCEL", eligible: false });
    expect(e.decision!.blocking).toEqual([
      { ruleId: "R30", code: "CANCELLATION_WINDOW_CLOSED", message: expect.stringMatching(/\w/) },
    ]);
    expect(e.userErrors).toMatchObject([
      { code: "CANCELLATION_WINDOW_CLOSED", ruleId: "R30", field: ["input", "subscriptionId"] },
    ]);
    expect(e.targets).toContainEqual({ type: "CustomerSubscription", id: id.sub("old") });
  });

  it("a refusal on input: the user errors name the field", async () => {
    const input = { name: "Bad", domain: "not a domain", country: "US", mcaAccepted: true };
    await mutation(t, CREATE_CUSTOMER, input, PROV);
    const e = await latest(PROV, "createCustomer");
    expect(e).toMatchObject({ outcome: "REFUSED", changes: [], decision: null });
    expect(e.userErrors.map((u) => [u.code, u.field])).toEqual([["INVALID_INPUT", ["input", "domain"]]]);
  });

  it("a conflict: the write is rolled back and the event is a refusal without changes", async () => {
    const p = await mutation<{ userErrors: UserErrorShape[] }>(
      t,
      SUSPEND,
      { subscriptionId: id.sub("busy"), expectedVersion: 0 },
      PROV,
    );
    expect(p.userErrors.map((u) => u.code)).toEqual(["CONFLICT"]);
    const e = await latest(PROV, "suspendSubscription");
    expect(e).toMatchObject({ outcome: "REFUSED", changes: [], userErrors: [{ code: "CONFLICT" }] });
    // The decision had allowed it: the log shows what was decided and why it still did not happen.
    expect(e.decision).toMatchObject({ action: "SUSPEND", eligible: true });
    const row: { status: string; version: number }[] = await t.app.dataSource.query(
      `SELECT status, version FROM customer_subscription WHERE offer_name = 'Offer busy'`,
    );
    expect(row[0]).toMatchObject({ status: "ACTIVE", version: 1 });
  });

  it("the change and its event commit together: when the event cannot be written, the change is undone", async () => {
    const ds = t.app.dataSource;
    if (dialect() === "postgres") {
      await ds.query(`CREATE FUNCTION audit_down() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION 'audit store down'; END $$ LANGUAGE plpgsql`);
      await ds.query(
        `CREATE TRIGGER audit_down BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_down()`,
      );
    } else {
      await ds.query(`CREATE TRIGGER audit_down BEFORE INSERT ON audit_event BEGIN SELECT RAISE(ABORT, 'down'); END`);
    }
    const before = await countRows();
    const input = { name: "Delta Inc", domain: "delta.onmicrosoft.com", country: "US", mcaAccepted: true };
    try {
      const res = await t.gql(CREATE_CUSTOMER, { input }, PROV);
      expect(res.body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
      expect(await ds.query(`SELECT id FROM customer WHERE domain = 'delta.onmicrosoft.com'`)).toEqual([]);
      expect(await countRows()).toBe(before);
    } finally {
      await ds.query(dialect() === "postgres" ? `DROP TRIGGER audit_down ON audit_event` : `DROP TRIGGER audit_down`);
    }
    // With the log back, the same call commits both.
    expectOk(await mutation(t, CREATE_CUSTOMER, input, PROV));
    expect(await ds.query(`SELECT id FROM customer WHERE domain = 'delta.onmicrosoft.com'`)).toHaveLength(1);
    expect(await countRows()).toBe(before + 1);
  });

  it("a role that may not call the mutation is refused before the service, and that is recorded too", async () => {
    const res = await t.gql(CANCEL, { input: { subscriptionId: id.sub("busy") } }, { email: PROV_HELPDESK });
    expect(res.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const page = await events(PROV, { actorId: await userId(PROV_HELPDESK) });
    expect(page.nodes).toHaveLength(1);
    expect(page.nodes[0]).toMatchObject({
      operation: "cancelSubscription",
      outcome: "REFUSED",
      actor: { name: PROV_HELPDESK },
      userErrors: [{ code: "NOT_ALLOWED" }],
    });
  });

  it("a customer's acceptance: the customer admin acts, the requesting partner sees it, the token is not kept", async () => {
    const requested = expectOk(
      await mutation<{ acceptanceUrl: string; userErrors: UserErrorShape[] }>(
        t,
        REQUEST,
        { customerDomain: "beta.onmicrosoft.com" },
        { as: "direct" },
      ),
    );
    const token = new URL(requested.acceptanceUrl, "http://x").searchParams.get("token")!;
    const customerAdminToken = await customerAdminSession(t, "beta.onmicrosoft.com");
    expectOk(await mutation(t, ACCEPT, { token, customerAdminToken }, null));
    const e = await latest({ as: "direct" }, "acceptCustomerRelationship");
    expect(e).toMatchObject({
      outcome: "ACCEPTED",
      actor: { kind: "CUSTOMER_ADMIN", name: "admin@beta.onmicrosoft.com", userId: null },
    });
    expect(fieldsOf(e, "CustomerRelationship")).toMatchObject({
      status: ["REQUESTED", "ACTIVE"],
      requestToken: ["[secret]", null],
    });
    const stored: { changes: string }[] = await t.app.dataSource.query(`SELECT changes FROM audit_event`);
    expect(stored.some((r) => r.changes.includes(token))).toBe(false);
    // prov holds beta too, but the acceptance concerns direct's request only.
    expect((await events(PROV, { operation: "acceptCustomerRelationship" })).totalCount).toBe(0);
  });
});

/** A value of the given input type that passes GraphQL validation (and is most likely refused by the service). */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) {
      if (isNonNullType(f.type) && f.defaultValue === undefined) out[f.name] = sample(f.type);
    }
    return out;
  }
  const scalar = getNamedType(type);
  if (!isScalarType(scalar)) throw new Error(`no sample for ${String(type)}`);
  switch (scalar.name) {
    case "ID":
      return toGlobalId("Customer", randomUUID());
    case "Int":
    case "Float":
      return 1;
    case "Boolean":
      return false;
    case "LocalDate":
      return today();
    case "DateTimeISO":
      return new Date().toISOString();
    default:
      return "audit walk";
  }
}

describe("every mutation is audited", () => {
  it("each mutation of the schema, called with well-formed input, leaves exactly one event", async () => {
    const schema = await createSchema();
    const fields = Object.values(schema.getMutationType()!.getFields());
    expect(fields.length).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const field of fields) {
      const args = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(", ");
      const pass = field.args.map((a) => `${a.name}: $${a.name}`).join(", ");
      const variables = Object.fromEntries(field.args.map((a) => [a.name, sample(a.type)]));
      const requestId = `walk-${field.name}`;
      const res = await t.gql(`mutation(${args}) { ${field.name}(${pass}) { userErrors { code } } }`, variables, {
        as: "rival",
        headers: { "x-request-id": requestId },
      });
      expect(res.status, `${field.name}: ${JSON.stringify(res.body)}`).toBe(200);
      const rows: { operation: string; partner_id: string }[] = await t.app.dataSource.query(
        `SELECT operation, partner_id FROM audit_event WHERE request_id = '${requestId}'`,
      );
      if (rows.length !== 1 || rows[0]!.operation !== field.name) missing.push(field.name);
      else expect(rows[0]!.partner_id).toBe(t.world.partners.get("rival"));
    }
    expect(missing).toEqual([]);
  });
});

describe("who sees what", () => {
  it("a partner sees only its own users' events, never another partner's, even about a shared customer", async () => {
    const rivalId = t.world.partners.get("rival")!;
    const own = await countRows(`partner_id = '${rivalId}'`);
    expect(own).toBeGreaterThan(0);
    const seen = await events({ as: "rival" }, {}, 100);
    expect(seen.totalCount).toBe(own);
    expect(seen.nodes.every((e) => e.actor.name !== PROV_ADMIN && e.actor.name !== PROV_HELPDESK)).toBe(true);
    const aboutAcme = await events({ as: "rival" }, { customerId: id.customer("acme") });
    expect(aboutAcme.nodes.every((e) => e.operation.length > 0 && e.actor.name?.includes("rival"))).toBe(true);
    // The provider does not see its reseller's events, nor the reseller the provider's.
    expect((await events({ as: "res" })).totalCount).toBe(0);
    const provTotal = (await events(PROV)).totalCount;
    expect(provTotal).toBe(await countRows(`partner_id = '${t.world.partners.get("prov")}'`));
  });

  it("signing in is required", async () => {
    const res = await t.gql(EVENTS, { first: 1 });
    expect(res.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("filters and pages", () => {
  it("pages newest first with a keyset cursor: every event exactly once", async () => {
    const all = await events(PROV, {}, 100);
    expect(all.totalCount).toBeGreaterThanOrEqual(6);
    const seen: AuditEventShape[] = [];
    let after: string | null = null;
    do {
      const page: AuditPage = await query<AuditPage>(t, EVENTS, { first: 3, after }, PROV);
      expect(page.auditEvents.nodes.length).toBeLessThanOrEqual(3);
      seen.push(...page.auditEvents.nodes);
      after = page.auditEvents.pageInfo.hasNextPage ? page.auditEvents.pageInfo.endCursor : null;
    } while (after);
    expect(seen.map((e) => e.id)).toEqual(all.nodes.map((e) => e.id));
    const times = seen.map((e) => Date.parse(e.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("filters by customer, actor, operation and time", async () => {
    const beta = await events(PROV, { customerId: id.customer("beta") });
    const gamma = await events(PROV, { operation: "createCustomer" });
    expect(gamma.totalCount).toBe(3);
    expect(beta.nodes.every((e) => e.targets.some((x) => x.id === id.customer("beta")))).toBe(true);
    const admin = await events(PROV, { actorId: await userId(PROV_ADMIN) });
    const helpdesk = await events(PROV, { actorId: await userId(PROV_HELPDESK) });
    expect(admin.totalCount + helpdesk.totalCount).toBe((await events(PROV)).totalCount);
    const all = await events(PROV);
    const middle = all.nodes[Math.floor(all.nodes.length / 2)]!;
    const since = await events(PROV, { from: middle.occurredAt });
    const until = await events(PROV, { to: middle.occurredAt });
    expect(since.totalCount + until.totalCount).toBe(all.totalCount);
    expect(since.nodes.every((e) => e.occurredAt >= middle.occurredAt)).toBe(true);
    expect((await events(PROV, { from: new Date(Date.now() + 60_000).toISOString() })).totalCount).toBe(0);
  });

  it("bad filters are BAD_USER_INPUT naming the field", async () => {
    const bad = async (filter: Record<string, unknown>, field: string) => {
      const res = await t.gql(EVENTS, { first: 5, filter }, PROV);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    };
    await bad({ customerId: "nope" }, "filter.customerId");
    await bad({ actorId: id.customer("acme") }, "filter.actorId");
    await bad({ operation: "drop table" }, "filter.operation");
    await bad({ from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" }, "filter.to");
  });
});

/** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

describe("CSV export", () => {
  const url = (params: Record<string, string>) =>
    `${t.app.origin}/export/audit-events.csv?${new URLSearchParams(params).toString()}`;
  const token = (email: string) => signToken(t.config.authSecret, email);

  it("has the rows of the filtered list, newest first, with the same scope", async () => {
    const res = await fetch(url({ customerId: id.customer("acme") }), {
      headers: { authorization: `Bearer ${await token(PROV_ADMIN)}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const [header, ...rows] = parseCsv(await res.text());
    expect(header).toEqual([...AUDIT_CSV_COLUMNS]);
    const list = await events(PROV, { customerId: id.customer("acme") });
    expect(rows).toHaveLength(list.totalCount);
    const col = (name: (typeof AUDIT_CSV_COLUMNS)[number]) => AUDIT_CSV_COLUMNS.indexOf(name);
    rows.forEach((r, i) => {
      const e = list.nodes[i]!;
      expect(r[col("occurredAt")]).toBe(e.occurredAt);
      expect([r[col("operation")], r[col("outcome")], r[col("actor")]]).toEqual([e.operation, e.outcome, e.actor.name]);
    });
    const refused = rows.find((r) => r[col("blockingRules")] === "R30:CANCELLATION_WINDOW_CLOSED");
    expect(refused?.[col("userErrors")]).toBe("CANCELLATION_WINDOW_CLOSED:R30");
    const cancelled = rows.find(
      (r) => r[col("operation")] === "cancelSubscription" && r[col("outcome")] === "ACCEPTED",
    );
    expect(JSON.parse(cancelled![col("changes")]!)).toContainEqual(
      expect.objectContaining({ type: "CustomerSubscription", id: id.sub("fresh") }),
    );
  });

  it("another partner's export holds none of these rows", async () => {
    const res = await fetch(url({}), { headers: { authorization: `Bearer ${await token("nobody@x.example")}` } });
    expect(res.status).toBe(401);
    const rival = await fetch(url({ customerId: id.customer("acme") }), {
      headers: { authorization: `Bearer ${await t.tokenFor("rival")}` },
    });
    const text = await rival.text();
    expect(text).not.toContain(PROV_ADMIN);
    expect(parseCsv(text).length - 1).toBe(
      (await events({ as: "rival" }, { customerId: id.customer("acme") })).totalCount,
    );
  });

  it("needs a bearer token, and refuses bad parameters with 400", async () => {
    expect((await fetch(url({}))).status).toBe(401);
    const res = await fetch(url({ from: "yesterday" }), {
      headers: { authorization: `Bearer ${await token(PROV_ADMIN)}` },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "from: must be an ISO 8601 date-time" });
  });
});
