import { GraphQLError } from "graphql";
import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestContext } from "../context";
import { actualCost, requestedCost, type CostPolicy, type CostReport } from "./query-cost";

/**
 * Query-cost budgets: before an operation runs, its requested cost is taken from the caller's bucket (refused
 * with THROTTLED and a retry time when the bucket lacks it, or MAX_COST_EXCEEDED when no bucket could ever hold
 * it); after it runs, the difference to the actual cost is given back. Every answer reports
 * `extensions.cost { requestedQueryCost actualQueryCost throttleStatus { maximumAvailable currentlyAvailable restoreRate } }`.
 */
export function queryCostPlugin(policy: CostPolicy): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      let requested = 0;
      let charged = false;
      const key = contextValue.request.callerKey ?? "ip:unknown";
      let buckets = policy.anonymous;
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          buckets = contextValue.viewer ? policy.user : policy.anonymous;
          if (!operation) return;
          requested = requestedCost(schema, document, operation, request.variables ?? {});
          if (requested > buckets.maximumAvailable) {
            throw new GraphQLError(
              `This operation may cost ${requested} points; no operation may cost more than ${buckets.maximumAvailable}. Ask for smaller pages.`,
              { extensions: { code: "MAX_COST_EXCEEDED", http: { status: 400 } } },
            );
          }
          const wait = buckets.waitFor(key, requested);
          if (wait > 0) {
            throw new GraphQLError(`Throttled: this operation needs ${requested} points; retry in ${wait} s.`, {
              extensions: {
                code: "THROTTLED",
                retryAfterSeconds: wait,
                http: { status: 429, headers: new Map([["retry-after", String(wait)]]) },
              },
            });
          }
          buckets.spend(key, requested);
          charged = true;
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          const actual = charged ? actualCost(result.data ?? null) : 0;
          // Give back what the answer did not use (a page shorter than `first`, null branches).
          if (charged) buckets.spend(key, actual - requested);
          const cost: CostReport = {
            requestedQueryCost: requested,
            actualQueryCost: actual,
            throttleStatus: buckets.status(key),
          };
          result.extensions = { ...result.extensions, cost };
        },
      };
    },
  };
}
