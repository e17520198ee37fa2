import fc from "fast-check";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toGlobalId } from "../../server/src/common/global-id";
import {
  OfferKind,
  PartnershipStatus,
  PartnerType,
  RelationshipStatus,
  SalesChannel,
  SubscriptionStatus,
} from "../../server/src/domain/enums";
import { CustomerRelationship } from "../../server/src/modules/customer/customer-relationship.entity";
import { Partner } from "../../server/src/modules/partner/partner.entity";
import { ResellerPartnership } from "../../server/src/modules/partner/reseller-partnership.entity";
import { CustomerSubscription } from "../../server/src/modules/subscription/customer-subscription.entity";
import { day, scopingWorld } from "./fixtures";
import { startTestServer, type TestServer } from "./harness";

// Issue 10: the dashboard's counters (migration NetworkCounters) are kept by database triggers. After random
// sequences of writes — through the API as several partners (accepted or refused), and straight to the tables as
// the sync and the seeds write (status, channel, customer, reseller of record, relationship and partnership changes,
// partner types, inserts and deletes) — every counter row equals a recount from the base tables, done here in
// TypeScript from TenantScope's rules (auth/scope.ts), not with the migration's SQL. On the database the suite runs
// on (SQLite, or PostgreSQL with TEST_DATABASE_URL). The last test drops one trigger and shows the check fails.

let t: TestServer;
const PARTNERS = ["P1", "P2", "R1", "R2", "R3", "R4", "R5", "D"] as const;
const CUSTOMERS = ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8"] as const;
const LIVE = new Set<string>([SubscriptionStatus.ACTIVE, SubscriptionStatus.SUSPENDED]);

beforeAll(async () => {
  t = await startTestServer(scopingWorld());
  // COUNTER_DROP_TRIGGER=<name>: run the property without that trigger (it must then fail: how it was checked).
  const drop = process.env.COUNTER_DROP_TRIGGER;
  if (drop) {
    const table = (await t.app.dataSource.query(
      t.app.dataSource.options.type === "postgres"
        ? `SELECT event_object_table AS "table" FROM information_schema.triggers WHERE trigger_name = '${drop}' LIMIT 1`
        : `SELECT tbl_name AS "table" FROM sqlite_master WHERE type = 'trigger' AND name = '${drop}'`,
    )) as { table: string }[];
    await t.app.dataSource.query(
      `DROP TRIGGER ${drop}${t.app.dataSource.options.type === "postgres" ? ` ON ${table[0]!.table}` : ""}`,
    );
  }
});

afterAll(async () => {
  await t?.close();
});

const pid = (key: string) => t.world.partners.get(key)!;
const cid = (key: string) => t.world.customers.get(key)!;

type Row = Record<string, unknown>;
/** A DATE column as YYYY-MM-DD, whether the driver gives text or a Date. */
const isoDate = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
const key = (...parts: unknown[]) => parts.map(String).join("|");

/** Every counter row that is not all zeros, as "key → value" text, sorted. */
async function counterRows(): Promise<string[]> {
  const q = (sql: string) => t.app.dataSource.query(sql) as Promise<Row[]>;
  const out: string[] = [];
  for (const r of await q("SELECT network_id, customer_id, refs FROM network_customer"))
    out.push(`nc ${key(r.network_id, r.customer_id)} ${Number(r.refs)}`);
  for (const r of await q("SELECT network_id, customers, multi_channel_customers FROM network_total"))
    if (Number(r.customers) || Number(r.multi_channel_customers))
      out.push(`nt ${key(r.network_id)} ${Number(r.customers)}/${Number(r.multi_channel_customers)}`);
  for (const r of await q("SELECT network_id, channel, status, offer_kind, n FROM network_subscription_count"))
    if (Number(r.n)) out.push(`nsc ${key(r.network_id, r.channel, r.status, r.offer_kind)} ${Number(r.n)}`);
  for (const r of await q("SELECT network_id, commitment_end_date, n FROM network_term_end"))
    if (Number(r.n)) out.push(`te ${key(r.network_id, isoDate(r.commitment_end_date))} ${Number(r.n)}`);
  for (const r of await q("SELECT partner_id, customers, live_subscriptions FROM partner_total"))
    if (Number(r.customers) || Number(r.live_subscriptions))
      out.push(`pt ${key(r.partner_id)} ${Number(r.customers)}/${Number(r.live_subscriptions)}`);
  for (const r of await q("SELECT partner_id, customer_id, refs FROM partner_customer"))
    out.push(`pc ${key(r.partner_id, r.customer_id)} ${Number(r.refs)}`);
  for (const r of await q("SELECT customer_id, n FROM customer_live_other_channel"))
    if (Number(r.n)) out.push(`lo ${key(r.customer_id)} ${Number(r.n)}`);
  return out.sort();
}

