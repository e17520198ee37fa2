import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PartnershipStatus, UserRole } from "../../server/src/domain/enums";
import { TenantScope } from "../../server/src/auth/scope";
import { findActiveViewer } from "../../server/src/auth/viewer-lookup";
import { signToken } from "../../server/src/auth/token";
import { Partner } from "../../server/src/modules/partner/partner.entity";
import { ResellerPartnership } from "../../server/src/modules/partner/reseller-partnership.entity";
import { User } from "../../server/src/modules/user/user.entity";
import { randomUUID } from "node:crypto";
import { ApiTokenScope } from "../../server/src/domain/enums";
import { ApiToken } from "../../server/src/modules/api-token/api-token.entity";
import { findApiToken } from "../../server/src/auth/api-token-auth";
import { hashApiTokenSecret, newApiTokenSecret } from "../../server/src/auth/api-token-secret";
import { findSession, findSessionViewer, startSession } from "../../server/src/http/session";
import { UserSession } from "../../server/src/http/session.entity";
import { scopingWorld } from "./fixtures";
import { startTestServer, type TestServer } from "./harness";

// Issue 10: a user token's viewer (active user, partner, tenant scope) is read in one statement
// (auth/viewer-lookup.ts) instead of two TypeORM query builders. It must be the same viewer, on the database the
// suite runs on (SQLite, or PostgreSQL with TEST_DATABASE_URL), and nothing may be cached: deactivation, a role
// change and a partnership change show on the next request.

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer(scopingWorld());
});
afterAll(async () => {
  await t?.close();
});

/** The two-statement path it replaces, as request-context.ts had it. */
async function entityPath(email: string) {
  const ds = t.app.dataSource;
  const user = await ds
    .getRepository(User)
    .createQueryBuilder("u")
    .innerJoinAndSelect("u.partner", "p")
    .where("u.email = :email", { email })
    .andWhere("u.deactivated_at IS NULL")
    .getOne();
  if (!user?.partner) return null;
  const partner = user.partner as Partner;
  return { user, partner, scope: await TenantScope.load(ds, partner) };
}

const VIEWER_QUERY = "{ networkSummary { activeResellerCount } }";

