import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PartnershipStatus, PartnerType, UserRole } from "../../server/src/domain/enums";
import type { World } from "../../server/src/scenarios/world";
import { startTestServer, type TestServer } from "./harness";
import {
  customer,
  day,
  expectOk,
  expectRefused,
  ids,
  mutation,
  partner,
  query,
  rel,
  today,
  USER_ERRORS,
  type UserErrorShape,
} from "./mutation-helpers";

// recordCustomerAgreement: a partner records that a customer accepted the Microsoft Customer Agreement after the
// customer was created, which ordering needs (R3). Refusals change nothing; the change is audited.

const world: World = {
  partners: [
    partner("prov", "1000001", [PartnerType.INDIRECT_PROVIDER]),
    partner("res", "2000001", [PartnerType.INDIRECT_RESELLER]),
    partner("other", "3000001", [PartnerType.DIRECT_BILL]),
  ],
  partnerships: [{ provider: "prov", reseller: "res", status: PartnershipStatus.ACTIVE }],
  customers: [customer("fabrikam", { mcaAccepted: false }), customer("resOnly", { mcaAccepted: false })],
  relationships: [rel("prov", "fabrikam"), rel("res", "resOnly")],
  subscriptions: [],
  transfers: [],
  users: [
    { partner: "prov", email: "admin@prov.example", displayName: "Prov admin", role: UserRole.GLOBAL_ADMIN },
    { partner: "prov", email: "helpdesk@prov.example", displayName: "Prov helpdesk", role: UserRole.HELPDESK_AGENT },
  ],
};

const RECORD = `mutation($input: RecordCustomerAgreementInput!) { recordCustomerAgreement(input: $input) {
  customer { id mcaAccepted mcaAcceptedOn mcaAcceptedByName mcaAcceptedByEmail } ${USER_ERRORS} } }`;
const ORDER_DECISION = `query($id: ID!) { eligibility(input: { action: ORDER, customerId: $id, offerKind: LICENSE_BASED }) {
  eligible blocking { ruleId } } }`;

type Payload = {
  customer: {
    id: string;
    mcaAccepted: boolean;
    mcaAcceptedOn: string | null;
    mcaAcceptedByName: string | null;
    mcaAcceptedByEmail: string | null;
  } | null;
  userErrors: UserErrorShape[];
};

let t: TestServer;
let id: ReturnType<typeof ids>;
const PROV = { as: "prov" };

beforeAll(async () => {
  t = await startTestServer(world, { now: new Date() });
  id = ids(t);
});

afterAll(async () => {
  await t?.close();
});

const input = (extra: Record<string, unknown> = {}) => ({
  customerId: id.customer("fabrikam"),
  dateAgreed: day(-3),
  acceptedByName: "Dana Fabrikam",
  acceptedByEmail: "Dana@Fabrikam.example",
  ...extra,
});

describe("recordCustomerAgreement", () => {
  it("refuses bad details, all at once, naming each field", async () => {
    await expectRefused(
      t,
      RECORD,
      input({ acceptedByName: " ", acceptedByEmail: "not-an-email", dateAgreed: day(1) }),
      PROV,
      [
        { code: "INVALID_INPUT", field: ["input", "acceptedByName"] },
        { code: "INVALID_INPUT", field: ["input", "acceptedByEmail"] },
        { code: "INVALID_INPUT", field: ["input", "dateAgreed"] },
      ],
    );
  });

  it("refuses a partner without an active relationship, and a customer outside the network", async () => {
    // The provider sees its reseller's customer, but only the reseller holds the relationship.
    await expectRefused(t, RECORD, input({ customerId: id.customer("resOnly") }), PROV, [
      { code: "NOT_ALLOWED", field: ["input", "customerId"] },
    ]);
    await expectRefused(t, RECORD, input(), { as: "other" }, [{ code: "NOT_FOUND", field: ["input", "customerId"] }]);
  });

  it("is forbidden to a role that cannot manage customers", async () => {
    const res = await t.gql(RECORD, { input: input() }, { email: "helpdesk@prov.example" });
    expect(res.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("records the acceptance, which lifts R3 from the ORDER decision, and is audited", async () => {
    const before = await query<{ eligibility: { blocking: { ruleId: string }[] } }>(
      t,
      ORDER_DECISION,
      { id: id.customer("fabrikam") },
      PROV,
    );
    expect(before.eligibility.blocking.map((r) => r.ruleId)).toContain("R3");

    const p = expectOk(await mutation<Payload>(t, RECORD, input(), PROV));
    expect(p.customer).toEqual({
      id: id.customer("fabrikam"),
      mcaAccepted: true,
      mcaAcceptedOn: day(-3),
      mcaAcceptedByName: "Dana Fabrikam",
      mcaAcceptedByEmail: "dana@fabrikam.example",
    });
    const after = await query<{ eligibility: { blocking: { ruleId: string }[] } }>(
      t,
      ORDER_DECISION,
      { id: id.customer("fabrikam") },
      PROV,
    );
    expect(after.eligibility.blocking.map((r) => r.ruleId)).not.toContain("R3");

    const rows: { outcome: string; changes: string }[] = await t.app.dataSource.query(
      `SELECT outcome, changes FROM audit_event WHERE operation = 'recordCustomerAgreement' AND outcome = 'ACCEPTED'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.changes).toContain("mcaAcceptedByEmail");
  });

  it("refuses the same details again, and takes other details (a re-confirmation)", async () => {
    await expectRefused(t, RECORD, input(), PROV, [{ code: "ALREADY_EXISTS", field: null }]);
    const p = expectOk(await mutation<Payload>(t, RECORD, input({ dateAgreed: today() }), PROV));
    expect(p.customer?.mcaAcceptedOn).toBe(today());
  });
});
