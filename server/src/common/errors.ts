import { randomUUID } from "node:crypto";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { ArgumentValidationError } from "type-graphql";
import { logger } from "./log";
import { requestStore } from "./sql-counter";

/** Codes a client may see in `extensions.code`; anything else is masked. */
const CLIENT_CODES = new Set([
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "GRAPHQL_VALIDATION_FAILED",
  "GRAPHQL_PARSE_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "CONFLICT",
  "THROTTLED",
  "MAX_COST_EXCEEDED",
  "SERVICE_UNAVAILABLE",
]);

/** PostgreSQL and socket codes of a database that is down, restarting or unreachable (not a failed statement). */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up)
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
]);

/** True when the error (or the driver error it wraps) says the database cannot be reached right now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    const code = "code" in e ? (e as { code?: unknown }).code : undefined;
    if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
    const message = "message" in e ? String((e as { message?: unknown }).message) : "";
    if (
      /Connection terminated|terminating connection|Query runner already released|connection provided by a query runner was already released|the database system is (starting up|shutting down)/i.test(
        message,
      )
    ) {
      return true;
    }
    e = "driverError" in e ? (e as { driverError?: unknown }).driverError : (e as { cause?: unknown }).cause;
  }
  return false;
}

/** What a caller gets while the database is unreachable: HTTP 503 with Retry-After, and a code to retry on. */
export function serviceUnavailable(): GraphQLError {
  return new GraphQLError("The service is briefly unavailable; try again in a few seconds", {
    extensions: { code: "SERVICE_UNAVAILABLE", http: { status: 503, headers: new Map([["retry-after", "2"]]) } },
  });
}

export function badInput(field: string, message: string): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, { extensions: { code: "BAD_USER_INPUT", field } });
}

export function notFound(what: string, field?: string): GraphQLError {
  return new GraphQLError(`${what} not found`, { extensions: { code: "NOT_FOUND", ...(field ? { field } : {}) } });
}

export function unauthenticated(): GraphQLError {
  return new GraphQLError("Sign in: send Authorization: Bearer <token>", { extensions: { code: "UNAUTHENTICATED" } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "FORBIDDEN" } });
}

/** A concurrent update won: the client should reload and retry. */
export function conflict(what: string): GraphQLError {
  return new GraphQLError(`${what} was changed by someone else; reload and try again`, {
    extensions: { code: "CONFLICT" },
  });
}

/** Apollo formatError: known client errors pass; everything else becomes a generic message and is logged. */
export function makeFormatError(log: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof ArgumentValidationError) {
      const fields = original.extensions.validationErrors
        .map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(", ")}`)
        .join("; ");
      return {
        message: `Invalid input: ${fields}`,
        path: formatted.path,
        extensions: {
          code: "BAD_USER_INPUT",
          field: original.extensions.validationErrors[0]?.property,
        },
      };
    }
    if (isDatabaseUnavailable(original)) {
      if (log) logger.warn({ requestId: requestStore.getStore()?.requestId, err: original }, "database unavailable");
      return {
        message: serviceUnavailable().message,
        path: formatted.path,
        extensions: { code: "SERVICE_UNAVAILABLE" },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === "string" && CLIENT_CODES.has(code)) {
      const { stacktrace: _s, exception: _e, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const errorId = randomUUID();
    // The request id is known here only while SQL is counted (COUNT_SQL); the request's log line lists its errorIds.
    if (log) logger.error({ requestId: requestStore.getStore()?.requestId, errorId, err: original }, "internal error");
    return {
      message: `Internal server error (reference ${errorId})`,
      path: formatted.path,
      extensions: { code: "INTERNAL_SERVER_ERROR", errorId },
    };
  };
}
