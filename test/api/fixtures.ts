import { expect } from "vitest";
import { addDays, toIsoDate } from "../../server/src/common/dates";
import {
  CommerceModel,
  OfferKind,
  PartnershipStatus,
  PartnerType,
  ProgramStatus,
  RelationshipStatus,
  SalesChannel,
  SubscriptionStatus,
  TransferStatus,
  UserRole,
} from "../../server/src/domain/enums";
import type {
  World,
  WorldCustomer,
  WorldPartner,
  WorldRelationship,
  WorldSubscription,
  WorldTransfer,
} from "../../server/src/scenarios/world";
import type { GqlError, TestServer } from "./harness";
import { GLOBAL_ADMIN_ROLE_TEMPLATE_ID, signCustomerAdminToken } from "../../server/src/auth/customer-admin-token";
import { Customer } from "../../server/src/modules/customer/customer.entity";

// Small world builders for the API tests. Dates are relative to the real today: the server decides "today"
// from the clock (ctx.today), so a PENDING transfer created 3 days ago stays PENDING whenever the tests run.

export const TODAY = toIsoDate(new Date());
export const day = (offset: number): string => addDays(TODAY, offset);

export function partner(
  key: string,
  name: string,
  partnerId: string,
  types: PartnerType[],
  extra: Partial<WorldPartner> = {},
): WorldPartner {
  return { key, name, partnerId, types, country: "US", mpaSigned: true, programStatus: ProgramStatus.ACTIVE, ...extra };
}

