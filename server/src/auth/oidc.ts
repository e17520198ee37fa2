import type { Express, Request, Response } from "express";
import { jwtVerify, SignJWT } from "jose";
import * as oidc from "openid-client";
import type { DataSource } from "typeorm";
import type { AppConfig, OidcConfig } from "../config";
import { logger } from "../common/log";
import { User } from "../modules/user/user.entity";
import { appOrigin, readCookie, startSession } from "../http/session";
import { runInTransaction } from "../common/transaction";
import { issuerMatchesTenant } from "./issuer";
import { partnersOfTenant, recordSignIn, recordSignInAlone, SIGN_IN_OPERATION } from "./sign-in-audit";

/**
 * Sign-in with OpenID Connect: the authorization code flow with PKCE (S256), state and nonce, against OIDC_ISSUER
 * (Microsoft Entra ID in production: https://login.microsoftonline.com/<tenant id>/v2.0), through openid-client.
 * See "Microsoft identity platform and OpenID Connect protocol"
 * (https://learn.microsoft.com/en-us/entra/identity-platform/v2-protocols-oidc) for the flow and the `tid`/`oid`
 * claims, and the README for registering the app.
 *
 *   GET /auth/oidc/login?returnTo=/path  → redirect to the provider; the flow's secrets (PKCE verifier, state,
 *                                          nonce) wait in a signed, httpOnly cookie for 10 minutes
 *   GET /auth/oidc/callback              → code exchange (openid-client checks state, issuer, PKCE, nonce and
 *                                          the ID token's signature), then the user is matched and signed in
 *
 * OIDC_ISSUER may be one tenant's issuer (only that tenant signs in: `iss` must equal the discovered issuer) or a
 * multi-tenant authority (https://login.microsoftonline.com/organizations/v2.0 or …/common/v2.0, for an indirect
 * provider whose resellers' users live in other tenants): its discovery document publishes the issuer template
 * `https://login.microsoftonline.com/{tenantid}/v2.0`, and the ID token's `iss` must be that template with the token's
 * own `tid` (auth/issuer.ts; "Convert a single-tenant app to multitenant",
 * https://learn.microsoft.com/en-us/entra/identity-platform/howto-convert-app-to-be-multi-tenant). openid-client 6
 * does that for login.microsoftonline.com; `verifiedIdentity` checks it again after the code exchange, either way.
 *
 * Users are matched by the ID token's (`tid`, `oid`). An invited user (known by e-mail, not bound yet) is bound on
 * first sign-in when the account's e-mail matches and its `tid` is the user's partner's tenant: a same e-mail in
 * another tenant binds nothing. Unknown and deactivated users are refused: back to /signin?error=CODE, no session.
 */

const FLOW_COOKIE = "cg_oidc_flow";
const FLOW_PATH = "/auth/oidc";
const FLOW_AUDIENCE = "channelgate-oidc-flow";
const FLOW_SECONDS = 600;

/** Why a sign-in was refused (the SPA shows a message for each, in both languages). */
export type SignInError = "UNKNOWN_USER" | "DEACTIVATED" | "SIGN_IN_FAILED" | "SIGN_IN_EXPIRED";

interface FlowState {
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

const key = (config: AppConfig) => new TextEncoder().encode(config.authSecret);

/** Only a path of this app (`/…`, not `//host` nor `/\host`) is a place to return to. */
export function safeReturnTo(value: unknown): string {
  return typeof value === "string" && /^\/(?![/\\])[^\s]{0,500}$/.test(value) ? value : "/";
}

function flowCookie(config: AppConfig, value: string, maxAge: number): string {
  return `${FLOW_COOKIE}=${value}; Path=${FLOW_PATH}; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${
    config.secureCookies ? "; Secure" : ""
  }`;
}

async function readFlow(req: Request, config: AppConfig): Promise<FlowState | null> {
  const token = readCookie(req, FLOW_COOKIE);
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, key(config), { audience: FLOW_AUDIENCE, algorithms: ["HS256"] });
    const { verifier, state, nonce, returnTo } = payload as Partial<Record<keyof FlowState, unknown>>;
    if (typeof verifier !== "string" || typeof state !== "string" || typeof nonce !== "string") return null;
    return { verifier, state, nonce, returnTo: safeReturnTo(returnTo) };
  } catch {
    return null;
  }
}

