import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PartnershipStatus, PartnerType, RuleBook, UserRole } from "../../server/src/domain/enums";
import type { World } from "../../server/src/scenarios/world";
import { startTestServer, type TestServer } from "./harness";
import {
  cspLicense,
  customer,
  expectOk,
  expectRefused,
  ids,
  mutation,
  partner,
  rel,
  type UserErrorShape,
} from "./mutation-helpers";

// Rule book V2: an indirect reseller asks its provider to change seats, auto-renew or the change scheduled for
// renewal (R22: it cannot itself). The request records the value asked for; the provider's decision comes back.

const world: World = {
  partners: [
    partner("prov", "1400001", [PartnerType.INDIRECT_PROVIDER]),
    partner("res", "2400001", [PartnerType.INDIRECT_RESELLER]),
    partner("res2", "2400002", [PartnerType.INDIRECT_RESELLER]),
  ],
  partnerships: [
    { provider: "prov", reseller: "res", status: PartnershipStatus.ACTIVE },
    { provider: "prov", reseller: "res2", status: PartnershipStatus.ACTIVE },
  ],
  customers: [customer("fab"), customer("oth")],
  relationships: [rel("res", "fab"), rel("prov", "fab"), rel("res2", "oth"), rel("prov", "oth")],
  subscriptions: [
    cspLicense("fabE3", "fab", "prov", { offerName: "Microsoft 365 E3", resellerOfRecord: "res", quantity: 20 }),
    cspLicense("fabTeams", "fab", "prov", { offerName: "Teams Essentials", resellerOfRecord: "res", quantity: 8 }),
    cspLicense("othE3", "oth", "prov", { offerName: "Microsoft 365 E5", resellerOfRecord: "res2" }),
    cspLicense("fabPlanned", "fab", "prov", {
      offerName: "Microsoft 365 F3",
      resellerOfRecord: "res",
      quantity: 12,
      scheduledChange: { quantity: 10 },
    }),
  ],
  transfers: [],
  users: [
    { partner: "res", email: "admin@res.example", displayName: "Res admin", role: UserRole.GLOBAL_ADMIN },
    { partner: "res", email: "helpdesk@res.example", displayName: "Res helpdesk", role: UserRole.HELPDESK_AGENT },
  ],
};

const REQUEST = `mutation($input: RequestProviderActionInput!) {
  requestProviderAction(input: $input) {
    providerRequest { id action status quantity autoRenew scheduledChange { quantity termDuration billingCycle }
                      subscription { id } provider { name } }
    providerDecision { action eligible blocking { code ruleId } advisories { code ruleId } }
    userErrors { field message code ruleId }
  }
}`;
type Payload = {
  providerRequest: {
    action: string;
    quantity: number | null;
    autoRenew: boolean | null;
    scheduledChange: { quantity: number | null; termDuration: string | null; billingCycle: string | null } | null;
    subscription: { id: string } | null;
  } | null;
  providerDecision: { action: string; eligible: boolean; blocking: { code: string }[] } | null;
  userErrors: UserErrorShape[];
};

let t: TestServer;
let id: ReturnType<typeof ids>;
const RES = { as: "res" };

beforeAll(async () => {
  t = await startTestServer(world, { now: new Date(), config: { ruleBook: RuleBook.V2 } });
  id = ids(t);
});
afterAll(async () => {
  await t?.close();
});

const input = (action: string, extra: Record<string, unknown>, sub = "fabE3", customerKey = "fab") => ({
  providerId: id.partner("prov"),
  customerId: id.customer(customerKey),
  action,
  subscriptionId: id.sub(sub),
  ...extra,
});

