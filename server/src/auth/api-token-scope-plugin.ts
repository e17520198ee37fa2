import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestContext } from "../context";
import { userMessage } from "../common/user-messages";
import { PERMISSIONS, tokenMay } from "./permissions";

/** The root fields an operation selects (through fragments too), as `Query.x` / `Mutation.y`; no meta fields. */
export function rootCoordinates(operation: OperationDefinitionNode, document: DocumentNode): string[] {
  const rootName = operation.operation === "mutation" ? "Mutation" : operation.operation === "query" ? "Query" : "";
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const out = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (!s.name.value.startsWith("__")) out.add(`${rootName}.${s.name.value}`);
      } else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const f = fragments.get(s.name.value);
        if (f) walk(f.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return [...out];
}

/**
 * API tokens are checked against the permission matrix (auth/permissions.ts) for every root field once the
 * operation is known, before any resolver runs (so nothing is read, written or charged to the token's cost
 * budget): a READ token calls no mutation, and no token manages users or tokens. Refusals are 403 FORBIDDEN.
 * (Roles, for users and tokens alike, are checked field by field: auth/permission-guard.ts.)
 */
export function apiTokenScopePlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          const viewer = contextValue.viewer;
          if (!operation || !viewer?.apiTokenId) return;
          for (const coordinate of rootCoordinates(operation, document)) {
            const entry = Object.hasOwn(PERMISSIONS, coordinate) ? PERMISSIONS[coordinate] : undefined;
            if (!entry) continue; // refused by the field's own check, naming the missing entry
            if (tokenMay(entry.tokens, viewer.apiTokenScopes)) continue;
            const message =
              entry.tokens === "none"
                ? userMessage(contextValue.locale, "API_TOKEN_CANNOT_MANAGE_ACCESS")
                : userMessage(contextValue.locale, "API_TOKEN_READ_ONLY");
            throw new GraphQLError(message, { extensions: { code: "FORBIDDEN", http: { status: 403 } } });
          }
        },
      };
    },
  };
}
