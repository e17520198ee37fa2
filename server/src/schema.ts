import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema, getMetadataStorage, type AuthCheckerFn, type ResolverData } from "type-graphql";
import { authChecker } from "./auth/roles";
import { resolvers } from "./resolvers";
import type { RequestContext } from "./context";
import { guardInputs } from "./common/input-guard";

export async function createSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    authChecker,
    authMode: "error",
    validate: { forbidUnknownValues: false },
  });
  return guardInputs(schema, { authorize: authorizerOf(schema) });
}

/**
 * The `@Authorized` roles of each root field and field resolver, checked as type-graphql would: the input guard
 * asks before it refuses an input, so that a caller who may not call a field gets UNAUTHENTICATED or FORBIDDEN.
 */
function authorizerOf(schema: GraphQLSchema): (coordinate: string, context: unknown) => void {
  const storage = getMetadataStorage();
  const roles = new Map<string, string[]>();
  const add = (type: string | undefined, name: string, r: string[] | undefined) => {
    if (type && r) roles.set(`${type}.${name}`, r);
  };
  for (const q of storage.queries) add(schema.getQueryType()?.name, q.schemaName, q.roles);
  for (const m of storage.mutations) add(schema.getMutationType()?.name, m.schemaName, m.roles);
  for (const f of storage.fieldResolvers) {
    const target = storage.objectTypes.find((o) => o.target === f.getObjectType?.());
    add(target?.name, f.schemaName, f.roles);
  }
  return (coordinate, context) => {
    const needed = roles.get(coordinate);
    if (needed) (authChecker as AuthCheckerFn<RequestContext>)({ context } as ResolverData<RequestContext>, needed);
  };
}

/** The SDL committed as schema/schema.graphql: sorted, so diffs show real changes only. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
