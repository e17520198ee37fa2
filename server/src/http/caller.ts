import type { NextFunction, Request, Response } from "express";
import type { AppConfig } from "../config";
import { verifyToken } from "../auth/token";
import { requestStore } from "../common/sql-counter";

/**
 * Who is calling, decided cheaply before any GraphQL work: a verified bearer token (its subject) or an
 * anonymous address. The limits and the rate limit key on it; the request context resolves the full viewer later.
 * A header that does not verify counts as anonymous here and is refused with 401 by the context.
 */
export type Caller = { kind: "user"; subject: string } | { kind: "anonymous"; address: string };

export function callerOf(res: Response): Caller {
  return (res.locals["caller"] as Caller | undefined) ?? { kind: "anonymous", address: "unknown" };
}

export function identifyCaller(config: AppConfig) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const match = /^Bearer\s+(\S{1,4096})$/i.exec(req.headers.authorization ?? "");
    const subject = match ? await verifyToken(config.authSecret, match[1]!) : null;
    res.locals["caller"] = subject
      ? ({ kind: "user", subject } satisfies Caller)
      : ({ kind: "anonymous", address: req.ip ?? req.socket.remoteAddress ?? "unknown" } satisfies Caller);
    const store = requestStore.getStore();
    if (store) store.callerKey = callerKey(res.locals["caller"] as Caller);
    next();
  };
}

/** The rate limit bucket of a caller: one per user, one per address for anonymous callers. */
export function callerKey(caller: Caller): string {
  return caller.kind === "user" ? `user:${caller.subject}` : `ip:${caller.address}`;
}
