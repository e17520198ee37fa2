/** Languages the API answers in: English and European Portuguese. */
export type Locale = "en" | "pt-PT";

/** The request's language from its Accept-Language header: Portuguese when it asks for it first, else English. */
export function localeOfAcceptLanguage(header: string | undefined): Locale {
  return /^\s*pt\b/i.test(header ?? "") ? "pt-PT" : "en";
}
