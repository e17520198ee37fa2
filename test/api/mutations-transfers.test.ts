import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toGlobalId } from "../../server/src/common/global-id";
import { Transfer } from "../../server/src/modules/transfer/transfer.entity";
import {
  CommerceModel,
  PartnershipStatus,
  PartnerType,
  SubscriptionStatus,
  TransferStatus,
} from "../../server/src/domain/enums";
import type { World } from "../../server/src/scenarios/world";
import { startTestServer, type TestServer } from "./harness";
import {
  cspLicense,
  customer,
  day,
  expectOk,
  expectRefused,
  ids,
  mutation,
  partner,
  query,
  rel,
  snapshot,
  USER_ERRORS,
  type UserErrorShape,
} from "./mutation-helpers";

// Partner-to-partner transfers through the real server: creation and its refusals, the source's answer, the
// target's withdrawal, the 30-day expiry (computed on read, committed on action) and what moves on acceptance.

const { INDIRECT_PROVIDER, INDIRECT_RESELLER, DIRECT_BILL } = PartnerType;

const world: World = {
  partners: [
    partner("direct", "3200001", [DIRECT_BILL]),
    partner("direct2", "3200002", [DIRECT_BILL]),
    partner("prov", "1200001", [INDIRECT_PROVIDER]),
    partner("res", "2200001", [INDIRECT_RESELLER]),
  ],
  partnerships: [{ provider: "prov", reseller: "res", status: PartnershipStatus.ACTIVE }],
  customers: [customer("fab")],
  relationships: [rel("direct", "fab"), rel("direct2", "fab"), rel("prov", "fab"), rel("res", "fab")],
  subscriptions: [
    cspLicense("s1", "fab", "direct", { offerName: "Microsoft 365 E3" }),
    cspLicense("a1", "fab", "direct", { offerName: "E5 Security add-on", parent: "s1" }),
    cspLicense("a2", "fab", "direct", {
      offerName: "Audio Conferencing add-on",
      parent: "s1",
      status: SubscriptionStatus.SUSPENDED,
    }),
    cspLicense("s2", "fab", "direct", { offerName: "Teams Essentials" }),
    cspLicense("legacy", "fab", "direct", { offerName: "Office 365 E1 (legacy)", commerceModel: CommerceModel.LEGACY }),
    cspLicense("s3", "fab", "direct2", { offerName: "Visio Plan 2" }),
    cspLicense("s4", "fab", "direct", { offerName: "Project Plan 3" }),
    cspLicense("s5", "fab", "direct", { offerName: "Power BI Pro" }),
    cspLicense("s6", "fab", "direct", { offerName: "Exchange Online Plan 1" }),
  ],
  transfers: [
    // Created 31 days ago and never answered: expired, though stored as PENDING.
    {
      key: "stale",
      customer: "fab",
      source: "direct",
      target: "prov",
      reseller: "res",
      status: TransferStatus.PENDING,
      createdAt: day(-31),
      subscriptions: ["s4"],
    },
    {
      key: "stale2",
      customer: "fab",
      source: "direct",
      target: "prov",
      reseller: "res",
      status: TransferStatus.PENDING,
      createdAt: day(-45),
      subscriptions: ["s6"],
    },
    // Created 30 days ago: its last day is today.
    {
      key: "t30",
      customer: "fab",
      source: "direct",
      target: "prov",
      reseller: "res",
      status: TransferStatus.PENDING,
      createdAt: day(-30),
      subscriptions: ["s5"],
    },
  ],
};

const TRANSFER_FIELDS = `id status daysLeft expiresOn direction respondedAt sourcePartner { name } targetPartner { name }
  reseller { name } customer { name } subscriptions { id status }`;
const CREATE = `mutation($input: CreateTransferInput!) { createTransfer(input: $input) { transfer { ${TRANSFER_FIELDS} } ${USER_ERRORS} } }`;
const answer = (name: string) =>
  `mutation($input: TransferIdInput!) { ${name}(input: $input) { transfer { ${TRANSFER_FIELDS} } ${USER_ERRORS} } }`;
