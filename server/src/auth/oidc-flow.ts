import type { Request, Response } from "express";
import { jwtVerify, SignJWT } from "jose";
import * as oidc from "openid-client";
import type { AppConfig, OidcConfig } from "../config";
import { logger } from "../common/log";
import { appOrigin, readCookie } from "../http/session";

/**
 * The authorization code flow with PKCE (S256), state and nonce, shared by the partner sign-in (auth/oidc.ts) and
 * the customer admin's sign-in (auth/customer-oidc.ts); see "Microsoft identity platform and OpenID Connect
 * protocol" (https://learn.microsoft.com/en-us/entra/identity-platform/v2-protocols-oidc). Each flow has its own
 * cookie, path and audience, so neither can finish the other.
 *
 *   start  → the flow's secrets (PKCE verifier, state, nonce, plus the caller's own fields) in a signed, httpOnly,
 *            SameSite=Lax cookie for 10 minutes, and a 303 to the provider's authorization endpoint
 *   read   → the flow back from its cookie (null: missing, expired, tampered or another flow's)
 *   exchange → the code for tokens at `<path>/callback` (openid-client checks state, issuer, PKCE, nonce and the
 *            ID token's signature); the ID token's claims, or null when anything does not fit
 */

const FLOW_SECONDS = 600;

interface FlowSecrets {
  verifier: string;
  state: string;
  nonce: string;
}

export interface OidcFlowOptions<E> {
  /** The flow cookie's name, e.g. cg_oidc_flow. */
  cookie: string;
  /** Where the flow's routes live: `<path>/login` and `<path>/callback` (also the cookie's Path). */
  path: string;
  /** The signed cookie's audience: one per flow. */
  audience: string;
  /** The caller's own fields back from the cookie's payload, or null when they do not fit. */
  readExtra(payload: Record<string, unknown>): E | null;
  /** A label for the server log, e.g. "oidc" or "customer oidc". */
  logLabel: string;
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

export interface OidcFlow<E> {
  redirectUri(req: Request): string;
  /** Clears the flow cookie (after the callback, either way). */
  clear(res: Response): void;
  start(req: Request, res: Response, extra: E): Promise<void>;
  read(req: Request): Promise<(FlowSecrets & E) | null>;
  /** The verified ID token's claims and the provider's issuer, or null (logged) when the exchange is refused. */
  exchange(req: Request, flow: FlowSecrets): Promise<{ claims: Record<string, unknown>; issuer: string } | null>;
}

export function oidcFlow<E extends Record<string, string>>(
  config: AppConfig,
  settings: OidcConfig,
  o: OidcFlowOptions<E>,
): OidcFlow<E> {
  const provider = discoverer(settings);
  const key = new TextEncoder().encode(config.authSecret);
  const cookie = (value: string, maxAge: number) =>
    `${o.cookie}=${value}; Path=${o.path}; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${
      config.secureCookies ? "; Secure" : ""
    }`;
  const redirectUri = (req: Request) => `${appOrigin(req, config)}${o.path}/callback`;

  return {
    redirectUri,
    clear(res) {
      res.append("Set-Cookie", cookie("", 0));
    },

    async start(req, res, extra) {
      const configuration = await provider();
      const secrets: FlowSecrets = {
        verifier: oidc.randomPKCECodeVerifier(),
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
      };
      const signed = await new SignJWT({ ...extra, ...secrets })
        .setProtectedHeader({ alg: "HS256" })
        .setAudience(o.audience)
        .setIssuedAt()
        .setExpirationTime(`${FLOW_SECONDS}s`)
        .sign(key);
      const target = oidc.buildAuthorizationUrl(configuration, {
        redirect_uri: redirectUri(req),
        scope: "openid profile email",
        response_type: "code",
        code_challenge: await oidc.calculatePKCECodeChallenge(secrets.verifier),
        code_challenge_method: "S256",
        state: secrets.state,
        nonce: secrets.nonce,
      });
      res.set("Cache-Control", "no-store");
      res.append("Set-Cookie", cookie(signed, FLOW_SECONDS));
      res.redirect(303, target.href);
    },

    async read(req) {
      const token = readCookie(req, o.cookie);
      if (!token) return null;
      try {
        const { payload } = await jwtVerify(token, key, { audience: o.audience, algorithms: ["HS256"] });
        const { verifier, state, nonce } = payload as Partial<Record<keyof FlowSecrets, unknown>>;
        if (typeof verifier !== "string" || typeof state !== "string" || typeof nonce !== "string") return null;
        const extra = o.readExtra(payload);
        return extra ? { ...extra, verifier, state, nonce } : null;
      } catch {
        return null;
      }
    },

    async exchange(req, flow) {
      const configuration = await provider();
      try {
        // The callback as the provider called it: openid-client takes the redirect_uri from it (no query).
        const current = new URL(redirectUri(req));
        current.search = new URL(req.originalUrl, current).search;
        const tokens = await oidc.authorizationCodeGrant(configuration, current, {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (!claims) return null;
        return { claims, issuer: configuration.serverMetadata().issuer };
      } catch (error) {
        // A tampered state, another issuer, a replayed or foreign code, a bad signature: nobody is signed in.
        logger.warn({ err: error instanceof Error ? error.message : String(error) }, `${o.logLabel}: callback refused`);
        return null;
      }
    },
  };
}
