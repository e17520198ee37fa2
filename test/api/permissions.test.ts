import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isCompositeType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiTokenScope, PartnershipStatus, PartnerType, UserRole } from "../../server/src/domain/enums";
import type { World } from "../../server/src/scenarios/world";
import { toGlobalId } from "../../server/src/common/global-id";
import { allowedOperations, allows, PERMISSIONS } from "../../server/src/auth/permissions";
import { permissionsOf } from "../../server/src/auth/roles";
import { signToken } from "../../server/src/auth/token";
import { startTestServer, type GqlError, type TestServer } from "./harness";
import { customer, expectOk, ids, mutation, partner, rel, snapshot, USER_ERRORS } from "./mutation-helpers";

// The permission matrix at run time, through the real server: every mutation and query of the committed schema,
// called by a user of each of the six roles, is refused with FORBIDDEN exactly when the matrix says so; helpdesk
// agents and billing admins change nothing; tokens are held to their scope; field rows hide what a role may not
// read; viewer.permissions says the same as the matrix; the audit export follows its row.

const ROLE_EMAILS: Record<UserRole, string> = {
  [UserRole.GLOBAL_ADMIN]: "ga@perm.example",
  [UserRole.USER_MANAGEMENT_ADMIN]: "uma@perm.example",
  [UserRole.ADMIN_AGENT]: "aa@perm.example",
  [UserRole.SALES_AGENT]: "sa@perm.example",
  [UserRole.HELPDESK_AGENT]: "ha@perm.example",
  [UserRole.BILLING_ADMIN]: "ba@perm.example",
};
const ROLES = Object.keys(ROLE_EMAILS) as UserRole[];

const world: World = {
  partners: [
    partner("prov", "1810001", [PartnerType.INDIRECT_PROVIDER]),
    partner("res", "1810002", [PartnerType.INDIRECT_RESELLER]),
  ],
  partnerships: [{ provider: "prov", reseller: "res", status: PartnershipStatus.ACTIVE }],
  customers: [customer("known"), customer("invitee")],
  relationships: [rel("prov", "known")],
  subscriptions: [],
  transfers: [],
  users: ROLES.map((role) => ({ partner: "prov", email: ROLE_EMAILS[role], displayName: role, role })),
};

const sdl = buildSchema(readFileSync(resolve(__dirname, "../../schema/schema.graphql"), "utf8"));
/** An id of the right shape that names nothing: allowed callers get NOT_FOUND or user errors, never a change. */
const NOWHERE = toGlobalId("Customer", "00000000-0000-4000-8000-000000000000");

/** A value GraphQL accepts for the type (required fields filled, optional ones left out). */
function valueFor(type: GraphQLInputType): unknown {
  const t = getNullableType(type);
  if (isListType(t)) return [valueFor(t.ofType)];
  if (isEnumType(t)) return t.getValues()[0]!.value;
  if (isInputObjectType(t)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(t.getFields())) {
      if (isNonNullType(f.type) && f.defaultValue === undefined) out[f.name] = valueFor(f.type);
    }
    return out;
  }
  if (isScalarType(t)) {
    switch (t.name) {
      case "ID":
        return NOWHERE;
      case "Int":
        return 1;
      case "Float":
        return 1;
      case "Boolean":
        return false;
      case "LocalDate":
        return "2030-01-01";
      case "DateTimeISO":
        return new Date(Date.now() + 86_400_000).toISOString();
      default:
        return "permission-probe";
    }
  }
  throw new Error(`no probe value for ${String(t)}`);
}

/** `name(args…) { __typename }` with variables for the required arguments. */
function call(kind: "query" | "mutation", field: GraphQLField<unknown, unknown>) {
  const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const defs = required.map((a) => `$${a.name}: ${String(a.type)}`).join(", ");
  const args = required.map((a) => `${a.name}: $${a.name}`).join(", ");
  const selection = isCompositeType(getNamedType(field.type)) ? " { __typename }" : "";
  const text = `${kind}${defs ? ` (${defs})` : ""} { ${field.name}${args ? `(${args})` : ""}${selection} }`;
  const variables = Object.fromEntries(required.map((a) => [a.name, valueFor(a.type)]));
  return { text, variables };
}

const forbidden = (errors: GqlError[] | undefined) => (errors ?? []).some((e) => e.extensions?.code === "FORBIDDEN");

