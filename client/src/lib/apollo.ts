import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { ErrorLink } from "@apollo/client/link/error";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { OperationTypeNode } from "graphql";
import { createClient, type Client as WsClient } from "graphql-ws";
import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { currentLocale } from "./i18n";
import { authHeaders, liveConnectionParams } from "./auth";
import { countedFetch } from "./first-content";
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
      // The viewer has no id and is read in parts (the shell's Viewer query, the sync status badge): merge them.
      Viewer: { merge: true },
    },
  });
}

/**
 * The app's client: every request carries the credentials (the session's CSRF token with its cookie, or a pasted
 * bearer token) and the UI's language; UNAUTHENTICATED signs out.
 */
export function createApolloClient(
  options: { uri?: string; onUnauthenticated?: () => void; /** null: no live events */ liveUrl?: string | null } = {},
) {
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
  // Counted, so that the preload of other screens waits for the first screen's requests (first-content.ts).
  const http = new HttpLink({ uri: options.uri ?? "/graphql", fetch: countedFetch });
  // Subscriptions (live events) over graphql-ws on the same path; everything else over HTTP. Lazy: the socket
  // opens with the first subscription. If it cannot open, the subscription fails and screens keep working as
  // before, fetching on navigation (lib/live.ts).
  const live =
    options.liveUrl === null || typeof WebSocket === "undefined"
      ? null
      : createClient({
          url: options.liveUrl ?? liveUrlOf(window.location),
          connectionParams: liveConnectionParams,
          retryAttempts: 5,
          lazy: true,
        });
  const transport = live
    ? ApolloLink.split((op) => op.operationType === OperationTypeNode.SUBSCRIPTION, new GraphQLWsLink(live), http)
    : http;
  const client = new ApolloClient({
    link: ApolloLink.from([errors, auth, transport]),
    cache: createCache(),
  });
  if (live) liveSockets.set(client, live);
  return client;
}

const liveSockets = new WeakMap<ApolloClient, WsClient>();

/**
 * After a sign-in or sign-out: the open socket carries the previous credentials, so it is dropped; graphql-ws
 * reconnects (with the current ones) while a subscription wants it.
 */
export function reconnectLive(client: ApolloClient): void {
  liveSockets.get(client)?.terminate();
}

/** ws(s)://host/graphql for the page's own origin (the Vite dev server proxies the upgrade). */
export function liveUrlOf(location: { protocol: string; host: string }): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/graphql`;
}
