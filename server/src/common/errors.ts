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
]);

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
    const code = formatted.extensions?.code;
    if (typeof code === "string" && CLIENT_CODES.has(code)) {
      const { stacktrace: _s, exception: _e, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const errorId = randomUUID();
    if (log) logger.error({ requestId: requestStore.getStore()?.requestId, errorId, err: original }, "internal error");
    return {
      message: `Internal server error (reference ${errorId})`,
      path: formatted.path,
      extensions: { code: "INTERNAL_SERVER_ERROR", errorId },
    };
  };
}
