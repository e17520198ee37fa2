import {
  QueryFailedError,
  type DataSource,
  type EntityManager,
  type EntityTarget,
  type ObjectLiteral,
  type SelectQueryBuilder,
} from "typeorm";
import { isDatabaseUnavailable } from "./errors";

// Hot read paths as raw selects of the needed columns (issue 10): a TypeORM query builder still writes the WHERE
// (tenant scope from auth/scope.ts, filters, keyset), but the rows come back through getRawMany and are turned into
// objects of the entity's class here, without TypeORM's hydration. Values are converted exactly as TypeORM hydrates
// the same columns (raw-rows.test.ts compares both paths on SQLite and PostgreSQL); DATE columns stay the stored
// text (PostgreSQL casts them to text: pg would build a Date first).

type Row = Record<string, unknown>;
type Db = DataSource | EntityManager;

/** How a stored value becomes the property's value. */
type Kind = "value" | "bool" | "date" | "instant" | "json" | "array";

export interface RawColumn {
  /** Entity property, e.g. "offerName". */
  property: string;
  /** Column, e.g. "offer_name". */
  column: string;
  kind: Kind;
}

/** An entity's columns with how each is read; from TypeORM's metadata, once per entity and data source. */
export interface RawEntity<T> {
  readonly prototype: T;
  /** The table, quoted. */
  readonly table: string;
  readonly columns: readonly RawColumn[];
  readonly byProperty: ReadonlyMap<string, RawColumn>;
  readonly postgres: boolean;
}

const cache = new WeakMap<object, Map<unknown, RawEntity<unknown>>>();

function kindOf(type: unknown): Kind {
  if (type === Boolean || type === "boolean") return "bool";
  if (type === "date") return "date";
  if (type === Date || type === "datetime" || type === "timestamp" || type === "timestamp without time zone")
    return "instant";
  if (type === "simple-json") return "json";
  if (type === "simple-array") return "array";
  // Text and integers (int4: a number from both drivers) come as they are, as TypeORM leaves them.
  return "value";
}

/** The raw reading of an entity (its class's prototype, its columns) for this data source. */
export function rawEntity<T extends ObjectLiteral>(db: Db, target: EntityTarget<T>): RawEntity<T> {
  const ds = "connection" in db ? db.connection : db;
  let perSource = cache.get(ds);
  if (!perSource) cache.set(ds, (perSource = new Map()));
  const known = perSource.get(target);
  if (known) return known as RawEntity<T>;
  const meta = ds.getMetadata(target);
  const columns = meta.columns.map((c) => ({
    property: c.propertyName,
    column: c.databaseName,
    kind: kindOf(c.type),
  }));
  const entity: RawEntity<T> = {
    prototype: (meta.target as { prototype: T }).prototype,
    table: `"${meta.tableName}"`,
    columns,
    byProperty: new Map(columns.map((c) => [c.property, c])),
    postgres: ds.options.type === "postgres",
  };
  perSource.set(target, entity);
  return entity;
}

/**
 * The properties a page's nodes need for the GraphQL fields asked of them (`fields`): `always` (the id, what cursors
 * read), each field's own property, or what `fieldProperties` says a field resolver reads. Null (every column) when
 * `fields` is null or a field is neither (e.g. one that reads the whole object).
 */
export function neededProperties<T>(
  entity: RawEntity<T>,
  fields: ReadonlySet<string> | null,
  fieldProperties: Readonly<Record<string, readonly string[]>>,
  always: readonly string[],
): Set<string> | null {
  if (!fields) return null;
  const properties = new Set(always);
  for (const field of fields) {
    const mapped = field === "__typename" ? [] : fieldProperties[field];
    if (mapped) for (const p of mapped) properties.add(p);
    else if (entity.byProperty.has(field)) properties.add(field);
    else return null;
  }
  return properties;
}

/** The columns for these properties (every column when `properties` is null), each once, in the entity's order. */
export function rawColumns<T>(entity: RawEntity<T>, properties: ReadonlySet<string> | null): RawColumn[] {
  return properties ? entity.columns.filter((c) => properties.has(c.property)) : [...entity.columns];
}

/** Selects the columns on `alias` under their property names (DATE as text on PostgreSQL). Replaces the selection. */
export function selectRaw<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  entity: RawEntity<unknown>,
  alias: string,
  columns: readonly RawColumn[],
): SelectQueryBuilder<T> {
  qb.select([]);
  for (const c of columns) {
    const expr = `${alias}.${c.column}`;
    qb.addSelect(c.kind === "date" && entity.postgres ? `CAST(${expr} AS text)` : expr, c.property);
  }
  return qb;
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** As TypeORM hydrates each kind (AbstractSqliteDriver / PostgresDriver.prepareHydratedValue). */
function convert(kind: Kind, v: unknown): unknown {
  if (v === null || v === undefined) return v;
  switch (kind) {
    case "value":
      return v;
    case "bool":
      return v ? true : false;
    case "date":
      if (v instanceof Date) return `${v.getFullYear()}-${two(v.getMonth() + 1)}-${two(v.getDate())}`;
      return v;
    case "instant": {
      if (v instanceof Date) return v;
      // SQLite keeps "YYYY-MM-DD HH:MM:SS.SSS" in UTC: a space becomes T, a time without a zone is UTC.
      let s = String(v);
      if (/^\d\d\d\d-\d\d-\d\d \d\d:\d\d/.test(s)) s = s.replace(" ", "T");
      if (/^\d\d\d\d-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d\d\d)?)?$/.test(s)) s += "Z";
      return new Date(s);
    }
    case "json":
      return typeof v === "string" ? (JSON.parse(v) as unknown) : v;
    case "array":
      return typeof v === "string" ? (v.length > 0 ? v.split(",") : []) : v;
  }
}

