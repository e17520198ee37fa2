import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ruleMessage } from "../messages";
import { allRules, rulesByAction } from "../registry";
import { renderRulesDoc } from "../rules-doc";

const committedPath = resolve(__dirname, "../../../../../docs/rules.md");

describe("docs/rules.md", () => {
  it("is what the registry generates", () => {
    const committed = readFileSync(committedPath, "utf8").split("\n");
    const generated = renderRulesDoc().split("\n");
    // The first line that differs, rather than a diff of the whole book, with the fix.
    const at = generated.findIndex((line, i) => line !== committed[i]);
    const stale = at >= 0 || committed.length !== generated.length;
    const where = `line ${(at >= 0 ? at : generated.length) + 1}`;
    expect(stale, `docs/rules.md is stale (${where}): run \`npm run docs:rules\` and commit it`).toBe(false);
  });
});

describe("renderRulesDoc", () => {
  const doc = renderRulesDoc();

  it("has one table per action, in registry order, with a row per rule of the action", () => {
    const headings = [...doc.matchAll(/^### (\S+)$/gm)].map((m) => m[1]);
    // The V2-only actions have no V1 rules: the rule book V2 part documents them.
    const v1 = Object.entries(rulesByAction).filter(([, rules]) => rules.length > 0);
    expect(headings.slice(0, v1.length)).toEqual(v1.map(([action]) => action));
    for (const [action, rules] of v1) {
      const section = doc.split(`### ${action}\n`)[1]!.split(/\n#{2,3} /)[0]!;
      const ids = [...section.matchAll(/^\| (?:<a id="[^"]+"><\/a>|\[)([^\]| ]+)/gm)].map((m) => m[1]);
      expect(ids, action).toEqual(rules.map((r) => r.id));
    }
  });

  it("anchors every rule exactly once and links its page and both messages", () => {
    for (const rule of allRules) {
      const anchors = doc.match(new RegExp(`<a id="${rule.id.toLowerCase()}"></a>`, "g")) ?? [];
      expect(anchors, rule.id).toHaveLength(1);
      const row = doc.split("\n").find((l) => l.startsWith(`| <a id="${rule.id.toLowerCase()}"></a>${rule.id} |`))!;
      expect(row, rule.id).toContain(`\`${rule.code}\``);
      expect(row, rule.id).toContain(`[${rule.source.title}](${rule.source.url})`);
      expect(row, rule.id).toContain(ruleMessage(rule.id, "en"));
      expect(row, rule.id).toContain(ruleMessage(rule.id, "pt-PT"));
    }
  });

  it("leaves no link to a rule without an anchor", () => {
    const anchors = new Set([...doc.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
    const ruleLinks = [...doc.matchAll(/\]\(#(r[0-9][a-z0-9]*)\)/g)].map((m) => m[1]);
    expect(ruleLinks.length).toBeGreaterThan(0);
    for (const id of ruleLinks) expect(anchors.has(id), id).toBe(true);
  });
});