const ACCEPT = answer("acceptTransfer");
const REJECT = answer("rejectTransfer");
const WITHDRAW = answer("withdrawTransfer");

interface TransferNode {
  id: string;
  status: string;
  daysLeft: number | null;
  expiresOn: string;
  direction: string;
  respondedAt: string | null;
  sourcePartner: { name: string };
  targetPartner: { name: string };
  reseller: { name: string } | null;
  customer: { name: string } | null;
  subscriptions: { id: string; status: string }[];
}
type TransferPayload = { transfer: TransferNode | null; userErrors: UserErrorShape[] };
interface SubscriptionNode {
  id: string;
  offerName: string;
  version: number;
  transactingPartner: { name: string } | null;
  resellerOfRecord: { name: string } | null;
}

let t: TestServer;
let id: ReturnType<typeof ids>;
const PROV = { as: "prov" };
const DIRECT = { as: "direct" };

beforeAll(async () => {
  t = await startTestServer(world, { now: new Date() });
  id = ids(t);
});
afterAll(async () => {
  await t?.close();
});

const byId = (list: { id: string }[]) => list.map((x) => x.id).sort();

async function transferIds(who: { as: string }, status: string[]): Promise<string[]> {
  const data = await query<{ transfers: { totalCount: number; nodes: { id: string; status: string }[] } }>(
    t,
    `query($s: [TransferStatus!]) { transfers(filter: { status: $s }) { totalCount nodes { id status } } }`,
    { s: status },
    who,
  );
  expect(data.transfers.totalCount).toBe(data.transfers.nodes.length);
  // The filter and the status field agree.
  for (const n of data.transfers.nodes) expect(status).toContain(n.status);
  return byId(data.transfers.nodes);
}

async function readTransfer(transferId: string, who = PROV): Promise<TransferNode> {
  const data = await query<{ node: TransferNode }>(
    t,
    `query($id: ID!) { node(id: $id) { ... on Transfer { ${TRANSFER_FIELDS} } } }`,
    { id: transferId },
    who,
  );
  return data.node;
}

async function subscriptionsOf(who: { as: string }): Promise<SubscriptionNode[]> {
  const data = await query<{ subscriptions: { nodes: SubscriptionNode[] } }>(
    t,
    `query($c: String) { subscriptions(first: 100, filter: { customerId: $c }) {
      nodes { id offerName version transactingPartner { name } resellerOfRecord { name } } } }`,
    { c: id.customer("fab") },
    who,
  );
  return data.subscriptions.nodes;
}

async function storedStatus(transferKey: string): Promise<string> {
  const row = await t.app.dataSource
    .getRepository(Transfer)
    .findOneByOrFail({ id: t.world.transfers.get(transferKey)! });
  return row.status;
}

describe("the 30-day rule on read", () => {
  it("a PENDING transfer older than 30 days reads and filters as EXPIRED; one of exactly 30 days is still PENDING", async () => {
    for (const who of [PROV, DIRECT, { as: "res" }]) {
      expect(await transferIds(who, ["PENDING"])).toEqual(byId([{ id: id.transfer("t30") }]));
      expect(await transferIds(who, ["EXPIRED"])).toEqual(
        byId([{ id: id.transfer("stale") }, { id: id.transfer("stale2") }]),
      );
      expect(await transferIds(who, ["PENDING", "EXPIRED"])).toHaveLength(3);
    }
    expect(await readTransfer(id.transfer("stale"))).toMatchObject({
      status: "EXPIRED",
      daysLeft: null,
      expiresOn: day(-1),
    });
    expect(await readTransfer(id.transfer("t30"))).toMatchObject({ status: "PENDING", daysLeft: 0, expiresOn: day(0) });
    // Reading does not write.
    expect(await storedStatus("stale")).toBe("PENDING");
  });
});

