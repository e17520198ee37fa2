// Instants (rule book V2, RULES.md "v2: time"): UTC date-times with one-second resolution, held as epoch
// milliseconds. Written as a date YYYY-MM-DD (00:00:00 UTC of that day) or YYYY-MM-DDTHH:MM[:SS] followed by Z or
// ±HH:MM; a time without a zone, or with fractional seconds, is invalid. Partner Center gives every date and time
// in UTC: https://learn.microsoft.com/en-us/partner-center/customers/create-a-new-subscription

/** Milliseconds since 1970-01-01T00:00:00Z, always a whole number of seconds. */
export type Instant = number;

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(Z|([+-])(\d{2}):(\d{2})))?$/;

/** Parses an instant as written above; null when the text is not one. */
export function parseInstant(text: string): Instant | null {
  const m = INSTANT.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, zone, sign, zh, zm] = m;
  const day = Date.UTC(Number(y), Number(mo) - 1, Number(d));
  const date = new Date(day);
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d))
    return null;
  if (h === undefined) return day;
  const [hh, mm, ss] = [Number(h), Number(mi), Number(s ?? 0)];
  if (hh > 23 || mm > 59 || ss > 59) return null;
  let offset = 0;
  if (zone !== "Z") {
    const [oh, om] = [Number(zh), Number(zm)];
    if (oh > 23 || om > 59) return null;
    offset = (sign === "-" ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  return day + ((hh * 60 + mm) * 60 + ss) * 1000 - offset;
}

export const isInstantText = (text: string): boolean => parseInstant(text) !== null;

/**
 * A pure function of an instant, remembered: a page of decisions formats the same few instants (today, term ends)
 * hundreds of times (issue 10: 250 decisions on the five-decisions page). Bounded: cleared when full.
 */
function remembered<T>(f: (t: Instant) => T): (t: Instant) => T {
  const cache = new Map<Instant, T>();
  return (t) => {
    let v = cache.get(t);
    if (v === undefined) {
      v = f(t);
      if (cache.size >= 4096) cache.clear();
      cache.set(t, v);
    }
    return v;
  };
}

/** `YYYY-MM-DDTHH:MM:SSZ`, the one form the server answers with. */
export const formatInstant: (t: Instant) => string = remembered((t) =>
  new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z"),
);

/** 00:00:00 UTC of a calendar date (YYYY-MM-DD). */
export const startOfDate = (date: string): Instant => Date.parse(`${date}T00:00:00Z`);

/** 23:59:59 UTC of a calendar date: the end of a term whose end date it is. */
export const endOfDate = (date: string): Instant => startOfDate(date) + 86_399_000;

/** The UTC calendar date of an instant. */
export const dateOf: (t: Instant) => string = remembered((t) => new Date(t).toISOString().slice(0, 10));

/** A Date cut to the whole second (instants have one-second resolution). */
export const fromDate = (d: Date): Instant => Math.floor(d.getTime() / 1000) * 1000;
