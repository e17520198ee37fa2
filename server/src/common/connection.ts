import { ArgsType, type ClassType, Field, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from "typeorm";
import { badInput } from "./errors";

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1–${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Cursor of the last edge of the previous page." })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Page size counted back from \`before\` (or from the end of the list), 1–${MAX_PAGE_SIZE}; not with \`first\`.`,
  })
  last?: number | null;

  @Field(() => String, { nullable: true, description: "Cursor of the first edge of the next page; not with `after`." })
  before?: string | null;
}

export enum SortDirection {
  ASC = "ASC",
  DESC = "DESC",
}
registerEnumType(SortDirection, { name: "SortDirection" });

/** An `orderBy` input for one list: one of its whitelisted sort keys and a direction. */
export function OrderByInput<K extends string>(fieldEnum: Record<string, K>, name: string) {
  @InputType(`${name}Order`, { description: `How to sort ${name} objects; ties are broken by id.` })
  class OrderBy {
    @Field(() => fieldEnum)
    field: K;
    @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
    direction: SortDirection;
  }
  return OrderBy;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;
  @Field()
  hasPreviousPage: boolean;
  @Field(() => String, { nullable: true })
  startCursor: string | null;
  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Page<T> {
  nodes: T[];
  cursors: string[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Runs a COUNT only when a client asks for totalCount. */
  count: () => Promise<number>;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: Promise<number>;
}

/** Relay connection and edge types for a node type. */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor: string;
    @Field(() => nodeType)
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} objects.` })
  class Connection implements ConnectionShape<T> {
    constructor(private readonly page?: Page<T>) {}

    @Field(() => [Edge])
    get edges(): Edge[] {
      const p = this.page!;
      return p.nodes.map((node, i) => Object.assign(new Edge(), { node, cursor: p.cursors[i]! }));
    }

    @Field(() => [nodeType])
    get nodes(): T[] {
      return this.page!.nodes;
    }

    @Field(() => PageInfo)
    get pageInfo(): PageInfo {
      const p = this.page!;
      return Object.assign(new PageInfo(), {
        hasNextPage: p.hasNextPage,
        hasPreviousPage: p.hasPreviousPage,
        startCursor: p.cursors[0] ?? null,
        endCursor: p.cursors[p.cursors.length - 1] ?? null,
      });
    }

    @Field(() => Int, { description: "Number of objects matching the filter, over all pages." })
    get totalCount(): Promise<number> {
      return this.page!.count();
    }
  }
  return Connection;
}

type OrderValue = string | number;

export interface KeysetOrder<T> {
  /** Names the sort in its cursors, so a cursor of another sort is refused instead of misread. */
  key?: string;
  /** SQL expression of the sort column, e.g. "c.name" (never NULL: keyset comparisons skip NULLs). */
  column: string;
  /** SQL expression of the unique tie-breaker, e.g. "c.id". */
  idColumn: string;
  direction: "ASC" | "DESC";
  value: (row: T) => OrderValue;
  id: (row: T) => string;
  /** Turns the cursor's value back into a query parameter (e.g. an ISO string into a Date). */
  toParameter?: (value: OrderValue) => unknown;
  /** paginateRaw: the row's value when the sort column is not a property of the node (e.g. a joined name). */
  rawValue?: (row: Record<string, unknown>) => OrderValue;
}

/** One whitelisted sort key of a list: its column and how a row's value goes into and out of a cursor. */
export type SortColumn<T> = Pick<KeysetOrder<T>, "column" | "value" | "toParameter" | "rawValue">;

/** A sort on an instant column: ISO strings in cursors, Dates as parameters. */
export function instantColumn<T>(column: string, get: (row: T) => Date): SortColumn<T> {
  return {
    column,
    value: (row) => get(row).toISOString(),
    toParameter: (v) => {
      const date = new Date(String(v));
      if (Number.isNaN(date.getTime())) throw badInput("after", "is not a cursor returned by this list");
      return date;
    },
  };
}

/**
 * The keyset order for a list's `orderBy`: a whitelisted key (the GraphQL enum refuses others before this runs) in
 * the asked direction, ties broken by id in the same direction; the list's default without `orderBy`.
 */
export function sortOrder<T, K extends string>(
  columns: Record<K, SortColumn<T>>,
  tieBreak: Pick<KeysetOrder<T>, "idColumn" | "id">,
  orderBy: { field: K; direction?: SortDirection | null } | null | undefined,
  fallback: { field: K; direction: SortDirection },
): KeysetOrder<T> {
  const field = orderBy?.field ?? fallback.field;
  const direction = orderBy ? (orderBy.direction ?? SortDirection.ASC) : fallback.direction;
  const column = columns[field];
  if (!column) throw badInput("orderBy.field", `cannot sort by ${String(field)}`);
  return { key: `${field}:${direction}`, ...column, ...tieBreak, direction };
}

function encodeCursor(key: string, value: OrderValue, id: string): string {
  return Buffer.from(JSON.stringify([key, value, id]), "utf8").toString("base64url");
}

function decodeCursor(cursor: string, field: "after" | "before", key: string): [OrderValue, string] {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    // refused below
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    typeof parsed[0] !== "string" ||
    !(typeof parsed[1] === "string" || typeof parsed[1] === "number") ||
    typeof parsed[2] !== "string"
  ) {
    throw badInput(field, "is not a cursor returned by this list");
  }
  if (parsed[0] !== key) throw badInput(field, "belongs to another sort order: start again from the first page");
  return [parsed[1], parsed[2]];
}

function checkedSize(value: number, field: "first" | "last"): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw badInput(field, `must be between 1 and ${MAX_PAGE_SIZE}, got ${value}`);
  }
  return value;
}

/** Validates first/after/last/before: negative or huge page sizes and mixed directions are refused. */
export function pageSize(args: PageArgs): { size: number; backward: boolean } {
  const hasLast = args.last !== null && args.last !== undefined;
  const hasFirst = args.first !== null && args.first !== undefined;
  if (hasFirst && hasLast) throw badInput("last", "give either first or last, not both");
  if (args.after && args.before) throw badInput("before", "give either after or before, not both");
  if (hasFirst && args.before) throw badInput("before", "pages back from before are sized with last, not first");
  if (hasLast && args.after) throw badInput("after", "pages forward from after are sized with first, not last");
  const backward = hasLast || Boolean(args.before);
  if (backward) return { size: checkedSize(args.last ?? DEFAULT_PAGE_SIZE, "last"), backward };
  return { size: checkedSize(args.first ?? DEFAULT_PAGE_SIZE, "first"), backward };
}

const flip = (d: "ASC" | "DESC"): "ASC" | "DESC" => (d === "ASC" ? "DESC" : "ASC");

/**
 * Keyset pagination over (column, id), forward (first/after) or backward (last/before): one SELECT for the page, a
 * COUNT only on demand. Backward pages run the query in the opposite order and are turned round, so the last page
 * costs the same as the first (no OFFSET anywhere). `countQuery`: the same rows in a shape cheaper to count, when the
 * list has one (e.g. the network's customers as a list rather than a probe per row, auth/scope.ts).
 */
export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  args: PageArgs,
  order: KeysetOrder<T>,
  countQuery?: SelectQueryBuilder<T>,
  /**
   * The query's joins are all many-to-one (each row one node): the page is a plain LIMIT. Otherwise `take`, which
   * TypeORM runs as a DISTINCT pre-query of the page's ids and then the page (one statement and a subquery more).
   */
  joinsAreManyToOne = false,
): Promise<Page<T>> {
  const keyset = keysetQuery(qb, args, order);
  const bounded = joinsAreManyToOne ? keyset.query.limit(keyset.size + 1) : keyset.query.take(keyset.size + 1);
  const rows = await bounded.getMany();
  const countQb = countQuery ?? qb.clone();
  return keysetPage(keyset, order, rows, order.value, () => countQb.getCount());
}

/**
 * `paginate` over raw rows (issue 10's hot read paths): the same WHERE, order and cursors, but the page is one
 * getRawMany of the columns `select` adds, turned into nodes by `toNode` (no entity hydration). `select` replaces the
 * query's selection; the keyset's columns need not be among it (cursors read the nodes through `order.value`, or
 * the raw row through `order.rawValue` when the sort column is not a node property, e.g. a joined name).
 */
export async function paginateRaw<T extends ObjectLiteral, N>(
  qb: SelectQueryBuilder<T>,
  args: PageArgs,
  order: KeysetOrder<N>,
  select: (qb: SelectQueryBuilder<T>) => SelectQueryBuilder<T>,
  toNode: (row: Record<string, unknown>) => N,
  countQuery?: SelectQueryBuilder<T>,
): Promise<Page<N>> {
  const keyset = keysetQuery(qb, args, order);
  // limit, not take: the joins of a sort are many-to-one, so rows are not repeated (take adds a DISTINCT pre-query).
  const raw = await select(keyset.query)
    .limit(keyset.size + 1)
    .getRawMany<Record<string, unknown>>();
  const nodes = raw.map(toNode);
  const rowOf = new Map(nodes.map((n, i) => [n, raw[i]!]));
  const rawValue = order.rawValue;
  const valueOf = rawValue ? (n: N) => rawValue(rowOf.get(n)!) : order.value;
  const countQb = countQuery ?? qb.clone();
  return keysetPage(keyset, order, nodes, valueOf, () => countQb.getCount());
}

/** A hand-written statement's runner: `?` placeholders, rows as the driver gives them (common/raw-rows rawQuery). */
export type RunSql = (sql: string, params: readonly unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * `paginate` over a hand-written statement (issue 10's hot read paths: no query builder, no hydration): `from` is
 * `FROM … WHERE …` with `?` placeholders for `params`; the keyset condition, the order and the limit are added here
 * as `keysetQuery` adds them, with the same cursors. `select` is the select list, `toNode` turns a row into a node.
 * The cursor's value is a parameter as it is (or `order.toParameter`'s), so the sort column's values must be ones the
 * driver takes as they are (text, numbers). The count is `COUNT(*)` over `from` or `countFrom` (no joins that repeat rows).
 */
export async function paginateSql<N>(
  run: RunSql,
  select: string,
  from: string,
  params: readonly unknown[],
  args: PageArgs,
  order: KeysetOrder<N>,
  toNode: (row: Record<string, unknown>) => N,
  /** The same rows in a shape cheaper to count (`FROM … WHERE …` and its parameters), as `paginate`'s countQuery. */
  countFrom: readonly [string, readonly unknown[]] = [from, params],
): Promise<Page<N>> {
  const { size, backward } = pageSize(args);
  const key = order.key ?? "default";
  const direction = backward ? flip(order.direction) : order.direction;
  const cursor = backward ? args.before : args.after;
  let after = "";
  const pageParams = [...params];
  if (cursor) {
    const [raw, id] = decodeCursor(cursor, backward ? "before" : "after", key);
    const value = order.toParameter ? order.toParameter(raw) : raw;
    const op = direction === "ASC" ? ">" : "<";
    after = ` AND (${order.column} ${op} ? OR (${order.column} = ? AND ${order.idColumn} ${op} ?))`;
    pageParams.push(value, value, id);
  }
  const sql =
    `SELECT ${select} ${from}${after} ORDER BY ${order.column} ${direction}, ${order.idColumn} ${direction} ` +
    `LIMIT ${size + 1}`;
  const nodes = (await run(sql, pageParams)).map(toNode);
  const keyset = { query: null, size, backward, cursor, key };
  return keysetPage(keyset, order, nodes, order.value, async () => {
    const [row] = await run(`SELECT COUNT(*) AS "count" ${countFrom[0]}`, countFrom[1]);
    return Number(row?.count ?? 0);
  });
}

interface Keyset<Q> {
  query: Q;
  size: number;
  backward: boolean;
  cursor: string | null | undefined;
  key: string;
}

/** The page query: a clone of `qb` after the cursor, in the keyset order (the page size is the caller's). */
function keysetQuery<T extends ObjectLiteral, N>(
  qb: SelectQueryBuilder<T>,
  args: PageArgs,
  order: KeysetOrder<N>,
): Keyset<SelectQueryBuilder<T>> {
  const { size, backward } = pageSize(args);
  const key = order.key ?? "default";
  const pageQb = qb.clone();
  const direction = backward ? flip(order.direction) : order.direction;
  const cursor = backward ? args.before : args.after;
  if (cursor) {
    const [raw, id] = decodeCursor(cursor, backward ? "before" : "after", key);
    const value = order.toParameter ? order.toParameter(raw) : raw;
    const op = direction === "ASC" ? ">" : "<";
    pageQb.andWhere(
      new Brackets((w) => {
        w.where(`${order.column} ${op} :cursorValue`, { cursorValue: value }).orWhere(
          new Brackets((w2) => {
            w2.where(`${order.column} = :cursorValue`, { cursorValue: value }).andWhere(
              `${order.idColumn} ${op} :cursorId`,
              { cursorId: id },
            );
          }),
        );
      }),
    );
  }
  pageQb.orderBy(order.column, direction).addOrderBy(order.idColumn, direction);
  return { query: pageQb, size, backward, cursor, key };
}

/** The page from the rows read (size + 1 at most): nodes in list order, their cursors, and the count on demand. */
function keysetPage<Q, N>(
  keyset: Keyset<Q>,
  order: KeysetOrder<N>,
  read: N[],
  valueOf: (node: N) => OrderValue,
  countRows: () => Promise<number>,
): Page<N> {
  const { size, backward, cursor, key } = keyset;
  const more = read.length > size;
  const taken = read.slice(0, size);
  const nodes = backward ? taken.reverse() : taken;
  let countPromise: Promise<number> | null = null;
  return {
    nodes,
    cursors: nodes.map((n) => encodeCursor(key, valueOf(n), order.id(n))),
    hasNextPage: backward ? Boolean(cursor) : more,
    hasPreviousPage: backward ? more : Boolean(cursor),
    // A first page with nothing after it holds every row: its length is the count, without a COUNT statement
    // (a customer's subscriptions, a short list; issue 10). The page and the count read the same rows.
    count: () => (countPromise ??= !cursor && !more ? Promise.resolve(read.length) : countRows()),
  };
}
