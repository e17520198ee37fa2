import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toGlobalId } from "../../server/src/common/global-id";
import {
  BillingCycle,
  OfferKind,
  PartnershipStatus,
  PartnerType,
  SalesChannel,
  SubscriptionStatus,
  TermDuration,
} from "../../server/src/domain/enums";
import type { World } from "../../server/src/scenarios/world";
import { customer, day, expectError, partner, relationship, subscription } from "./fixtures";
import { startTestServer, type TestServer } from "./harness";

// renewals(within:): what renews or expires soon in the viewer's network, grouped by reseller and customer,
// without the monthly rollovers that change nothing — and nothing of another tenant's.

const yearly = { termDuration: TermDuration.P1Y, billingCycle: BillingCycle.ANNUAL, autoRenew: true };
const monthly = { termDuration: TermDuration.P1M, billingCycle: BillingCycle.MONTHLY, autoRenew: true };

function renewalsWorld(): World {
  const ip = [PartnerType.INDIRECT_PROVIDER];
  const ir = [PartnerType.INDIRECT_RESELLER];
  return {
    partners: [
      partner("P1", "Contoso Distribution", "4100001", ip),
      partner("P2", "Northwind Distribution", "4100002", ip),
      partner("R1", "Alpha Reseller", "4100011", ir),
      partner("R2", "Beta Reseller", "4100012", ir),
      partner("R3", "Gamma Reseller", "4100013", ir),
    ],
    partnerships: [
      { provider: "P1", reseller: "R1", status: PartnershipStatus.ACTIVE },
      { provider: "P1", reseller: "R2", status: PartnershipStatus.ACTIVE },
      { provider: "P2", reseller: "R3", status: PartnershipStatus.ACTIVE },
    ],
    customers: [customer("C1", "Acme Corp"), customer("C2", "Bravo Industries"), customer("C3", "Charlie Labs")],
    relationships: [
      relationship("R1", "C1"),
      relationship("P1", "C1"),
      relationship("R2", "C2"),
      relationship("P1", "C2"),
      relationship("R3", "C3"),
      relationship("P2", "C3"),
    ],
    subscriptions: [
      subscription("annual10", "C1", "Microsoft 365 E3", "P1", "R1", { ...yearly, commitmentEndDate: day(10) }),
      subscription("rollover", "C1", "Teams Essentials", "P1", "R1", { ...monthly, commitmentEndDate: day(4) }),
      subscription("monthlyOff", "C1", "Visio Plan 1", "P1", "R1", {
        ...monthly,
        autoRenew: false,
        commitmentEndDate: day(5),
      }),
      subscription("monthlyScheduled", "C1", "Project Plan 1", "P1", "R1", {
        ...monthly,
        commitmentEndDate: day(20),
        scheduledChange: { quantity: 5 },
      }),
      subscription("noTerm", "C1", "Azure plan", "P1", "R1", {
        offerKind: OfferKind.USAGE_BASED,
        isAzurePlan: true,
        quantity: 1,
        termDuration: null,
        billingCycle: BillingCycle.MONTHLY,
        commitmentEndDate: day(5),
      }),
      subscription("direct", "C1", "Office 365 E1", null, null, {
        ...yearly,
        channel: SalesChannel.MICROSOFT_DIRECT,
        commitmentEndDate: day(6),
      }),
      subscription("annual60", "C2", "Business Premium", "P1", "R2", { ...yearly, commitmentEndDate: day(60) }),
      subscription("ended", "C2", "Business Basic", "P1", "R2", { ...yearly, commitmentEndDate: day(-1) }),
      subscription("deleted", "C2", "Power BI Pro", "P1", "R2", {
        ...yearly,
        status: SubscriptionStatus.DELETED,
        commitmentEndDate: day(5),
      }),
      subscription("foreign", "C3", "Dynamics 365 Sales", "P2", "R3", { ...yearly, commitmentEndDate: day(3) }),
    ],
    transfers: [],
    users: [],
  };
}

let t: TestServer;
const gid = (key: string) => toGlobalId("CustomerSubscription", t.world.subscriptions.get(key)!);

beforeAll(async () => {
  t = await startTestServer(renewalsWorld());
});

afterAll(async () => {
  await t?.close();
});

const RENEWALS = `query ($within: Int!, $first: Int, $after: String) {
  renewals(within: $within, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id offerName customer { name } resellerOfRecord { name } }
  }
}`;

interface RenewalsPage {
  renewals: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: { id: string; offerName: string; customer: { name: string }; resellerOfRecord: { name: string } | null }[];
  };
}

