import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PartnerType, UserRole } from "../../server/src/domain/enums";
import type { World } from "../../server/src/scenarios/world";
import { callerKey } from "../../server/src/http/caller";
import { ApiToken } from "../../server/src/modules/api-token/api-token.entity";
import { expectError } from "./fixtures";
import { startTestServer, type TestServer } from "./harness";
import { customer, expectOk, ids, mutation, partner, query, rel, snapshot, USER_ERRORS } from "./mutation-helpers";

// API tokens for third-party tools, through the real server: the secret shown once and stored hashed, READ and
// WRITE scopes, revocation and expiry, partner scoping, last use, and who may manage tokens.

const ADMIN_A = "admin@tokens-a.example";
const AGENT_A = "agent@tokens-a.example";
const HELPDESK_A = "helpdesk@tokens-a.example";
const ADMIN_B = "admin@tokens-b.example";

const world: World = {
  partners: [
    partner("pa", "1710001", [PartnerType.INDIRECT_PROVIDER]),
    partner("pb", "1710002", [PartnerType.INDIRECT_PROVIDER]),
  ],
  partnerships: [],
  customers: [customer("ca"), customer("cb")],
  relationships: [rel("pa", "ca"), rel("pb", "cb")],
  subscriptions: [],
  transfers: [],
  users: [
    { partner: "pa", email: ADMIN_A, displayName: "A admin", role: UserRole.GLOBAL_ADMIN },
    { partner: "pa", email: AGENT_A, displayName: "A agent", role: UserRole.ADMIN_AGENT },
    { partner: "pa", email: HELPDESK_A, displayName: "A helpdesk", role: UserRole.HELPDESK_AGENT },
    { partner: "pb", email: ADMIN_B, displayName: "B admin", role: UserRole.GLOBAL_ADMIN },
  ],
};

const CREATE = `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) {
  token apiToken { id name scopes prefix role expiresAt lastUsedAt revokedAt createdBy { email } } ${USER_ERRORS} } }`;
const REVOKE = `mutation ($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) {
  apiToken { id revokedAt } ${USER_ERRORS} } }`;
const LIST = `{ apiTokens(first: 50) { totalCount nodes { id name scopes prefix lastUsedAt revokedAt } } }`;
const CUSTOMERS = `{ viewer { partner { name } } customers(first: 50) { nodes { id name } } }`;
const CREATE_CUSTOMER = `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) {
  customer { name } ${USER_ERRORS} } }`;

interface Created {
  token: string | null;
  apiToken: { id: string; name: string; scopes: string[]; prefix: string; lastUsedAt: string | null } | null;
  userErrors: { field: string[] | null; code: string; message: string; ruleId: string | null }[];
}

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
const bearer = (secret: string) => ({ headers: { authorization: `Bearer ${secret}` } });

