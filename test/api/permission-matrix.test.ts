import "reflect-metadata";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { buildSchema as buildSdlSchema, graphql, type GraphQLError } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { ApiTokenScope, PartnerType, UserRole } from "../../server/src/domain/enums";
import { createSchema } from "../../server/src/schema";
import { guardedCoordinates, guardPermissions } from "../../server/src/auth/permission-guard";
import {
  ALL_ROLES,
  allowedOperations,
  allows,
  ensureAllowed,
  missingEntryHint,
  PERMISSIONS,
  ROLE_SOURCES,
  type Caller,
  type RolesSource,
} from "../../server/src/auth/permissions";
import { readmeTableCells, renderPermissionTable, tableCells } from "../../server/src/auth/permissions-doc";
import { permissionsOf, PERMISSION_FLAGS } from "../../server/src/auth/roles";
import { ANY_ACTION_ROLES } from "../../server/src/modules/provider-request/provider-request.checks";

const root = resolve(__dirname, "../..");
const user = (role: UserRole): Caller => ({ role, tokenScopes: null });
const token = (role: UserRole, ...scopes: ApiTokenScope[]): Caller => ({ role, tokenScopes: scopes });
/** Mutations for partner users: not the public one (the customer's global admin accepts a relationship by link). */
const mutations = () =>
  Object.keys(PERMISSIONS).filter((c) => c.startsWith("Mutation.") && PERMISSIONS[c]!.roles !== "PUBLIC");
const mutationsAllowed = (caller: Caller) => mutations().filter((c) => allows(c, caller));

/** The exact lines to paste, for a failure message. */
const pasteLines = (coordinates: string[]) => coordinates.map((c) => `  ${missingEntryHint(c)}`).join("\n");

