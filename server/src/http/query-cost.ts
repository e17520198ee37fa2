import {
  getNamedType,
  isObjectType,
  isInterfaceType,
  isUnionType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

/** Page size assumed for a connection whose `first` is not given (the API's default page). */
const DEFAULT_PAGE = 25;

function isConnection(type: GraphQLCompositeType): boolean {
  return (
    isObjectType(type) && "pageInfo" in type.getFields() && ("edges" in type.getFields() || "nodes" in type.getFields())
  );
}

/** What one operation of a document cost, by the values of the variables its page sizes read. */
interface KnownCost {
  schema: GraphQLSchema;
  /** The variables `first` and `last` read, in the order met; none when every page size is written out. */
  reads: string[];
  byValues: Map<string, number>;
}

/** Different page sizes remembered per operation (a tool paging with a new `first` every call stays bounded). */
const VALUES_PER_OPERATION = 64;

const known = new WeakMap<DocumentNode, Map<OperationDefinitionNode, KnownCost>>();

/**
 * `computeRequestedCost`, remembered per parsed document (Apollo keeps one per query string) and operation: the
 * walk depends on nothing else than the values of the variables that size pages, so the same query costs the
 * same and is walked once (issue 10: the walk was ~1.5 % of a small query's CPU on every request).
 */
export function requestedCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  let byOperation = known.get(document);
  if (!byOperation) known.set(document, (byOperation = new Map()));
  const cached = byOperation.get(operation);
  if (cached && cached.schema === schema) {
    const key = valuesKey(cached.reads, variables);
    const cost = cached.byValues.get(key);
    if (cost !== undefined) return cost;
    const computed = computeRequestedCost(schema, document, operation, variables).cost;
    if (cached.byValues.size < VALUES_PER_OPERATION) cached.byValues.set(key, computed);
    return computed;
  }
  const { cost, reads } = computeRequestedCost(schema, document, operation, variables);
  byOperation.set(operation, { schema, reads, byValues: new Map([[valuesKey(reads, variables), cost]]) });
  return cost;
}

const valuesKey = (reads: string[], variables: Record<string, unknown>) =>
  reads.length === 0 ? "" : JSON.stringify(reads.map((name) => variables[name] ?? null));

/** The names of the variables a value reads (a page size is `$first` or a literal; lists and objects for safety). */
function variablesIn(value: ValueNode, into: Set<string>): void {
  if (value.kind === Kind.VARIABLE) into.add(value.name.value);
  else if (value.kind === Kind.LIST) for (const item of value.values) variablesIn(item, into);
  else if (value.kind === Kind.OBJECT) for (const field of value.fields) variablesIn(field.value, into);
}

/**
 * The most an operation can cost before it runs, in points: 1 per object, 0 per scalar, and what a connection's
 * page holds multiplied by its `first` (Shopify's calculated query cost, the model the API follows). Fragments
 * are costed once per (fragment, type). Also the variables the page sizes read.
 */