describe("createTransfer", () => {
  const input = (keys: string[], extra: Record<string, unknown> = {}) => ({
    customerId: id.customer("fab"),
    subscriptionIds: keys.map((k) => id.sub(k)),
    resellerId: id.partner("res"),
    ...extra,
  });

  it("an indirect provider must name the reseller (R19), once, on resellerId", async () => {
    await expectRefused(t, CREATE, input(["s1", "s2"], { resellerId: null }), PROV, [
      { code: "RESELLER_ID_REQUIRED", field: ["input", "resellerId"], ruleId: "R19" },
    ]);
  });

  it("an ineligible line is reported on its index of subscriptionIds", async () => {
    await expectRefused(t, CREATE, input(["s1", "legacy"]), PROV, [
      { code: "LEGACY_LICENSE_NOT_TRANSFERABLE", field: ["input", "subscriptionIds", "1"], ruleId: "R11b" },
    ]);
    // The index is the one in the input, even when an id is repeated.
    await expectRefused(t, CREATE, input(["s1", "s1", "legacy"]), PROV, [
      { code: "LEGACY_LICENSE_NOT_TRANSFERABLE", field: ["input", "subscriptionIds", "2"], ruleId: "R11b" },
    ]);
    // An add-on moves with its base, not on its own.
    await expectRefused(t, CREATE, input(["a1"]), PROV, [
      { code: "ADDON_REQUIRES_BASE_SUBSCRIPTION", field: ["input", "subscriptionIds", "0"], ruleId: "R17" },
    ]);
  });

  it("refuses lines from two source partners, and more than 25 or no ids", async () => {
    const field = ["input", "subscriptionIds"];
    await expectRefused(t, CREATE, input(["s1", "s3"]), PROV, [{ code: "INVALID_INPUT", field }]);
    const many = Array.from({ length: 26 }, () => toGlobalId("CustomerSubscription", randomUUID()));
    await expectRefused(t, CREATE, { ...input([]), subscriptionIds: many }, PROV, [{ code: "INVALID_INPUT", field }]);
    await expectRefused(t, CREATE, input([]), PROV, [{ code: "INVALID_INPUT", field }]);
    await expectRefused(t, CREATE, { ...input(["s1"]), subscriptionIds: [id.sub("s1"), "garbage"] }, PROV, [
      { code: "INVALID_INPUT", field },
    ]);
    await expectRefused(
      t,
      CREATE,
      { ...input(["s1"]), subscriptionIds: [toGlobalId("CustomerSubscription", randomUUID())] },
      PROV,
      [{ code: "NOT_FOUND", field: ["input", "subscriptionIds", "0"] }],
    );
  });

  it("a subscription on a pending transfer cannot be requested again (R16), even by another target", async () => {
    await expectRefused(t, CREATE, input(["s5"]), PROV, [
      { code: "SUBSCRIPTION_IN_OTHER_TRANSFER", field: ["input", "subscriptionIds", "0"], ruleId: "R16" },
    ]);
    await expectRefused(t, CREATE, input(["s5"], { resellerId: null }), { as: "direct2" }, [
      { code: "SUBSCRIPTION_IN_OTHER_TRANSFER", field: ["input", "subscriptionIds", "0"], ruleId: "R16" },
    ]);
  });

  it("a line held only by an expired transfer can be requested again", async () => {
    const p = expectOk(await mutation<TransferPayload>(t, CREATE, input(["s4"]), PROV));
    expect(p.transfer).toMatchObject({ status: "PENDING", daysLeft: 30 });
    expect(byId(p.transfer!.subscriptions)).toEqual([id.sub("s4")]);
  });
});