describe("the permission matrix at run time", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(world);
  });
  afterAll(() => t.close());

  it("refuses every mutation with FORBIDDEN exactly for the roles its row leaves out", async () => {
    const fields = Object.values(sdl.getMutationType()!.getFields());
    expect(fields.length).toBeGreaterThan(20);
    const wrong: string[] = [];
    for (const role of ROLES) {
      for (const field of fields) {
        const { text, variables } = call("mutation", field);
        const res = await t.gql(text, variables, { email: ROLE_EMAILS[role] });
        const expected = !allows(`Mutation.${field.name}`, { role, tokenScopes: null });
        if (forbidden(res.body.errors) !== expected) {
          wrong.push(`${role} ${field.name}: ${expected ? "should be" : "should not be"} FORBIDDEN`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("refuses every query with FORBIDDEN exactly for the roles its row leaves out", async () => {
    const fields = Object.values(sdl.getQueryType()!.getFields());
    const wrong: string[] = [];
    for (const role of ROLES) {
      for (const field of fields) {
        const { text, variables } = call("query", field);
        const res = await t.gql(text, variables, { email: ROLE_EMAILS[role] });
        const expected = !allows(`Query.${field.name}`, { role, tokenScopes: null });
        if (forbidden(res.body.errors) !== expected) {
          wrong.push(`${role} ${field.name}: ${expected ? "should be" : "should not be"} FORBIDDEN`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("a helpdesk agent and a billing admin change nothing, whatever mutation they call", async () => {
    const before = await snapshot(t);
    for (const role of [UserRole.HELPDESK_AGENT, UserRole.BILLING_ADMIN]) {
      for (const field of Object.values(sdl.getMutationType()!.getFields())) {
        if (PERMISSIONS[`Mutation.${field.name}`]?.roles === "PUBLIC") continue; // the customer's, by link
        const { text, variables } = call("mutation", field);
        const res = await t.gql(text, variables, { email: ROLE_EMAILS[role] });
        expect(
          res.body.errors?.map((e) => e.extensions?.code),
          `${role} ${field.name}`,
        ).toEqual(["FORBIDDEN"]);
      }
    }
    expect(await snapshot(t)).toBe(before);
  });

  it("an acceptance link is shown only to roles that may request one (null for the others)", async () => {
    const p = expectOk(
      await mutation<{ acceptanceUrl: string | null; userErrors: never[] }>(
        t,
        `mutation ($input: RequestRelationshipInput!) { requestCustomerRelationship(input: $input) {
          acceptanceUrl ${USER_ERRORS} } }`,
        // Need-to-know: a REQUESTED relationship shows only on a customer the network already holds, so the
        // provider names its reseller on its own customer (a two-tier request).
        { customerId: ids(t).customer("known"), resellerId: ids(t).partner("res") },
        { email: ROLE_EMAILS[UserRole.SALES_AGENT] },
      ),
    );
    expect(p.acceptanceUrl).toMatch(/^\/relationships\/accept\?token=/);
    const links = `{ customers(first: 10) { nodes { name relationships { status acceptanceUrl } } } }`;
    type Links = {
      customers: { nodes: { name: string; relationships: { status: string; acceptanceUrl: string | null }[] }[] };
    };
    for (const role of ROLES.filter((r) => allows("Query.customers", { role: r, tokenScopes: null }))) {
      const res = await t.gql<Links>(links, {}, { email: ROLE_EMAILS[role] });
      expect(res.body.errors, role).toBeUndefined();
      const requested = res.body
        .data!.customers.nodes.flatMap((c) => c.relationships)
        .filter((r) => r.status === "REQUESTED");
      expect(requested.length, role).toBe(1);
      const mayRequest = allows("Mutation.requestCustomerRelationship", { role, tokenScopes: null });
      expect(requested[0]!.acceptanceUrl, role).toBe(mayRequest ? p.acceptanceUrl : null);
    }
  });

  it("viewer.permissions is the matrix for each role", async () => {
    const q = `{ viewer { permissions { allowedOperations canCancel canSuspend canReactivate canRequestRelationship
      canRemoveRelationship canCreateCustomer canViewAudit canViewNetwork canOrder canTransfer canManageUsers
      canManageApiTokens canManageNetwork canManageCustomers canActForCustomers mustUseProvider } } }`;
    type Perms = { viewer: { permissions: Record<string, unknown> } };
    for (const role of ROLES) {
      const res = await t.gql<Perms>(q, {}, { email: ROLE_EMAILS[role] });
      expect(res.body.errors, role).toBeUndefined();
      const got = res.body.data!.viewer.permissions;
      const want = permissionsOf(role, { types: [PartnerType.INDIRECT_PROVIDER] } as never);
      for (const [k, v] of Object.entries(got)) expect(v, `${role} ${k}`).toEqual(want[k as keyof typeof want]);
      expect(got.allowedOperations).toEqual(allowedOperations({ role, tokenScopes: null }));
    }
    const helpdesk = (await t.gql<Perms>(q, {}, { email: ROLE_EMAILS[UserRole.HELPDESK_AGENT] })).body.data!;
    expect(helpdesk.viewer.permissions).toMatchObject({ canCancel: false, canViewAudit: false, canViewNetwork: true });
  });

  it("the audit log's CSV export follows the auditEvents row", async () => {
    for (const role of ROLES) {
      const res = await fetch(`${t.app.origin}/export/audit-events.csv`, {
        headers: { authorization: `Bearer ${await signToken(t.config.authSecret, ROLE_EMAILS[role])}` },
      });
      const allowed = allows("Query.auditEvents", { role, tokenScopes: null });
      expect(res.status, role).toBe(allowed ? 200 : 403);
      await res.text();
    }
  });
});

describe("API tokens and the matrix", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(world);
  });
  afterAll(() => t.close());

  async function tokenOf(email: string, scopes: ApiTokenScope[]): Promise<string> {
    const p = expectOk(
      await mutation<{ token: string | null; userErrors: never[] }>(
        t,
        `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token ${USER_ERRORS} } }`,
        { name: "probe", scopes, expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
        { email },
      ),
    );
    return p.token!;
  }
  const bearer = (secret: string) => ({ headers: { authorization: `Bearer ${secret}` } });

  it("a READ token is refused every mutation with 403 before anything runs; its viewer.permissions lists none", async () => {
    const secret = await tokenOf(ROLE_EMAILS[UserRole.GLOBAL_ADMIN], [ApiTokenScope.READ]);
    await t.gql(`{ viewer { user { email } } }`, {}, bearer(secret)); // records its first use (once a minute)
    const before = await snapshot(t);
    for (const field of Object.values(sdl.getMutationType()!.getFields())) {
      const { text, variables } = call("mutation", field);
      const res = await t.gql(text, variables, bearer(secret));
      expect(res.status, field.name).toBe(403);
      expect(
        res.body.errors?.map((e) => e.extensions?.code),
        field.name,
      ).toEqual(["FORBIDDEN"]);
    }
    expect(await snapshot(t)).toBe(before);
    const res = await t.gql<{ viewer: { permissions: { allowedOperations: string[]; canOrder: boolean } } }>(
      `{ viewer { permissions { allowedOperations canOrder } } }`,
      {},
      bearer(secret),
    );
    expect(res.body.data!.viewer.permissions.canOrder).toBe(false);
    expect(res.body.data!.viewer.permissions.allowedOperations.filter((o) => o.startsWith("Mutation."))).toEqual([]);
  });

  it("a WRITE token cannot manage users or tokens (403), and keeps its creator's role", async () => {
    const ga = await tokenOf(ROLE_EMAILS[UserRole.GLOBAL_ADMIN], [ApiTokenScope.READ, ApiTokenScope.WRITE]);
    for (const name of ["inviteUser", "createApiToken", "revokeApiToken", "deactivateUser", "changeUserRole"]) {
      const { text, variables } = call("mutation", sdl.getMutationType()!.getFields()[name]!);
      const res = await t.gql(text, variables, bearer(ga));
      expect(res.status, name).toBe(403);
    }
    expect((await t.gql(`{ users(first: 1) { totalCount } }`, {}, bearer(ga))).status).toBe(403);
    const aa = await tokenOf(ROLE_EMAILS[UserRole.ADMIN_AGENT], [ApiTokenScope.READ, ApiTokenScope.WRITE]);
    const remove = call("mutation", sdl.getMutationType()!.getFields().removeCustomerRelationship!);
    const res = await t.gql(remove.text, remove.variables, bearer(aa));
    expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    expect(res.body.errors?.[0]?.message).toMatch(/ADMIN_AGENT.*GLOBAL_ADMIN/);
  });
});
