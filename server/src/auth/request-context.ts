import type { Request } from "express";
import { GraphQLError } from "graphql";
import type { DataSource } from "typeorm";
import type { AppConfig } from "../config";
import type { RequestContext, Viewer } from "../context";
import { Partner } from "../modules/partner/partner.entity";
import { Loaders } from "../loaders";
import { requestStoreOf } from "../http/request-log";
import type { Locale } from "../common/locale";
import { toIsoDate } from "../common/dates";
import { verifyToken } from "./token";
import { TenantScope } from "./scope";
import { findActiveViewer } from "./viewer-lookup";
import { looksLikeApiToken } from "./api-token-secret";
import { actingUser, findApiToken, type ApiTokenCaller } from "./api-token-auth";
import { apiTokenOf } from "../http/caller";
import { sessionOf, type LiveSession } from "../http/session";
import { idempotencyScope } from "../http/idempotency";
import { SANDBOX_UPSTREAM, type UpstreamPort } from "../upstream/upstream";

function localeOf(req: Request): Locale {
  const header = req.headers["accept-language"] ?? "";
  return /^\s*pt\b/i.test(header) ? "pt-PT" : "en";
}

function rejectToken(): GraphQLError {
  return new GraphQLError("The bearer token is invalid, expired, revoked, or names no active user", {
    extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
  });
}

/**
 * Resolves the bearer credential to the viewer: a user token (JWT naming an active user) or an API token (`cg_…`,
 * acting as its creator with the token's role, narrowed by its scopes). `apiToken` is the token the edge already
 * verified (http/caller.ts), so that it is not looked up twice; without it a `cg_` secret is looked up here.
 */
export async function loadViewer(
  ds: DataSource,
  config: AppConfig,
  authorization: string | undefined,
  apiToken: ApiTokenCaller | null = null,
): Promise<Viewer | null> {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw rejectToken();
  const credential = match[1]!;
  if (looksLikeApiToken(credential)) {
    const found = apiToken ?? (await findApiToken(ds, credential, new Date()));
    if (!found) throw rejectToken();
    return {
      user: actingUser(found),
      partner: found.partner,
      scope: found.scope,
      apiTokenId: found.token.id,
      apiTokenScopes: found.token.scopes,
    };
  }
  const email = await verifyToken(config.authSecret, credential);
  if (!email) throw rejectToken();
  // The active user, its partner and its scope in one statement (auth/viewer-lookup.ts).
  const found = await findActiveViewer(ds, email);
  if (!found) throw rejectToken();
  return { ...found, apiTokenId: null, apiTokenScopes: [] };
}

/** The viewer of a browser session: its user (active, partner loaded by the session lookup) and scope. */
async function sessionViewer(ds: DataSource, session: LiveSession): Promise<Viewer> {
  const user = session.user;
  const partner = user.partner as Partner;
  const scope = session.scope ?? (await TenantScope.load(ds, partner));
  return { user, partner, scope, apiTokenId: null, apiTokenScopes: [] };
}

export async function buildContext(
  req: Request,
  ds: DataSource,
  config: AppConfig,
  upstream: UpstreamPort = SANDBOX_UPSTREAM,
): Promise<RequestContext> {
  const request = requestStoreOf(req.res);
  // A browser session (cookie, CSRF-checked at the edge) when no Authorization header is sent.
  const session = req.headers.authorization ? null : sessionOf(req.res);
  const viewer = session
    ? await sessionViewer(ds, session)
    : await loadViewer(ds, config, req.headers.authorization, apiTokenOf(req.res));
  return {
    config,
    dataSource: ds,
    viewer,
    loaders: new Loaders(ds, viewer?.scope ?? null, config.transferPolicy, config.ruleBook),
    locale: localeOf(req),
    today: toIsoDate(new Date()),
    upstream,
    idempotencyScope: idempotencyScope(req),
    request,
  };
}
