import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { buildSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { createSchema, printSortedSchema } from "../../server/src/schema";

describe("schema/schema.graphql", () => {
  it("is the SDL the server emits (run `npm run schema:emit` after changing the API)", async () => {
    const committed = readFileSync(resolve(__dirname, "../../schema/schema.graphql"), "utf8");
    expect(printSortedSchema(await createSchema())).toBe(committed);
  });

  it("uses the name Subscription only for the subscription root (the domain object is CustomerSubscription)", () => {
    // The emitted SDL has no `schema {}` block: a type named Subscription is read back as the subscription root,
    // so it must be the root the server builds (live events), never a domain type.
    const committed = readFileSync(resolve(__dirname, "../../schema/schema.graphql"), "utf8");
    const parsed = buildSchema(committed);
    expect(parsed.getSubscriptionType()?.name).toBe("Subscription");
    expect(Object.keys(parsed.getSubscriptionType()!.getFields())).toEqual(["events"]);
    expect(parsed.getType("CustomerSubscription")).toBeDefined();
  });
});
