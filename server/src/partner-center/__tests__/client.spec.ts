import { afterEach, describe, expect, it, vi } from "vitest";
import { loadConfig, loadPartnerCenterSettings } from "../../config";
import {
  CommerceModel,
  OfferKind,
  PartnershipStatus,
  PartnerType,
  ProgramStatus,
  RelationshipStatus,
  SalesChannel,
  SubscriptionStatus,
} from "../../domain/enums";
import type { World } from "../../scenarios/world";
import { parseRetryAfter, PartnerCenterClient, PartnerCenterError, type ClientOptions } from "../client";
import type { PcCollection, PcCustomer, PcSubscription } from "../resources";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../emulator/server";
import { stateFromWorld } from "../emulator/state";

const partner = (key: string, types: PartnerType[], partnerId: string) => ({
  key,
  name: key,
  partnerId,
  types,
  country: "US",
  mpaSigned: true,
  programStatus: ProgramStatus.ACTIVE,
});

// A provider with one reseller and 5 customers, one subscription each.
const world: World = {
  partners: [
    partner("prov", [PartnerType.INDIRECT_PROVIDER], "1000001"),
    partner("res", [PartnerType.INDIRECT_RESELLER], "1000002"),
  ],
  partnerships: [{ provider: "prov", reseller: "res", status: PartnershipStatus.ACTIVE }],
  customers: [1, 2, 3, 4, 5].map((n) => ({
    key: `c${n}`,
    name: `Customer ${n}`,
    domain: `c${n}.onmicrosoft.com`,
    country: "US",
    mcaAccepted: n !== 3,
    partnerTenantOf: null,
  })),
  relationships: [1, 2, 3, 4, 5].map((n) => ({
    partner: "prov",
    customer: `c${n}`,
    status: RelationshipStatus.ACTIVE,
    includesDelegatedAdmin: n === 1,
  })),
  subscriptions: [1, 2, 3, 4, 5].map((n) => ({
    key: `s${n}`,
    customer: `c${n}`,
    offerName: "Microsoft 365 E3",
    offerKind: OfferKind.LICENSE_BASED,
    commerceModel: CommerceModel.NEW_COMMERCE,
    channel: SalesChannel.CSP,
    status: SubscriptionStatus.ACTIVE,
    transactingPartner: "prov",
    resellerOfRecord: n % 2 === 0 ? "res" : null,
    purchaseDate: "2026-01-10",
    renewalDate: null,
    commitmentEndDate: "2027-01-09",
    quantity: n,
    isAzurePlan: false,
    parent: null,
  })),
  transfers: [],
};
const state = stateFromWorld(world, "2026-11-24");
const tenant = state.partners.get("prov")!.tenantId;
const SECRET = "unit-secret";
const fast: ClientOptions = { backoffBaseMs: 1, backoffCapMs: 4 };

let running: RunningEmulator | null = null;
async function emulator(opts: Partial<EmulatorOptions> = {}) {
  running = await startEmulator(state, { clients: { app: SECRET }, ...opts });
  return running;
}
afterEach(async () => {
  await running?.close();
  running = null;
});

function client(e: RunningEmulator, opts: ClientOptions = fast, refresh = true) {
  return new PartnerCenterClient(
    {
      apiUrl: e.url,
      tokenUrl: `${e.url}/<tenant>/oauth2/token`,
      tenantId: tenant,
      clientId: "app",
      clientSecret: SECRET,
      refreshToken: refresh ? e.refreshTokenFor(tenant) : null,
    },
    opts,
  );
}

