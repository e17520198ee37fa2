import type { ApolloServerOptionsWithGateway, BaseContext } from "@apollo/server";
import {
  astFromValue,
  execute,
  getVariableValues,
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  isInputObjectType,
  Kind,
  visit,
  isListType,
  isNonNullType,
  typeFromAST,
  valueFromASTUntyped,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";

/** Compiled documents kept (most recently used); a document outside the cache is compiled again. */
export const COMPILED_CACHE_SIZE = 1000;

/** graphql-js's own cap on variable coercion errors in `execute`. */
const MAX_VARIABLE_ERRORS = 50;

/** A document graphql-jit could not compile: it runs through graphql-js, and compilation is not retried. */
const NOT_COMPILABLE = Symbol("not compilable");

type Entry = CompiledQuery | typeof NOT_COMPILABLE;

/**
 * A bounded LRU of compiled queries keyed by the document's text (its hash) and the operation's name. A Map keeps
 * insertion order: a hit moves its key to the end, and the first key is the least recently used.
 */
export class CompiledQueryCache {
  private readonly entries = new Map<string, Entry>();
  /** Documents seen once and not compiled yet (the same bound and order as `entries`). */
  private readonly seenOnce = new Map<string, true>();
  compilations = 0;
  fallbacks = 0;

  /**
   * `compileOnUse`: the use of a document that compiles it. From the second by default: compiling costs 1–8 ms
   * against ~1 ms to validate, so a client sending a new document each time (or many) runs them through graphql-js
   * instead of paying a compilation each and pushing the app's own documents out of the cache.
   */
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly capacity = COMPILED_CACHE_SIZE,
    private readonly compileOnUse: 1 | 2 = 2,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The compiled query for the document, or null when it must run through graphql-js. */
  get(key: string, document: DocumentNode, operationName: string | undefined): CompiledQuery | null {
    let entry = this.entries.get(key);
    if (entry !== undefined) {
      this.entries.delete(key);
    } else {
      if (this.compileOnUse === 2 && !this.seenOnce.delete(key)) {
        setBounded(this.seenOnce, key, true, this.capacity);
        return null;
      }
      entry = this.compile(document, operationName);
    }
    setBounded(this.entries, key, entry, this.capacity);
    return entry === NOT_COMPILABLE ? null : entry;
  }

  private compile(document: DocumentNode, operationName: string | undefined): Entry {
    this.compilations += 1;
    if (repeatsConditionalFragment(document)) {
      this.fallbacks += 1;
      return NOT_COMPILABLE;
    }
    try {
      const compiled = compileQuery(this.schema, document, operationName, {
        // The fragment-aware @skip/@include of graphql-jit: the legacy one drops fields a skipped spread shares.
        useExperimentalPathBasedSkipInclude: true,
      });
      if (isCompiledQuery(compiled)) return compiled;
    } catch {
      // graphql-jit does not handle every document graphql-js does; graphql-js answers those below.
    }
    this.fallbacks += 1;
    return NOT_COMPILABLE;
  }
}

/** Sets `key` as the most recently used, dropping the least recently used when the map is full. */
function setBounded<V>(map: Map<string, V>, key: string, value: V, capacity: number): void {
  if (map.size >= capacity) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
  map.set(key, value);
}

/**
 * Whether a fragment is spread more than once with @skip or @include on one of its spreads. graphql-jit then drops
 * the fragment's fields when the first spread is skipped and a later one is not (graphql-js keeps them); such a
 * document runs through graphql-js. Deliberately broader than the exact case: it is rare and costs only speed.
 */
export function repeatsConditionalFragment(document: DocumentNode): boolean {
  const spreads = new Map<string, { count: number; conditional: boolean }>();
  visit(document, {
    [Kind.FRAGMENT_SPREAD](node) {
      const seen = spreads.get(node.name.value) ?? { count: 0, conditional: false };
      seen.count += 1;
      seen.conditional ||= (node.directives ?? []).some((d) => d.name.value === "skip" || d.name.value === "include");
      spreads.set(node.name.value, seen);
    },
  });
  return [...spreads.values()].some((s) => s.count > 1 && s.conditional);
}

/**
 * An error of graphql-jit as graphql-js would build it. graphql-jit's own error class leaves `extensions`
 * undefined when the thrown error had none, and Apollo's error formatting then fails and answers a bare
 * "Internal server error" (no reference id, nothing logged) instead of calling our formatError.
 */
function asGraphqlJsError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions ?? undefined,
  });
  // graphql-jit keeps locations, not the AST nodes graphql-js would compute them from.
  if (error.locations) Object.assign(rebuilt, { locations: error.locations });
  return rebuilt;
}

