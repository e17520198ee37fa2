import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { withPermissionTable } from "../auth/permissions-doc";

// Rewrites the permission table in README.md at the repository root (npm runs scripts from there) from the
// matrix in auth/permissions.ts; the npm script then lets Prettier align it.
const target = resolve(process.cwd(), "README.md");
writeFileSync(target, withPermissionTable(readFileSync(target, "utf8")));
console.log(`wrote the permission table in ${target}`);