/** An object of the entity's class from a raw row selected by `selectRaw` (only those properties are set). */
export function fromRawRow<T>(entity: RawEntity<T>, columns: readonly RawColumn[], row: Row): T {
  const o = Object.create(entity.prototype as object) as Record<string, unknown>;
  for (const c of columns) o[c.property] = convert(c.kind, row[c.property]);
  return o as T;
}

/** Placeholders for `values` from position `from` (1-based) in the dialect's style: $1, $2 … or ?, ? … */
function placeholders(postgres: boolean, from: number, count: number): string {
  return Array.from({ length: count }, (_, i) => (postgres ? `$${from + i}` : "?")).join(", ");
}

/** The columns on `alias` under their property names (DATE as text on PostgreSQL), for a hand-written SELECT. */
export function rawColumnList(entity: RawEntity<unknown>, alias: string, columns: readonly RawColumn[]): string {
  return columns
    .map((c) => {
      const expr = `${alias}.${c.column}`;
      return `${c.kind === "date" && entity.postgres ? `CAST(${expr} AS text)` : expr} AS "${c.property}"`;
    })
    .join(", ");
}

const selectLists = new WeakMap<RawEntity<unknown>, Map<string, string>>();

/**
 * Every column of the entity on `alias` under its property name (DATE as text on PostgreSQL), for a hand-written
 * SELECT whose rows `fromRawRow(entity, entity.columns, row)` reads. Built once per entity and alias.
 */
export function rawSelectList(entity: RawEntity<unknown>, alias: string): string {
  let perAlias = selectLists.get(entity);
  if (!perAlias) selectLists.set(entity, (perAlias = new Map()));
  let list = perAlias.get(alias);
  if (!list) {
    list = rawColumnList(entity, alias, entity.columns);
    perAlias.set(alias, list);
  }
  return list;
}

/**
 * Rows of an entity by id, every column, as objects of its class: one hand-written SELECT (no query builder), for
 * unscoped lookups such as partners by id (names and ids of counterparties are not secret).
 */
export async function rawByIds<T extends ObjectLiteral>(
  db: Db,
  target: EntityTarget<T>,
  ids: readonly string[],
): Promise<T[]> {
  if (ids.length === 0) return [];
  const entity = rawEntity(db, target);
  const sql = `SELECT ${rawSelectList(entity, "t")} FROM ${entity.table} t WHERE t.id IN (${placeholders(entity.postgres, 1, ids.length)})`;
  const rows = (await db.query(sql, [...ids])) as Row[];
  return rows.map((row) => fromRawRow(entity, entity.columns, row));
}

/** pg's Pool, as TypeORM's PostgresDriver holds it (`master`), and a connection taken from it. */
interface PgConnection {
  query(text: string, values: unknown[]): Promise<{ rows: Row[] }>;
  on(event: "error", listener: (error: Error) => void): unknown;
  removeListener(event: "error", listener: (error: Error) => void): unknown;
  /** With an error, the pool closes the connection instead of handing it out again. */
  release(error?: Error): void;
}
interface PgPool {
  connect(): Promise<PgConnection>;
}

/** `?` placeholders as PostgreSQL's `$1, $2…`, remembered per statement text (the hot reads repeat a few texts). */
const numberedTexts = new Map<string, string>();
function numbered(sql: string): string {
  let text = numberedTexts.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
    // Texts vary with the length of `IN (…)` lists: bounded, started afresh when full.
    if (numberedTexts.size >= 500) numberedTexts.clear();
    numberedTexts.set(sql, text);
  }
  return text;
}

/**
 * Runs a hand-written SELECT with `?` placeholders (numbered $n on PostgreSQL), counted like every statement.
 * On PostgreSQL a read outside a transaction takes a connection from TypeORM's pool itself (connect, query,
 * release): TypeORM made, connected and released a query runner for each (issue 10: ~6 % of a small page's CPU,
 * A/B on the PostgreSQL demo network). It is logged, counted and refused as TypeORM's statements are (the
 * logger's `logQuery`, `QueryFailedError`). Inside a transaction it runs on the transaction's connection.
 */
export async function rawQuery(db: Db, sql: string, params: readonly unknown[]): Promise<Row[]> {
  const ds = "connection" in db ? db.connection : db;
  if (ds.options.type !== "postgres") return (await db.query(sql, [...params])) as Row[];
  const text = numbered(sql);
  const values = [...params];
  if ("queryRunner" in db && db.queryRunner) return (await db.query(text, values)) as Row[];
  // A connection that cannot be had fails as TypeORM's did: the pool's error, not a failed statement.
  const connection = await (ds.driver as unknown as { master: PgPool }).master.connect();
  // As TypeORM's query runner does: a connection that fails while it is out (the server restarting) emits
  // `error`, which would end the process unheard; it is heard, and the connection goes back broken, to be closed.
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  connection.on("error", onError);
  try {
    ds.logger.logQuery(text, values);
    return (await connection.query(text, values)).rows;
  } catch (error) {
    if (isDatabaseUnavailable(error)) broken ??= error as Error;
    ds.logger.logQueryError(error as Error, text, values);
    throw new QueryFailedError(text, values, error as Error);
  } finally {
    connection.removeListener("error", onError);
    connection.release(broken);
  }
}

/** `?, ?, …` for a list of values (rawQuery numbers them on PostgreSQL). */
export const questionMarks = (count: number): string => Array.from({ length: count }, () => "?").join(", ");
