import { join, resolve } from "node:path";

/** The repository root and the folder the flows' screenshots go to. */
export const root = resolve(import.meta.dirname, "..", "..");
export const artifacts = join(root, "test", "artifacts");