describe("a transfer's life", () => {
  let transferId = "";

  it("createTransfer: PENDING for 30 days, with the base's ACTIVE add-ons", async () => {
    const p = expectOk(
      await mutation<TransferPayload>(
        t,
        CREATE,
        { customerId: id.customer("fab"), subscriptionIds: [id.sub("s1")], resellerId: id.partner("res") },
        PROV,
      ),
    );
    transferId = p.transfer!.id;
    expect(p.transfer).toMatchObject({
      status: "PENDING",
      daysLeft: 30,
      expiresOn: day(30),
      direction: "INCOMING",
      respondedAt: null,
      sourcePartner: { name: "Direct Ltd" },
      targetPartner: { name: "Prov Ltd" },
      reseller: { name: "Res Ltd" },
      customer: { name: "Fab Inc" },
    });
    // The suspended add-on a2 stays out.
    expect(byId(p.transfer!.subscriptions)).toEqual([id.sub("s1"), id.sub("a1")].sort());
    expect(await readTransfer(transferId, DIRECT)).toMatchObject({ status: "PENDING", direction: "OUTGOING" });
    // Now the base is taken.
    await expectRefused(
      t,
      CREATE,
      { customerId: id.customer("fab"), subscriptionIds: [id.sub("s1")], resellerId: id.partner("res") },
      PROV,
      [{ code: "SUBSCRIPTION_IN_OTHER_TRANSFER", field: ["input", "subscriptionIds", "0"], ruleId: "R16" }],
    );
  });

  it("only the source may accept or reject; the target may not", async () => {
    const field = ["input", "transferId"];
    await expectRefused(t, ACCEPT, { transferId }, PROV, [{ code: "NOT_ALLOWED", field }]);
    await expectRefused(t, REJECT, { transferId }, PROV, [{ code: "NOT_ALLOWED", field }]);
    await expectRefused(t, WITHDRAW, { transferId }, DIRECT, [{ code: "NOT_ALLOWED", field }]);
    // Not a party at all: it does not exist for it.
    await expectRefused(t, ACCEPT, { transferId }, { as: "direct2" }, [{ code: "NOT_FOUND", field }]);
  });

  it("acceptTransfer moves the subscriptions to the target and its reseller; the transfer is COMPLETED", async () => {
    // Each partner sees what it bills (need to know): the two views together are every subscription.
    const bothViews = async () =>
      new Map([...(await subscriptionsOf(DIRECT)), ...(await subscriptionsOf(PROV))].map((s) => [s.id, s]));
    const before = await bothViews();
    const p = expectOk(await mutation<TransferPayload>(t, ACCEPT, { transferId }, DIRECT));
    expect(p.transfer).toMatchObject({ status: "COMPLETED", daysLeft: null });
    expect(p.transfer!.respondedAt).not.toBeNull();

    const after = await bothViews();
    for (const key of ["s1", "a1"]) {
      expect(after.get(id.sub(key)), key).toMatchObject({
        transactingPartner: { name: "Prov Ltd" },
        resellerOfRecord: { name: "Res Ltd" },
        version: before.get(id.sub(key))!.version + 1,
      });
    }
    // Nothing else moved.
    for (const key of ["a2", "s2", "legacy", "s4", "s5"])
      expect(after.get(id.sub(key)), key).toEqual(before.get(id.sub(key)));

    // The old source no longer bills them: it no longer sees them (need to know), so it may not suspend them.
    await expectRefused(
      t,
      `mutation($input: SubscriptionActionInput!) { suspendSubscription(input: $input) { ${USER_ERRORS} } }`,
      { subscriptionId: id.sub("s1") },
      DIRECT,
      [{ code: "NOT_FOUND", field: ["input", "subscriptionId"] }],
    );
    const billedByDirect = (await subscriptionsOf(DIRECT)).filter((s) => s.transactingPartner?.name === "Direct Ltd");
    expect(byId(billedByDirect)).not.toContain(id.sub("s1"));
    expect(byId(billedByDirect)).not.toContain(id.sub("a1"));
    // The reseller is credited with them.
    const credited = await query<{ subscriptions: { nodes: { id: string }[] } }>(
      t,
      `query($r: String) { subscriptions(filter: { resellerId: $r }) { nodes { id } } }`,
      { r: id.partner("res") },
      { as: "res" },
    );
    expect(byId(credited.subscriptions.nodes)).toEqual([id.sub("s1"), id.sub("a1")].sort());

    // Answered once only.
    await expectRefused(t, ACCEPT, { transferId }, DIRECT, [{ code: "INVALID_STATE", field: ["input", "transferId"] }]);
    expect(await transferIds(PROV, ["COMPLETED"])).toEqual([transferId]);
  });

  it("rejectTransfer → REJECTED, nothing moves; then the subscription can be requested again and withdrawn", async () => {
    const create = { customerId: id.customer("fab"), subscriptionIds: [id.sub("s2")], resellerId: id.partner("res") };
    const first = expectOk(await mutation<TransferPayload>(t, CREATE, create, PROV)).transfer!;
    const before = await subscriptionsOf(DIRECT);
    const rejected = expectOk(await mutation<TransferPayload>(t, REJECT, { transferId: first.id }, DIRECT));
    expect(rejected.transfer).toMatchObject({ status: "REJECTED", daysLeft: null });
    expect(rejected.transfer!.respondedAt).not.toBeNull();
    expect(await subscriptionsOf(DIRECT)).toEqual(before);
    await expectRefused(t, WITHDRAW, { transferId: first.id }, PROV, [
      { code: "INVALID_STATE", field: ["input", "transferId"] },
    ]);

    const second = expectOk(await mutation<TransferPayload>(t, CREATE, create, PROV)).transfer!;
    const withdrawn = expectOk(await mutation<TransferPayload>(t, WITHDRAW, { transferId: second.id }, PROV));
    expect(withdrawn.transfer).toMatchObject({ status: "WITHDRAWN", daysLeft: null });
    expect(await subscriptionsOf(DIRECT)).toEqual(before);
    expect(await transferIds(DIRECT, ["REJECTED"])).toEqual([first.id]);
    expect(await transferIds(DIRECT, ["WITHDRAWN"])).toEqual([second.id]);
  });
});

