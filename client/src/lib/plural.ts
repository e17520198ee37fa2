import type { Locale, Translate } from "./i18n";

const rules = new Map<Locale, Intl.PluralRules>();

/**
 * A counted phrase in the locale's plural form: the message `{key}.one` or `{key}.other`, chosen by
 * Intl.PluralRules ("1 licence", "2 licences"; "1 licença", "2 licenças"), with `{count}` formatted for the locale.
 */
export function plural(
  t: Translate,
  locale: Locale,
  key: string,
  count: number,
  vars: Record<string, string | number> = {},
): string {
  let pr = rules.get(locale);
  if (!pr) {
    pr = new Intl.PluralRules(locale);
    rules.set(locale, pr);
  }
  const form = pr.select(count) === "one" ? "one" : "other";
  return t(`${key}.${form}`, { ...vars, count: new Intl.NumberFormat(locale).format(count) });
}
