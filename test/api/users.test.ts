import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toGlobalId } from "../../server/src/common/global-id";
import { createDataSource } from "../../server/src/data-source";
import { PartnerType, UserRole } from "../../server/src/domain/enums";
import { runUsersCommand } from "../../server/src/cli/users-command";
import { User } from "../../server/src/modules/user/user.entity";
import type { World } from "../../server/src/scenarios/world";
import { expectError } from "./fixtures";
import { provisionTestDatabase, startTestServer, type TestServer } from "./harness";
import { expectOk, expectRefused, mutation, partner, query, USER_ERRORS } from "./mutation-helpers";

// Users of a partner through the real server (list, invite, change role, deactivate, with role checks and the
// last-global-admin guard), and the users CLI against a fresh database.

const ADMIN_A = "admin@users-a.example";
const ADMIN2_A = "second-admin@users-a.example";
const UMA_A = "uma@users-a.example";
const HELPDESK_A = "helpdesk@users-a.example";
const SALES_A = "sales@users-a.example";
const ADMIN_B = "admin@users-b.example";
const SOLO_B = "solo@users-c.example";

const world: World = {
  partners: [
    partner("pa", "1720001", [PartnerType.INDIRECT_PROVIDER]),
    partner("pb", "1720002", [PartnerType.INDIRECT_PROVIDER]),
    partner("pc", "1720003", [PartnerType.DIRECT_BILL]),
    partner("pd", "1720004", [PartnerType.DIRECT_BILL]),
  ],
  partnerships: [],
  customers: [],
  relationships: [],
  subscriptions: [],
  transfers: [],
  users: [
    { partner: "pa", email: ADMIN_A, displayName: "A admin", role: UserRole.GLOBAL_ADMIN },
    { partner: "pa", email: ADMIN2_A, displayName: "A second admin", role: UserRole.GLOBAL_ADMIN },
    { partner: "pa", email: UMA_A, displayName: "A user admin", role: UserRole.USER_MANAGEMENT_ADMIN },
    { partner: "pa", email: HELPDESK_A, displayName: "A helpdesk", role: UserRole.HELPDESK_AGENT },
    { partner: "pa", email: SALES_A, displayName: "A sales", role: UserRole.SALES_AGENT },
    { partner: "pb", email: ADMIN_B, displayName: "B admin", role: UserRole.GLOBAL_ADMIN },
    { partner: "pc", email: SOLO_B, displayName: "C only admin", role: UserRole.GLOBAL_ADMIN },
    { partner: "pd", email: "one@users-d.example", displayName: "D one", role: UserRole.GLOBAL_ADMIN },
    { partner: "pd", email: "two@users-d.example", displayName: "D two", role: UserRole.GLOBAL_ADMIN },
  ],
};

const USERS = `{ users(first: 100) { totalCount nodes { id email role deactivatedAt } } }`;
const INVITE = `mutation ($input: InviteUserInput!) { inviteUser(input: $input) { user { id email displayName role } ${USER_ERRORS} } }`;
const CHANGE = `mutation ($input: ChangeUserRoleInput!) { changeUserRole(input: $input) { user { id role } ${USER_ERRORS} } }`;
const DEACTIVATE = `mutation ($input: DeactivateUserInput!) { deactivateUser(input: $input) { user { id deactivatedAt } ${USER_ERRORS} } }`;
const VIEWER = `{ viewer { user { email } permissions { canManageUsers canManageApiTokens } } }`;

type UserRow = { id: string; email: string; role: string; deactivatedAt: string | null };