/** The provider's configuration, discovered once (again after a failure, so a provider outage is not cached). */
export function discoverer(settings: OidcConfig): () => Promise<oidc.Configuration> {
  let pending: Promise<oidc.Configuration> | null = null;
  return () => {
    pending ??= oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret ?? undefined,
        settings.clientSecret ? oidc.ClientSecretPost(settings.clientSecret) : oidc.None(),
        { execute: settings.allowHttp ? [oidc.allowInsecureRequests] : [], timeout: 10 },
      )
      .catch((error: unknown) => {
        pending = null;
        throw error;
      });
    return pending;
  };
}

export interface OidcIdentity {
  tenantId: string;
  objectId: string;
  email: string | null;
}

/** The identity an ID token's claims name: Entra's `tid` and `oid`, and the e-mail for binding an invited user. */
export function identityOf(claims: Record<string, unknown>): OidcIdentity | null {
  const { tid, oid } = claims;
  const ok = (v: unknown): v is string => typeof v === "string" && v.length > 0 && v.length <= 64;
  if (!ok(tid) || !ok(oid)) return null;
  const mail = typeof claims.email === "string" ? claims.email : claims.preferred_username;
  const email = typeof mail === "string" && mail.includes("@") && mail.length <= 254 ? mail.toLowerCase() : null;
  return { tenantId: tid, objectId: oid, email };
}

/**
 * The identity of an ID token verified by openid-client, if its `iss` is the issuer of the tenant its `tid` names:
 * `discoveredIssuer` itself for one tenant, or with `{tenantid}` replaced by `tid` for a multi-tenant authority.
 */
export function verifiedIdentity(discoveredIssuer: string, claims: Record<string, unknown>): OidcIdentity | null {
  const identity = identityOf(claims);
  return identity && issuerMatchesTenant(discoveredIssuer, claims) ? identity : null;
}

/**
 * The user an identity signs in as: bound already by (tid, oid), or an invited user bound now by e-mail (same
 * tenant as their partner, not bound to another account). Refusals name the reason.
 */
export async function matchUser(
  ds: DataSource,
  identity: OidcIdentity,
): Promise<{ user: User; refusal: null } | { user: User | null; refusal: "UNKNOWN_USER" | "DEACTIVATED" }> {
  const refused = (refusal: "UNKNOWN_USER" | "DEACTIVATED", user: User | null = null) => ({ user, refusal });
  const users = ds.getRepository(User);
  const bound = await users.findOne({
    where: { oidcTenantId: identity.tenantId, oidcObjectId: identity.objectId },
    relations: { partner: true },
  });
  if (bound) return bound.deactivatedAt ? refused("DEACTIVATED", bound) : { user: bound, refusal: null };
  if (!identity.email) return refused("UNKNOWN_USER");
  const invited = await users.findOne({ where: { email: identity.email }, relations: { partner: true } });
  if (!invited || invited.oidcObjectId !== null || invited.partner?.tenantId !== identity.tenantId) {
    return refused("UNKNOWN_USER");
  }
  if (invited.deactivatedAt) return refused("DEACTIVATED", invited);
  // Bind only if still unbound: of two first sign-ins at once, one binds and the other is refused.
  const result = await users
    .createQueryBuilder()
    .update()
    .set({ oidcTenantId: identity.tenantId, oidcObjectId: identity.objectId })
    .where("id = :id AND oidc_object_id IS NULL", { id: invited.id })
    .execute();
  if (result.affected !== 1) return refused("UNKNOWN_USER");
  logger.info({ userId: invited.id, tid: identity.tenantId }, "oidc: invited user bound on first sign-in");
  return {
    user: Object.assign(invited, { oidcTenantId: identity.tenantId, oidcObjectId: identity.objectId }),
    refusal: null,
  };
}