/** The same rows recounted from the base tables with TenantScope's rules. */
async function recount(): Promise<string[]> {
  const ds = t.app.dataSource;
  const partners = await ds.getRepository(Partner).find();
  const partnerships = await ds.getRepository(ResellerPartnership).find();
  const rels = (await ds.getRepository(CustomerRelationship).find()).filter(
    (r) => r.status === RelationshipStatus.ACTIVE,
  );
  const subs = await ds.getRepository(CustomerSubscription).find();
  const out: string[] = [];
  const liveOther = new Map<string, number>();
  for (const s of subs)
    if (s.channel !== SalesChannel.CSP && LIVE.has(s.status))
      liveOther.set(s.customerId, (liveOther.get(s.customerId) ?? 0) + 1);
  for (const [c, n] of liveOther) out.push(`lo ${key(c)} ${n}`);
  for (const p of partners) {
    // TenantScope.load: the partner and, for an indirect provider, its ACTIVE resellers.
    const members = new Set([p.id]);
    if (p.types.includes(PartnerType.INDIRECT_PROVIDER))
      for (const rp of partnerships)
        if (rp.providerId === p.id && rp.status === PartnershipStatus.ACTIVE) members.add(rp.resellerId);
    const refs = new Map<string, number>();
    for (const r of rels) if (members.has(r.partnerId)) refs.set(r.customerId, (refs.get(r.customerId) ?? 0) + 1);
    for (const [c, n] of refs) out.push(`nc ${key(p.id, c)} ${n}`);
    const multi = [...refs.keys()].filter((c) => liveOther.has(c)).length;
    if (refs.size) out.push(`nt ${key(p.id)} ${refs.size}/${multi}`);
    const groups = new Map<string, number>();
    for (const s of subs) {
      const visible =
        refs.has(s.customerId) &&
        (s.channel !== SalesChannel.CSP ||
          members.has(s.transactingPartnerId ?? "") ||
          members.has(s.resellerOfRecordId ?? ""));
      const g = key(p.id, s.channel, s.status, s.offerKind);
      if (visible) groups.set(g, (groups.get(g) ?? 0) + 1);
    }
    for (const [g, n] of groups) out.push(`nsc ${g} ${n}`);
    const ends = new Map<string, number>();
    for (const s of subs) {
      const visible =
        refs.has(s.customerId) &&
        s.status === SubscriptionStatus.ACTIVE &&
        (s.channel !== SalesChannel.CSP ||
          members.has(s.transactingPartnerId ?? "") ||
          members.has(s.resellerOfRecordId ?? ""));
      const g = key(p.id, isoDate(s.commitmentEndDate));
      if (visible) ends.set(g, (ends.get(g) ?? 0) + 1);
    }
    for (const [g, n] of ends) out.push(`te ${g} ${n}`);
    const own = new Map<string, number>();
    for (const r of rels) if (r.partnerId === p.id) own.set(r.customerId, (own.get(r.customerId) ?? 0) + 1);
    for (const [c, n] of own) out.push(`pc ${key(p.id, c)} ${n}`);
    const live = subs.filter((s) => s.resellerOfRecordId === p.id && LIVE.has(s.status)).length;
    if (own.size || live) out.push(`pt ${key(p.id)} ${own.size}/${live}`);
  }
  return out.sort();
}