async function renewalIds(as: string, within: number): Promise<string[]> {
  const res = await t.gql<RenewalsPage>(RENEWALS, { within, first: 100 }, { as });
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  const { nodes, totalCount } = res.body.data!.renewals;
  expect(totalCount).toBe(nodes.length);
  return nodes.map((n) => n.id);
}

describe("renewals(within:)", () => {
  it("lists what ends within the window, each customer's rows together, soonest first; not the unchanged monthly rollover", async () => {
    expect(await renewalIds("P1", 7)).toEqual([gid("monthlyOff")]);
    expect(await renewalIds("P1", 30)).toEqual([gid("monthlyOff"), gid("annual10"), gid("monthlyScheduled")]);
    const ninety = await renewalIds("P1", 90);
    expect(ninety).toHaveLength(4);
    expect(ninety).toContain(gid("annual60"));
    // One reseller's rows are contiguous (grouped), whichever reseller comes first.
    const r1 = [gid("monthlyOff"), gid("annual10"), gid("monthlyScheduled")];
    const at = ninety.indexOf(gid("annual60"));
    expect(at === 0 ? ninety.slice(1) : ninety.slice(0, 3)).toEqual(r1);
    for (const left of ["rollover", "noTerm", "direct", "ended", "deleted", "foreign"]) {
      expect(ninety).not.toContain(gid(left));
    }
  });

  it("a reseller sees only what it is reseller of record for; another provider's network never appears", async () => {
    expect(await renewalIds("R1", 90)).toEqual([gid("monthlyOff"), gid("annual10"), gid("monthlyScheduled")]);
    expect(await renewalIds("R2", 90)).toEqual([gid("annual60")]);
    expect(await renewalIds("R3", 90)).toEqual([gid("foreign")]);
    expect(await renewalIds("P2", 90)).toEqual([gid("foreign")]);
    const res = await t.gql<RenewalsPage>(RENEWALS, { within: 366, first: 100 }, { as: "P2" });
    const text = JSON.stringify(res.body);
    for (const name of ["Acme Corp", "Bravo Industries", "Alpha Reseller", "Microsoft 365 E3", "Business Premium"]) {
      expect(text).not.toContain(name);
    }
  });

  it("pages with a cursor: one row a page gives the same rows in the same order", async () => {
    const all = await renewalIds("P1", 90);
    const walked: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const res: Awaited<ReturnType<typeof t.gql<RenewalsPage>>> = await t.gql<RenewalsPage>(
        RENEWALS,
        { within: 90, first: 1, after },
        { as: "P1" },
      );
      expect(res.body.errors).toBeUndefined();
      const page = res.body.data!.renewals;
      walked.push(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(walked).toEqual(all);
  });

  it("loads customers and resellers in batches: a page of 4 costs what a page of 1 does", async () => {
    type Page = { renewals: { totalCount: number; pageInfo: { hasNextPage: boolean }; nodes: unknown[] } };
    const one = await t.gql<Page>(RENEWALS, { within: 90, first: 1 }, { as: "P1" });
    const four = await t.gql<Page>(RENEWALS, { within: 90, first: 4 }, { as: "P1" });
    expect(four.body.errors).toBeUndefined();
    expect(one.body.data!.renewals.pageInfo.hasNextPage).toBe(true);
    // Four renewals fit in the page of 4: it is its own totalCount, one COUNT statement less than the page of 1.
    expect(four.body.data!.renewals.pageInfo.hasNextPage).toBe(false);
    expect(four.body.data!.renewals.totalCount).toBe(four.body.data!.renewals.nodes.length);
    expect(one.body.data!.renewals.totalCount).toBe(four.body.data!.renewals.totalCount);
    expect(four.sqlCount).toBe(one.sqlCount - 1);
  });

  it("refuses a window outside 1–366 days and an oversized page, naming the field", async () => {
    for (const within of [0, -7, 367]) {
      const res = await t.gql(RENEWALS, { within, first: 10 }, { as: "P1" });
      expectError(res.body, "BAD_USER_INPUT", "within");
    }
    expectError((await t.gql(RENEWALS, { within: 30, first: 101 }, { as: "P1" })).body, "BAD_USER_INPUT", "first");
  });

  it("is denied without a sign-in", async () => {
    const res = await t.gql(RENEWALS, { within: 30, first: 10 });
    expect(res.body.data?.renewals ?? null).toBeNull();
    expect(res.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
