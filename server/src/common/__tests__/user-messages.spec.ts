import "reflect-metadata";
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Locale } from "../locale";
import { UserErrorCode } from "../user-error";
import { placeholdersOf, translator, userMessage, userMessages, type UserMessageKey } from "../user-messages";
import { InputChecks } from "../validate";

const keys = Object.keys(userMessages) as UserMessageKey[];

describe("userMessages", () => {
  it.each(keys)("%s has non-empty en and pt-PT texts with the same placeholders", (key) => {
    const texts = userMessages[key];
    expect(texts.en.trim()).not.toBe("");
    expect(texts["pt-PT"].trim()).not.toBe("");
    // Translated, unless there are no words to translate (only placeholders and punctuation).
    if (/\p{L}/u.test(texts.en.replace(/\{\w+\}/g, ""))) expect(texts["pt-PT"]).not.toBe(texts.en);
    expect(placeholdersOf(texts["pt-PT"])).toEqual(placeholdersOf(texts.en));
  });

  it("writes placeholders only as {name}", () => {
    for (const texts of Object.values(userMessages)) {
      for (const text of [texts.en, texts["pt-PT"]]) {
        expect(text.replace(/\{\w+\}/g, "")).not.toMatch(/[{}]|\$\{|%s|TODO/);
      }
    }
  });

  it("uses European Portuguese vocabulary, not Brazilian", () => {
    const brazilian =
      /\b(assinaturas?|provedor(es)?|usuários?|locatários?|pedido de compra|contato|registro|arquivo)\b/i;
    for (const texts of Object.values(userMessages)) expect(texts["pt-PT"]).not.toMatch(brazilian);
    expect(userMessages.USER_OF_DOMAIN["pt-PT"]).toMatch(/utilizador/);
    expect(userMessages.SUBSCRIPTION_NOT_FOUND["pt-PT"]).toMatch(/subscrição/);
  });
});

describe("userMessage", () => {
  it("fills the placeholders in the locale's text", () => {
    expect(userMessage("en", "TEXT_LENGTH", { min: 2, max: 200 })).toBe("must be 2–200 characters");
    expect(userMessage("pt-PT", "TEXT_LENGTH", { min: 2, max: 200 })).toBe("deve ter entre 2 e 200 caracteres");
    expect(userMessage("pt-PT", "USER_OF_DOMAIN", { domain: "fabrikam.onmicrosoft.com" })).toBe(
      "tem de ser um utilizador de fabrikam.onmicrosoft.com",
    );
    expect(userMessage("en", "CUSTOMER_NOT_FOUND")).toBe("No such customer in your network");
  });

  it("does not expand placeholders inside the values", () => {
    expect(userMessage("en", "USER_OF_DOMAIN", { domain: "{domain}" })).toBe("must be a user of {domain}");
  });

  it("falls back to English for a locale it does not know", () => {
    expect(userMessage("fr" as Locale, "REQUIRED")).toBe("is required");
  });

  it("returns the key for an unknown key, and never an Object.prototype member", () => {
    const untyped = userMessage as (locale: Locale, key: string) => string;
    expect(untyped("en", "NO_SUCH_KEY")).toBe("NO_SUCH_KEY");
    expect(untyped("pt-PT", "toString")).toBe("toString");
  });

  it("translator binds the locale", () => {
    const t = translator("pt-PT");
    expect(t("TRANSFER_NOT_PENDING", { status: "EXPIRED" })).toBe(
      userMessage("pt-PT", "TRANSFER_NOT_PENDING", { status: "EXPIRED" }),
    );
  });

  it("checks the placeholders at compile time", () => {
    // @ts-expect-error a message with placeholders needs their values
    expect(userMessage("en", "TEXT_LENGTH")).toBe("must be {min}–{max} characters");
    // @ts-expect-error a message without placeholders takes none
    expect(userMessage("en", "REQUIRED", { x: 1 })).toBe("is required");
    // @ts-expect-error not a key of the catalogue
    expect(userMessage("en", "Some literal message")).toBe("Some literal message");
  });
});

describe("InputChecks", () => {
  it("reports in the locale it was given, with the INVALID_INPUT code unless told otherwise", () => {
    const pt = new InputChecks("pt-PT")
      .text("name", "x", 2, 200)
      .country("country", "usa")
      .domain("domain", "not a domain")
      .date("purchaseDate", null)
      .date("commitmentEndDate", "2026-13-01")
      .integer("quantity", 0, 1, 10)
      .text("note", "y".repeat(11), 0, 10)
      .failWith(UserErrorCode.ALREADY_EXISTS, "domain", "CUSTOMER_DOMAIN_EXISTS");
    expect(pt.errors.map((e) => [e.field?.join("."), e.code, e.message])).toEqual([
      ["input.name", "INVALID_INPUT", "deve ter entre 2 e 200 caracteres"],
      ["input.country", "INVALID_INPUT", "deve ser um código ISO 3166-1 alfa-2, como PT"],
      ["input.domain", "INVALID_INPUT", "deve ser um nome de domínio, como contoso.onmicrosoft.com"],
      ["input.purchaseDate", "INVALID_INPUT", "é obrigatório"],
      ["input.commitmentEndDate", "INVALID_INPUT", "deve ser uma data no formato AAAA-MM-DD"],
      ["input.quantity", "INVALID_INPUT", "deve ser um número inteiro entre 1 e 10"],
      ["input.note", "INVALID_INPUT", "deve ter no máximo 10 caracteres"],
      ["input.domain", "ALREADY_EXISTS", userMessages.CUSTOMER_DOMAIN_EXISTS["pt-PT"]],
    ]);
    const en = new InputChecks("en").text("name", "x", 2, 200).country("country", null);
    expect(en.errors.map((e) => e.message)).toEqual([
      "must be 2–200 characters",
      "must be an ISO 3166-1 alpha-2 code such as US",
    ]);
  });
});

describe("the files that write user errors (mutations, services, lookups, checks)", () => {
  const modules = resolve(__dirname, "../../modules");
  const files = readdirSync(modules, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.includes("__tests__"))
    .map((f) => resolve(modules, f))
    .filter((f) => /\buserError\(/.test(readFileSync(f, "utf8")));

  /** The message argument (third) of every userError(…) call, as written in the source. */
  function messageArguments(source: string): string[] {
    const found: string[] = [];
    for (const match of source.matchAll(/\buserError\(/g)) {
      const args: string[] = [];
      let depth = 0;
      let current = "";
      let quote: string | null = null;
      for (let i = match.index + match[0].length; i < source.length; i++) {
        const c = source[i]!;
        if (quote) {
          if (c === quote && source[i - 1] !== "\\") quote = null;
        } else if (c === '"' || c === "'" || c === "`") {
          quote = c;
        } else if ("([{".includes(c)) {
          depth++;
        } else if (")]}".includes(c)) {
          if (depth === 0) break;
          depth--;
        } else if (c === "," && depth === 0) {
          args.push(current.trim());
          current = "";
          continue;
        }
        current += c;
      }
      args.push(current.trim());
      found.push(args[2] ?? "");
    }
    return found;
  }

  it("are all found", () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it.each(files.map((f) => [f.slice(modules.length + 1), f]))(
    "%s writes no literal user error message (catalogue keys or rule messages only)",
    (_name, file) => {
      const messages = messageArguments(readFileSync(file, "utf8"));
      expect(messages.length).toBeGreaterThan(0);
      for (const message of messages) expect(message).not.toMatch(/^["'`]/);
    },
  );
});
