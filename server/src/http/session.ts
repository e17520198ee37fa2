import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { Request, Response } from "express";
import type { DataSource, EntityManager } from "typeorm";
import type { AppConfig } from "../config";
import { User } from "../modules/user/user.entity";
import type { TenantScope } from "../auth/scope";
import { hydrate, viewerOf, viewerStatement } from "../auth/viewer-lookup";
import { UserSession } from "./session.entity";

/**
 * Browser sessions. Signing in (OpenID Connect, or the sandbox's demo list) creates a `user_session` row and sets a
 * cookie holding a random 256-bit secret: httpOnly (scripts cannot read it), SameSite=Lax (not sent on cross-site
 * POSTs), Secure in production (then named `__Host-…`: this host only, path /). The row keeps only the secret's
 * SHA-256 and expires after SESSION_HOURS; sign-out deletes it.
 *
 * CSRF: a request authenticated by the cookie must also carry `X-CSRF-Token`, an HMAC of the session secret under
 * AUTH_SECRET that only the app's own pages can learn (GET /auth/session answers it same-origin; no CORS), and, when
 * the browser sends `Origin`, come from the app's origin. A forged cross-site request has the cookie at most, never
 * the header: it is refused with 403 before any GraphQL work. Bearer tokens (user JWTs, `cg_…` API tokens) carry
 * no ambient authority and need neither.
 */

export const CSRF_HEADER = "x-csrf-token";
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function sessionCookieName(config: AppConfig): string {
  // The __Host- prefix makes the browser refuse the cookie unless it is Secure, host-only and for path /.
  return config.secureCookies ? "__Host-cg_session" : "cg_session";
}

const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** The CSRF token of a session: derived from its secret, so nothing more is stored. */
export function csrfTokenFor(config: AppConfig, secret: string): string {
  return createHmac("sha256", config.authSecret).update(`csrf:${secret}`).digest("base64url");
}

/** The value of one cookie in the request's Cookie header (no parser dependency: names and values are ours). */
export function readCookie(req: Request, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The session secret the request's cookie carries, when it has the right shape. */
export function sessionSecretOf(req: Request, config: AppConfig): string | null {
  const value = readCookie(req, sessionCookieName(config));
  return value && SECRET_PATTERN.test(value) ? value : null;
}

function cookieAttributes(config: AppConfig, maxAgeSeconds: number): string {
  return `Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${config.secureCookies ? "; Secure" : ""}`;
}

/** Signs the user in on this browser: a new session row and its cookie. Returns the session's CSRF token. */
export async function startSession(
  ds: DataSource | EntityManager,
  config: AppConfig,
  res: Response,
  user: User,
  method: "OIDC" | "DEMO",
): Promise<{ csrfToken: string; expiresAt: Date }> {
  const secret = randomBytes(32).toString("base64url");
  const now = new Date();
  const expiresAt = new Date(now.getTime() + config.sessionHours * 3600_000);
  const repo = ds.getRepository(UserSession);
  // Expired rows go as new ones come (indexed on expires_at): the table holds live sessions only.
  await repo.createQueryBuilder().delete().where("expires_at < :now", { now }).execute();
  await repo.insert({
    id: randomUUID(),
    secretHash: hashSecret(secret),
    userId: user.id,
    method,
    createdAt: now,
    expiresAt,
  });
  res.append(
    "Set-Cookie",
    `${sessionCookieName(config)}=${secret}; ${cookieAttributes(config, config.sessionHours * 3600)}`,
  );
  return { csrfToken: csrfTokenFor(config, secret), expiresAt };
}

export interface LiveSession {
  secret: string;
  session: UserSession;
  /** The active user with their partner loaded. */
  user: User;
  /** The partner's tenant scope, when the lookup read it too (findSessionViewer): the context reuses it. */
  scope?: TenantScope;
}

/** The live session a cookie secret names: not expired, its user active. One indexed query. */
export async function findSession(ds: DataSource, secret: string, now = new Date()): Promise<LiveSession | null> {
  const session = await ds
    .getRepository(UserSession)
    .createQueryBuilder("s")
    .innerJoinAndSelect("s.user", "u")
    .innerJoinAndSelect("u.partner", "p")
    .where("s.secret_hash = :hash", { hash: hashSecret(secret) })
    .andWhere("s.expires_at > :now", { now })
    .andWhere("u.deactivated_at IS NULL")
    .getOne();
  return session?.user ? { secret, session, user: session.user } : null;
}

/**
 * `findSession` and the partner's tenant scope in one statement (issue 10: the edge of every cookie-signed request
 * ran it, then the context ran TenantScope.load): the same conditions, the entities hydrated as TypeORM does
 * (auth/viewer-lookup.ts). Nothing is cached: a session ended, expired or of a deactivated user is refused at once.
 */
export async function findSessionViewer(ds: DataSource, secret: string, now = new Date()): Promise<LiveSession | null> {
  const sessionMeta = ds.getMetadata(UserSession);
  const sql = viewerStatement(
    ds,
    "session",
    "s.secret_hash = :hash AND s.expires_at > :now AND u.deactivated_at IS NULL",
    { meta: sessionMeta, alias: "s", userColumn: "user_id" },
  );
  // The driver writes the parameters as the query builder does (a Date as SQLite's stored text, or as pg sends it).
  const [query, parameters] = ds.driver.escapeQueryWithParameters(sql, { hash: hashSecret(secret), now });
  const rows = (await ds.query(query, parameters)) as Record<string, unknown>[];
  const row = rows[0];
  if (!row) return null;
  const { user, scope } = viewerOf(ds, row);
  const session = hydrate<UserSession>(ds, sessionMeta, row, "s");
  session.user = user;
  return { secret, session, user, scope };
}

/** Ends the browser's session: the row is deleted and the cookie cleared (also when no row was left). */
export async function endSession(ds: DataSource, config: AppConfig, req: Request, res: Response): Promise<void> {
  const secret = sessionSecretOf(req, config);
  if (secret) await ds.getRepository(UserSession).delete({ secretHash: hashSecret(secret) });
  res.append("Set-Cookie", `${sessionCookieName(config)}=; ${cookieAttributes(config, 0)}`);
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The origin the app is served from: PUBLIC_URL, or (development) the request's own scheme and host. */
export function appOrigin(req: Request, config: AppConfig): string {
  return config.publicOrigin ?? `${req.protocol}://${req.get("host") ?? ""}`;
}

/**
 * Whether a cookie-authenticated request proves it comes from the app's pages: the CSRF header matches the
 * session and the Origin, when sent, is the app's.
 */
export function passesCsrfCheck(req: Request, config: AppConfig, secret: string): boolean {
  const header = req.headers[CSRF_HEADER];
  if (typeof header !== "string" || !sameText(header, csrfTokenFor(config, secret))) return false;
  const origin = req.headers.origin;
  return origin === undefined || origin === appOrigin(req, config);
}

/** The session the edge verified for this request (http/caller.ts), if the caller signed in by cookie. */
export function sessionOf(res: Response | undefined): LiveSession | null {
  return (res?.locals["session"] as LiveSession | undefined) ?? null;
}