/** A default value as a client would have sent it (graphql-js keeps defaults in their parsed, internal form). */
function externalDefault(value: unknown, type: GraphQLInputType): unknown {
  const literal = astFromValue(value, type);
  return literal ? valueFromASTUntyped(literal) : null;
}

/** The input with every omitted input-object field that has a default given it, as graphql-js coerces it. */
function withFieldDefaults(value: unknown, type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return withFieldDefaults(value, type.ofType);
  if (value === null || value === undefined) return value;
  if (isListType(type)) {
    const itemType = type.ofType as GraphQLInputType;
    return Array.isArray(value)
      ? value.map((item) => withFieldDefaults(item, itemType))
      : withFieldDefaults(value, itemType);
  }
  if (!isInputObjectType(type) || typeof value !== "object") return value;
  const input = value as Record<string, unknown>;
  const filled: Record<string, unknown> = { ...input };
  for (const field of Object.values(type.getFields())) {
    if (Object.prototype.hasOwnProperty.call(input, field.name)) {
      filled[field.name] = withFieldDefaults(input[field.name], field.type);
    } else if (field.defaultValue !== undefined) {
      filled[field.name] = externalDefault(field.defaultValue, field.type);
    }
  }
  return filled;
}

/**
 * The variables graphql-jit is given: the request's, with the defaults graphql-js would apply written in. graphql-jit
 * refuses an omitted non-null variable or input field that has a default ("... was not provided"), where graphql-js
 * uses the default; they are already known valid, as graphql-js coerced them first.
 */
function variablesForJit(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): Record<string, unknown> {
  const definitions = operation.variableDefinitions ?? [];
  if (definitions.length === 0) return variables;
  const filled: Record<string, unknown> = { ...variables };
  for (const definition of definitions) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (!type) continue;
    if (Object.prototype.hasOwnProperty.call(variables, name)) {
      filled[name] = withFieldDefaults(variables[name], type);
    } else if (definition.defaultValue) {
      filled[name] = withFieldDefaults(valueFromASTUntyped(definition.defaultValue), type);
    }
  }
  return filled;
}

export interface JitExecutorRequest {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** The document's identity in the cache (Apollo's hash of its text). */
  queryHash: string;
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
  contextValue: unknown;
}

/** Runs one resolved operation: queries and mutations compiled, anything else through graphql-js. */
export async function executeWithJit(cache: CompiledQueryCache, request: JitExecutorRequest): Promise<ExecutionResult> {
  const { schema, document, operation, operationName, variables, contextValue } = request;
  const viaGraphqlJs = () =>
    execute({ schema, document, contextValue, variableValues: variables, operationName }) as Promise<ExecutionResult>;
  // Subscriptions are served over graphql-ws with graphql-js (modules/live); an HTTP one keeps graphql-js too.
  if (operation.operation === "subscription") return viaGraphqlJs();
  const compiled = cache.get(`${request.queryHash}:${operationName ?? ""}`, document, operationName);
  if (!compiled) return viaGraphqlJs();
  // Variables are coerced by graphql-js first: its errors carry the variable's AST node, which is how Apollo
  // answers them as BAD_USER_INPUT, and their wording names the field as graphql-js's does.
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, {
    maxErrors: MAX_VARIABLE_ERRORS,
  });
  if (coerced.errors) return { errors: coerced.errors };
  const result = await compiled.query(undefined, contextValue, variablesForJit(schema, operation, variables ?? {}));
  return result.errors ? { ...result, errors: result.errors.map(asGraphqlJsError) } : result;
}

/**
 * Apollo Server has no executor option; its gateway interface is the supported way to run operations with an
 * executor of one's own. Parsing, validation, persisted documents and every plugin hook stay Apollo's: only
 * `execute` is replaced. The schema is ours and never changes, so load() reports it once.
 */
export function jitGateway<TContext extends BaseContext>(
  schema: GraphQLSchema,
  cache = new CompiledQueryCache(schema),
): ApolloServerOptionsWithGateway<TContext>["gateway"] {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: "" });
      return () => {};
    },
    async load() {
      return {
        executor: async (requestContext) => {
          const { operation } = requestContext;
          // Apollo calls the executor only once it has resolved the operation; graphql-js reports the error otherwise.
          if (!operation) {
            return execute({
              schema,
              document: requestContext.document,
              contextValue: requestContext.context,
              variableValues: requestContext.request.variables,
              operationName: requestContext.request.operationName,
            }) as Promise<ExecutionResult>;
          }
          return executeWithJit(cache, {
            schema: requestContext.schema,
            document: requestContext.document,
            operation,
            queryHash: requestContext.queryHash,
            operationName: requestContext.request.operationName ?? undefined,
            variables: requestContext.request.variables,
            contextValue: requestContext.context,
          });
        },
      };
    },
    async stop() {},
  };
}
