import { randomUUID } from "node:crypto";
import type { ApolloServerPlugin } from "@apollo/server";
import type { NextFunction, Request, Response } from "express";
import type { RequestContext } from "../context";
import { logger } from "../common/log";
import { requestStore } from "../common/sql-counter";

const CLIENT_REQUEST_ID = /^[\w.:-]{1,64}$/;

/**
 * Gives every /graphql request an id (the caller's `X-Request-Id` when it is a plain token, otherwise a new
 * UUID), echoes it in the answer, and opens the request's store (id + SQL count) for everything it runs.
 */
export function withRequestId(req: Request, res: Response, next: NextFunction): void {
  const offered = req.headers["x-request-id"];
  const requestId = typeof offered === "string" && CLIENT_REQUEST_ID.test(offered) ? offered : randomUUID();
  res.setHeader("x-request-id", requestId);
  requestStore.run({ requestId, statements: 0 }, next);
}

/**
 * One log line per GraphQL operation: request id, actor (user and partner ids), operation name and type,
 * duration, SQL statements, and the error codes it answered with. Variables are never logged (they can hold
 * acceptance tokens and customer data).
 */
export function requestLogPlugin(enabled: boolean): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      if (!enabled) return;
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ contextValue, operation, operationName, response }) {
          const store = requestStore.getStore();
          const body = response.body.kind === "single" ? response.body.singleResult : null;
          const codes = [...new Set((body?.errors ?? []).map((e) => String(e.extensions?.code ?? "UNKNOWN")))];
          const viewer = contextValue.viewer;
          logger.info(
            {
              requestId: store?.requestId,
              operation: operationName ?? null,
              type: operation?.operation ?? null,
              actor: viewer ? { userId: viewer.user.id, partnerId: viewer.partner.id, role: viewer.user.role } : null,
              durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
              sql: store?.statements ?? 0,
              status: response.http.status ?? 200,
              ...(codes.length ? { errors: codes } : {}),
            },
            "graphql",
          );
        },
      };
    },
  };
}
