import type { Locale } from "../../lib/i18n";

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant (UTC, from the API) in the viewer's locale and time zone, to the minute: "4 Dec 14:03" (the year only
 * when it is not this year's). Deadlines are minutes apart: a reduction window closes 168 hours after its seats were
 * added, not at midnight.
 */
export function formatInstant(locale: Locale, iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return "—";
  const when = new Date(iso);
  const withYear = when.getFullYear() !== now.getFullYear();
  const key = `${locale}|${withYear}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      day: "numeric",
      month: "short",
      ...(withYear ? { year: "numeric" } : {}),
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formats.set(key, format);
  }
  return format.format(when);
}