describe("the permission matrix covers the schema (deny by default)", () => {
  let guarded: string[];
  beforeAll(async () => {
    guarded = guardedCoordinates(await createSchema());
  });

  it("has a row for every root field and field resolver of the built schema", () => {
    const missing = guarded.filter((c) => !Object.hasOwn(PERMISSIONS, c));
    expect(
      missing,
      `Fields without a row in the permission matrix (refused at run time). Add to PERMISSIONS in ` +
        `server/src/auth/permissions.ts, with the roles from the operation's Partner Center page, then run ` +
        `\`npm run docs:permissions\`:\n${pasteLines(missing)}\n`,
    ).toEqual([]);
  });

  it("has no row for a field that does not exist (or is not guarded)", () => {
    const stale = Object.keys(PERMISSIONS).filter((c) => !guarded.includes(c));
    expect(stale, "Rows of server/src/auth/permissions.ts that name no guarded field: remove or rename them").toEqual(
      [],
    );
  });

  it("has a row for every Query and Mutation field of the committed contract (schema/schema.graphql)", () => {
    const sdl = buildSdlSchema(readFileSync(resolve(root, "schema/schema.graphql"), "utf8"));
    const roots = [sdl.getQueryType(), sdl.getMutationType()].flatMap((t) =>
      t ? Object.keys(t.getFields()).map((f) => `${t.name}.${f}`) : [],
    );
    expect(roots.length).toBeGreaterThan(30);
    const missing = roots.filter((c) => !Object.hasOwn(PERMISSIONS, c));
    expect(missing, `Operations of schema/schema.graphql without a row; add:\n${pasteLines(missing)}\n`).toEqual([]);
  });

  it("refuses a field without a row, saying so, whoever calls", () => {
    let thrown: GraphQLError | null = null;
    try {
      ensureAllowed("Mutation.purgeEverything", { viewer: null, locale: "en" });
    } catch (e) {
      thrown = e as GraphQLError;
    }
    expect(thrown?.extensions.code).toBe("FORBIDDEN");
    expect(thrown?.message).toBe(
      "Mutation.purgeEverything has no entry in the permission matrix, so nobody may call it yet",
    );
    for (const role of ALL_ROLES) expect(allows("Mutation.purgeEverything", user(role))).toBe(false);
    expect(missingEntryHint("Mutation.purgeEverything")).toBe(
      '"Mutation.purgeEverything": write([...roles], ROLE_SOURCES.<page>),',
    );
  });

  it("refuses at run time an operation added without a row, and runs the ones with a row", async () => {
    // A schema with an operation nobody has added to the matrix yet (as a parallel branch would bring).
    const schema = buildSdlSchema("type Query { viewer: String, startSync: String }");
    const query = schema.getQueryType()!;
    query.getFields().viewer!.resolve = () => "me";
    query.getFields().startSync!.resolve = () => "ran";
    guardPermissions(schema);
    const contextValue = {
      locale: "en",
      viewer: { user: { role: UserRole.GLOBAL_ADMIN }, apiTokenId: null, apiTokenScopes: [] },
    };
    const res = await graphql({ schema, source: "{ viewer startSync }", contextValue });
    expect(res.data).toEqual({ viewer: "me", startSync: null });
    expect(res.errors?.map((e) => [e.path, e.extensions.code, e.message])).toEqual([
      [["startSync"], "FORBIDDEN", "Query.startSync has no entry in the permission matrix, so nobody may call it yet"],
    ]);
  });

  it("cites a Partner Center page on Microsoft Learn for every row", () => {
    const sources = new Set<RolesSource>(Object.values(ROLE_SOURCES));
    for (const [c, p] of Object.entries(PERMISSIONS)) {
      expect(sources.has(p.source), c).toBe(true);
      expect(p.source.url, c).toMatch(/^https:\/\/learn\.microsoft\.com\/en-us\/partner-center\//);
    }
  });
});

describe("README: the permission table", () => {
  it("is what the matrix renders (run `npm run docs:permissions` when it is not)", () => {
    const committed = readmeTableCells(readFileSync(resolve(root, "README.md"), "utf8"));
    expect(committed, "README.md has no permission table markers").not.toBeNull();
    const generated = tableCells(renderPermissionTable());
    const at = generated.findIndex((r, i) => JSON.stringify(r) !== JSON.stringify(committed![i]));
    const stale = at >= 0 || committed!.length !== generated.length;
    expect(stale, `the README's permission table is stale (row ${at}): run \`npm run docs:permissions\``).toBe(false);
  });

  it("has one row per matrix entry, each with its page", () => {
    const rows = tableCells(renderPermissionTable()).slice(2);
    expect(rows.map((r) => r[0]!.replaceAll("`", "")).sort()).toEqual(Object.keys(PERMISSIONS).sort());
    for (const r of rows) expect(r[r.length - 1]).toMatch(/\]\(https:\/\/learn\.microsoft\.com\//);
  });
});

describe("roles, as the Partner Center pages give them", () => {
  it("a helpdesk agent or billing admin calls no mutation, and reads the network", () => {
    for (const role of [UserRole.HELPDESK_AGENT, UserRole.BILLING_ADMIN]) {
      expect(mutationsAllowed(user(role)), role).toEqual([]);
      for (const q of ["Query.customers", "Query.subscriptions", "Query.transfers", "Query.networkSummary"]) {
        expect(allows(q, user(role)), `${role} ${q}`).toBe(true);
      }
      expect(allows("Query.users", user(role))).toBe(false);
      expect(allows("Query.apiTokens", user(role))).toBe(false);
      expect(allows("Query.auditEvents", user(role))).toBe(false);
    }
  });

  it("a user management admin manages users only, and reads no customer data", () => {
    const uma = user(UserRole.USER_MANAGEMENT_ADMIN);
    expect(mutationsAllowed(uma)).toEqual([
      "Mutation.inviteUser",
      "Mutation.changeUserRole",
      "Mutation.deactivateUser",
    ]);
    expect(allowedOperations(uma)).toEqual([
      "Mutation.acceptCustomerRelationship",
      "Mutation.changeUserRole",
      "Mutation.deactivateUser",
      "Mutation.inviteUser",
      "Query.eligibilityRules",
      "Query.relationshipRequest",
      "Query.users",
      "Query.viewer",
    ]);
  });

  it("a sales agent orders, cancels, suspends, reactivates and requests relationships, but transfers nothing", () => {
    const sa = user(UserRole.SALES_AGENT);
    for (const op of ["order", "cancel", "suspend", "reactivate"]) {
      expect(allows(`Mutation.${op}Subscription`, sa), op).toBe(true);
    }
    expect(allows("Mutation.requestCustomerRelationship", sa)).toBe(true);
    expect(allows("Mutation.inviteReseller", sa)).toBe(true);
    for (const op of ["createTransfer", "acceptTransfer", "rejectTransfer", "withdrawTransfer"]) {
      expect(allows(`Mutation.${op}`, sa), op).toBe(false);
    }
    expect(allows("Mutation.removeCustomerRelationship", sa)).toBe(false);
    expect(allows("Mutation.inviteUser", sa)).toBe(false);
  });

  it("an admin agent transfers and manages API tokens, but neither removes relationships nor manages users", () => {
    const aa = user(UserRole.ADMIN_AGENT);
    expect(allows("Mutation.createTransfer", aa)).toBe(true);
    expect(allows("Mutation.acceptTransfer", aa)).toBe(true);
    expect(allows("Mutation.createApiToken", aa)).toBe(true);
    expect(allows("Query.auditEvents", aa)).toBe(true);
    expect(allows("Mutation.removeCustomerRelationship", aa)).toBe(false);
    expect(allows("Mutation.acceptResellerInvitation", aa)).toBe(false);
    expect(allows("Mutation.inviteUser", aa)).toBe(false);
  });

  it("a global admin may call every operation", () => {
    const ga = user(UserRole.GLOBAL_ADMIN);
    const roots = Object.keys(PERMISSIONS).filter((c) => c.startsWith("Query.") || c.startsWith("Mutation."));
    expect(allowedOperations(ga)).toEqual([...roots].sort());
  });

  it("public operations need no sign-in; every other one does", () => {
    const anonymous = Object.keys(PERMISSIONS).filter((c) => allows(c, null));
    expect(anonymous.sort()).toEqual([
      "Mutation.acceptCustomerRelationship",
      "Query.eligibilityRules",
      "Query.relationshipRequest",
    ]);
  });

  it("the provider-request mutations admit exactly the roles of some action", () => {
    for (const c of ["requestProviderAction", "resolveProviderRequest", "withdrawProviderRequest"]) {
      expect([...(PERMISSIONS[`Mutation.${c}`]!.roles as UserRole[])].sort(), c).toEqual([...ANY_ACTION_ROLES].sort());
    }
  });
});

describe("API tokens", () => {
  it("a READ token calls no mutation, whatever its role", () => {
    for (const role of ALL_ROLES) expect(mutationsAllowed(token(role, ApiTokenScope.READ)), role).toEqual([]);
  });

  it("a WRITE token calls its role's mutations, except managing users and tokens", () => {
    const ga = token(UserRole.GLOBAL_ADMIN, ApiTokenScope.READ, ApiTokenScope.WRITE);
    const allowed = mutationsAllowed(ga);
    expect(allowed).toContain("Mutation.orderSubscription");
    expect(allowed).not.toContain("Mutation.createApiToken");
    expect(allowed).not.toContain("Mutation.inviteUser");
    expect(allows("Query.users", ga)).toBe(false);
    expect(allows("Query.customers", ga)).toBe(true);
  });

  it("tokens never go beyond the role they carry", () => {
    const sales = token(UserRole.SALES_AGENT, ApiTokenScope.READ, ApiTokenScope.WRITE);
    for (const c of Object.keys(PERMISSIONS))
      if (allows(c, sales)) expect(allows(c, user(UserRole.SALES_AGENT)), c).toBe(true);
  });
});

describe("viewer.permissions", () => {
  const provider = { types: [PartnerType.INDIRECT_PROVIDER] } as never;

  it("sets each flag from its operations' rows", () => {
    for (const role of ALL_ROLES) {
      const p = permissionsOf(role, provider);
      for (const [flag, ops] of Object.entries(PERMISSION_FLAGS)) {
        expect(p[flag as keyof typeof PERMISSION_FLAGS], `${role} ${flag}`).toBe(
          ops.some((op) => allows(op, user(role))),
        );
      }
      expect(p.allowedOperations).toEqual(allowedOperations(user(role)));
    }
    const helpdesk = permissionsOf(UserRole.HELPDESK_AGENT, provider);
    expect(helpdesk.canCancel || helpdesk.canSuspend || helpdesk.canRequestRelationship || helpdesk.canViewAudit).toBe(
      false,
    );
    expect(helpdesk.canViewNetwork).toBe(true);
    const sales = permissionsOf(UserRole.SALES_AGENT, provider);
    expect([sales.canCancel, sales.canSuspend, sales.canReactivate, sales.canTransfer]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it("narrows to the API token's scopes", () => {
    const p = permissionsOf(UserRole.GLOBAL_ADMIN, provider, [ApiTokenScope.READ]);
    expect(p.canOrder || p.canCancel || p.canManageUsers).toBe(false);
    expect(p.allowedOperations.some((op) => op.startsWith("Mutation."))).toBe(false);
    expect(p.canViewNetwork).toBe(true);
  });
});
