import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { renderRulesDoc } from "../modules/eligibility/rules-doc";

// Writes the rule book, docs/rules.md at the repository root (npm runs scripts from there), from the registry.
const target = resolve(process.cwd(), "docs", "rules.md");
mkdirSync(resolve(process.cwd(), "docs"), { recursive: true });
writeFileSync(target, renderRulesDoc());
console.log(`wrote ${target}`);
