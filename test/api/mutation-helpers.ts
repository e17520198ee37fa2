import { expect } from "vitest";
import { toGlobalId } from "../../server/src/common/global-id";
import {
  CommerceModel,
  OfferKind,
  PartnerType,
  ProgramStatus,
  RelationshipStatus,
  SalesChannel,
  SubscriptionStatus,
} from "../../server/src/domain/enums";
import type {
  WorldCustomer,
  WorldPartner,
  WorldRelationship,
  WorldSubscription,
} from "../../server/src/scenarios/world";
import type { TestServer } from "./harness";

// Shared by the mutation API tests: dates relative to the server's "today" (the real UTC date), compact
// world builders, global ids, and a whole-database snapshot to prove that a refused mutation changed nothing.

const DAY_MS = 86_400_000;

/** Today's UTC date, as the server computes it per request. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Today plus `n` days (negative for the past), YYYY-MM-DD. */
export function day(n: number): string {
  return new Date(Date.parse(`${today()}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function partner(
  key: string,
  partnerId: string,
  types: PartnerType[],
  extra: Partial<WorldPartner> = {},
): WorldPartner {
  return {
    key,
    name: `${key[0]!.toUpperCase()}${key.slice(1)} Ltd`,
    partnerId,
    types,
    country: "US",
    mpaSigned: true,
    programStatus: ProgramStatus.ACTIVE,
    ...extra,
  };
}

export function customer(key: string, extra: Partial<WorldCustomer> = {}): WorldCustomer {
  return {
    key,
    name: `${key[0]!.toUpperCase()}${key.slice(1)} Inc`,
    domain: `${key.toLowerCase()}.onmicrosoft.com`,
    country: "US",
    mcaAccepted: true,
    partnerTenantOf: null,
    ...extra,
  };
}

export function rel(
  partnerKey: string,
  customerKey: string,
  status: RelationshipStatus = RelationshipStatus.ACTIVE,
): WorldRelationship {
  return { partner: partnerKey, customer: customerKey, status, includesDelegatedAdmin: true };
}

/** A new-commerce, license-based CSP subscription bought 60 days ago, for a year. */
export function cspLicense(
  key: string,
  customerKey: string,
  transactingPartner: string | null,
  extra: Partial<WorldSubscription> = {},
): WorldSubscription {
  return {
    key,
    customer: customerKey,
    offerName: `Offer ${key}`,
    offerKind: OfferKind.LICENSE_BASED,
    commerceModel: CommerceModel.NEW_COMMERCE,
    channel: SalesChannel.CSP,
    status: SubscriptionStatus.ACTIVE,
    transactingPartner,
    resellerOfRecord: null,
    purchaseDate: day(-60),
    renewalDate: null,
    commitmentEndDate: day(300),
    quantity: 10,
    isAzurePlan: false,
    parent: null,
    ...extra,
  };
}

function idOf(map: Map<string, string>, key: string, what: string): string {
  const id = map.get(key);
  if (!id) throw new Error(`unknown ${what} key ${key}`);
  return id;
}

/** Global ids of the loaded world's objects, by world key. */
export function ids(t: TestServer) {
  return {
    partner: (key: string) => toGlobalId("Partner", idOf(t.world.partners, key, "partner")),
    customer: (key: string) => toGlobalId("Customer", idOf(t.world.customers, key, "customer")),
    sub: (key: string) => toGlobalId("CustomerSubscription", idOf(t.world.subscriptions, key, "subscription")),
    transfer: (key: string) => toGlobalId("Transfer", idOf(t.world.transfers, key, "transfer")),
  };
}

const TABLES = [
  "partner",
  "user",
  "reseller_partnership",
  "customer",
  "customer_relationship",
  "customer_subscription",
  "transfer",
  "transfer_line",
  "provider_request",
  "api_token",
];

/** Every row of every table, ordered: equal snapshots mean nothing was written. */
export async function snapshot(t: TestServer): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) out[table] = await t.app.dataSource.query(`SELECT * FROM "${table}" ORDER BY id`);
  return JSON.stringify(out);
}

export interface UserErrorShape {
  field: string[] | null;
  message: string;
  code: string;
  ruleId: string | null;
}

export const USER_ERRORS = "userErrors { field message code ruleId }";

/** Who sends a request: a partner key or a user's email (or neither), and any extra headers (accept-language). */
export interface Who {
  as?: string;
  email?: string;
  headers?: Record<string, string>;
}

/** Runs a mutation as `who` and returns its payload, failing on any top-level GraphQL error. */
export async function mutation<P extends { userErrors: UserErrorShape[] }>(
  t: TestServer,
  query: string,
  input: Record<string, unknown>,
  who: Who | null,
): Promise<P> {
  const res = await t.gql<Record<string, P>>(query, { input }, who ?? {});
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  expect(res.status).toBe(200);
  const data = res.body.data!;
  return data[Object.keys(data)[0]!]!;
}

/** Runs a query as `who`, failing on any GraphQL error. */
export async function query<T = Record<string, unknown>>(
  t: TestServer,
  q: string,
  variables: Record<string, unknown>,
  who: Who,
): Promise<T> {
  const res = await t.gql<T>(q, variables, who);
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  return res.body.data!;
}

/**
 * Runs a mutation expected to be refused: asserts its user errors (code, field and, when given, ruleId) and
 * that the database is exactly as it was before. Returns the payload for further checks.
 */
export async function expectRefused<P extends { userErrors: UserErrorShape[] }>(
  t: TestServer,
  q: string,
  input: Record<string, unknown>,
  who: Who | null,
  expected: { code: string; field: string[] | null; ruleId?: string | null }[],
): Promise<P> {
  const before = await snapshot(t);
  const payload = await mutation<P>(t, q, input, who);
  // ruleId is compared only where the expectation names one (null included).
  expect(
    payload.userErrors.map((e, i) => ({
      code: e.code,
      field: e.field,
      ...(expected[i]?.ruleId !== undefined ? { ruleId: e.ruleId } : {}),
    })),
  ).toEqual(expected);
  for (const e of payload.userErrors) expect(e.message.length).toBeGreaterThan(0);
  expect(await snapshot(t)).toBe(before);
  return payload;
}

/** Asserts that a payload has no user errors. */
export function expectOk<P extends { userErrors: UserErrorShape[] }>(payload: P): P {
  expect(payload.userErrors).toEqual([]);
  return payload;
}