describe("the viewer of a user token, in one statement", () => {
  it("equals the entity path for every user: same classes, every property, same scope", async () => {
    const ds = t.app.dataSource;
    const users = await ds.getRepository(User).find();
    expect(users.length).toBeGreaterThan(3);
    for (const { email } of users) {
      const fast = await findActiveViewer(ds, email);
      const slow = await entityPath(email);
      expect(fast, email).not.toBeNull();
      expect(fast!.user).toBeInstanceOf(User);
      expect(fast!.partner).toBeInstanceOf(Partner);
      expect(fast!.user.partner).toBe(fast!.partner);
      expect(fast!.user, email).toStrictEqual(slow!.user);
      expect(fast!.partner, email).toStrictEqual(slow!.partner);
      expect(fast!.scope, email).toStrictEqual(slow!.scope);
    }
    // A provider with ACTIVE, INVITED and REMOVED partnerships: its network and counterparts come out right.
    const p1 = await findActiveViewer(ds, t.world.userEmails.get("P1")!);
    expect(p1!.scope.networkPartnerIds.length).toBe(3); // itself, R1, R2
    expect(p1!.scope.invitedOnlyIds).toEqual([t.world.partners.get("R4")]);
    expect(await findActiveViewer(ds, "nobody@nowhere.example")).toBeNull();
  });

  it("refuses a deactivated user's token on the next request, and shows a role or partnership change at once", async () => {
    const ds = t.app.dataSource;
    const email = "admin@alpha-reseller.example";
    expect((await t.gql(VIEWER_QUERY, {}, { email })).status).toBe(200);

    await ds.getRepository(User).update({ email }, { role: UserRole.HELPDESK_AGENT });
    expect((await findActiveViewer(ds, email))!.user.role).toBe(UserRole.HELPDESK_AGENT);
    await ds.getRepository(User).update({ email }, { role: UserRole.GLOBAL_ADMIN });

    const p1 = t.world.partners.get("P1")!;
    const r4 = t.world.partners.get("R4")!;
    const p1Email = t.world.userEmails.get("P1")!;
    await ds
      .getRepository(ResellerPartnership)
      .update({ providerId: p1, resellerId: r4 }, { status: PartnershipStatus.ACTIVE });
    expect((await findActiveViewer(ds, p1Email))!.scope.networkPartnerIds).toContain(r4);
    await ds
      .getRepository(ResellerPartnership)
      .update({ providerId: p1, resellerId: r4 }, { status: PartnershipStatus.INVITED });
    expect((await findActiveViewer(ds, p1Email))!.scope.networkPartnerIds).not.toContain(r4);

    const token = await signToken(t.config.authSecret, email);
    await ds.getRepository(User).update({ email }, { deactivatedAt: new Date() });
    const refused = await t.gql(VIEWER_QUERY, {}, { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(await findActiveViewer(ds, email)).toBeNull();
    await ds.getRepository(User).update({ email }, { deactivatedAt: null });
  });

  it("reads a browser session with its scope in one statement, as findSession and TenantScope.load do", async () => {
    const ds = t.app.dataSource;
    const users = await ds.getRepository(User).find({ relations: { partner: true } });
    for (const user of users) {
      let cookie = "";
      const res = { append: (_name: string, value: string) => (cookie = value) };
      await startSession(ds, t.config, res as never, user, "DEMO");
      const secret = /=([^;]+);/.exec(cookie)![1]!;
      const fast = await findSessionViewer(ds, secret);
      const slow = await findSession(ds, secret);
      expect(fast, user.email).not.toBeNull();
      expect(fast!.session).toBeInstanceOf(UserSession);
      expect(fast!.session.user).toBe(fast!.user);
      const { scope, ...rest } = fast!;
      expect(rest, user.email).toStrictEqual(slow);
      expect(scope, user.email).toStrictEqual(await TenantScope.load(ds, slow!.user.partner!));
      // Expired: refused by both.
      expect(await findSessionViewer(ds, secret, new Date(Date.now() + 400 * 24 * 3600_000))).toBeNull();
    }
    expect(await findSessionViewer(ds, "x".repeat(43))).toBeNull();
    // A deactivated user's session is refused at once.
    const email = "admin@beta-reseller.example";
    const user = users.find((u) => u.email === email)!;
    let cookie = "";
    await startSession(ds, t.config, { append: (_n: string, v: string) => (cookie = v) } as never, user, "DEMO");
    const secret = /=([^;]+);/.exec(cookie)![1]!;
    expect(await findSessionViewer(ds, secret)).not.toBeNull();
    await ds.getRepository(User).update({ email }, { deactivatedAt: new Date() });
    expect(await findSessionViewer(ds, secret)).toBeNull();
    await ds.getRepository(User).update({ email }, { deactivatedAt: null });
  });

  it("reads an API token with its creator, partner and scope in one statement, as the query builder did", async () => {
    const ds = t.app.dataSource;
    const users = await ds.getRepository(User).find();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + 3600_000);
    for (const [i, user] of users.entries()) {
      const secret = newApiTokenSecret();
      await ds.getRepository(ApiToken).insert({
        id: randomUUID(),
        partnerId: user.partnerId,
        name: `t${i}`,
        scopes: i % 2 ? [ApiTokenScope.READ] : [ApiTokenScope.READ, ApiTokenScope.WRITE],
        prefix: secret.slice(0, 9),
        secretHash: hashApiTokenSecret(secret),
        role: UserRole.ADMIN_AGENT,
        createdByUserId: user.id,
        createdAt: now,
        expiresAt,
        lastUsedAt: i % 2 ? now : null,
        revokedAt: null,
      });
      const found = await findApiToken(ds, secret, now);
      const token = await ds
        .getRepository(ApiToken)
        .createQueryBuilder("at")
        .innerJoinAndSelect("at.createdByUser", "u")
        .innerJoinAndSelect("u.partner", "p")
        .where("at.secret_hash = :hash", { hash: hashApiTokenSecret(secret) })
        .getOne();
      expect(found, user.email).not.toBeNull();
      expect(found!.token, user.email).toStrictEqual(token);
      expect(found!.creator).toBe(found!.token.createdByUser);
      expect(found!.partner).toBe(found!.creator.partner);
      expect(found!.scope).toStrictEqual(await TenantScope.load(ds, token!.createdByUser!.partner!));
      // Expired, revoked: refused on the next lookup.
      expect(await findApiToken(ds, secret, expiresAt)).toBeNull();
      await ds.getRepository(ApiToken).update({ secretHash: hashApiTokenSecret(secret) }, { revokedAt: now });
      expect(await findApiToken(ds, secret, now)).toBeNull();
    }
    expect(await findApiToken(ds, newApiTokenSecret(), now)).toBeNull();
  });
});
