import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { translate, type Locale, type MessageKey } from "../i18n";

// Every messages file of the app, registered as the screens do at load.
const files = import.meta.glob<Record<string, { en: Record<string, string>; "pt-PT": Record<string, string> }>>(
  ["../../**/*messages.ts"],
  { eager: true },
);
const catalogs = Object.values(files).flatMap((module) => Object.values(module));

describe("messages", () => {
  it("are all loaded", () => {
    expect(catalogs.length).toBeGreaterThan(15);
  });

  it("are valid ICU messages in both languages, with the same arguments", () => {
    for (const catalog of catalogs) {
      for (const [key, en] of Object.entries(catalog.en)) {
        const pt = catalog["pt-PT"][key];
        expect(pt, `pt-PT ${key}`).toBeTypeOf("string");
        expect(() => new IntlMessageFormat(en, "en", undefined, { ignoreTag: true }), key).not.toThrow();
        expect(() => new IntlMessageFormat(pt!, "pt-PT", undefined, { ignoreTag: true }), key).not.toThrow();
        const args = (source: string, locale: Locale) =>
          new Set(
            new IntlMessageFormat(source, locale, undefined, { ignoreTag: true })
              .getAst()
              .flatMap(function names(el): string[] {
                // Arguments (not literal text, type 0) by name, and those inside plural and select branches.
                const own = "value" in el && el.type !== 0 ? [String(el.value)] : [];
                const nested =
                  "options" in el
                    ? Object.values(el.options).flatMap((o) => (o as { value: (typeof el)[] }).value.flatMap(names))
                    : [];
                return [...own, ...nested];
              }),
          );
        expect([...args(pt!, "pt-PT")].sort(), `arguments of ${key}`).toEqual([...args(en, "en")].sort());
      }
    }
  });
});

describe("translate", () => {
  it("chooses the plural form by the locale's rules and formats the count", () => {
    expect(translate("en", "customers.subs.licences", { count: 1 })).toBe("1 licence");
    expect(translate("en", "customers.subs.licences", { count: 0 })).toBe("0 licences");
    expect(translate("en", "customers.subs.licences", { count: 1250 })).toBe("1,250 licences");
    expect(translate("pt-PT", "customers.subs.licences", { count: 1 })).toBe("1 licença");
    expect(translate("pt-PT", "customers.subs.licences", { count: 2 })).toBe("2 licenças");
    // pt-PT groups thousands with a space from 5 digits on (CLDR minimumGroupingDigits 2).
    expect(translate("pt-PT", "customers.subs.licences", { count: 12500 })).toBe("12\u00a0500 licenças");
  });

  it("fills placeholders next to a plural", () => {
    expect(translate("en", "network.subscriptionsLink", { count: 2, name: "Contoso" })).toBe(
      "2 subscriptions of Contoso",
    );
    expect(translate("pt-PT", "transfers.daysLeft", { count: 1 })).toBe("Falta 1 dia");
    expect(translate("pt-PT", "transfers.daysLeft", { count: 3 })).toBe("Faltam 3 dias");
  });

  it("falls back to the key when no language has it", () => {
    expect(translate("en", "no.such.key" as MessageKey)).toBe("no.such.key");
  });
});
