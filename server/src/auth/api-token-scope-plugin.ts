import { GraphQLError } from "graphql";
import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestContext } from "../context";
import { ApiTokenScope } from "../domain/enums";
import { userMessage } from "../common/user-messages";

/**
 * A READ API token runs queries only: a mutation is refused with FORBIDDEN once the operation is known, before
 * any resolver runs (so nothing is read, written or charged to the token's cost budget).
 */
export function apiTokenScopePlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          const viewer = contextValue.viewer;
          if (operation?.operation !== "mutation" || !viewer?.apiTokenId) return;
          if (viewer.apiTokenScopes.includes(ApiTokenScope.WRITE)) return;
          throw new GraphQLError(userMessage(contextValue.locale, "API_TOKEN_READ_ONLY"), {
            extensions: { code: "FORBIDDEN", http: { status: 403 } },
          });
        },
      };
    },
  };
}
