import type { NextFunction, Request, Response } from "express";
import type { DataSource } from "typeorm";
import type { AppConfig } from "../config";
import { verifyToken } from "../auth/token";
import { looksLikeApiToken } from "../auth/api-token-secret";
import { findApiToken, recordApiTokenUse, type ApiTokenCaller } from "../auth/api-token-auth";
import { requestStoreOf } from "./request-log";
import { findSessionViewer, passesCsrfCheck, sessionSecretOf } from "./session";

/**
 * Who is calling, decided cheaply before any GraphQL work: a verified user token (its subject), a live API token
 * (`cg_…`: one indexed lookup by its hash), or an anonymous address. The limits and the rate limit key on it; the
 * request context resolves the full viewer later. A header that does not verify counts as anonymous here and is
 * refused with 401 by the context. Without an Authorization header, a browser session cookie (http/session.ts)
 * signs the user in, but only with the CSRF header; without it the request is refused with 403 here.
 */
export type Caller =
  { kind: "user"; subject: string } | { kind: "token"; tokenId: string } | { kind: "anonymous"; address: string };

export function callerOf(res: Response): Caller {
  return (res.locals["caller"] as Caller | undefined) ?? { kind: "anonymous", address: "unknown" };
}

/** The API token the edge verified for this request, if any (the context reuses it: no second lookup). */
export function apiTokenOf(res: Response | undefined): ApiTokenCaller | null {
  return (res?.locals["apiToken"] as ApiTokenCaller | undefined) ?? null;
}

const CSRF_REFUSED = "csrf-refused";

async function identify(
  req: Request,
  res: Response,
  config: AppConfig,
  ds: DataSource,
): Promise<Caller | typeof CSRF_REFUSED> {
  const match = /^Bearer\s+(\S{1,4096})$/i.exec(req.headers.authorization ?? "");
  const credential = match?.[1];
  if (credential && looksLikeApiToken(credential)) {
    const now = new Date();
    const found = await findApiToken(ds, credential, now);
    if (found) {
      res.locals["apiToken"] = found;
      await recordApiTokenUse(ds, found.token, now);
      return { kind: "token", tokenId: found.token.id };
    }
  } else if (credential) {
    const subject = await verifyToken(config.authSecret, credential);
    if (subject) return { kind: "user", subject };
  } else if (!req.headers.authorization) {
    const secret = sessionSecretOf(req, config);
    // The session with its partner's scope, in one statement: the request context reuses both.
    const live = secret ? await findSessionViewer(ds, secret) : null;
    if (live) {
      if (!passesCsrfCheck(req, config, live.secret)) return CSRF_REFUSED;
      res.locals["session"] = live;
      return { kind: "user", subject: live.user.email };
    }
  }
  return { kind: "anonymous", address: req.ip ?? req.socket.remoteAddress ?? "unknown" };
}

export function identifyCaller(config: AppConfig, ds: DataSource) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const caller = await identify(req, res, config, ds);
      if (caller === CSRF_REFUSED) {
        res.status(403).json({
          errors: [
            {
              message: "Signed in by cookie: the request needs the session's X-CSRF-Token header and the app's Origin",
              extensions: { code: "CSRF_REFUSED" },
            },
          ],
        });
        return;
      }
      res.locals["caller"] = caller;
      requestStoreOf(res).callerKey = callerKey(caller);
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** The caller as an address only (sign-in routes): the anonymous rate limit applies per address. */
export function anonymousCaller(req: Request, res: Response, next: NextFunction): void {
  res.locals["caller"] = {
    kind: "anonymous",
    address: req.ip ?? req.socket.remoteAddress ?? "unknown",
  } satisfies Caller;
  next();
}

/** Signed in (a user or an API token): the larger limits apply. */
export function isSignedIn(caller: Caller): boolean {
  return caller.kind !== "anonymous";
}

/** The rate limit bucket of a caller: one per user, one per API token, one per address for anonymous callers. */
export function callerKey(caller: Caller): string {
  switch (caller.kind) {
    case "user":
      return `user:${caller.subject}`;
    case "token":
      return `token:${caller.tokenId}`;
    default:
      return `ip:${caller.address}`;
  }
}