describe("acting on an expired transfer", () => {
  it("TRANSFER_EXPIRED: the status is committed as EXPIRED and nothing moves", async () => {
    const subsBefore = await subscriptionsOf(DIRECT);
    const p = await mutation<TransferPayload>(t, ACCEPT, { transferId: id.transfer("stale") }, DIRECT);
    expect(p.userErrors.map((e) => [e.code, e.field])).toEqual([["TRANSFER_EXPIRED", ["input", "transferId"]]]);
    expect(p.transfer).toMatchObject({ id: id.transfer("stale"), status: "EXPIRED", daysLeft: null });
    expect(await storedStatus("stale")).toBe("EXPIRED");
    expect(await subscriptionsOf(DIRECT)).toEqual(subsBefore);

    // From now on it is just not pending.
    await expectRefused(t, REJECT, { transferId: id.transfer("stale") }, DIRECT, [
      { code: "INVALID_STATE", field: ["input", "transferId"] },
    ]);
  });

  it("the target withdrawing an expired transfer gets the same", async () => {
    const before = await snapshot(t);
    const p = await mutation<TransferPayload>(t, WITHDRAW, { transferId: id.transfer("stale2") }, PROV);
    expect(p.userErrors.map((e) => [e.code, e.field])).toEqual([["TRANSFER_EXPIRED", ["input", "transferId"]]]);
    expect(await storedStatus("stale2")).toBe("EXPIRED");
    expect(await snapshot(t)).not.toBe(before);
  });

  it("the filters still agree with the 30-day rule", async () => {
    expect(await transferIds(PROV, ["EXPIRED"])).toEqual(
      byId([{ id: id.transfer("stale") }, { id: id.transfer("stale2") }]),
    );
    const pending = await transferIds(PROV, ["PENDING"]);
    expect(pending).toContain(id.transfer("t30"));
    expect(pending).not.toContain(id.transfer("stale"));
    expect(pending).toHaveLength(2); // t30 and the new request for s4
  });
});
