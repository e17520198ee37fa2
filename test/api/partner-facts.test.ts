import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PartnershipStatus, PartnerType, ProgramStatus, UserRole } from "../../server/src/domain/enums";
import type { World } from "../../server/src/scenarios/world";
import { startTestServer, type TestServer } from "./harness";
import {
  expectOk,
  expectRefused,
  ids,
  mutation,
  partner,
  query,
  USER_ERRORS,
  type UserErrorShape,
} from "./mutation-helpers";

// recordPartnerFacts (issue 8): the partner facts Partner Center serves no read API for, recorded in channelgate.
// Who may record what (the partner itself: all; its provider: an active reseller's program status; nobody else),
// the input checks naming their field, the audit event, and that the rules read what was recorded.

const { INDIRECT_PROVIDER, INDIRECT_RESELLER, DIRECT_BILL, ADVISOR } = PartnerType;

const world: World = {
  partners: [
    partner("prov", "1000001", [INDIRECT_PROVIDER]),
    partner("prov2", "1000002", [INDIRECT_PROVIDER]),
    partner("res", "2000001", [INDIRECT_RESELLER]),
    partner("resGone", "2000003", [INDIRECT_RESELLER]),
    partner("resInvited", "2000004", [INDIRECT_RESELLER]),
    partner("resOther", "2000005", [INDIRECT_RESELLER]),
    partner("direct", "3000001", [DIRECT_BILL]),
    partner("direct2", "3000002", [DIRECT_BILL]),
  ],
  partnerships: [
    { provider: "prov", reseller: "res", status: PartnershipStatus.ACTIVE },
    { provider: "prov", reseller: "resGone", status: PartnershipStatus.REMOVED },
    { provider: "prov", reseller: "resInvited", status: PartnershipStatus.INVITED },
    { provider: "prov2", reseller: "resOther", status: PartnershipStatus.ACTIVE },
  ],
  customers: [],
  relationships: [],
  subscriptions: [],
  transfers: [],
  users: [{ partner: "prov2", email: "sales@prov2.example", displayName: "Prov2 sales", role: UserRole.SALES_AGENT }],
};

const RECORD = `mutation($input: RecordPartnerFactsInput!) { recordPartnerFacts(input: $input) {
  partner { id types programStatus mpaSigned recordedFacts factsRecordedAt canTransact } ${USER_ERRORS} } }`;
const RESELLER = `query($id: ID!) { reseller(id: $id) { reseller { programStatus mpaSigned recordedFacts } } }`;

interface Facts {
  id: string;
  types: string[];
  programStatus: string;
  mpaSigned: boolean;
  recordedFacts: string[];
  factsRecordedAt: string | null;
  canTransact: boolean;
}
type Payload = { partner: Facts | null; userErrors: UserErrorShape[] };

let t: TestServer;
let id: ReturnType<typeof ids>;

beforeAll(async () => {
  t = await startTestServer(world, { now: new Date() });
  id = ids(t);
});
afterAll(async () => {
  await t?.close();
});

const record = (input: Record<string, unknown>, as: string) => mutation<Payload>(t, RECORD, input, { as });

