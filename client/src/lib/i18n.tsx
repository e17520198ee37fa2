import { IntlMessageFormat } from "intl-messageformat";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";

export type Locale = "en" | "pt-PT";
export const LOCALES: { id: Locale; label: string }[] = [
  { id: "en", label: "English" },
  { id: "pt-PT", label: "Português" },
];

/**
 * Every message key of the app. Each messages file adds its English keys to this interface (a `declare module`
 * beside its defineMessages call, through `KeysOf`), so t() with an unknown key fails type checking.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging.
export interface MessageCatalog {}
export type MessageKey = keyof MessageCatalog & string;
/** The keys of one messages file, to merge into MessageCatalog. */
export type KeysOf<M extends { en: object }> = { [K in keyof M["en"]]: true };

/**
 * A feature's strings as ICU messages (intl-messageformat): `{name}` placeholders, `{count, plural, one {# seat}
 * other {# seats}}` and `{n, number}` forms follow the locale's CLDR rules. English defines the keys; the
 * Portuguese (pt-PT) object must have exactly the same ones (a missing or extra key fails type checking).
 */
export type Messages<E extends Record<string, string> = Record<string, string>> = {
  en: E;
  "pt-PT": { [K in keyof E]: string };
};

const registry: Record<Locale, Record<string, string>> = { en: {}, "pt-PT": {} };
// Parsed messages by locale and key (parsing an ICU message costs more than formatting it).
const compiled = new Map<string, IntlMessageFormat>();

/** Features register their strings once, at module load. */
export function defineMessages<const E extends Record<string, string>>(messages: Messages<E>): Messages<E> {
  Object.assign(registry.en, messages.en);
  Object.assign(registry["pt-PT"], messages["pt-PT"]);
  compiled.clear();
  return messages;
}

const STORAGE_KEY = "channelgate.locale";

function initialLocale(): Locale {
  const saved = typeof localStorage !== "undefined" ? localStorage.getItem(STORAGE_KEY) : null;
  if (saved === "en" || saved === "pt-PT") return saved;
  return typeof navigator !== "undefined" && navigator.language?.toLowerCase().startsWith("pt") ? "pt-PT" : "en";
}

/** Values of an ICU message's arguments: numbers (plural, number) or text. */
export type MessageValues = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: MessageValues) => string;

interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
  formatDate(iso: string | null | undefined): string;
  formatNumber(n: number): string;
}

const I18nContext = createContext<I18n | null>(null);

/** Whether `locale` has its own text for `key` (translate falls back to English, then to the key). */
export function hasMessage(locale: Locale, key: string): boolean {
  return key in registry[locale];
}

/** The message `key` in `locale` (else English, else the key itself) with `vars` filled in. */
export function translate(locale: Locale, key: MessageKey, vars?: MessageValues): string {
  const own = registry[locale][key];
  const lang: Locale = own === undefined ? "en" : locale;
  const source = own ?? registry.en[key];
  if (source === undefined) return key;
  const id = `${lang}\u0000${key}`;
  let message = compiled.get(id);
  if (!message) {
    // Messages are plain text: "<" is a character, not the start of a rich-text tag.
    message = new IntlMessageFormat(source, lang, undefined, { ignoreTag: true });
    compiled.set(id, message);
  }
  return String(message.format(vars));
}

export function I18nProvider({ children, locale: fixed }: { children: ReactNode; locale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(fixed ?? initialLocale);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLocaleState(next);
  }, []);
  // Screen readers pick their voice from <html lang>.
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18n>(() => {
    const dateFormat = new Intl.DateTimeFormat(locale, {
      year: "numeric",
      month: "short",
      day: "numeric",
      timeZone: "UTC",
    });
    const numberFormat = new Intl.NumberFormat(locale);
    return {
      locale,
      setLocale,
      t: (key, vars) => translate(locale, key, vars),
      formatDate: (iso) => (iso ? dateFormat.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso)) : "—"),
      formatNumber: (n) => numberFormat.format(n),
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error("useI18n outside I18nProvider");
  return ctx;
}

/** The locale for code outside React (the Apollo link sends it as Accept-Language). */
export function currentLocale(): Locale {
  return initialLocale();
}
