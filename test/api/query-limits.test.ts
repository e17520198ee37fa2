import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./harness";
import { pagingWorld } from "./fixtures";

// Abuse through a single valid-looking document: many aliases of a bounded connection, directive floods.
let t: TestServer;
let asPartner: string;
beforeAll(async () => {
  const world = pagingWorld();
  t = await startTestServer(world);
  asPartner = world.partners[0]!.key;
});
afterAll(() => t.close());

describe("query limits", () => {
  it("refuses more than 20 aliases (each could fetch a full page)", async () => {
    const aliases = Array.from({ length: 25 }, (_, i) => `a${i}: subscriptions(first: 100) { nodes { id } }`).join(" ");
    const r = await t.gql(`{ ${aliases} }`, {}, { as: asPartner });
    expect(r.status).toBe(400);
    expect(r.body.data).toBeUndefined();
    expect(r.body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(r.body.errors?.[0]?.message).toMatch(/alias/i);
  });

  it("refuses a flood of directives", async () => {
    const r = await t.gql(`{ viewer { user { email ${"@include(if: true) ".repeat(30)} } } }`, {}, { as: asPartner });
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("accepts a realistic dashboard query within the cost limit", async () => {
    const r = await t.gql(
      `{ networkSummary { customerCount subscriptionsByChannel { channel count } }
         subscriptions(first: 100) { totalCount edges { cursor node { id offerName customer { name relationships { status partner { name } } }
           transactingPartner { name } eligibility(action: TRANSFER) { eligible blocking { code ruleId message } advisories { code } } } } } }`,
      {},
      { as: asPartner },
    );
    expect(r.body.errors).toBeUndefined();
    expect(r.status).toBe(200);
  });
});
