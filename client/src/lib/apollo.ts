import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { ErrorLink } from "@apollo/client/link/error";
import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { currentLocale } from "./i18n";
import { readToken } from "./auth";

/** Every Relay connection is fetched page by page: keep one cache entry per filter, replaced on each page. */
export function createApolloClient(options: { uri?: string; onUnauthenticated?: () => void } = {}) {
  const auth = new ApolloLink((operation, forward) => {
    const token = readToken();
    operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
      headers: {
        ...headers,
        "accept-language": currentLocale(),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
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
    cache: new InMemoryCache({
      possibleTypes: {
        Node: [
          "Customer",
          "CustomerRelationship",
          "CustomerSubscription",
          "Partner",
          "ProviderRequest",
          "ResellerPartnership",
          "Transfer",
          "User",
        ],
      },
      typePolicies: {
        // One summary object, read in parts (dashboard totals, the navigation's request count): merge, not replace.
        NetworkSummary: { merge: true },
      },
    }),
  });
}
