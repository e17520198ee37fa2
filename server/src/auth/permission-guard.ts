import { defaultFieldResolver, isNonNullType, isObjectType, type GraphQLSchema } from "graphql";
import { getMetadataStorage } from "type-graphql";
import { callerOf, entryAllows, permissionOf, refusalOf } from "./permissions";

// Enforces the permission matrix (auth/permissions.ts) on the built schema: every root field and every field
// resolver checks its entry before it runs. A field with no entry is refused (deny by default).

/**
 * The fields the matrix must cover, as `Type.field`: every field of the root types, and every object field that a
 * resolver class computes (type-graphql's external field resolvers: they read data beyond the object already
 * authorized).
 */
export function guardedCoordinates(schema: GraphQLSchema): string[] {
  const out = new Set<string>();
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (root) for (const name of Object.keys(root.getFields())) out.add(`${root.name}.${name}`);
  }
  const storage = getMetadataStorage();
  for (const f of storage.fieldResolvers) {
    // "internal" ones are getters of the object's own class (a connection's edges, pageInfo): they compute from an
    // object its field already authorized. "external" ones, in resolver classes, read more data.
    if (f.kind !== "external") continue;
    const objectType = f.getObjectType?.();
    const target = storage.objectTypes.find((o) => o.target === objectType);
    if (!target) continue;
    const type = schema.getType(target.name);
    if (isObjectType(type) && Object.hasOwn(type.getFields(), f.schemaName)) out.add(`${type.name}.${f.schemaName}`);
  }
  return [...out].sort();
}

/**
 * Wraps the resolver of every guarded field with its permission check. Mutates and returns `schema`. The matrix
 * entry is looked up here, once per field, not on every call: a list of 100 rows calls each field resolver 100
 * times, and the allowed path is then one caller read and one role check.
 */
export function guardPermissions(schema: GraphQLSchema): GraphQLSchema {
  for (const coordinate of guardedCoordinates(schema)) {
    const [typeName, fieldName] = coordinate.split(".") as [string, string];
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    const field = type.getFields()[fieldName]!;
    const resolve = field.resolve ?? defaultFieldResolver;
    const entry = permissionOf(coordinate);
    const nullWhenDenied = entry?.deniedAsNull === true && !isNonNullType(field.type);
    field.resolve = (source, args, context: unknown, info) => {
      const caller = callerOf(context);
      if (!entryAllows(entry, caller)) {
        if (nullWhenDenied) return null;
        throw refusalOf(coordinate, entry, caller, context);
      }
      return resolve(source, args, context, info);
    };
  }
  return schema;
}