/** A write: through the API as a partner (accepted or refused, either is fine), or straight to a table. */
type Op =
  | { kind: "api"; as: string; action: "suspend" | "reactivate" | "cancel"; sub: number }
  | { kind: "api"; as: string; action: "removeRelationship"; customer: string }
  | { kind: "api"; as: string; action: "register"; customer: string; channel: SalesChannel; suspended: boolean }
  | { kind: "api"; as: string; action: "invite"; reseller: string }
  | { kind: "api"; as: string; action: "acceptInvitation" | "endPartnership"; partnership: number }
  | { kind: "sub"; sub: number; change: "status" | "channel" | "customer" | "ror" | "term" | "delete"; value: number }
  | { kind: "rel"; rel: number; change: "status" | "delete"; value: number }
  | { kind: "newRel"; partner: string; customer: string; status: RelationshipStatus }
  | { kind: "partnership"; partnership: number; status: PartnershipStatus | "delete" }
  | { kind: "newPartnership"; provider: string; reseller: string; status: PartnershipStatus }
  | { kind: "types"; partner: string; provider: boolean };

const partnerKey = fc.constantFrom(...PARTNERS);
const customerKey = fc.constantFrom(...CUSTOMERS);
const index = fc.nat({ max: 99 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("api" as const),
    as: partnerKey,
    action: fc.constantFrom("suspend" as const, "reactivate" as const, "cancel" as const),
    sub: index,
  }),
  fc.record({
    kind: fc.constant("api" as const),
    as: partnerKey,
    action: fc.constant("removeRelationship" as const),
    customer: customerKey,
  }),
  fc.record({
    kind: fc.constant("api" as const),
    as: partnerKey,
    action: fc.constant("register" as const),
    customer: customerKey,
    channel: fc.constantFrom(SalesChannel.MICROSOFT_DIRECT, SalesChannel.EA, SalesChannel.THIRD_PARTY_NON_CSP),
    suspended: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("api" as const),
    as: fc.constantFrom("P1", "P2"),
    action: fc.constant("invite" as const),
    reseller: fc.constantFrom("R1", "R2", "R3", "R4", "R5"),
  }),
  fc.record({
    kind: fc.constant("api" as const),
    as: partnerKey,
    action: fc.constantFrom("acceptInvitation" as const, "endPartnership" as const),
    partnership: index,
  }),
  fc.record({
    kind: fc.constant("sub" as const),
    sub: index,
    change: fc.constantFrom(
      "status" as const,
      "channel" as const,
      "customer" as const,
      "ror" as const,
      "term" as const,
      "delete" as const,
    ),
    value: index,
  }),
  fc.record({
    kind: fc.constant("rel" as const),
    rel: index,
    change: fc.constantFrom("status" as const, "delete" as const),
    value: index,
  }),
  fc.record({
    kind: fc.constant("newRel" as const),
    partner: partnerKey,
    customer: customerKey,
    status: fc.constantFrom(RelationshipStatus.ACTIVE, RelationshipStatus.REQUESTED),
  }),
  fc.record({
    kind: fc.constant("partnership" as const),
    partnership: index,
    status: fc.constantFrom(
      PartnershipStatus.ACTIVE,
      PartnershipStatus.REMOVED,
      PartnershipStatus.INVITED,
      "delete" as const,
    ),
  }),
  fc.record({
    kind: fc.constant("newPartnership" as const),
    provider: fc.constantFrom("P1", "P2"),
    reseller: fc.constantFrom("R1", "R2", "R3", "R4", "R5", "D"),
    status: fc.constantFrom(PartnershipStatus.ACTIVE, PartnershipStatus.INVITED),
  }),
  fc.record({
    kind: fc.constant("types" as const),
    partner: fc.constantFrom("P1", "P2", "R2"),
    provider: fc.boolean(),
  }),
);

/** The API mutations that were accepted at least once (the property must exercise the services' write paths). */
const accepted = new Set<string>();