describe("recordPartnerFacts", () => {
  it("a partner's global admin records its own program status and MPA, with provenance and an audit event", async () => {
    const before = Date.now();
    const p = expectOk(
      await record(
        { partnerId: id.partner("direct"), programStatus: ProgramStatus.SUSPENDED, mpaSigned: false },
        "direct",
      ),
    ).partner!;
    expect(p).toMatchObject({
      id: id.partner("direct"),
      programStatus: "SUSPENDED",
      mpaSigned: false,
      recordedFacts: ["PROGRAM_STATUS", "MPA_SIGNED"],
    });
    expect(Date.parse(p.factsRecordedAt!)).toBeGreaterThanOrEqual(before - 1000);
    const rows: { changes: string }[] = await t.app.dataSource.query(
      `SELECT changes FROM audit_event WHERE operation = 'recordPartnerFacts' AND partner_id = '${t.world.partners.get("direct")}'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.changes).toContain("programStatus");
    expect(rows[0]!.changes).toContain("SUSPENDED");
    // Recorded back: ACTIVE and signed.
    expectOk(
      await record({ partnerId: id.partner("direct"), programStatus: ProgramStatus.ACTIVE, mpaSigned: true }, "direct"),
    );
  });

  it("advisor-only: no CSP type, so the partner cannot transact; back to direct-bill when it says otherwise", async () => {
    const p = expectOk(await record({ partnerId: id.partner("direct2"), advisorOnly: true }, "direct2")).partner!;
    expect(p).toMatchObject({ types: [ADVISOR], canTransact: false, recordedFacts: ["ADVISOR_ONLY"] });
    const back = expectOk(await record({ partnerId: id.partner("direct2"), advisorOnly: false }, "direct2")).partner!;
    expect(back).toMatchObject({ types: [DIRECT_BILL], canTransact: true });
  });

  it("an indirect provider records an active reseller's program status, and sees it on the reseller's page", async () => {
    expectOk(await record({ partnerId: id.partner("res"), programStatus: ProgramStatus.SUSPENDED }, "prov"));
    const data = await query<{ reseller: { reseller: { programStatus: string; recordedFacts: string[] } } }>(
      t,
      RESELLER,
      { id: id.partner("res") },
      { as: "prov" },
    );
    expect(data.reseller.reseller).toMatchObject({ programStatus: "SUSPENDED", recordedFacts: ["PROGRAM_STATUS"] });
  });

  it("a provider may not record a reseller's MPA or advisor standing (Partner Center's agreementstatus serves the MPA)", async () => {
    await expectRefused(
      t,
      RECORD,
      { partnerId: id.partner("res"), mpaSigned: false, advisorOnly: true },
      { as: "prov" },
      [
        { code: "NOT_ALLOWED", field: ["input", "mpaSigned"] },
        { code: "NOT_ALLOWED", field: ["input", "advisorOnly"] },
      ],
    );
  });

  it("strangers get NOT_FOUND: another provider's reseller, a removed or invited reseller, a provider, any other partner", async () => {
    const field = ["input", "partnerId"];
    const cases: [string, string][] = [
      ["resOther", "prov"],
      ["resGone", "prov"],
      ["resInvited", "prov"],
      ["prov", "res"],
      ["direct", "prov"],
      ["prov", "direct"],
    ];
    for (const [target, as] of cases) {
      await expectRefused(t, RECORD, { partnerId: id.partner(target), programStatus: ProgramStatus.ACTIVE }, { as }, [
        { code: "NOT_FOUND", field },
      ]);
    }
    await expectRefused(t, RECORD, { partnerId: "not-an-id", programStatus: ProgramStatus.ACTIVE }, { as: "prov" }, [
      { code: "NOT_FOUND", field },
    ]);
  });

  it("bad input changes nothing: no fact given; advisor-only for a partner Partner Center lists in two-tier CSP", async () => {
    await expectRefused(t, RECORD, { partnerId: id.partner("prov") }, { as: "prov" }, [
      { code: "INVALID_INPUT", field: null },
    ]);
    await expectRefused(t, RECORD, { partnerId: id.partner("prov"), advisorOnly: true }, { as: "prov" }, [
      { code: "INVALID_STATE", field: ["input", "advisorOnly"] },
    ]);
  });

  it("factsRecordedBy says who recorded last, naming no other partner; viewer.permissions says who may record", async () => {
    const by = `query($id: ID!) { reseller(id: $id) { reseller { factsRecordedBy factsRecordedAt } } }`;
    const asProvider = async () =>
      (
        await query<{ reseller: { reseller: { factsRecordedBy: string | null } } }>(
          t,
          by,
          { id: id.partner("res") },
          { as: "prov" },
        )
      ).reseller.reseller.factsRecordedBy;
    const own = `{ viewer { partner { factsRecordedBy } permissions { canRecordPartnerFacts } } }`;
    type Own = {
      viewer: { partner: { factsRecordedBy: string | null }; permissions: { canRecordPartnerFacts: boolean } };
    };

    expectOk(await record({ partnerId: id.partner("res"), programStatus: ProgramStatus.ACTIVE }, "prov"));
    expect(await asProvider()).toBe("YOUR_ORGANIZATION");
    // The reseller sees its provider's record as another partner's (not named).
    expect((await query<Own>(t, own, {}, { as: "res" })).viewer.partner.factsRecordedBy).toBe("ANOTHER_PARTNER");
    expectOk(await record({ partnerId: id.partner("res"), mpaSigned: true }, "res"));
    expect(await asProvider()).toBe("THIS_PARTNER");
    expect((await query<Own>(t, own, {}, { as: "res" })).viewer).toEqual({
      partner: { factsRecordedBy: "YOUR_ORGANIZATION" },
      permissions: { canRecordPartnerFacts: true },
    });
    // Never recorded: null. A sales agent may not record (the SPA hides the forms).
    const sales = await t.gql(own, {}, { email: "sales@prov2.example" });
    expect((sales.body.data as Own).viewer).toEqual({
      partner: { factsRecordedBy: null },
      permissions: { canRecordPartnerFacts: false },
    });
  });

  it("keeps provenance per fact: recording one fact leaves the others' time and recorder as they were", async () => {
    type Provenance = { fact: string; recordedAt: string; recordedBy: string | null }[];
    const provenance = async (as: string) =>
      (
        await query<{ reseller: { reseller: { factProvenance: Provenance } } }>(
          t,
          `query($id: ID!) { reseller(id: $id) { reseller { factProvenance { fact recordedAt recordedBy } } } }`,
          { id: id.partner("res") },
          { as },
        )
      ).reseller.reseller.factProvenance;
    expectOk(await record({ partnerId: id.partner("res"), mpaSigned: true }, "res"));
    const mpa = (await provenance("prov")).find((f) => f.fact === "MPA_SIGNED")!;
    expect(mpa.recordedBy).toBe("THIS_PARTNER");
    await new Promise((r) => setTimeout(r, 5));
    expectOk(await record({ partnerId: id.partner("res"), programStatus: ProgramStatus.ACTIVE }, "prov"));
    const after = await provenance("prov");
    expect(after.map((f) => [f.fact, f.recordedBy])).toEqual([
      ["PROGRAM_STATUS", "YOUR_ORGANIZATION"],
      ["MPA_SIGNED", "THIS_PARTNER"],
    ]);
    // The MPA's record is untouched by the provider's program status.
    expect(after.find((f) => f.fact === "MPA_SIGNED")!.recordedAt).toBe(mpa.recordedAt);
    expect(Date.parse(after[0]!.recordedAt)).toBeGreaterThan(Date.parse(mpa.recordedAt));
    // The reseller sees its provider's record as another partner's, its own as its organization's.
    const own = await query<{ viewer: { partner: { factProvenance: Provenance } } }>(
      t,
      `{ viewer { partner { factProvenance { fact recordedBy } } } }`,
      {},
      { as: "res" },
    );
    expect(own.viewer.partner.factProvenance).toEqual([
      { fact: "PROGRAM_STATUS", recordedBy: "ANOTHER_PARTNER" },
      { fact: "MPA_SIGNED", recordedBy: "YOUR_ORGANIZATION" },
    ]);
  });

  it("only a global admin records partner facts", async () => {
    const res = await t.gql(
      RECORD,
      { input: { partnerId: id.partner("prov2"), programStatus: ProgramStatus.SUSPENDED } },
      { email: "sales@prov2.example" },
    );
    expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
  });
});