export function customer(key: string, name: string, extra: Partial<WorldCustomer> = {}): WorldCustomer {
  const domain = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "")}.onmicrosoft.com`;
  return { key, name, domain, country: "US", mcaAccepted: true, partnerTenantOf: null, ...extra };
}

export function relationship(
  partnerKey: string,
  customerKey: string,
  status: RelationshipStatus = RelationshipStatus.ACTIVE,
): WorldRelationship {
  return { partner: partnerKey, customer: customerKey, status, includesDelegatedAdmin: true };
}

/** A CSP new-commerce license subscription unless `extra` says otherwise. */
export function subscription(
  key: string,
  customerKey: string,
  offerName: string,
  transactingPartner: string | null,
  resellerOfRecord: string | null,
  extra: Partial<WorldSubscription> = {},
): WorldSubscription {
  return {
    key,
    customer: customerKey,
    offerName,
    offerKind: OfferKind.LICENSE_BASED,
    commerceModel: CommerceModel.NEW_COMMERCE,
    channel: SalesChannel.CSP,
    status: SubscriptionStatus.ACTIVE,
    transactingPartner,
    resellerOfRecord,
    purchaseDate: day(-200),
    renewalDate: null,
    commitmentEndDate: day(165),
    quantity: 10,
    isAzurePlan: false,
    parent: null,
    ...extra,
  };
}

export function transfer(
  key: string,
  customerKey: string,
  source: string,
  target: string,
  reseller: string | null,
  status: TransferStatus,
  createdAt: string,
  subscriptions: string[],
): WorldTransfer {
  return { key, customer: customerKey, source, target, reseller, status, createdAt, subscriptions };
}

// ---------------------------------------------------------------------------------------------------------
// The tenant-scoping world.
//
//   P1 (provider) ── ACTIVE ── R1, R2      P1 ── INVITED ── R4      P1 ── REMOVED ── R5
//   P2 (provider) ── ACTIVE ── R3, R4, R5
//   D  (direct bill)
//
//   C1 Acme Corp         R1, P1 (+ D, the target of T1)        C5 Echo Retail     R1, P1 REMOVED; D ACTIVE
//   C2 Bravo Industries  R2, P1 (P2 REMOVED)                   C6 Foxtrot Media   R5, P2 (R5 left P1)
//   C3 Charlie Labs      R3, P2 (+ D, the source of T2)        C7 Golf Travel     R4, P2 (R4 only INVITED by P1)
//   C4 Delta Foods       D                                     C8 Hotel Supplies  P1 REQUESTED only
// ---------------------------------------------------------------------------------------------------------

export const NAMES = {
  C1: "Acme Corp",
  C2: "Bravo Industries",
  C3: "Charlie Labs",
  C4: "Delta Foods",
  C5: "Echo Retail",
  C6: "Foxtrot Media",
  C7: "Golf Travel",
  C8: "Hotel Supplies",
  P1: "Contoso Distribution",
  P2: "Northwind Distribution",
  R1: "Alpha Reseller",
  R2: "Beta Reseller",
  R3: "Gamma Reseller",
  R4: "Delta Reseller",
  R5: "Epsilon Reseller",
  D: "Direct Partner",
} as const;

export const R1_HELPDESK = "helpdesk@alpha-reseller.example";

export function scopingWorld(): World {
  const ir = [PartnerType.INDIRECT_RESELLER];
  const ip = [PartnerType.INDIRECT_PROVIDER];
  const A = RelationshipStatus.ACTIVE;
  const REMOVED = RelationshipStatus.REMOVED;
  return {
    partners: [
      partner("P1", NAMES.P1, "4000001", ip),
      partner("P2", NAMES.P2, "4000002", ip),
      partner("R1", NAMES.R1, "4000011", ir),
      partner("R2", NAMES.R2, "4000012", ir),
      partner("R3", NAMES.R3, "4000013", ir),
      partner("R4", NAMES.R4, "4000014", ir),
      partner("R5", NAMES.R5, "4000015", ir),
      partner("D", NAMES.D, "4000021", [PartnerType.DIRECT_BILL]),
    ],
    partnerships: [
      { provider: "P1", reseller: "R1", status: PartnershipStatus.ACTIVE },
      { provider: "P1", reseller: "R2", status: PartnershipStatus.ACTIVE },
      { provider: "P2", reseller: "R3", status: PartnershipStatus.ACTIVE },
      { provider: "P1", reseller: "R4", status: PartnershipStatus.INVITED },
      { provider: "P2", reseller: "R4", status: PartnershipStatus.ACTIVE },
      { provider: "P1", reseller: "R5", status: PartnershipStatus.REMOVED },
      { provider: "P2", reseller: "R5", status: PartnershipStatus.ACTIVE },
    ],
    customers: [
      customer("C1", NAMES.C1),
      customer("C2", NAMES.C2),
      customer("C3", NAMES.C3),
      customer("C4", NAMES.C4),
      customer("C5", NAMES.C5),
      customer("C6", NAMES.C6),
      customer("C7", NAMES.C7),
      customer("C8", NAMES.C8),
    ],
    relationships: [
      relationship("R1", "C1", A),
      relationship("P1", "C1", A),
      relationship("D", "C1", A),
      relationship("R2", "C2", A),
      relationship("P1", "C2", A),
      relationship("P2", "C2", REMOVED),
      relationship("R3", "C3", A),
      relationship("P2", "C3", A),
      relationship("D", "C3", A),
      relationship("D", "C4", A),
      relationship("R1", "C5", REMOVED),
      relationship("P1", "C5", REMOVED),
      relationship("D", "C5", A),
      relationship("R5", "C6", A),
      relationship("P2", "C6", A),
      relationship("R4", "C7", A),
      relationship("P2", "C7", A),
      relationship("P1", "C8", RelationshipStatus.REQUESTED),
    ],
    subscriptions: [
      subscription("s1a", "C1", "Microsoft 365 E3", "P1", "R1", { commitmentEndDate: day(60) }),
      subscription("s1b", "C1", "Teams Phone Standard", "P1", "R1", { parent: "s1a", commitmentEndDate: day(60) }),
      subscription("s1c", "C1", "Azure plan", "P1", "R1", {
        offerKind: OfferKind.USAGE_BASED,
        isAzurePlan: true,
        quantity: 1,
        commitmentEndDate: day(20),
      }),
      subscription("s1d", "C1", "Office 365 E1", null, null, {
        channel: SalesChannel.MICROSOFT_DIRECT,
        commitmentEndDate: day(90),
      }),
      subscription("s1e", "C1", "Exchange Online Plan 2", "D", null, { commitmentEndDate: day(120) }),
      subscription("s2a", "C2", "Microsoft 365 Business Premium", "P1", "R2", {
        purchaseDate: day(-2),
        commitmentEndDate: day(362),
      }),
      subscription("s2b", "C2", "Defender for Business", "P1", "R2", { parent: "s2a", commitmentEndDate: day(362) }),
      subscription("s2c", "C2", "Dynamics 365 Business Central", null, null, { channel: SalesChannel.EA }),
      subscription("s3a", "C3", "Dynamics 365 Sales", "P2", "R3"),
      subscription("s3b", "C3", "Exchange Online Plan 1", "D", null, { status: SubscriptionStatus.SUSPENDED }),
      subscription("s4a", "C4", "Microsoft 365 E5", "D", null),
      subscription("s5a", "C5", "Power BI Pro", "D", null),
      subscription("s6a", "C6", "Project Plan 3", "P2", "R5"),
      subscription("s7a", "C7", "Visio Plan 2", "P2", "R4"),
      // C8 only has P1's pending request: P1 lists it as invited but must not read what it holds.
      subscription("s8a", "C8", "Windows 365 Enterprise", null, null, { channel: SalesChannel.MICROSOFT_DIRECT }),
    ],
    transfers: [
      // P1 → D about C1 (R1 sees C1 but is no party).
      transfer("T1", "C1", "P1", "D", null, TransferStatus.PENDING, day(-3), ["s1a"]),
      // D → P2 (for R3) about C3.
      transfer("T2", "C3", "D", "P2", "R3", TransferStatus.PENDING, day(-5), ["s3b"]),
      // P1 → P2 (for R3) about C2, rejected; P2 has since lost its relationship with C2, R3 never had one.
      transfer("T3", "C2", "P1", "P2", "R3", TransferStatus.REJECTED, day(-40), ["s2a"]),
      // D → P2 about C4, withdrawn.
      transfer("T4", "C4", "D", "P2", null, TransferStatus.WITHDRAWN, day(-60), ["s4a"]),
      // P1 → D about C5, completed: C5 left P1's network with it.
      transfer("T5", "C5", "P1", "D", null, TransferStatus.COMPLETED, day(-100), ["s5a"]),
      // D → P1 naming R1 about C1: the one transfer R1 is a party to.
      transfer("T6", "C1", "D", "P1", "R1", TransferStatus.PENDING, day(-1), ["s1e"]),
    ],
    users: [
      { partner: "R1", email: "admin@alpha-reseller.example", displayName: "Alpha admin", role: UserRole.GLOBAL_ADMIN },
      { partner: "R1", email: R1_HELPDESK, displayName: "Alpha helpdesk", role: UserRole.HELPDESK_AGENT },
      { partner: "R2", email: "admin@beta-reseller.example", displayName: "Beta admin", role: UserRole.GLOBAL_ADMIN },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------
// The pagination world: one provider whose network holds 9 customers, 13 subscriptions (several sharing a term
// end date) and 9 transfers (several created at the same instant), so keyset cursors need their id tie-breaker.
// ---------------------------------------------------------------------------------------------------------

export const PAGING_CUSTOMERS = [
  "Adatum",
  "Bellows College",
  "Coho Winery",
  "Contoso",
  "Fabrikam",
  "Litware",
  "Margie Travel",
  "Proseware",
  "Tailspin Toys",
];

export function pagingWorld(): World {
  const customers = PAGING_CUSTOMERS.map((name, i) => customer(`c${i}`, name));
  const outsider = customer("outsider", "Zzz Outsider");
  const subscriptions: WorldSubscription[] = [];
  const termEnds = [10, 10, 10, 25, 40, 40, 55, 70, 70, 70, 90, 120, 300];
  termEnds.forEach((offset, i) => {
    subscriptions.push(
      subscription(`s${i}`, `c${i % customers.length}`, `Offer ${String(i).padStart(2, "0")}`, "prov", "res", {
        commitmentEndDate: day(offset),
      }),
    );
  });
  subscriptions.push(subscription("sx", "outsider", "Outsider offer", "other", null));
  const created = [
    `${day(-1)}T09:00:00.000Z`,
    `${day(-2)}T09:00:00.000Z`,
    `${day(-2)}T09:00:00.000Z`,
    `${day(-2)}T09:00:00.000Z`,
    `${day(-4)}T15:30:00.000Z`,
    `${day(-6)}T08:00:00.000Z`,
    `${day(-6)}T08:00:00.000Z`,
    `${day(-9)}T23:59:59.000Z`,
    `${day(-45)}T00:00:00.000Z`,
  ];
  const transfers = created.map((at, i) =>
    transfer(`t${i}`, `c${i}`, "other", "prov", "res", TransferStatus.PENDING, at, [`s${i}`]),
  );
  transfers.push(transfer("tx", "outsider", "other", "direct2", null, TransferStatus.PENDING, day(-1), ["sx"]));
  return {
    partners: [
      partner("prov", "Paging Provider", "5000001", [PartnerType.INDIRECT_PROVIDER]),
      partner("res", "Paging Reseller", "5000002", [PartnerType.INDIRECT_RESELLER]),
      partner("other", "Other Direct", "5000003", [PartnerType.DIRECT_BILL]),
      partner("direct2", "Second Direct", "5000004", [PartnerType.DIRECT_BILL]),
    ],
    partnerships: [{ provider: "prov", reseller: "res", status: PartnershipStatus.ACTIVE }],
    customers: [...customers, outsider],
    relationships: [
      ...customers.flatMap((c) => [relationship("prov", c.key), relationship("res", c.key)]),
      relationship("other", "outsider"),
      relationship("direct2", "outsider"),
    ],
    subscriptions,
    transfers,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The volume world for statement counts: provider "prov" with 110 resellers (3 with customers), 30 customers
// holding 159 subscriptions (one of them, "big", holds 101), 75 more customers without subscriptions, add-ons,
// pending transfers and a direct-bill partner "direct" related to every customer.
// ---------------------------------------------------------------------------------------------------------

export const VOLUME = { resellers: 110, busyCustomers: 30, idleCustomers: 75 };

export function volumeWorld(): { world: World; subscriptionCount: number } {
  const partners: WorldPartner[] = [
    partner("prov", "Volume Provider", "6000001", [PartnerType.INDIRECT_PROVIDER]),
    partner("direct", "Volume Direct", "6000002", [PartnerType.DIRECT_BILL]),
  ];
  const resellerKey = (i: number) => `res${i}`;
  for (let i = 0; i < VOLUME.resellers; i++) {
    partners.push(
      partner(
        resellerKey(i),
        `Reseller ${String(i).padStart(3, "0")}`,
        String(6100000 + i),
        [PartnerType.INDIRECT_RESELLER],
        {
          // Some compliance variety for complianceFlags.
          mpaSigned: i % 7 !== 3,
          country: i % 11 === 5 ? "CA" : "US",
        },
      ),
    );
  }
  const customers: WorldCustomer[] = [];
  const relationships: WorldRelationship[] = [];
  const subscriptions: WorldSubscription[] = [];
  const transfers: WorldTransfer[] = [];
  // Every customer belongs to one of three resellers (and the provider); "direct" is related to all of them.
  const ownerOf = (i: number) => resellerKey(i % 3);
  for (let i = 0; i < VOLUME.busyCustomers; i++) {
    const key = i === 0 ? "big" : `busy${i}`;
    customers.push(customer(key, `Customer ${String(i * 2).padStart(3, "0")}`));
    relationships.push(relationship("prov", key), relationship(ownerOf(i), key), relationship("direct", key));
    const count = i === 0 ? 101 : 2;
    for (let j = 0; j < count; j++) {
      const sKey = `${key}-s${j}`;
      // Term ends spread so the customers interleave in term-end order. The soonest subscription of all is an
      // add-on of "big" (parentSubscription resolves on every page, N = 1 included); every page of the first
      // 100 holds only CSP subscriptions naming the customer's reseller (the partners its relationships name).
      const offset = i === 0 ? (j === 0 ? 1 : 2 + j * 3) : 3 + i * 7 + j;
      subscriptions.push(
        subscription(sKey, key, `Offer ${i}-${j}`, "prov", ownerOf(i), {
          commitmentEndDate: day(offset),
          parent: i === 0 && j === 0 ? `${key}-s1` : null,
          offerKind: j % 5 === 4 ? OfferKind.USAGE_BASED : OfferKind.LICENSE_BASED,
          isAzurePlan: j % 5 === 4,
          commerceModel: j % 9 === 8 ? CommerceModel.LEGACY : CommerceModel.NEW_COMMERCE,
          status: j % 13 === 12 ? SubscriptionStatus.SUSPENDED : SubscriptionStatus.ACTIVE,
        }),
      );
    }
    if (i % 4 === 1) {
      // Bought elsewhere, terms ending last: multi-channel customers for the `channels` fields.
      subscriptions.push(
        subscription(`${key}-ea`, key, `EA offer ${i}`, null, null, {
          channel: SalesChannel.EA,
          commitmentEndDate: day(900 + i),
        }),
      );
    }
  }
  for (let i = 0; i < VOLUME.idleCustomers; i++) {
    const key = `idle${i}`;
    customers.push(customer(key, `Customer ${String(i * 2 + 1).padStart(3, "0")}`));
    relationships.push(
      relationship("prov", key),
      relationship(ownerOf(i), key, i % 5 === 0 ? RelationshipStatus.REQUESTED : RelationshipStatus.ACTIVE),
    );
  }
  // Pending transfers holding some of big's subscriptions (R16 facts), from prov to direct.
  for (let j = 10; j < 40; j += 6) {
    transfers.push(
      transfer(`t${j}`, "big", "prov", "direct", null, TransferStatus.PENDING, day(-(j % 20)), [`big-s${j}`]),
    );
  }
  return {
    world: {
      partners,
      partnerships: Array.from({ length: VOLUME.resellers }, (_, i) => ({
        provider: "prov",
        reseller: resellerKey(i),
        status: i % 10 === 9 ? PartnershipStatus.INVITED : PartnershipStatus.ACTIVE,
      })),
      customers,
      relationships,
      subscriptions,
      transfers,
    },
    subscriptionCount: subscriptions.length,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Assertions and raw HTTP.
// ---------------------------------------------------------------------------------------------------------

/** The first error has this code (and field), and the response carries no data for the field. */
export function expectError(body: { data?: unknown; errors?: GqlError[] }, code: string, field?: string): GqlError {
  expect(body.errors, JSON.stringify(body)).toBeDefined();
  const error = body.errors![0]!;
  expect(error.extensions?.code, JSON.stringify(body)).toBe(code);
  if (field !== undefined) expect(error.extensions?.field, JSON.stringify(body)).toBe(field);
  return error;
}

/** POSTs a raw body (anything, even invalid JSON) and returns the status and the response text. */
export async function rawPost(
  url: string,
  body: string,
  headers: Record<string, string> = { "content-type": "application/json" },
): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: "POST", headers, body });
  return { status: res.status, text: await res.text() };
}

/** Text that must never reach a client: stack traces, SQL, driver names. */
export const LEAK_PATTERNS = [
  /stack/i,
  /stacktrace/i,
  /\bSELECT\b/i,
  /SQLITE/i,
  /QueryFailedError/i,
  /\bat .+\.(ts|js):\d+/,
];

export function expectNoLeak(text: string): void {
  for (const pattern of LEAK_PATTERNS)
    expect(text, `response leaks ${pattern}: ${text.slice(0, 500)}`).not.toMatch(pattern);
}

/**
 * A signed customer-admin session (what the customer's sign-in gives, auth/customer-admin-token.ts) for the customer
 * tenant with this domain: a global admin unless `globalAdmin: false`; `secret` signs with another key.
 */
export async function customerAdminSession(
  t: TestServer,
  domain: string,
  opts: { globalAdmin?: boolean; secret?: string } = {},
): Promise<string> {
  const customer = await t.app.dataSource.getRepository(Customer).findOneByOrFail({ domain });
  return signCustomerAdminToken(opts.secret ?? t.config.authSecret, {
    tenantId: customer.tenantId,
    upn: `admin@${domain}`,
    roleTemplateIds: opts.globalAdmin === false ? [] : [GLOBAL_ADMIN_ROLE_TEMPLATE_ID],
  });
}