const pick = <T>(rows: T[], i: number): T | undefined => (rows.length ? rows[i % rows.length] : undefined);
const STATUSES = Object.values(SubscriptionStatus);
const CHANNELS = Object.values(SalesChannel);

async function apply(o: Op): Promise<void> {
  const ds = t.app.dataSource;
  const subs = () => ds.getRepository(CustomerSubscription).find({ order: { id: "ASC" } });
  const partnerships = () => ds.getRepository(ResellerPartnership).find({ order: { id: "ASC" } });
  if (o.kind === "api") {
    let actor = o.as;
    const gql = async (name: string, inputType: string, input: Record<string, unknown>) => {
      const res = await t.gql<Record<string, { userErrors: unknown[] }>>(
        `mutation($input: ${inputType}!) { ${name}(input: $input) { userErrors { code } } }`,
        { input },
        { as: actor },
      );
      expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
      if (res.body.data?.[name]?.userErrors.length === 0) accepted.add(name);
    };
    if (o.action === "suspend" || o.action === "reactivate" || o.action === "cancel") {
      const s = pick(await subs(), o.sub);
      // As the partner that bills it (when there is one), so that the services accept some of them.
      const biller = [...t.world.partners].find(([, id]) => id === s?.transactingPartnerId)?.[0];
      if (biller) actor = biller;
      if (s)
        await gql(`${o.action}Subscription`, "SubscriptionActionInput", {
          subscriptionId: toGlobalId("CustomerSubscription", s.id),
        });
    } else if (o.action === "removeRelationship") {
      await gql("removeCustomerRelationship", "RemoveRelationshipInput", {
        customerId: toGlobalId("Customer", cid(o.customer)),
      });
    } else if (o.action === "register") {
      await gql("registerExternalSubscription", "RegisterExternalSubscriptionInput", {
        customerId: toGlobalId("Customer", cid(o.customer)),
        channel: o.channel,
        offerKind: OfferKind.LICENSE_BASED,
        offerName: "Counted offer",
        purchaseDate: day(-1),
        commitmentEndDate: day(300),
        quantity: 1,
        status: o.suspended ? SubscriptionStatus.SUSPENDED : SubscriptionStatus.ACTIVE,
      });
    } else if (o.action === "invite") {
      const reseller = await ds.getRepository(Partner).findOneByOrFail({ id: pid(o.reseller) });
      await gql("inviteReseller", "InviteResellerInput", { resellerPartnerId: reseller.partnerId });
    } else if (o.action === "acceptInvitation" || o.action === "endPartnership") {
      const rp = pick(await partnerships(), o.partnership);
      const name = o.action === "acceptInvitation" ? "acceptResellerInvitation" : "endResellerPartnership";
      if (rp) await gql(name, "PartnershipIdInput", { partnershipId: toGlobalId("ResellerPartnership", rp.id) });
    }
    return;
  }
  // Direct writes: a constraint may refuse one (e.g. a second live relationship): that changes nothing.
  try {
    if (o.kind === "sub") {
      const s = pick(await subs(), o.sub);
      if (!s) return;
      const repo = ds.getRepository(CustomerSubscription);
      if (o.change === "delete") await repo.delete({ id: s.id });
      else if (o.change === "status") await repo.update({ id: s.id }, { status: STATUSES[o.value % STATUSES.length]! });
      else if (o.change === "channel")
        await repo.update({ id: s.id }, { channel: CHANNELS[o.value % CHANNELS.length]! });
      else if (o.change === "term") await repo.update({ id: s.id }, { commitmentEndDate: day(o.value % 70) });
      else if (o.change === "customer") await repo.update({ id: s.id }, { customerId: cid(CUSTOMERS[o.value % 8]!) });
      else {
        const ror = o.value % 3 === 0 ? null : pid(PARTNERS[o.value % PARTNERS.length]!);
        await repo.update({ id: s.id }, { resellerOfRecordId: ror });
      }
    } else if (o.kind === "rel") {
      const repo = ds.getRepository(CustomerRelationship);
      const r = pick(await repo.find({ order: { id: "ASC" } }), o.rel);
      if (!r) return;
      if (o.change === "delete") await repo.delete({ id: r.id });
      else {
        const statuses = Object.values(RelationshipStatus);
        await repo.update({ id: r.id }, { status: statuses[o.value % statuses.length]! });
      }
    } else if (o.kind === "newRel") {
      await ds.getRepository(CustomerRelationship).insert({
        id: randomUUID(),
        partnerId: pid(o.partner),
        customerId: cid(o.customer),
        status: o.status,
        includesDelegatedAdmin: false,
        requestedAt: new Date(),
      });
    } else if (o.kind === "partnership") {
      const rp = pick(await partnerships(), o.partnership);
      if (rp && o.status === "delete") await ds.getRepository(ResellerPartnership).delete({ id: rp.id });
      else if (rp && o.status !== "delete")
        await ds.getRepository(ResellerPartnership).update({ id: rp.id }, { status: o.status });
    } else if (o.kind === "newPartnership") {
      await ds.getRepository(ResellerPartnership).insert({
        id: randomUUID(),
        providerId: pid(o.provider),
        resellerId: pid(o.reseller),
        status: o.status,
        invitedAt: new Date(),
      });
    } else {
      const types = o.provider ? [PartnerType.INDIRECT_PROVIDER] : [PartnerType.INDIRECT_RESELLER];
      await ds.getRepository(Partner).update({ id: pid(o.partner) }, { types });
    }
  } catch (e) {
    if (!/unique|constraint/i.test(String(e))) throw e;
  }
}

