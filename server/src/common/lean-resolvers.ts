import { GraphQLScalarType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { getMetadataStorage } from "type-graphql";

// type-graphql calls every resolver method through a per-call parameter pipeline (resolvers/helpers.js getParams):
// it sorts the method's parameter list, converts each argument to an instance, validates each through a promise
// and awaits them all, on every call — a dashboard of 25 resellers makes 50 such calls (issue 10). For a method
// whose arguments are all scalars or enums that pipeline changes nothing: the values pass through unchanged
// (helpers/types.js convertToType returns strings, numbers, booleans, dates and lists as they are) and the
// validator skips them (common/arg-validation.ts only validates objects). Such methods are called here directly,
// with the same parameters in the same order. A nullable input object passes through the same way when it is
// absent or null (type-graphql converts and validates objects only); a call that gives one goes to type-graphql.
// Anything else keeps type-graphql's own resolver: required input objects and `@Args` classes (converted and
// validated), custom or pub/sub parameters, a parameter with its own validator, a resolver with middlewares or
// roles, and a `@Root()` whose value is not yet an instance of its declared class.

type Storage = ReturnType<typeof getMetadataStorage>;
type Params = NonNullable<Storage["queries"][number]["params"]>;
/** A class as type-graphql's metadata holds it (`Function` there). */
type ClassRef = object;
type Instance = Record<string, (...values: unknown[]) => unknown>;
type Resolver = GraphQLFieldResolver<unknown, Record<string, unknown>, Record<string, unknown>>;

const SIMPLE_TYPES: ReadonlySet<unknown> = new Set<unknown>([String, Number, Boolean, Date]);

/** One parameter's value from the resolver's arguments, or `undefined` meaning "let type-graphql do it". */
type ParamReader = (
  root: unknown,
  args: Record<string, unknown>,
  context: Record<string, unknown>,
  info: unknown,
) => unknown;
const DELEGATE = Symbol("delegate");

/** What the metadata says of the schema's enums and input classes. */
interface Kinds {
  enums: ReadonlySet<object>;
  inputs: ReadonlySet<unknown>;
}

function readerOf(param: Params[number], kinds: Kinds): ParamReader | null {
  switch (param.kind) {
    case "root": {
      const { propertyName, getType } = param;
      const declared = getType?.() as (new () => unknown) | undefined;
      const value = (root: unknown) => (propertyName ? (root as Record<string, unknown>)[propertyName] : root);
      // type-graphql turns a root that is not an instance of the declared class into one: left to it.
      if (typeof declared !== "function") return value;
      return (root) => {
        const v = value(root);
        return v === null || v === undefined || v instanceof declared ? v : DELEGATE;
      };
    }
    case "context":
      return param.propertyName ? (_r, _a, context) => context[param.propertyName!] : (_r, _a, context) => context;
    case "info":
      return (_r, _a, _c, info) => info;
    case "arg": {
      if (param.validateFn) return null;
      const type = param.getType() as unknown;
      const name = param.name;
      const simple =
        type instanceof GraphQLScalarType ||
        SIMPLE_TYPES.has(type) ||
        (typeof type === "object" && kinds.enums.has(type!));
      if (simple) return (_r, args) => args[name];
      if (kinds.inputs.has(type) && param.typeOptions.nullable) {
        return (_r, args) => {
          const v = args[name];
          return v === null || v === undefined ? v : DELEGATE;
        };
      }
      return null;
    }
    default:
      return null;
  }
}

/** The direct call of `method` on `instance`, or null when a parameter needs type-graphql. */
function leanCall(
  instance: Instance,
  methodName: string,
  params: Params,
  kinds: Kinds,
  typeGraphql: Resolver,
): Resolver | null {
  const readers: ParamReader[] = [];
  for (const param of [...params].sort((a, b) => a.index - b.index)) {
    const reader = readerOf(param, kinds);
    if (!reader) return null;
    readers.push(reader);
  }
  const method = instance[methodName];
  if (typeof method !== "function") return null;
  return (root, args, context, info) => {
    const values = new Array<unknown>(readers.length);
    for (let i = 0; i < readers.length; i++) {
      const value = readers[i]!(root, args, context, info);
      if (value === DELEGATE) return typeGraphql(root, args, context, info);
      values[i] = value;
    }
    return method.apply(instance, values);
  };
}

/**
 * Installs the direct calls in place of type-graphql's resolvers for queries and resolver-class field resolvers
 * whose parameters allow it. Run on the built schema before anything wraps its resolvers. Returns the
 * coordinates replaced (`Type.field`), for the test that keeps this list honest.
 */
export function installLeanResolvers(schema: GraphQLSchema): string[] {
  const storage = getMetadataStorage();
  const kinds: Kinds = {
    enums: new Set(storage.enums.map((e) => e.enumObj)),
    inputs: new Set(storage.inputTypes.map((i) => i.target)),
  };
  // type-graphql's default container makes one instance of each resolver class; ours are stateless.
  const instances = new Map<ClassRef, Instance>();
  const instanceOf = (target: ClassRef): Instance => {
    let instance = instances.get(target);
    if (!instance) {
      instance = new (target as new () => Instance)();
      instances.set(target, instance);
    }
    return instance;
  };
  const typeNameOf = (target: ClassRef) => storage.objectTypes.find((t) => t.target === target)?.name;
  const replaced: string[] = [];
  const install = (
    typeName: string | undefined,
    meta: Storage["queries"][number] | Storage["fieldResolvers"][number],
  ) => {
    if (!typeName || (meta.middlewares?.length ?? 0) > 0 || meta.roles) return;
    const type = schema.getType(typeName);
    if (!isObjectType(type)) return;
    const field = type.getFields()[meta.schemaName];
    if (!field?.resolve) return;
    const lean = leanCall(
      instanceOf(meta.target),
      meta.methodName,
      meta.params ?? [],
      kinds,
      field.resolve as Resolver,
    );
    if (!lean) return;
    field.resolve = lean as typeof field.resolve;
    replaced.push(`${typeName}.${meta.schemaName}`);
  };
  const queryType = schema.getQueryType()?.name;
  for (const query of storage.queries) install(queryType, query);
  for (const resolver of storage.fieldResolvers) {
    if (resolver.kind !== "external") continue;
    const objectClass = resolver.getObjectType?.() as ClassRef | undefined;
    install(objectClass ? typeNameOf(objectClass) : undefined, resolver);
  }
  return replaced;
}

/** The class a GraphQL object type was built from, its superclasses, and the interface classes it implements. */
function classesOf(storage: Storage, typeName: string): Set<ClassRef> | null {
  const objectType = storage.objectTypes.find((t) => t.name === typeName);
  if (!objectType) return null;
  const classes = new Set<ClassRef>();
  const addChain = (start: ClassRef) => {
    for (let c: ClassRef | null = start; c && c !== Function.prototype; c = Object.getPrototypeOf(c) as ClassRef) {
      classes.add(c);
    }
  };
  addChain(objectType.target);
  for (const i of objectType.interfaceClasses ?? []) addChain(i);
  return classes;
}

/**
 * type-graphql gives every plain `@Field` a resolver that reads the property (createBasicFieldResolver, there to
 * run field middlewares and `@Authorized`, of which this schema has none). For graphql-jit a field with a resolver
 * is a call on every row (resolve info, result checks, a deferred slot); without one it is a property read
 * compiled into the query (issue 10: a page of 100 subscriptions read 700 fields through resolvers). A plain field
 * loses its resolver when the default reads the same property (the field is named as its property); one named
 * otherwise (a Node's `id` is its `nodeId`) reads it in a plain function. Left alone: fields any field resolver
 * answers, fields with middlewares or roles, and any field whose metadata is ambiguous.
 */
export function installPlainFields(schema: GraphQLSchema): string[] {
  const storage = getMetadataStorage();
  const replaced: string[] = [];
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__") || roots.has(type)) continue;
    const classes = classesOf(storage, type.name);
    if (!classes) continue;
    const fields = storage.fields.filter((f) => classes.has(f.target));
    const resolved = new Set(
      storage.fieldResolvers
        .filter((r) => {
          const objectClass = r.getObjectType?.() as ClassRef | undefined;
          return (objectClass !== undefined && classes.has(objectClass)) || classes.has(r.target);
        })
        .flatMap((r) => [r.methodName, r.schemaName]),
    );
    for (const field of Object.values(type.getFields())) {
      if (!field.resolve || resolved.has(field.name)) continue;
      const metas = fields.filter((f) => f.schemaName === field.name);
      const property = metas[0]?.name;
      if (
        !property ||
        resolved.has(property) ||
        metas.some((m) => m.name !== property || (m.middlewares?.length ?? 0) > 0 || m.roles || m.simple === false)
      ) {
        continue;
      }
      field.resolve = property === field.name ? undefined : (source: Record<string, unknown>) => source[property];
      replaced.push(`${type.name}.${field.name}`);
    }
  }
  return replaced;
}
