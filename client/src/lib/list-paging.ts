import { digits, oneOf, text, type Param } from "./url-params";

/**
 * Paging and sorting in a list's URL. Keyset underneath: `after` (next pages), `before` (previous pages) and `last`
 * (the last page, sized so that it ends on the same page boundaries as paging forward from the first page: total
 * modulo the page size). `page` is only the number shown ("page N of M"); the cursor decides what is fetched.
 */
export const PAGE_SIZES = ["10", "20", "50", "100"] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export const listPagingParams = {
  after: text,
  before: text,
  last: digits,
  page: digits,
  size: oneOf(PAGE_SIZES),
  sort: text,
} satisfies Record<string, Param<unknown>>;

/** The URL keys that point into the list: a new filter, sort or page size drops them (back to page 1). */
export const CURSOR_KEYS = ["after", "before", "last", "page"] as const;

export interface PagingValues {
  after: string;
  before: string;
  last: string;
  page: string;
  size: PageSize | null;
}

export function pageSizeOf(values: Pick<PagingValues, "size">, fallback = 20): number {
  return values.size ? Number(values.size) : fallback;
}

/** The connection arguments for the URL's page. */
export function pageVariables(values: PagingValues, fallback = 20) {
  const size = pageSizeOf(values, fallback);
  if (values.last) return { first: null, after: null, last: Math.min(Number(values.last), 100) || size, before: null };
  if (values.before) return { first: null, after: null, last: size, before: values.before };
  return { first: size, after: values.after || null, last: null, before: null };
}

export interface SortValue<F extends string> {
  field: F;
  direction: "ASC" | "DESC";
}

/** `sort=FIELD:DIR` as the list's orderBy, if FIELD is one of its sort keys. */
export function parseSort<F extends string>(raw: string, fields: readonly F[]): SortValue<F> | null {
  const [field, direction] = raw.split(":");
  if (!field || !(fields as readonly string[]).includes(field)) return null;
  return { field: field as F, direction: direction === "DESC" ? "DESC" : "ASC" };
}

export const formatSort = (sort: SortValue<string> | null): string => (sort ? `${sort.field}:${sort.direction}` : "");

/** Clicking a column: sort by it ascending, then descending, then back to the list's default order. */
export function nextSort<F extends string>(current: SortValue<F> | null, field: F): SortValue<F> | null {
  if (current?.field !== field) return { field, direction: "ASC" };
  return current.direction === "ASC" ? { field, direction: "DESC" } : null;
}

/** Page N of M from the URL and the total: the last page is M; otherwise the recorded page number (1 by default). */
export function pagePosition(values: PagingValues, totalCount: number, fallback = 20) {
  const size = pageSizeOf(values, fallback);
  const pages = Math.max(1, Math.ceil(totalCount / size));
  const page = values.last ? pages : Math.min(pages, Math.max(1, Number(values.page) || 1));
  return { page, pages, size, lastPageSize: totalCount % size || size };
}