describe("dashboard counters (triggers)", () => {
  it("the backfill equals a recount", async () => {
    expect(await counterRows()).toEqual(await recount());
  });

  it("equal a recount from the base tables after random writes through the API and straight to the tables", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        for (const o of ops) await apply(o);
        expect(await counterRows()).toEqual(await recount());
      }),
      {
        numRuns: Number(process.env.COUNTER_RUNS ?? 100),
        seed: process.env.COUNTER_SEED ? Number(process.env.COUNTER_SEED) : undefined,
      },
    );
    console.log("[counters] accepted API writes:", [...accepted].sort().join(", "));
    expect(accepted.size).toBeGreaterThanOrEqual(2);
  }, 240_000);

  it("the dashboard reads them: networkSummary and reseller counts as the recount says", async () => {
    const rows = await recount();
    const total = rows.find((r) => r.startsWith(`nt ${pid("P2")} `));
    const [customers] = (total?.split(" ")[2] ?? "0/0").split("/").map(Number);
    const subscriptions = rows
      .filter((r) => r.startsWith(`nsc ${pid("P2")}|`))
      .reduce((n, r) => n + Number(r.split(" ")[2]), 0);
    const res = await t.gql<{ networkSummary: { customerCount: number; subscriptionCount: number } }>(
      "{ networkSummary { customerCount subscriptionCount } }",
      {},
      { as: "P2" },
    );
    expect(res.body.data?.networkSummary).toEqual({ customerCount: customers, subscriptionCount: subscriptions });
  });

  // Last: it breaks the database for the tests after it. Shows the recount check can fail.
  it("fails the check when a trigger is missing", async () => {
    const ds = t.app.dataSource;
    const postgres = ds.options.type === "postgres";
    await ds.query(`DROP TRIGGER counters_subscription_insert${postgres ? " ON customer_subscription" : ""}`);
    // A customer some network holds now (the random writes above may have taken any given one out of every
    // network), given a live subscription outside CSP: every network holding it sees one more.
    const [held] = (await ds.query(`SELECT customer_id AS "customerId" FROM network_customer LIMIT 1`)) as {
      customerId: string;
    }[];
    const template = (await ds.getRepository(CustomerSubscription).find({ take: 1 }))[0]!;
    await ds.getRepository(CustomerSubscription).insert({
      ...template,
      id: randomUUID(),
      customerId: held!.customerId,
      parentId: null,
      channel: SalesChannel.EA,
      status: SubscriptionStatus.ACTIVE,
    });
    expect(await counterRows()).not.toEqual(await recount());
  });
});
