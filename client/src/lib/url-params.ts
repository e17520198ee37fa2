import { startTransition, useCallback, useMemo, useOptimistic } from "react";
import { useSearchParams } from "react-router";

/**
 * Typed URL state. Each feature's urls.ts declares its screens' parameters once (name → Param) and gets from
 * them both the links into the screen (`…Url(params)`) and the screen's own reading and writing of its URL
 * (`useUrlParams(schema)`), so filters, sort, page cursor and open panels are linkable and survive a reload, with
 * unknown or malformed values dropped in one place.
 */

/** How one URL parameter reads (from its raw text, "" when absent) and writes (its text, "" to remove it). */
export interface Param<T> {
  parse(raw: string): T;
  format(value: T): string;
}

export type ParamSchema = Record<string, Param<unknown>>;
type ValueOf<P> = P extends Param<infer T> ? T : never;
/** The typed values of a schema's parameters, as read from a URL. */
export type ParamValues<S extends ParamSchema> = { [K in keyof S]: ValueOf<S[K]> };
/** Some parameters to write; null (or an empty value) removes one. */
export type ParamChanges<S extends ParamSchema> = { [K in keyof S]?: ValueOf<S[K]> | null };

/** Free text (a search, an opaque id or cursor). */
export const text: Param<string> = { parse: (raw) => raw, format: (value) => value };

/** One of `values`; anything else reads as null. */
export function oneOf<T extends string>(values: readonly T[]): Param<T | null> {
  return {
    parse: (raw) => ((values as readonly string[]).includes(raw) ? (raw as T) : null),
    format: (value) => value ?? "",
  };
}

/** A comma-separated set of `values`, kept in their order (one URL, and one cache entry, per set). */
export function listOf<T extends string>(values: readonly T[]): Param<T[]> {
  return {
    parse: (raw) => {
      const listed = raw.split(",");
      return values.filter((v) => listed.includes(v));
    },
    format: (list) => values.filter((v) => list.includes(v)).join(","),
  };
}

/** A comma-separated list of ids, in the order given. */
export const idList: Param<string[]> = {
  parse: (raw) => raw.split(",").filter(Boolean),
  format: (ids) => ids.join(","),
};

/** On when "1". */
export const flag: Param<boolean> = { parse: (raw) => raw === "1", format: (on) => (on ? "1" : "") };

/** A calendar date, YYYY-MM-DD; anything else reads as "". */
export const isoDate: Param<string> = {
  parse: (raw) => (/^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : ""),
  format: (value) => value,
};

/** A whole number written in digits; anything else reads as "". */
export const digits: Param<string> = {
  parse: (raw) => (/^\d+$/.test(raw) ? raw : ""),
  format: (value) => value,
};

export function parseParams<S extends ParamSchema>(schema: S, search: URLSearchParams): ParamValues<S> {
  const values: Record<string, unknown> = {};
  for (const [key, param] of Object.entries(schema)) values[key] = param.parse(search.get(key) ?? "");
  return values as ParamValues<S>;
}

function write<S extends ParamSchema>(schema: S, target: URLSearchParams, changes: ParamChanges<S>) {
  for (const [key, value] of Object.entries(changes)) {
    const param = schema[key] as Param<unknown> | undefined;
    const formatted = value === null || value === undefined || !param ? "" : param.format(value);
    if (formatted) target.set(key, formatted);
    else target.delete(key);
  }
}

/** `?a=1&b=2` for the given parameters, in the order given (empty ones left out); "" when none is left. */
export function formatParams<S extends ParamSchema>(schema: S, params: ParamChanges<S> = {}): string {
  const search = new URLSearchParams();
  write(schema, search, params);
  const query = search.toString();
  return query ? `?${query}` : "";
}

/** The keys of `keys` whose value differs from the value an empty URL reads as (i.e. the user set them). */
export function changedParams<S extends ParamSchema>(
  schema: S,
  values: ParamValues<S>,
  keys: readonly (keyof S)[],
): (keyof S)[] {
  const defaults = parseParams(schema, new URLSearchParams());
  return keys.filter((k) => JSON.stringify(values[k]) !== JSON.stringify(defaults[k]));
}

/** The URL keys that point into a paged list (lib/list-paging.ts). */
const PAGING_KEYS = ["after", "before", "last", "page"];

/** One call of a screen's URL setter. */
interface UrlChange<S extends ParamSchema> {
  changes: ParamChanges<S>;
  keepCursor: boolean;
}

function applyChange<S extends ParamSchema>(schema: S, prev: URLSearchParams, change: UrlChange<S>): URLSearchParams {
  const next = new URLSearchParams(prev);
  write(schema, next, change.changes);
  // A new filter, sort or page size starts again on the first page (every paging key goes).
  if (!change.keepCursor && !("after" in change.changes)) for (const key of PAGING_KEYS) next.delete(key);
  return next;
}

/**
 * The screen's state in its URL: the typed values, and a setter. Setting a value to null (or empty) removes it;
 * any change drops the page cursor `after` unless it sets `after` itself or `keepCursor` is given (a new filter
 * starts again at the first page). Each change is a history entry.
 *
 * The router applies a URL change in a transition, which a busy page may render late: until then a control bound
 * to the URL (a checkbox, a select) would snap back to its old value right after the user changed it. The values
 * returned are optimistic: they show the change at once, and the URL's own values once the transition commits.
 */
export function useUrlParams<S extends ParamSchema>(schema: S) {
  const [search, setSearch] = useSearchParams();
  const [shown, showChange] = useOptimistic(search, (current: URLSearchParams, change: UrlChange<S>) =>
    applyChange(schema, current, change),
  );
  const values = useMemo(() => parseParams(schema, shown), [schema, shown]);
  const set = useCallback(
    (changes: ParamChanges<S>, options: { keepCursor?: boolean } = {}) => {
      const change = { changes, keepCursor: Boolean(options.keepCursor) };
      startTransition(() => {
        showChange(change);
        setSearch((prev) => applyChange(schema, prev, change));
      });
    },
    [schema, setSearch, showChange],
  );
  return [values, set] as const;
}
