/**
 * The app's data layer: every generated hook (client/codegen/apollo-hooks-plugin.cjs) goes through these three
 * wrappers over Apollo Client's hooks, so the defaults every screen shares — error policy, fetch policy, refetch
 * behaviour — live here, for production and tests alike. Each wrapper keeps Apollo's own signature (its overloads
 * narrow `data` by `dataState` and require variables when the operation does), only filling in the defaults.
 */
import {
  skipToken,
  useLazyQuery as apolloUseLazyQuery,
  useMutation as apolloUseMutation,
  useQuery as apolloUseQuery,
} from "@apollo/client/react";
import type { DocumentNode } from "graphql";
import type { OperationVariables } from "@apollo/client";
import type { UserErrorLike } from "./user-errors";
import { describeErrorNow, type Failure } from "./errors";
import { currentLocale, translate } from "./i18n";

export type QueryOptions<TData, TVariables extends OperationVariables> = apolloUseQuery.Options<TData, TVariables>;
export type LazyQueryOptions<TData, TVariables extends OperationVariables> = apolloUseLazyQuery.Options<
  TData,
  TVariables
>;
export type MutationOptions<TData, TVariables extends OperationVariables> = apolloUseMutation.Options<
  TData,
  TVariables
>;

/**
 * Queries: answer from the cache when it has the data, otherwise fetch; a GraphQL error fails the query (the screen
 * shows its error state with "Try again"). Screens whose data others change (lists of transfers, requests) ask for
 * "cache-and-network" themselves.
 */
const QUERY_DEFAULTS = { fetchPolicy: "cache-first", errorPolicy: "none" } as const;

/**
 * Mutations: a GraphQL or network error rejects the call (runMutation turns it into one form-level error); the
 * refetched queries are awaited, so the pending state lasts until the screen shows the result.
 */
const MUTATION_DEFAULTS = { errorPolicy: "none", awaitRefetchQueries: true } as const;

type AnyHook = (document: DocumentNode, options?: object | typeof skipToken) => unknown;

function withQueryDefaults(document: DocumentNode, options?: object | typeof skipToken) {
  return (apolloUseQuery as unknown as AnyHook)(
    document,
    options === skipToken ? options : { ...QUERY_DEFAULTS, ...options },
  );
}

function withLazyQueryDefaults(document: DocumentNode, options?: object) {
  return (apolloUseLazyQuery as unknown as AnyHook)(document, { ...QUERY_DEFAULTS, ...options });
}

function withMutationDefaults(document: DocumentNode, options?: object) {
  return (apolloUseMutation as unknown as AnyHook)(document, { ...MUTATION_DEFAULTS, ...options });
}

// Same types as Apollo's hooks (their overloads stay intact); only the runtime options differ.
export const useQuery = withQueryDefaults as unknown as typeof apolloUseQuery;
export const useLazyQuery = withLazyQueryDefaults as unknown as typeof apolloUseLazyQuery;
export const useMutation = withMutationDefaults as unknown as typeof apolloUseMutation;

/** The code of the one form-level error a failed call (network, FORBIDDEN, a server fault) becomes. */
export const REQUEST_FAILED = "REQUEST_FAILED";

/**
 * A mutation call that failed outright, as a user error with no field: shown at the top of the form, worded for
 * people (lib/errors.ts), with "Try again" when the failure is a transport or server fault.
 */
function requestFailed(failure: Failure): UserErrorLike {
  return { field: null, message: failure.message, code: REQUEST_FAILED, ruleId: null, retryable: failure.retryable };
}

function noAnswerMessage(): string {
  return translate(currentLocale(), "failure.noAnswer");
}

export interface MutationOutcome<P> {
  /** The payload when the mutation did what was asked (no userErrors); null otherwise. */
  done: P | null;
  /** The payload's userErrors, or the one error a failed call becomes; empty on success. */
  errors: readonly UserErrorLike[];
}

/**
 * Runs one mutation and answers in one shape: the payload's userErrors, or a thrown error (network, GraphQL error)
 * as a single form-level error. Row actions use it directly; forms through useMutationForm.
 */
export async function runMutation<P extends { userErrors: readonly UserErrorLike[] }>(
  call: () => Promise<P | null | undefined>,
): Promise<MutationOutcome<P>> {
  try {
    const payload = await call();
    if (!payload) {
      return { done: null, errors: [requestFailed({ kind: "server", message: noAnswerMessage(), retryable: true })] };
    }
    return payload.userErrors.length ? { done: null, errors: payload.userErrors } : { done: payload, errors: [] };
  } catch (error) {
    return { done: null, errors: [requestFailed(describeErrorNow(error))] };
  }
}

/**
 * refetchQueries for a mutation: refetch the named queries only when the payload has no userErrors (a refused
 * mutation changed nothing).
 */
export function refetchOnSuccess<T>(
  payloadOf: (data: T) => { userErrors: readonly unknown[] } | null | undefined,
  queries: string[],
) {
  return (result: { data?: T | null }): string[] => {
    const payload = result.data ? payloadOf(result.data) : null;
    return payload && payload.userErrors.length === 0 ? queries : [];
  };
}
