// One function per import: the package root loads all of date-fns (about 2 MB of heap for two functions).
import { addMonths as addCalendarMonths } from "date-fns/addMonths";

// Calendar dates as ISO strings (YYYY-MM-DD), free of time zones. Month arithmetic goes through date-fns.

/** ISO date, YYYY-MM-DD. */
export type IsoDate = string;

const DAY_MS = 86_400_000;

/** Whole days from a to b (b - a), on calendar dates, ignoring time zones. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

export function toIsoDate(d: Date): IsoDate {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return toIsoDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));
}

export const isIsoDate = (s: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) &&
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  toIsoDate(new Date(`${s}T00:00:00Z`)) === s;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * The same day `months` calendar months later (or earlier, when negative); a day the target month lacks becomes
 * its last day (2025-01-31 + 1 month = 2025-02-28), never an overflow into the month after.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [year = 1970, month = 1, day = 1] = date.split("-").map(Number);
  // A local-time date at noon: date-fns works on local calendars, and noon is safe from DST shifts at midnight.
  const moved = addCalendarMonths(new Date(year, month - 1, day, 12), months);
  return `${pad(moved.getFullYear(), 4)}-${pad(moved.getMonth() + 1)}-${pad(moved.getDate())}`;
}

/**
 * Last day of a term of `months` months (P1M = 1, P1Y = 12, P3Y = 36) that starts on `start`: the day before the
 * same day `months` later, where a day the end month lacks counts as its last day (bought 2025-01-31, monthly:
 * 2025-02-28 is the next term's first day, so this one ends 2025-02-27). Term durations and the end date being
 * the last day of the term: https://learn.microsoft.com/partner-center/developer/custom-term-end-dates
 * (the stored Microsoft Learn pages state no rule of their own for purchases on the 29th–31st).
 */
export function termEndDate(start: IsoDate, months: number): IsoDate {
  return addDays(addMonths(start, months), -1);
}