describe("Partner Center client", () => {
  it("follows links.next with its MS-ContinuationToken header through every page", async () => {
    const e = await emulator();
    const c = client(e);
    const first = await c.get<PcCollection<PcCustomer>>("/v1/customers?size=2");
    expect(first.items).toHaveLength(2);
    expect(first.links?.next?.headers[0]?.key).toBe("MS-ContinuationToken");
    const all = await c.getAll<PcCustomer>("/v1/customers?size=2");
    expect(all.map((x) => x.companyProfile.companyName)).toEqual([1, 2, 3, 4, 5].map((n) => `Customer ${n}`));
    expect(e.calls.filter((x) => x.path.includes("seekOperation=Next"))).toHaveLength(2);
  });

  it("serves the reseller of record's PartnerID and refuses app-only tokens on App+User endpoints", async () => {
    const e = await emulator();
    const appOnly = client(e, fast, false);
    const [cust] = await appOnly.getAll<PcCustomer>("/v1/customers?size=10");
    const subs = await appOnly.get<PcCollection<PcSubscription>>(`/v1/customers/${cust!.id}/subscriptions`);
    expect(subs.items[0]).toMatchObject({ status: "active", billingType: "license", termDuration: "P1Y" });
    const refused = await appOnly.get("/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf").then(
      () => null,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(Error);
    const user = client(e);
    const resellers = await user.get<PcCollection<{ mpnId: string }>>(
      "/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf",
      { auth: "user" },
    );
    expect(resellers.items.map((r) => r.mpnId)).toEqual(["1000002"]);
  });

  it("waits Retry-After on 429 and retries 503 until the call succeeds", async () => {
    const e = await emulator({ every429: 2, every503: 3, retryAfterSeconds: 0.03 });
    const waits: number[] = [];
    const c = client(e, { ...fast, random: () => 0, sleep: (ms) => (waits.push(ms), Promise.resolve()) });
    for (let i = 0; i < 6; i++) await c.get("/v1/profiles/organization");
    expect(c.stats.throttled).toBeGreaterThan(0);
    expect(waits).toContain(30);
    // Up to a quarter more than Retry-After, so calls throttled together spread out.
    const jittered: number[] = [];
    const d = client(e, { ...fast, random: () => 1, sleep: (ms) => (jittered.push(ms), Promise.resolve()) });
    for (let i = 0; i < 6; i++) await d.get("/v1/profiles/organization");
    expect(jittered).toContain(38);
    expect(jittered).not.toContain(30);
    expect(e.calls.some((x) => x.status === 503)).toBe(true);
  });

  it("gives up after maxAttempts with the status and path, and backs off with a capped, jittered delay", async () => {
    const e = await emulator({ every503: 1 });
    const waits: number[] = [];
    const c = client(e, {
      maxAttempts: 4,
      backoffBaseMs: 100,
      backoffCapMs: 250,
      random: () => 1,
      sleep: (ms) => (waits.push(ms), Promise.resolve()),
    });
    const err = await c.get("/v1/profiles/mpn").then(
      () => null,
      (x: unknown) => x,
    );
    expect(err).toBeInstanceOf(PartnerCenterError);
    expect((err as PartnerCenterError).status).toBe(503);
    expect(waits).toEqual([100, 200, 250]);
  });

  it("caches tokens until shortly before expiry, then asks again", async () => {
    // The clock is moved, not waited for: with a 1 s token a loaded CI machine took longer than the token lived
    // between two calls. Only Date is faked (timers and sockets stay real); client and emulator read the same clock.
    const e = await emulator({ tokenLifetimeSeconds: 60 });
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
    try {
      const c = client(e, { ...fast, tokenSkewMs: 0 });
      await c.get("/v1/profiles/mpn");
      await c.get("/v1/profiles/mpn");
      expect(c.stats.tokenRequests).toBe(1);
      vi.setSystemTime(Date.now() + 61_000);
      await c.get("/v1/profiles/mpn");
      expect(c.stats.tokenRequests).toBe(2);
      // A skew longer than the token's life: every call asks for a new one.
      const skewed = client(e, { ...fast, tokenSkewMs: 120_000 });
      await skewed.get("/v1/profiles/mpn");
      await skewed.get("/v1/profiles/mpn");
      expect(skewed.stats.tokenRequests).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("2")).toBe(2000);
    expect(parseRetryAfter("0.5")).toBe(500);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
    expect(parseRetryAfter(new Date(Date.now() + 60_000).toUTCString())).toBeGreaterThan(50_000);
  });
});

describe("UPSTREAM and PARTNER_CENTER_* settings", () => {
  it("defaults to the sandbox and needs the tenant and app for partner-center, without echoing the secret", () => {
    expect(loadConfig({}).upstream).toBe("sandbox");
    expect(loadConfig({}).partnerCenter).toBeNull();
    expect(() => loadConfig({ UPSTREAM: "partner-center", PARTNER_CENTER_CLIENT_SECRET: "hush-hush" })).toThrow(
      /PARTNER_CENTER_TENANT_ID, PARTNER_CENTER_CLIENT_ID$/,
    );
    expect(() => loadConfig({ UPSTREAM: "elsewhere" })).toThrow(/UPSTREAM/);
    const s = loadPartnerCenterSettings(
      { PARTNER_CENTER_TENANT_ID: "t", PARTNER_CENTER_CLIENT_ID: "c", PARTNER_CENTER_CLIENT_SECRET: "s" },
      true,
    );
    expect(s).toMatchObject({
      apiUrl: "https://api.partnercenter.microsoft.com",
      tokenUrl: "https://login.microsoftonline.com/<tenant>/oauth2/token",
      refreshToken: null,
    });
  });
});
