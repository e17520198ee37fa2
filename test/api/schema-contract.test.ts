import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { createSchema, printSortedSchema } from "../../server/src/schema";

describe("schema/schema.graphql", () => {
  it("is the SDL the server emits (run `npm run schema:emit` after changing the API)", async () => {
    const committed = readFileSync(resolve(__dirname, "../../schema/schema.graphql"), "utf8");
    expect(printSortedSchema(await createSchema())).toBe(committed);
  });

  it("never names a type Subscription (it would become the subscription root type)", () => {
    const committed = readFileSync(resolve(__dirname, "../../schema/schema.graphql"), "utf8");
    expect(committed).not.toMatch(/^type Subscription\b/m);
  });
});