export function computeRequestedCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): { cost: number; reads: string[] } {
  const reads = new Set<string>();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const memo = new Map<string, number>();
  const argument = (value: ValueNode) => {
    variablesIn(value, reads);
    return valueFromASTUntyped(value, variables);
  };

  const costOf = (set: SelectionSetNode, type: GraphQLCompositeType, visiting: Set<string>): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FRAGMENT_SPREAD || sel.kind === Kind.INLINE_FRAGMENT) {
        const fragment = sel.kind === Kind.FRAGMENT_SPREAD ? fragments.get(sel.name.value) : sel;
        if (!fragment) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
        if (!condition || !(isObjectType(condition) || isInterfaceType(condition) || isUnionType(condition))) continue;
        if (sel.kind === Kind.FRAGMENT_SPREAD) {
          const key = `${sel.name.value}|${condition.name}`;
          if (visiting.has(key)) continue;
          let cost = memo.get(key);
          if (cost === undefined) {
            cost = costOf(fragment.selectionSet, condition, new Set([...visiting, key]));
            memo.set(key, cost);
          }
          total += cost;
        } else {
          total += costOf(fragment.selectionSet, condition, visiting);
        }
        continue;
      }
      if (sel.name.value.startsWith("__") || !sel.selectionSet) continue;
      const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[sel.name.value] : undefined;
      if (!field) continue;
      const named = getNamedType(field.type);
      if (!(isObjectType(named) || isInterfaceType(named) || isUnionType(named))) continue;
      const children = costOf(sel.selectionSet, named, visiting);
      if (isConnection(named)) {
        // A page is sized by `first`, or by `last` when it pages back.
        const firstArg = sel.arguments?.find((a) => a.name.value === "first" || a.name.value === "last");
        const first = firstArg ? Number(argument(firstArg.value)) : DEFAULT_PAGE;
        const page = Number.isFinite(first) && first > 0 ? Math.min(first, 100) : DEFAULT_PAGE;
        // The connection object itself, then edges/nodes of one page (its children counted one page's worth).
        total += 1 + children * page;
      } else {
        // A plain list's length is unknown before it runs: counted once here, in full in the actual cost.
        total += 1 + children;
      }
    }
    return total;
  };

  const root =
    operation.operation === "mutation"
      ? schema.getMutationType()
      : operation.operation === "subscription"
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  const cost = root ? costOf(operation.selectionSet, root, new Set()) : 0;
  return { cost, reads: [...reads] };
}

/** What an answer actually cost: 1 per object it returned. */
export function actualCost(data: unknown): number {
  if (data === null || typeof data !== "object") return 0;
  let n = 0;
  if (Array.isArray(data)) {
    for (const item of data) n += actualCost(item);
    return n;
  }
  // Walked once per answer over every object in it: no array of values per object.
  for (const key in data) if (Object.hasOwn(data, key)) n += actualCost((data as Record<string, unknown>)[key]);
  return n + 1;
}

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/**
 * A leaky bucket of cost points per caller, restored continuously at `restoreRate` points per second up to
 * `maximumAvailable`. In memory: each replica keeps its own buckets (the request-rate limit is the one shared
 * through Redis). Idle buckets are dropped once full again.
 */
export class CostBuckets {
  private readonly buckets = new Map<string, { available: number; at: number }>();

  constructor(
    readonly maximumAvailable: number,
    readonly restoreRate: number,
    private readonly now: () => number = Date.now,
  ) {}

  private refill(key: string): { available: number; at: number } {
    const t = this.now();
    const bucket = this.buckets.get(key) ?? { available: this.maximumAvailable, at: t };
    bucket.available = Math.min(this.maximumAvailable, bucket.available + ((t - bucket.at) / 1000) * this.restoreRate);
    bucket.at = t;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 50_000) this.sweep();
    return bucket;
  }

  private sweep(): void {
    for (const [key, b] of this.buckets) {
      if (b.available + ((this.now() - b.at) / 1000) * this.restoreRate >= this.maximumAvailable)
        this.buckets.delete(key);
    }
  }

  /** Seconds until `cost` points are available, 0 when they are now. */
  waitFor(key: string, cost: number): number {
    const bucket = this.refill(key);
    return bucket.available >= cost ? 0 : Math.ceil((cost - bucket.available) / this.restoreRate);
  }

  spend(key: string, cost: number): void {
    this.refill(key).available -= cost;
  }

  status(key: string): ThrottleStatus {
    return {
      maximumAvailable: this.maximumAvailable,
      currentlyAvailable: Math.max(0, Math.floor(this.refill(key).available)),
      restoreRate: this.restoreRate,
    };
  }
}

export interface CostPolicy {
  user: CostBuckets;
  anonymous: CostBuckets;
}

/** The cost report every answer carries in `extensions.cost`. */
export interface CostReport {
  requestedQueryCost: number;
  actualQueryCost: number;
  throttleStatus: ThrottleStatus;
}