describe("API tokens", () => {
  let t: TestServer;
  let id: ReturnType<typeof ids>;
  beforeAll(async () => {
    t = await startTestServer(world);
    id = ids(t);
  });
  afterAll(() => t.close());

  async function create(
    scopes: string[],
    who = ADMIN_A,
    name = "Billing export",
  ): Promise<{ secret: string; id: string }> {
    const p = expectOk(await mutation<Created>(t, CREATE, { name, scopes, expiresAt: inDays(30) }, { email: who }));
    return { secret: p.token!, id: p.apiToken!.id };
  }

  it("shows the secret once, recognisable by its prefix, and stores only its SHA-256 hash", async () => {
    const p = expectOk(
      await mutation<Created>(
        t,
        CREATE,
        { name: " CRM sync ", scopes: ["READ"], expiresAt: inDays(90) },
        { email: ADMIN_A },
      ),
    );
    expect(p.token).toMatch(/^cg_[A-Za-z0-9_-]{43}$/);
    expect(p.apiToken).toMatchObject({
      name: "CRM sync",
      scopes: ["READ"],
      prefix: p.token!.slice(0, 9),
      lastUsedAt: null,
    });
    expect(p.apiToken).toMatchObject({ role: "GLOBAL_ADMIN", revokedAt: null, createdBy: { email: ADMIN_A } });
    const rows: Record<string, unknown>[] = await t.app.dataSource.query(`SELECT * FROM "api_token"`);
    const row = rows.find((r) => r["name"] === "CRM sync")!;
    expect(row["secret_hash"]).toBe(createHash("sha256").update(p.token!).digest("hex"));
    expect(JSON.stringify(rows)).not.toContain(p.token!.slice(3));
    // Never again: the list has no secret.
    const list = await t.gql(LIST, {}, { email: ADMIN_A });
    expect(JSON.stringify(list.body)).not.toContain(p.token!.slice(3));
  });

  it("a READ token reads its partner's data and cannot call any mutation", async () => {
    const { secret } = await create(["READ"]);
    const read = await query<{ viewer: { partner: { name: string } }; customers: { nodes: { name: string }[] } }>(
      t,
      CUSTOMERS,
      {},
      bearer(secret),
    );
    expect(read.viewer.partner.name).toBe("Pa Ltd");
    expect(read.customers.nodes.map((c) => c.name)).toEqual(["Ca Inc"]);
    const before = await snapshot(t);
    const input = { name: "Read Only Co", domain: "readonlyco.onmicrosoft.com", country: "US", mcaAccepted: true };
    const res = await t.gql(CREATE_CUSTOMER, { input }, bearer(secret));
    expect(res.status).toBe(403);
    expectError(res.body, "FORBIDDEN");
    expect(res.body.data ?? null).toBeNull();
    expect(await snapshot(t)).toBe(before);
  });

  it("a WRITE token calls mutations within its creator's role", async () => {
    const { secret } = await create(["READ", "WRITE"]);
    const input = { name: "Written Co", domain: "writtenco.onmicrosoft.com", country: "US", mcaAccepted: true };
    const p = expectOk(
      await mutation<{ customer: { name: string } } & Created>(t, CREATE_CUSTOMER, input, bearer(secret)),
    );
    expect(p.customer.name).toBe("Written Co");
  });

  it("no token manages tokens, whatever its scopes and its creator's role", async () => {
    const { secret } = await create(["READ", "WRITE"], AGENT_A, "Agent tool");
    // Tokens never manage access, whatever their scope and role.
    const res = await t.gql(CREATE, { input: { name: "x", scopes: ["READ"], expiresAt: inDays(1) } }, bearer(secret));
    expectError(res.body, "FORBIDDEN");
    const list = await t.gql(LIST, {}, bearer(secret));
    expectError(list.body, "FORBIDDEN");
  });

  it("revoked and expired tokens are refused with 401 UNAUTHENTICATED", async () => {
    const revoked = await create(["READ"]);
    expect((await t.gql(CUSTOMERS, {}, bearer(revoked.secret))).status).toBe(200);
    const p = expectOk(
      await mutation<{ apiToken: { revokedAt: string } } & Created>(t, REVOKE, { id: revoked.id }, { email: ADMIN_A }),
    );
    expect(p.apiToken.revokedAt).not.toBeNull();
    const afterRevoke = await t.gql(CUSTOMERS, {}, bearer(revoked.secret));
    expect(afterRevoke.status).toBe(401);
    expectError(afterRevoke.body, "UNAUTHENTICATED");
    const again = await mutation<Created>(t, REVOKE, { id: revoked.id }, { email: ADMIN_A });
    expect(again.userErrors.map((e) => [e.code, e.field])).toEqual([["INVALID_STATE", ["input", "id"]]]);

    const expiring = await create(["READ"]);
    expect((await t.gql(CUSTOMERS, {}, bearer(expiring.secret))).status).toBe(200);
    const rawId = Buffer.from(expiring.id, "base64url").toString("utf8").split(":")[1]!;
    await t.app.dataSource.getRepository(ApiToken).update({ id: rawId }, { expiresAt: new Date(Date.now() - 1000) });
    const afterExpiry = await t.gql(CUSTOMERS, {}, bearer(expiring.secret));
    expect(afterExpiry.status).toBe(401);
    expectError(afterExpiry.body, "UNAUTHENTICATED");
  });

  it("refuses unknown secrets, and tokens whose creator was deactivated", async () => {
    const unknown = await t.gql(CUSTOMERS, {}, bearer(`cg_${"A".repeat(43)}`));
    expect(unknown.status).toBe(401);
    const { secret } = await create(["READ"], AGENT_A, "Agent reader");
    expect((await t.gql(CUSTOMERS, {}, bearer(secret))).status).toBe(200);
    const agent = (await t.app.dataSource.query(`SELECT id FROM "user" WHERE email = '${AGENT_A}'`))[0].id as string;
    await t.app.dataSource.query(`UPDATE "user" SET "deactivated_at" = CURRENT_TIMESTAMP WHERE id = '${agent}'`);
    const res = await t.gql(CUSTOMERS, {}, bearer(secret));
    expect(res.status).toBe(401);
    await t.app.dataSource.query(`UPDATE "user" SET "deactivated_at" = NULL WHERE id = '${agent}'`);
  });

  it("validates name, scopes and expiry, naming the field, and writes nothing", async () => {
    const before = await snapshot(t);
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "", scopes: ["READ"], expiresAt: inDays(1) }, "name"],
      [{ name: "x".repeat(101), scopes: ["READ"], expiresAt: inDays(1) }, "name"],
      [{ name: "ok", scopes: [], expiresAt: inDays(1) }, "scopes"],
      [{ name: "ok", scopes: ["READ", "READ"], expiresAt: inDays(1) }, "scopes"],
      [{ name: "ok", scopes: ["READ"], expiresAt: inDays(-1) }, "expiresAt"],
      [{ name: "ok", scopes: ["READ"], expiresAt: inDays(366) }, "expiresAt"],
    ];
    for (const [input, field] of cases) {
      const p = await mutation<Created>(t, CREATE, input, { email: ADMIN_A });
      expect(p.token).toBeNull();
      expect(p.userErrors.map((e) => [e.code, e.field])).toEqual([["INVALID_INPUT", ["input", field]]]);
    }
    expect(await snapshot(t)).toBe(before);
  });

  it("keeps partners apart: B never lists, revokes or reaches A's tokens, and A's token never sees B's data", async () => {
    const a = await create(["READ"], ADMIN_A, "A only");
    const b = await create(["READ"], ADMIN_B, "B only");
    const listB = await query<{ apiTokens: { nodes: { id: string; name: string }[] } }>(
      t,
      LIST,
      {},
      { email: ADMIN_B },
    );
    expect(listB.apiTokens.nodes.map((n) => n.name)).toEqual(["B only"]);
    const listA = await query<{ apiTokens: { nodes: { id: string }[] } }>(t, LIST, {}, { email: ADMIN_A });
    expect(listA.apiTokens.nodes.map((n) => n.id)).toContain(a.id);
    expect(listA.apiTokens.nodes.map((n) => n.id)).not.toContain(b.id);

    const before = await snapshot(t);
    const p = await mutation<Created>(t, REVOKE, { id: a.id }, { email: ADMIN_B });
    expect(p.userErrors.map((e) => [e.code, e.field])).toEqual([["NOT_FOUND", ["input", "id"]]]);
    expect(await snapshot(t)).toBe(before);
    const node = await t.gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: a.id }, { email: ADMIN_B });
    expectError(node.body, "NOT_FOUND");

    const other = await t.gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: id.customer("cb") }, bearer(a.secret));
    expectError(other.body, "NOT_FOUND");
  });

  it("records the last use, at most once a minute", async () => {
    const { secret, id: tokenId } = await create(["READ"], ADMIN_A, "Usage");
    const lastUsed = async () =>
      (
        await query<{ apiTokens: { nodes: { id: string; lastUsedAt: string | null }[] } }>(
          t,
          LIST,
          {},
          { email: ADMIN_A },
        )
      ).apiTokens.nodes.find((n) => n.id === tokenId)!.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    const start = Date.now();
    await t.gql(CUSTOMERS, {}, bearer(secret));
    const first = await lastUsed();
    expect(first).not.toBeNull();
    expect(Date.parse(first!)).toBeGreaterThanOrEqual(start - 1000);
    await t.gql(CUSTOMERS, {}, bearer(secret));
    expect(await lastUsed()).toBe(first);
  });

  it("only global admins and admin agents manage tokens; a helpdesk agent is refused", async () => {
    const res = await t.gql(
      CREATE,
      { input: { name: "x", scopes: ["READ"], expiresAt: inDays(1) } },
      { email: HELPDESK_A },
    );
    expectError(res.body, "FORBIDDEN");
    expectError((await t.gql(LIST, {}, { email: HELPDESK_A })).body, "FORBIDDEN");
    const agent = expectOk(
      await mutation<Created>(t, CREATE, { name: "agent", scopes: ["READ"], expiresAt: inDays(1) }, { email: AGENT_A }),
    );
    expect(agent.token).toMatch(/^cg_/);
  });

  it("rate limits and cost budgets key on the token, not its creator", () => {
    expect(callerKey({ kind: "token", tokenId: "t-1" })).toBe("token:t-1");
    expect(callerKey({ kind: "user", subject: "a@b.example" })).toBe("user:a@b.example");
  });
});
