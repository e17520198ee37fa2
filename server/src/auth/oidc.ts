import type { Express, Response } from "express";
import type { DataSource } from "typeorm";
import type { AppConfig, OidcConfig } from "../config";
import { logger } from "../common/log";
import { User } from "../modules/user/user.entity";
import { startSession } from "../http/session";
import { runInTransaction } from "../common/transaction";
import { issuerMatchesTenant } from "./issuer";
import { oidcFlow } from "./oidc-flow";
import { partnersOfTenant, recordSignIn, recordSignInAlone, SIGN_IN_OPERATION } from "./sign-in-audit";
import { requestIdOf } from "../http/request-log";

/**
 * Sign-in with OpenID Connect: the authorization code flow with PKCE (S256), state and nonce, against OIDC_ISSUER
 * (Microsoft Entra ID in production: https://login.microsoftonline.com/<tenant id>/v2.0), through openid-client.
 * See "Microsoft identity platform and OpenID Connect protocol"
 * (https://learn.microsoft.com/en-us/entra/identity-platform/v2-protocols-oidc) for the flow and the `tid`/`oid`
 * claims, and the README for registering the app.
 *
 *   GET /auth/oidc/login?returnTo=/path  → redirect to the provider; the flow's secrets (PKCE verifier, state,
 *                                          nonce) wait in a signed, httpOnly cookie for 10 minutes (auth/oidc-flow.ts)
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

const FLOW_PATH = "/auth/oidc";

/** Why a sign-in was refused (the SPA shows a message for each, in both languages). */
export type SignInError = "UNKNOWN_USER" | "DEACTIVATED" | "SIGN_IN_FAILED" | "SIGN_IN_EXPIRED";

/** Only a path of this app (`/…`, not `//host` nor `/\host`) is a place to return to. */
export function safeReturnTo(value: unknown): string {
  return typeof value === "string" && /^\/(?![/\\])[^\s]{0,500}$/.test(value) ? value : "/";
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
  // A tenant id is a GUID: its letter case means nothing (a partner's may be stored as typed, `tid` is lower-case),
  // as for the refusal's audit (partnersOfTenant) and the customer sign-in.
  const sameTenant = invited?.partner?.tenantId.toLowerCase() === identity.tenantId.toLowerCase();
  if (!invited || invited.oidcObjectId !== null || !sameTenant) {
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

export function mountOidc(app: Express, ds: DataSource, config: AppConfig, settings: OidcConfig): void {
  const flows = oidcFlow<{ returnTo: string }>(config, settings, {
    cookie: "cg_oidc_flow",
    path: FLOW_PATH,
    audience: "channelgate-oidc-flow",
    readExtra: (p) => ({ returnTo: safeReturnTo(p.returnTo) }),
    logLabel: "oidc",
  });
  const refuse = (res: Response, error: SignInError) => {
    flows.clear(res);
    res.redirect(303, `/signin?error=${error}`);
  };

  app.get(`${FLOW_PATH}/login`, async (req, res, next) => {
    try {
      await flows.start(req, res, { returnTo: safeReturnTo(req.query.returnTo) });
    } catch (error) {
      next(error);
    }
  });

  app.get(`${FLOW_PATH}/callback`, async (req, res, next) => {
    try {
      res.set("Cache-Control", "no-store");
      const flow = await flows.read(req);
      if (!flow) return refuse(res, "SIGN_IN_EXPIRED");
      const exchanged = await flows.exchange(req, flow);
      if (!exchanged) return refuse(res, "SIGN_IN_FAILED");
      const identity = verifiedIdentity(exchanged.issuer, exchanged.claims);
      if (!identity) {
        logger.warn("oidc: the ID token's iss/tid/oid do not fit");
        return refuse(res, "SIGN_IN_FAILED");
      }
      const { user, refusal } = await matchUser(ds, identity);
      if (refusal) {
        // A known user's refusal goes to their partner's log; an account nobody matches, to the partners of the
        // account's own tenant, if any (its tenant and object ids: what an admin needs to invite or bind it).
        await recordSignInAlone(ds, {
          requestId: requestIdOf(res),
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
        await recordSignIn(em, {
          requestId: requestIdOf(res),
          operation: SIGN_IN_OPERATION.OIDC,
          partnerIds: [user.partnerId],
          user,
        });
      });
      flows.clear(res);
      res.redirect(303, flow.returnTo);
    } catch (error) {
      next(error);
    }
  });
}
