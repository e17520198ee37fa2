import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PartnershipStatus, PartnerType, ProgramStatus, RuleBook } from "../../server/src/domain/enums";
import type { World, WorldPartner } from "../../server/src/scenarios/world";
import { startTestServer, type TestServer } from "./harness";

// R25 in the reseller compliance flags, the resellers filter and the network summary: the same country under rule
// book V1, the same CSP market under V2 (RULES.md C1). A German provider's resellers in France (Europe, like
// Germany), in Brazil (a market of its own) and in Germany.

const partner = (key: string, country: string, types: WorldPartner["types"]): WorldPartner => ({
  key,
  name: `Partner ${key}`,
  partnerId: String(7_100_000 + key.length * 97 + country.charCodeAt(0)),
  types,
  country,
  mpaSigned: true,
  programStatus: ProgramStatus.ACTIVE,
});

const world: World = {
  partners: [
    partner("dist", "DE", [PartnerType.INDIRECT_PROVIDER]),
    partner("res-de", "DE", [PartnerType.INDIRECT_RESELLER]),
    partner("res-fr", "FR", [PartnerType.INDIRECT_RESELLER]),
    partner("res-brazil", "BR", [PartnerType.INDIRECT_RESELLER]),
  ],
  partnerships: ["res-de", "res-fr", "res-brazil"].map((reseller) => ({
    provider: "dist",
    reseller,
    status: PartnershipStatus.ACTIVE,
  })),
  customers: [],
  relationships: [],
  subscriptions: [],
  transfers: [],
};

const QUERY = `{
  resellers(first: 10) { nodes { complianceFlags reseller { name } } }
  flagged: resellers(filter: { hasComplianceIssues: true }) { totalCount nodes { reseller { name } } }
  clean: resellers(filter: { hasComplianceIssues: false }) { totalCount }
  networkSummary { resellersWithComplianceIssues }
}`;

interface Answer {
  resellers: { nodes: { complianceFlags: string[]; reseller: { name: string } }[] };
  flagged: { totalCount: number; nodes: { reseller: { name: string } }[] };
  clean: { totalCount: number };
  networkSummary: { resellersWithComplianceIssues: number };
}

async function ask(server: TestServer): Promise<Answer> {
  const res = await server.gql<Answer>(QUERY, {}, { as: "dist" });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!;
}

const flagsByName = (a: Answer) =>
  Object.fromEntries(a.resellers.nodes.map((n) => [n.reseller.name, n.complianceFlags]));

describe.each([
  { ruleBook: RuleBook.V1, otherRegion: ["Partner res-fr", "Partner res-brazil"] },
  { ruleBook: RuleBook.V2, otherRegion: ["Partner res-brazil"] },
])("reseller compliance under rule book $ruleBook", ({ ruleBook, otherRegion }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(world, { config: { ruleBook } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("flags OTHER_REGION by country (V1) or by market (V2), and the filter and summary agree with the flags", async () => {
    const answer = await ask(server);
    const flags = flagsByName(answer);
    for (const name of ["Partner res-de", "Partner res-fr", "Partner res-brazil"])
      expect(flags[name], name).toEqual(otherRegion.includes(name) ? ["OTHER_REGION"] : []);
    expect(answer.flagged.nodes.map((n) => n.reseller.name).sort()).toEqual([...otherRegion].sort());
    expect(answer.flagged.totalCount).toBe(otherRegion.length);
    expect(answer.clean.totalCount).toBe(3 - otherRegion.length);
    expect(answer.networkSummary.resellersWithComplianceIssues).toBe(otherRegion.length);
  });
});
