import { ArgsType, type ClassType, Field, Int, ObjectType } from "type-graphql";
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

interface KeysetOrder<T> {
  /** SQL expression of the sort column, e.g. "c.name". */
  column: string;
  /** SQL expression of the unique tie-breaker, e.g. "c.id". */
  idColumn: string;
  direction: "ASC" | "DESC";
  value: (row: T) => OrderValue;
  id: (row: T) => string;
  /** Turns the cursor's value back into a query parameter (e.g. an ISO string into a Date). */
  toParameter?: (value: OrderValue) => unknown;
}

function encodeCursor(value: OrderValue, id: string): string {
  return Buffer.from(JSON.stringify([value, id]), "utf8").toString("base64url");
}

function decodeCursor(cursor: string): [OrderValue, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (typeof parsed[0] === "string" || typeof parsed[0] === "number") &&
      typeof parsed[1] === "string"
    ) {
      return [parsed[0], parsed[1]];
    }
  } catch {
    // fall through
  }
  throw badInput("after", "is not a cursor returned by this list");
}

/** Validates first/after: negative or huge page sizes are refused, never passed to the database. */
export function pageSize(args: PageArgs): number {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput("first", `must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`);
  }
  return first;
}

/** Keyset pagination over (column, id): one SELECT for the page, a COUNT only on demand. */
export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  args: PageArgs,
  order: KeysetOrder<T>,
): Promise<Page<T>> {
  const first = pageSize(args);
  const countQb = qb.clone();
  const pageQb = qb.clone();
  if (args.after) {
    const [raw, id] = decodeCursor(args.after);
    const value = order.toParameter ? order.toParameter(raw) : raw;
    const op = order.direction === "ASC" ? ">" : "<";
    pageQb.andWhere(
      new Brackets((w) => {
        w.where(`${order.column} ${op} :cursorValue`, { cursorValue: value }).orWhere(
          new Brackets((w2) => {
            w2.where(`${order.column} = :cursorValue`, { cursorValue: value }).andWhere(
              `${order.idColumn} ${op} :cursorId`,
              {
                cursorId: id,
              },
            );
          }),
        );
      }),
    );
  }
  const rows = await pageQb
    .orderBy(order.column, order.direction)
    .addOrderBy(order.idColumn, order.direction)
    .take(first + 1)
    .getMany();
  const nodes = rows.slice(0, first);
  let countPromise: Promise<number> | null = null;
  return {
    nodes,
    cursors: nodes.map((n) => encodeCursor(order.value(n), order.id(n))),
    hasNextPage: rows.length > first,
    hasPreviousPage: Boolean(args.after),
    count: () => (countPromise ??= countQb.getCount()),
  };
}
