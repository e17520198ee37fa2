import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PartnershipStatus, PartnerType, ProgramStatus, RuleBook } from "../../server/src/domain/enums";
import type { World } from "../../server/src/scenarios/world";
import { startTestServer, type TestServer } from "./harness";
import { cspLicense, customer, ids, partner, rel } from "./mutation-helpers";

// "Ask my provider" in a reseller's bulk review (issue 11): `providerEligibility(action:)` on each chosen
// subscription is the decision of the provider that bills it, decided as that provider — what requestProviderAction's
// providerDecision says — not the reseller's own decision minus R22. Rule book V2, where a deauthorized partner may
// not suspend (R35d): the reseller R's own decision minus R22 says yes, its deauthorized provider PD would be refused.
//
// PD (deauthorized) and PA (active) are R's providers; PX is a provider R has no partnership with (its partnership
// was removed). C's subscriptions: sd (PD bills, R resells), sa (PA bills, R resells), so (PA bills, no reseller),
// sx (PX bills, R resells).

const world = (): World => {
  const ip = [PartnerType.INDIRECT_PROVIDER];
  return {
    partners: [
      partner("PD", "5100001", ip, { programStatus: ProgramStatus.DEAUTHORIZED }),
      partner("PA", "5100002", ip),
      partner("PX", "5100003", ip),
      partner("R", "5100011", [PartnerType.INDIRECT_RESELLER]),
    ],
    partnerships: [
      { provider: "PD", reseller: "R", status: PartnershipStatus.ACTIVE },
      { provider: "PA", reseller: "R", status: PartnershipStatus.ACTIVE },
      { provider: "PX", reseller: "R", status: PartnershipStatus.REMOVED },
    ],
    customers: [customer("C")],
    relationships: [rel("R", "C"), rel("PD", "C"), rel("PA", "C"), rel("PX", "C")],
    subscriptions: [
      cspLicense("sd", "C", "PD", { resellerOfRecord: "R" }),
      cspLicense("sa", "C", "PA", { resellerOfRecord: "R" }),
      cspLicense("so", "C", "PA"),
      cspLicense("sx", "C", "PX", { resellerOfRecord: "R" }),
    ],
    transfers: [],
  };
};

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer(world(), { config: { ruleBook: RuleBook.V2 } });
});

afterAll(async () => {
  await t?.close();
});

const REVIEW = `query($ids: [ID!], $first: Int) { subscriptions(first: $first, filter: { ids: $ids }) {
  nodes { id
    eligibility(action: SUSPEND) { eligible blocking { ruleId } }
    providerEligibility(action: SUSPEND) { eligible blocking { ruleId message } advisories { ruleId } } } } }`;

interface Decision {
  eligible: boolean;
  blocking: { ruleId: string; message?: string }[];
}
interface Review {
  subscriptions: { nodes: { id: string; eligibility: Decision; providerEligibility: Decision | null }[] };
}

async function review(as: string, keys: string[]) {
  const id = ids(t);
  const res = await t.gql<Review>(REVIEW, { ids: keys.map(id.sub), first: keys.length }, { as });
  expect(res.body.errors, JSON.stringify(res.body)).toBeUndefined();
  const byKey = new Map(res.body.data!.subscriptions.nodes.map((n) => [n.id, n]));
  return { rows: keys.map((k) => byKey.get(id.sub(k))), sqlCount: res.sqlCount };
}

describe("providerEligibility in a reseller's bulk review", () => {
  it("is the billing provider's own decision: refused for a deauthorized provider where R's decision minus R22 is not", async () => {
    const { rows } = await review("R", ["sd", "sa"]);
    const [sd, sa] = rows;
    // R's own decision: R22 only (it must go through a provider) — minus R22 it would read as "can do".
    expect(sd!.eligibility.blocking.map((r) => r.ruleId)).toEqual(["R22"]);
    // What matters when asking: PD is deauthorized, so PD could not suspend it (R35d), with the reason in words.
    expect(sd!.providerEligibility).toMatchObject({ eligible: false, blocking: [{ ruleId: "R35d" }] });
    expect(sd!.providerEligibility!.blocking[0]!.message).toBeTruthy();
    // PA is active: PA could do it if asked; no R22 (the provider is no reseller).
    expect(sa!.providerEligibility).toMatchObject({ eligible: true, blocking: [] });
  });

  it("is the same decision requestProviderAction answers with", async () => {
    const id = ids(t);
    const res = await t.gql<{ requestProviderAction: { providerDecision: Decision; userErrors: unknown[] } }>(
      `mutation($input: RequestProviderActionInput!) { requestProviderAction(input: $input) {
        providerDecision { eligible blocking { ruleId } } userErrors { code } } }`,
      {
        input: {
          action: "SUSPEND",
          providerId: id.partner("PD"),
          customerId: id.customer("C"),
          subscriptionId: id.sub("sd"),
        },
      },
      { as: "R" },
    );
    expect(res.body.data!.requestProviderAction.userErrors).toEqual([]);
    const { rows } = await review("R", ["sd"]);
    expect(rows[0]!.providerEligibility).toMatchObject(res.body.data!.requestProviderAction.providerDecision);
  });

  it("is null where the viewer could not ask: not its reseller-of-record row, a provider it has no partnership with, a provider viewer", async () => {
    const asReseller = await review("R", ["sx"]);
    expect(asReseller.rows[0]!.providerEligibility).toBeNull();
    const asProvider = await review("PA", ["sa", "so"]);
    expect(asProvider.rows.map((r) => r!.providerEligibility)).toEqual([null, null]);
  });

  it("stays one batched request: as many SQL statements for one row as for every row", async () => {
    const one = await review("R", ["sd"]);
    const all = await review("R", ["sd", "sa", "sx"]);
    expect(all.rows.every(Boolean)).toBe(true);
    expect(Number.isInteger(one.sqlCount)).toBe(true);
    // One more decision batch for the second provider, whatever the number of rows it bills.
    const sameProvider = await review("R", ["sa"]);
    const bothProviders = await review("R", ["sa", "sd"]);
    expect(all.sqlCount).toBe(bothProviders.sqlCount);
    expect(sameProvider.sqlCount).toBe(one.sqlCount);
  });
});
