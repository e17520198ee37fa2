import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";

export type Locale = "en" | "pt-PT";
export const LOCALES: { id: Locale; label: string }[] = [
  { id: "en", label: "English" },
  { id: "pt-PT", label: "Português" },
];

/** A feature's strings: every key in English and Portuguese (pt-PT). `{name}` placeholders are filled by t(). */
export type Messages = Record<Locale, Record<string, string>>;

const registry: Messages = { en: {}, "pt-PT": {} };

/** Features register their strings once, at module load. */
export function defineMessages<M extends Messages>(messages: M): M {
  Object.assign(registry.en, messages.en);
  Object.assign(registry["pt-PT"], messages["pt-PT"]);
  return messages;
}

const STORAGE_KEY = "channelgate.locale";

function initialLocale(): Locale {
  const saved = typeof localStorage !== "undefined" ? localStorage.getItem(STORAGE_KEY) : null;
  if (saved === "en" || saved === "pt-PT") return saved;
  return typeof navigator !== "undefined" && navigator.language?.toLowerCase().startsWith("pt") ? "pt-PT" : "en";
}

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

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

export function translate(locale: Locale, key: string, vars?: Record<string, string | number>): string {
  const template = registry[locale][key] ?? registry.en[key] ?? key;
  return vars ? template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : template;
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
