import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { authChecker } from "./auth/roles";
import { ensureAllowed } from "./auth/permissions";
import { guardedCoordinates, guardPermissions } from "./auth/permission-guard";
import { resolvers } from "./resolvers";
import { guardInputs } from "./common/input-guard";
import { validateArgument } from "./common/arg-validation";
import { NO_TOPICS } from "./modules/live/live.hub";
import { auditMutationFields } from "./modules/audit/audit.writer";
import { installLeanResolvers, installPlainFields } from "./common/lean-resolvers";

export async function createSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    authChecker,
    authMode: "error",
    pubSub: NO_TOPICS,
    // class-validator rules (MaxLength, ArrayMaxSize) on the input classes that have them; others skip the validator.
    validate: { forbidUnknownValues: false },
    validateFn: validateArgument,
  });
  leanResolvers(schema);
  // The permission matrix (auth/permissions.ts) guards every root field and field resolver; the input guard asks
  // it first, so that a caller who may not call a field gets UNAUTHENTICATED or FORBIDDEN, not an input error.
  const guarded = new Set(guardedCoordinates(schema));
  const checked = guardInputs(guardPermissions(schema), {
    authorize: (coordinate, context) => {
      if (guarded.has(coordinate)) ensureAllowed(coordinate, context);
    },
  });
  // Outermost: the audit log notes the mutation being run, and a refusal by the guards (audit.writer.ts).
  return auditMutationFields(checked);
}

/**
 * Hot resolvers without type-graphql's per-call parameter handling, installed in place of the ones it built (each
 * still calls it for what it does not handle itself), before the guards wrap them: methods whose arguments are
 * scalars, enums or absent optional input objects are called directly; plain fields read as properties.
 */
function leanResolvers(schema: GraphQLSchema): void {
  installLeanResolvers(schema);
  installPlainFields(schema);
}

/** The SDL committed as schema/schema.graphql: sorted, so diffs show real changes only. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