export function redirectUri(req: Request, config: AppConfig): string {
  return `${appOrigin(req, config)}${FLOW_PATH}/callback`;
}

export function mountOidc(app: Express, ds: DataSource, config: AppConfig, settings: OidcConfig): void {
  const provider = discoverer(settings);
  const refuse = (res: Response, error: SignInError) => {
    res.append("Set-Cookie", flowCookie(config, "", 0));
    res.redirect(303, `/signin?error=${error}`);
  };

  app.get(`${FLOW_PATH}/login`, async (req, res, next) => {
    try {
      const configuration = await provider();
      const flow: FlowState = {
        verifier: oidc.randomPKCECodeVerifier(),
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        returnTo: safeReturnTo(req.query.returnTo),
      };
      const cookie = await new SignJWT({ ...flow })
        .setProtectedHeader({ alg: "HS256" })
        .setAudience(FLOW_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${FLOW_SECONDS}s`)
        .sign(key(config));
      const target = oidc.buildAuthorizationUrl(configuration, {
        redirect_uri: redirectUri(req, config),
        scope: "openid profile email",
        response_type: "code",
        code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: "S256",
        state: flow.state,
        nonce: flow.nonce,
      });
      res.set("Cache-Control", "no-store");
      res.append("Set-Cookie", flowCookie(config, cookie, FLOW_SECONDS));
      res.redirect(303, target.href);
    } catch (error) {
      next(error);
    }
  });

  app.get(`${FLOW_PATH}/callback`, async (req, res, next) => {
    try {
      res.set("Cache-Control", "no-store");
      const flow = await readFlow(req, config);
      if (!flow) return refuse(res, "SIGN_IN_EXPIRED");
      const configuration = await provider();
      let claims: Record<string, unknown> | undefined;
      try {
        // The callback as the provider called it: openid-client takes the redirect_uri from it (no query).
        const current = new URL(redirectUri(req, config));
        current.search = new URL(req.originalUrl, current).search;
        const tokens = await oidc.authorizationCodeGrant(configuration, current, {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims();
      } catch (error) {
        // A tampered state, another issuer, a replayed or foreign code, a bad signature: nobody is signed in.
        logger.warn({ err: error instanceof Error ? error.message : String(error) }, "oidc: callback refused");
        return refuse(res, "SIGN_IN_FAILED");
      }
      const identity = claims ? verifiedIdentity(configuration.serverMetadata().issuer, claims) : null;
      if (!identity) {
        logger.warn("oidc: the ID token's iss/tid/oid do not fit");
        return refuse(res, "SIGN_IN_FAILED");
      }
      const { user, refusal } = await matchUser(ds, identity);
      if (refusal) {
        // A known user's refusal goes to their partner's log; an account nobody matches, to the partners of the
        // account's own tenant, if any (its tenant and object ids: what an admin needs to invite or bind it).
        await recordSignInAlone(ds, {
          operation: SIGN_IN_OPERATION.OIDC,
          partnerIds: user ? [user.partnerId] : await partnersOfTenant(ds, identity.tenantId),
          user,
          refusal: user
            ? { code: refusal }
            : { code: refusal, detail: `Tenant ${identity.tenantId}, object ${identity.objectId}.` },
        });
        return refuse(res, refusal);
      }
      await runInTransaction(ds, async (em) => {
        await startSession(em, config, res, user, "OIDC");
        await recordSignIn(em, { operation: SIGN_IN_OPERATION.OIDC, partnerIds: [user.partnerId], user });
      });
      res.append("Set-Cookie", flowCookie(config, "", 0));
      res.redirect(303, flow.returnTo);
    } catch (error) {
      next(error);
    }
  });
}
