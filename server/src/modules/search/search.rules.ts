// The global search's input rules (pure): what a query may be and how it becomes LIKE patterns.

/** Fewer characters would match most of a network: nothing useful to rank. */
export const SEARCH_MIN_LENGTH = 2;
/** Longer than any name, domain or id searched. */
export const SEARCH_MAX_LENGTH = 100;
export const SEARCH_DEFAULT_FIRST = 5;
export const SEARCH_MAX_FIRST = 20;

/** Escapes LIKE's wildcards so that "50%" or "a_b" match themselves (pattern used with ESCAPE '\'). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface SearchTerms {
  /** The trimmed text, lower-cased: compared for equality with ids, tenant ids, domains and offer ids. */
  exact: string;
  /** Starts with the text. */
  prefix: string;
  /** Contains the text. */
  contains: string;
}

export function searchTerms(query: string): SearchTerms {
  const exact = query.trim().toLowerCase();
  const escaped = escapeLike(exact);
  return { exact, prefix: `${escaped}%`, contains: `%${escaped}%` };
}

/** A trigram index finds substrings of 3 characters or more; a shorter text has no trigram to look up. */
export const TRIGRAM_MIN_LENGTH = 3;

export function hasTrigram(text: string): boolean {
  return [...text].length >= TRIGRAM_MIN_LENGTH;
}

/**
 * The text as an FTS5 phrase for a trigram table's MATCH: quoted (double quotes doubled), so that no character of the
 * text is read as query syntax. With the trigram tokenizer a phrase matches every row holding it as a substring,
 * case folded: a superset of what LIKE '%text%' matches (SQLite's LIKE and LOWER fold ASCII only).
 */
export function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** The problem with a query or page size, as [field, message]; null when both are fine. */
export function searchInputProblem(query: string, first: number | null | undefined): [string, string] | null {
  const length = [...query.trim()].length;
  if (length < SEARCH_MIN_LENGTH) return ["query", `must have at least ${SEARCH_MIN_LENGTH} characters`];
  if (length > SEARCH_MAX_LENGTH) return ["query", `must have at most ${SEARCH_MAX_LENGTH} characters`];
  if (first !== null && first !== undefined && (!Number.isInteger(first) || first < 1 || first > SEARCH_MAX_FIRST)) {
    return ["first", `must be between 1 and ${SEARCH_MAX_FIRST}, got ${first}`];
  }
  return null;
}
