import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./harness";
import { pagingWorld } from "./fixtures";

// Every reason and every rule of the catalogue says where it comes from: a Partner Center page on Microsoft Learn.
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer(pagingWorld());
});
afterAll(() => t.close());

const TRANSFER_PAGE = "https://learn.microsoft.com/en-us/partner-center/transfer-azure-subscriptions-under-azure-plan";

interface Source {
  id?: string;
  ruleId?: string;
  source: string;
  sourceTitle: string;
}

describe("rule sources", () => {
  it("the rule catalogue gives each rule its page's address and title", async () => {
    const res = await t.gql<{ eligibilityRules: Source[] }>(`{ eligibilityRules { id source sourceTitle } }`);
    expect(res.body.errors).toBeUndefined();
    const rules = res.body.data!.eligibilityRules;
    for (const r of rules) expect(r.source, r.id).toMatch(/^https:\/\/learn\.microsoft\.com\/en-us\/partner-center\//);
    expect(rules.find((r) => r.id === "R30")).toEqual({
      id: "R30",
      source: "https://learn.microsoft.com/en-us/partner-center/customers/new-commerce-cancellation-policy",
      sourceTitle: "New commerce cancellation policy",
    });
  });

  it("a decision's reasons carry the same address and title", async () => {
    // The provider transacts every subscription of this world, so transferring one to itself fires R13.
    const res = await t.gql<{ subscriptions: { nodes: { eligibility: { blocking: Source[] } }[] } }>(
      `{ subscriptions(first: 1) { nodes { eligibility(action: TRANSFER) { blocking { ruleId source sourceTitle } } } } }`,
      {},
      { as: "prov" },
    );
    expect(res.body.errors).toBeUndefined();
    const blocking = res.body.data!.subscriptions.nodes[0]!.eligibility.blocking;
    expect(blocking.find((r) => r.ruleId === "R13")).toEqual({
      ruleId: "R13",
      source: TRANSFER_PAGE,
      sourceTitle: "Transfer Azure plan subscriptions to another partner",
    });
  });
});
