/**
 * What a failed request means for the person using the app. Apollo reports transport failures in its own words
 * ("Response not successful: Received status code 503", "Failed to fetch"); the screens show these instead, in
 * the user's language, and say whether trying again can help.
 */
import { CombinedGraphQLErrors, ServerError, ServerParseError } from "@apollo/client/errors";
import { translate, currentLocale, type Translate } from "./i18n";
import "./errors-messages";

export type FailureKind =
  /** The server (or its database) is down or restarting: 502/503/504, SERVICE_UNAVAILABLE. */
  | "unavailable"
  /** The request never got an answer: offline, DNS, connection refused. */
  | "network"
  /** Too many requests or the query-cost budget is spent (429, THROTTLED). */
  | "throttled"
  /** The signed-in role may not do this (403, FORBIDDEN). */
  | "forbidden"
  /** The session ended (401, UNAUTHENTICATED). */
  | "unauthenticated"
  /** A fault on the server (500, INTERNAL_SERVER_ERROR): the answer carries a reference id. */
  | "server"
  /** A GraphQL error with its own message (e.g. BAD_USER_INPUT naming the argument): shown as it is. */
  | "other";

export interface Failure {
  kind: FailureKind;
  /** The sentence to show. */
  message: string;
  /** Whether "Try again" may help (transport and server faults; not a refusal). */
  retryable: boolean;
}

const RETRYABLE: ReadonlySet<FailureKind> = new Set(["unavailable", "network", "throttled", "server"]);

const CODE_KINDS: Record<string, FailureKind> = {
  SERVICE_UNAVAILABLE: "unavailable",
  THROTTLED: "throttled",
  RATE_LIMITED: "throttled",
  FORBIDDEN: "forbidden",
  UNAUTHENTICATED: "unauthenticated",
  INTERNAL_SERVER_ERROR: "server",
};

function kindOfStatus(status: number): FailureKind {
  if (status === 401) return "unauthenticated";
  if (status === 403) return "forbidden";
  if (status === 429) return "throttled";
  if (status === 502 || status === 503 || status === 504) return "unavailable";
  return "server";
}

/** A plain fetch failure (TypeError "Failed to fetch", "NetworkError…", "Load failed", "fetch failed"). */
function isNetworkFailure(error: Error): boolean {
  return error.name === "TypeError" || /failed to fetch|networkerror|load failed|fetch failed/i.test(error.message);
}

/** The reference id an internal error carries (the server log has the same). */
function referenceOf(error: unknown): string | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  for (const e of error.errors) {
    const ref = e.extensions?.errorId;
    if (typeof ref === "string") return ref;
  }
  return null;
}

/** Classifies a failed query or mutation and words it in the given translation. */
export function describeError(error: unknown, t: Translate): Failure {
  let kind: FailureKind = "other";
  let raw = error instanceof Error ? error.message : String(error);
  if (CombinedGraphQLErrors.is(error)) {
    const code = error.errors.map((e) => e.extensions?.code).find((c) => typeof c === "string" && c in CODE_KINDS);
    kind = typeof code === "string" ? CODE_KINDS[code]! : "other";
    raw = error.errors.map((e) => e.message).join(" ");
  } else if (ServerError.is(error) || ServerParseError.is(error)) {
    kind = kindOfStatus(error.statusCode);
  } else if (error instanceof Error && isNetworkFailure(error)) {
    kind = "network";
  }
  if (kind === "other") return { kind, message: raw, retryable: false };
  const ref = kind === "server" ? referenceOf(error) : null;
  const message = ref ? t("failure.serverRef", { ref }) : t(`failure.${kind}`);
  return { kind, message, retryable: RETRYABLE.has(kind) };
}

/** describeError outside React (the mutation layer), in the UI's language. */
export function describeErrorNow(error: unknown): Failure {
  const locale = currentLocale();
  return describeError(error, (key, vars) => translate(locale, key, vars));
}

/**
 * The API refused the request's arguments (BAD_USER_INPUT), e.g. an id it never issued: for a page addressed by
 * id, the same as "not found" — trying again cannot help.
 */
/** The answer says the object is not there (or not the viewer's): every error is NOT_FOUND. */
export function isNotFound(error: unknown): boolean {
  return (
    CombinedGraphQLErrors.is(error) &&
    error.errors.length > 0 &&
    error.errors.every((e) => e.extensions?.code === "NOT_FOUND")
  );
}

export function isBadInput(error: unknown): boolean {
  return (
    CombinedGraphQLErrors.is(error) &&
    error.errors.length > 0 &&
    error.errors.every((e) => e.extensions?.code === "BAD_USER_INPUT")
  );
}
