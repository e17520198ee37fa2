import { randomUUID } from "node:crypto";
import type { ApolloServerPlugin } from "@apollo/server";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { RequestContext } from "../context";
import { logger } from "../common/log";
import { requestStore, type RequestStore } from "../common/sql-counter";

const CLIENT_REQUEST_ID = /^[\w.:-]{1,64}$/;

/**
 * Gives every request of /graphql, /auth and the exports an id (the caller's `X-Request-Id` when it is a plain
 * token, otherwise a new UUID), echoes it in the answer, and opens the request's store (`requestStoreOf`). With
 * `countSql` the store is also the async context of everything the request runs, for TypeORM's statement count
 * (common/sql-counter.ts); without it no AsyncLocalStorage is entered (its promise hook costs every request).
 */
export function withRequestId(countSql: boolean): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const offered = req.headers["x-request-id"];
    const requestId = typeof offered === "string" && CLIENT_REQUEST_ID.test(offered) ? offered : randomUUID();
    res.setHeader("x-request-id", requestId);
    const store: RequestStore = { requestId, statements: 0 };
    res.locals["requestStore"] = store;
    if (countSql) requestStore.run(store, next);
    else next();
  };
}

/** The store `withRequestId` opened for this request (an empty one on a route without it). */
export function requestStoreOf(res: Response | undefined): RequestStore {
  const store = res?.locals["requestStore"] as RequestStore | undefined;
  if (store) return store;
  const opened: RequestStore = { requestId: "", statements: 0 };
  if (res) res.locals["requestStore"] = opened;
  return opened;
}

/** The request's id, or null on a route without one. */
export function requestIdOf(res: Response | undefined): string | null {
  return requestStoreOf(res).requestId || null;
}

/**
 * One log line per GraphQL operation: request id, actor (user and partner ids), operation name and type,
 * duration, SQL statements (when `countSql`), the error codes it answered with, and the reference ids of its
 * internal errors (the "internal error" lines carry the same id). Variables are never logged (they can hold
 * acceptance tokens and customer data).
 */
export function requestLogPlugin(enabled: boolean, countSql: boolean): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      if (!enabled) return;
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ contextValue, operation, operationName, response }) {
          const store = contextValue.request;
          const body = response.body.kind === "single" ? response.body.singleResult : null;
          const codes = [...new Set((body?.errors ?? []).map((e) => String(e.extensions?.code ?? "UNKNOWN")))];
          const errorIds = (body?.errors ?? []).flatMap((e) =>
            typeof e.extensions?.["errorId"] === "string" ? [e.extensions["errorId"]] : [],
          );
          const viewer = contextValue.viewer;
          logger.info(
            {
              requestId: store.requestId,
              operation: operationName ?? null,
              type: operation?.operation ?? null,
              actor: viewer ? { userId: viewer.user.id, partnerId: viewer.partner.id, role: viewer.user.role } : null,
              durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
              ...(countSql ? { sql: store.statements } : {}),
              status: response.http.status ?? 200,
              ...(codes.length ? { errors: codes } : {}),
              ...(errorIds.length ? { errorIds } : {}),
            },
            "graphql",
          );
        },
      };
    },
  };
}
