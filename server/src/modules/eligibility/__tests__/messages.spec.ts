import { describe, expect, it } from "vitest";
import type { Locale } from "../../../common/locale";
import { ruleMessage, ruleMessages } from "../messages";
import { allRules, allRulesV2 } from "../registry";

// Both rule books: a V2 rule that keeps a v1 id shares its message.
const ruleIds = [...new Set([...allRules, ...allRulesV2].map((r) => r.id))];

describe("ruleMessages", () => {
  it.each(ruleIds)("%s has non-empty, different en and pt-PT messages", (id) => {
    const m = ruleMessages[id];
    expect(m).toBeDefined();
    expect(m?.en.trim()).not.toBe("");
    expect(m?.["pt-PT"].trim()).not.toBe("");
    expect(m?.["pt-PT"]).not.toBe(m?.en);
  });

  it("has no message for a rule that is in neither rule book", () => {
    expect(Object.keys(ruleMessages).sort()).toEqual([...ruleIds].sort());
  });

  it("writes whole sentences without placeholders", () => {
    for (const m of Object.values(ruleMessages)) {
      for (const text of [m.en, m["pt-PT"]]) {
        expect(text).toMatch(/^[A-ZÀ-Ý].*\.$/s);
        expect(text).not.toMatch(/[{}<>]|\$\{|%s|TODO/);
      }
    }
  });

  it("uses European Portuguese vocabulary, not Brazilian", () => {
    const brazilian = /\b(assinaturas?|provedor(es)?|usuários?|locatários?|pedido de compra|contato|registro)\b/i;
    for (const m of Object.values(ruleMessages)) expect(m["pt-PT"]).not.toMatch(brazilian);
    expect(ruleMessages.R6a?.["pt-PT"]).toMatch(/revendedor indireto/);
    expect(ruleMessages.R6a?.["pt-PT"]).toMatch(/fornecedor indireto/);
    expect(ruleMessages.R16?.["pt-PT"]).toMatch(/subscrição.*transferência/);
  });
});

describe("ruleMessage", () => {
  it("defaults to English", () => {
    expect(ruleMessage("R30")).toBe(ruleMessages.R30?.en);
  });

  it("returns the pt-PT message", () => {
    expect(ruleMessage("R30", "pt-PT")).toBe(ruleMessages.R30?.["pt-PT"]);
  });

  it("falls back to English for a locale it does not know", () => {
    expect(ruleMessage("R30", "fr" as Locale)).toBe(ruleMessages.R30?.en);
  });

  it("falls back to the rule id for an unknown rule", () => {
    expect(ruleMessage("R99")).toBe("R99");
    expect(ruleMessage("R99", "pt-PT")).toBe("R99");
  });

  it("does not mistake Object.prototype members for rules", () => {
    expect(ruleMessage("constructor")).toBe("constructor");
    expect(ruleMessage("toString", "pt-PT")).toBe("toString");
  });
});