describe("requestProviderAction: lifecycle changes (rule book V2)", () => {
  it("asks for a seat total, auto-renew and a change at renewal, each with the provider's decision", async () => {
    const seats = expectOk(await mutation<Payload>(t, REQUEST, input("CHANGE_QUANTITY", { quantity: 25 }), RES));
    expect(seats.providerRequest).toMatchObject({ action: "CHANGE_QUANTITY", quantity: 25, autoRenew: null });
    expect(seats.providerDecision).toMatchObject({ action: "CHANGE_QUANTITY", eligible: true });

    const renew = expectOk(await mutation<Payload>(t, REQUEST, input("SET_AUTO_RENEW", { autoRenew: false }), RES));
    expect(renew.providerRequest).toMatchObject({ action: "SET_AUTO_RENEW", quantity: null, autoRenew: false });
    expect(renew.providerDecision).toMatchObject({ action: "SET_AUTO_RENEW", eligible: true });

    const change = { quantity: 30, termDuration: "P1Y", billingCycle: "MONTHLY" };
    const plan = expectOk(await mutation<Payload>(t, REQUEST, input("SCHEDULE_CHANGE", { change }), RES));
    expect(plan.providerRequest).toMatchObject({ action: "SCHEDULE_CHANGE", scheduledChange: change });
    expect(plan.providerDecision).toMatchObject({ action: "SCHEDULE_CHANGE", eligible: true });
  });

  it("the provider's decision says why it could not: a reduction outside every window (R44)", async () => {
    const payload = expectOk(
      await mutation<Payload>(t, REQUEST, input("CHANGE_QUANTITY", { quantity: 5, note: "fewer" }, "fabTeams"), {
        as: "res",
      }),
    );
    // fabTeams was bought long ago: its windows are closed, so the provider would be refused today.
    expect(payload.providerDecision?.eligible).toBe(false);
    expect(payload.providerDecision?.blocking.map((b) => b.code)).toContain("SEAT_REDUCTION_WINDOW_CLOSED");
  });

  it("refuses a missing or misplaced value, naming the field, and changes nothing; one open request per action", async () => {
    await expectRefused(t, REQUEST, input("CHANGE_QUANTITY", {}, "fabE3"), RES, [
      { code: "INVALID_INPUT", field: ["input", "quantity"] },
    ]);
    await expectRefused(t, REQUEST, input("SET_AUTO_RENEW", { quantity: 3 }), RES, [
      { code: "INVALID_INPUT", field: ["input", "quantity"] },
      { code: "INVALID_INPUT", field: ["input", "autoRenew"] },
    ]);
    await expectRefused(t, REQUEST, input("CANCEL", { change: { quantity: 3 } }), RES, [
      { code: "INVALID_INPUT", field: ["input", "change"] },
    ]);
    await expectRefused(t, REQUEST, input("CHANGE_QUANTITY", { quantity: 26 }), RES, [
      { code: "ALREADY_EXISTS", field: ["input", "subscriptionId"] },
    ]);
  });

  it("asks to remove the change scheduled for renewal, decided as renewing as it is; refused when none is saved", async () => {
    const removal = expectOk(
      await mutation<Payload>(t, REQUEST, input("CANCEL_SCHEDULED_CHANGE", {}, "fabPlanned"), RES),
    );
    expect(removal.providerRequest).toMatchObject({
      action: "CANCEL_SCHEDULED_CHANGE",
      quantity: null,
      scheduledChange: null,
      subscription: { id: id.sub("fabPlanned") },
    });
    expect(removal.providerDecision).toMatchObject({ action: "SCHEDULE_CHANGE", eligible: true });
    await expectRefused(t, REQUEST, input("CANCEL_SCHEDULED_CHANGE", {}, "fabTeams"), RES, [
      { code: "INVALID_STATE", field: ["input", "subscriptionId"] },
    ]);
    await expectRefused(t, REQUEST, input("CANCEL_SCHEDULED_CHANGE", { change: { quantity: 3 } }, "fabPlanned"), RES, [
      { code: "INVALID_INPUT", field: ["input", "change"] },
    ]);
  });

  it("a reseller cannot ask about another reseller's subscription, and a read-only role cannot ask", async () => {
    const other = await mutation<Payload>(
      t,
      REQUEST,
      input("SET_AUTO_RENEW", { autoRenew: false }, "othE3", "oth"),
      RES,
    );
    expect(other.providerRequest).toBeNull();
    expect(other.userErrors.length).toBeGreaterThan(0);
    const res = await t.gql(
      REQUEST,
      { input: input("SET_AUTO_RENEW", { autoRenew: true }) },
      { email: "helpdesk@res.example" },
    );
    expect(JSON.stringify(res.body)).toMatch(/FORBIDDEN/);
  });
});