describe("users", () => {
  let t: TestServer;
  const userId = async (email: string) =>
    toGlobalId("User", (await t.app.dataSource.getRepository(User).findOneByOrFail({ email })).id);
  beforeAll(async () => {
    t = await startTestServer(world);
  });
  afterAll(() => t.close());

  it("lists the partner's own users only, to user managers", async () => {
    const data = await query<{ users: { totalCount: number; nodes: UserRow[] } }>(t, USERS, {}, { email: ADMIN_A });
    expect(data.users.nodes.map((u) => u.email)).toEqual([ADMIN_A, HELPDESK_A, SALES_A, ADMIN2_A, UMA_A].sort());
    expect(data.users.totalCount).toBe(5);
    const uma = await query<{ users: { nodes: UserRow[] } }>(t, USERS, {}, { email: UMA_A });
    expect(uma.users.nodes).toHaveLength(5);
    expectError((await t.gql(USERS, {}, { email: HELPDESK_A })).body, "FORBIDDEN");
    const perms = await query<{ viewer: { permissions: Record<string, boolean> } }>(t, VIEWER, {}, { email: UMA_A });
    expect(perms.viewer.permissions).toEqual({ canManageUsers: true, canManageApiTokens: false });
    const helpdesk = await query<{ viewer: { permissions: Record<string, boolean> } }>(
      t,
      VIEWER,
      {},
      { email: HELPDESK_A },
    );
    expect(helpdesk.viewer.permissions).toEqual({ canManageUsers: false, canManageApiTokens: false });
  });

  it("invites a user, who can then sign in; refuses bad input, duplicates and other roles", async () => {
    const p = expectOk(
      await mutation<{ user: { email: string; role: string } } & { userErrors: never[] }>(
        t,
        INVITE,
        { email: " New.Agent@Users-A.example ", displayName: "New agent", role: "SALES_AGENT" },
        { email: UMA_A },
      ),
    );
    expect(p.user).toMatchObject({ email: "new.agent@users-a.example", role: "SALES_AGENT" });
    const me = await query<{ viewer: { user: { email: string } } }>(
      t,
      VIEWER,
      {},
      { email: "new.agent@users-a.example" },
    );
    expect(me.viewer.user.email).toBe("new.agent@users-a.example");

    await expectRefused(
      t,
      INVITE,
      { email: "not-an-email", displayName: "X", role: "SALES_AGENT" },
      { email: ADMIN_A },
      [{ code: "INVALID_INPUT", field: ["input", "email"] }],
    );
    await expectRefused(
      t,
      INVITE,
      { email: "x@users-a.example", displayName: " ", role: "SALES_AGENT" },
      { email: ADMIN_A },
      [{ code: "INVALID_INPUT", field: ["input", "displayName"] }],
    );
    // The email is taken (here by another partner's user): same answer whoever holds it.
    await expectRefused(t, INVITE, { email: ADMIN_B, displayName: "B", role: "SALES_AGENT" }, { email: ADMIN_A }, [
      { code: "ALREADY_EXISTS", field: ["input", "email"] },
    ]);
    // A user management admin cannot make global admins.
    await expectRefused(
      t,
      INVITE,
      { email: "boss@users-a.example", displayName: "Boss", role: "GLOBAL_ADMIN" },
      { email: UMA_A },
      [{ code: "NOT_ALLOWED", field: ["input", "role"] }],
    );
    const refused = await t.gql(
      INVITE,
      { input: { email: "h@users-a.example", displayName: "H", role: "SALES_AGENT" } },
      { email: HELPDESK_A },
    );
    expectError(refused.body, "FORBIDDEN");
  });

  it("changes roles within the partner; a user management admin cannot touch global admins", async () => {
    const sales = await userId(SALES_A);
    const p = expectOk(
      await mutation<{ user: { role: string } } & { userErrors: never[] }>(
        t,
        CHANGE,
        { userId: sales, role: "ADMIN_AGENT" },
        { email: UMA_A },
      ),
    );
    expect(p.user.role).toBe("ADMIN_AGENT");
    await expectRefused(t, CHANGE, { userId: await userId(ADMIN2_A), role: "SALES_AGENT" }, { email: UMA_A }, [
      { code: "NOT_ALLOWED", field: ["input", "role"] },
    ]);
    await expectRefused(t, CHANGE, { userId: sales, role: "GLOBAL_ADMIN" }, { email: UMA_A }, [
      { code: "NOT_ALLOWED", field: ["input", "role"] },
    ]);
    // Another partner's user is not found, and neither is a malformed id.
    await expectRefused(t, CHANGE, { userId: await userId(ADMIN_B), role: "SALES_AGENT" }, { email: ADMIN_A }, [
      { code: "NOT_FOUND", field: ["input", "userId"] },
    ]);
    await expectRefused(t, CHANGE, { userId: "bm90LWEtdXNlcg", role: "SALES_AGENT" }, { email: ADMIN_A }, [
      { code: "NOT_FOUND", field: ["input", "userId"] },
    ]);
    // An empty id is a bad id (the input guard), not "no user".
    await expectRefused(t, CHANGE, { userId: "", role: "SALES_AGENT" }, { email: ADMIN_A }, [
      { code: "INVALID_INPUT", field: ["input", "userId"] },
    ]);
  });

  it("deactivates a user: their sign-in is refused at once; nobody deactivates themselves", async () => {
    await expectRefused(t, DEACTIVATE, { userId: await userId(ADMIN_A) }, { email: ADMIN_A }, [
      { code: "NOT_ALLOWED", field: ["input", "userId"] },
    ]);
    await expectRefused(t, DEACTIVATE, { userId: await userId(ADMIN2_A) }, { email: UMA_A }, [
      { code: "NOT_ALLOWED", field: ["input", "userId"] },
    ]);
    expect((await t.gql(VIEWER, {}, { email: HELPDESK_A })).status).toBe(200);
    const p = expectOk(
      await mutation<{ user: { deactivatedAt: string | null } } & { userErrors: never[] }>(
        t,
        DEACTIVATE,
        { userId: await userId(HELPDESK_A) },
        { email: UMA_A },
      ),
    );
    expect(p.user.deactivatedAt).not.toBeNull();
    const refused = await t.gql(VIEWER, {}, { email: HELPDESK_A });
    expect(refused.status).toBe(401);
    expectError(refused.body, "UNAUTHENTICATED");
    await expectRefused(t, DEACTIVATE, { userId: await userId(HELPDESK_A) }, { email: ADMIN_A }, [
      { code: "INVALID_STATE", field: ["input", "userId"] },
    ]);
  });

  it("keeps the last active global admin: a sole admin cannot demote themselves; the last of two cannot be removed", async () => {
    await expectRefused(t, CHANGE, { userId: await userId(SOLO_B), role: "SALES_AGENT" }, { email: SOLO_B }, [
      { code: "NOT_ALLOWED", field: ["input", "userId"] },
    ]);
    // A has two global admins: one may deactivate the other, and then cannot demote itself.
    expectOk(await mutation(t, DEACTIVATE, { userId: await userId(ADMIN2_A) }, { email: ADMIN_A }));
    await expectRefused(t, CHANGE, { userId: await userId(ADMIN_A), role: "ADMIN_AGENT" }, { email: ADMIN_A }, [
      { code: "NOT_ALLOWED", field: ["input", "userId"] },
    ]);
  });

  it("two global admins demoting each other at once: exactly one wins, the partner keeps an admin", async () => {
    const [one, two] = [await userId("one@users-d.example"), await userId("two@users-d.example")];
    const results = await Promise.all([
      t.gql(CHANGE, { input: { userId: two, role: "SALES_AGENT" } }, { email: "one@users-d.example" }),
      t.gql(CHANGE, { input: { userId: one, role: "SALES_AGENT" } }, { email: "two@users-d.example" }),
    ]);
    // The loser is refused by the last-admin guard, or, when it starts after the winner committed, by its new role.
    const outcomes = results.map((r) => {
      const code = r.body.errors?.[0]?.extensions?.code;
      if (code) return code;
      const p = (r.body.data as { changeUserRole: { userErrors: { code: string }[] } }).changeUserRole;
      return p.userErrors.map((e) => e.code).join() || "OK";
    });
    expect(outcomes.filter((o) => o === "OK")).toHaveLength(1);
    expect(["NOT_ALLOWED", "FORBIDDEN"]).toContain(outcomes.find((o) => o !== "OK"));
    const admins = await t.app.dataSource
      .getRepository(User)
      .countBy({ partnerId: t.world.partners.get("pd")!, role: UserRole.GLOBAL_ADMIN });
    expect(admins).toBe(1);
  });

  it("revokes a user's API tokens when their role changes", async () => {
    const created = await mutation<{ token: string; userErrors: never[] }>(
      t,
      `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token ${USER_ERRORS} } }`,
      { name: "tool", scopes: ["READ"], expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
      { email: ADMIN_B },
    );
    const auth = { headers: { authorization: `Bearer ${created.token}` } };
    expect((await t.gql(VIEWER, {}, auth)).status).toBe(200);
    const bAgent = expectOk(
      await mutation<{ user: { id: string } } & { userErrors: never[] }>(
        t,
        INVITE,
        { email: "b2@users-b.example", displayName: "B2", role: "GLOBAL_ADMIN" },
        { email: ADMIN_B },
      ),
    );
    expectOk(
      await mutation(
        t,
        CHANGE,
        { userId: await userId(ADMIN_B), role: "ADMIN_AGENT" },
        { email: "b2@users-b.example" },
      ),
    );
    expect(bAgent.user.id).toBeTruthy();
    expect((await t.gql(VIEWER, {}, auth)).status).toBe(401);
  });
});

describe("users CLI", () => {
  it("adds the first global admin of an empty database with its partner, lists and deactivates users", async () => {
    const database = await provisionTestDatabase();
    const ds = createDataSource({ databaseUrl: database?.url ?? null, sqlitePath: ":memory:" });
    process.env.LOG_MIGRATIONS = "0";
    await ds.initialize();
    await ds.runMigrations({ transaction: "all" });
    const lines: { out: string[]; err: string[] } = { out: [], err: [] };
    const io = { out: (l: string) => lines.out.push(l), err: (l: string) => lines.err.push(l) };
    const run = (...args: string[]) => {
      lines.out = [];
      lines.err = [];
      return runUsersCommand(ds, args, io);
    };
    try {
      expect(await run()).toBe(2);
      expect(lines.err.join("\n")).toContain("usage:");
      expect(await run("add", "root@contoso.example", "--role", "KING")).toBe(2);
      expect(lines.err.join("\n")).toContain("--role");
      expect(await run("add", "root@contoso.example", "--role", "GLOBAL_ADMIN")).toBe(1);
      expect(lines.err.join("\n")).toContain("no partner yet");

      const tenant = "4b3c2d1e-0000-4000-8000-000000000001";
      const partnerArgs = [
        "--new-partner",
        "Contoso",
        "--partner",
        "5550001",
        "--tenant",
        tenant,
        "--country",
        "US",
        "--type",
        "INDIRECT_PROVIDER",
      ];
      expect(await run("add", "Root@Contoso.example", "--role", "GLOBAL_ADMIN", ...partnerArgs)).toBe(0);
      expect(
        await run(
          "add",
          "helper@contoso.example",
          "--role",
          "HELPDESK_AGENT",
          "--partner",
          "5550001",
          "--name",
          "Helper",
        ),
      ).toBe(0);
      expect(await run("add", "root@contoso.example", "--role", "GLOBAL_ADMIN")).toBe(1);
      expect(lines.err.join("\n")).toContain("already exists");

      expect(await run("list")).toBe(0);
      expect(lines.out).toHaveLength(2);
      expect(lines.out[0]).toMatch(/^helper@contoso\.example\tHELPDESK_AGENT\tContoso \(5550001\)\tactive$/);
      expect(lines.out[1]).toMatch(/^root@contoso\.example\tGLOBAL_ADMIN\tContoso \(5550001\)\tactive$/);

      expect(await run("deactivate", "helper@contoso.example")).toBe(0);
      expect(await run("deactivate", "helper@contoso.example")).toBe(1);
      expect(await run("deactivate", "nobody@contoso.example")).toBe(1);
      const helper = await ds.getRepository(User).findOneByOrFail({ email: "helper@contoso.example" });
      expect(helper.deactivatedAt).toBeInstanceOf(Date);
      expect(await run("list", "--partner", "5550001")).toBe(0);
      expect(lines.out[0]).toContain("deactivated");
    } finally {
      await ds.destroy();
      await database?.drop();
    }
  });
});
