import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { ErrorLink } from "@apollo/client/link/error";
import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { currentLocale } from "./i18n";
import { authHeaders } from "./auth";
import generated from "../graphql/possible-types";

/**
 * The normalized cache, the same for the app and its tests: which types implement which interfaces
 * (possibleTypes, generated from the schema by codegen) and how partly-read objects merge.
 */
export function createCache() {
  return new InMemoryCache({
    possibleTypes: generated.possibleTypes,
    typePolicies: {
      // One summary object, read in parts (dashboard totals, the navigation's request count): merge, not replace.
      NetworkSummary: { merge: true },
    },
  });
}

/**
 * The app's client: every request carries the credentials (the session's CSRF token with its cookie, or a pasted
 * bearer token) and the UI's language; UNAUTHENTICATED signs out.
 */
export function createApolloClient(options: { uri?: string; onUnauthenticated?: () => void } = {}) {
  const auth = new ApolloLink((operation, forward) => {
    operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
      headers: {
        ...headers,
        "accept-language": currentLocale(),
        ...authHeaders(),
      },
    }));
    return forward(operation);
  });
  const errors = new ErrorLink(({ error }) => {
    if (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === "UNAUTHENTICATED")) {
      options.onUnauthenticated?.();
    }
  });
  return new ApolloClient({
    link: ApolloLink.from([errors, auth, new HttpLink({ uri: options.uri ?? "/graphql" })]),
    cache: createCache(),
  });
}
