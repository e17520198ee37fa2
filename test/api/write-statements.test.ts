import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audienceKey, audiencesOf } from "../../server/src/auth/event-audiences";
import { PartnershipStatus, PartnerType } from "../../server/src/domain/enums";
import { runInTransaction } from "../../server/src/common/transaction";
import { OutboxEvent } from "../../server/src/modules/live/outbox-event.entity";
import { startTestServer, type TestServer } from "./harness";
import { customer, expectOk, ids, partner, rel, USER_ERRORS, type UserErrorShape } from "./mutation-helpers";

// Issue 10, the write path: the bench's write cycle (order, then cancel) runs a fixed, small number of SQL
// statements per request, stays transactional and audited, and writes the same outbox events (audiences included)
// as when every row was read back. Before: order 13 statements plus, at random, some of the outbox publisher's
// (woken after the commit, it ran in the request's store), cancel 13.

const { INDIRECT_PROVIDER, INDIRECT_RESELLER } = PartnerType;

const FIELDS = "id status offerName quantity autoRenew version commitmentEndDate resellerOfRecord { name }";
const ORDER = `mutation($input: OrderSubscriptionInput!) { orderSubscription(input: $input) { subscription { ${FIELDS} } ${USER_ERRORS} } }`;
const CANCEL = `mutation($input: SubscriptionActionInput!) { cancelSubscription(input: $input) { subscription { ${FIELDS} } ${USER_ERRORS} } }`;

interface Sub {
  id: string;
  status: string;
  version: number;
  autoRenew: boolean;
}
type Payload = { subscription: Sub | null; userErrors: UserErrorShape[] };

let t: TestServer;
const PROV = { as: "prov" };

beforeAll(async () => {
  t = await startTestServer(
    {
      partners: [
        partner("prov", "1100001", [INDIRECT_PROVIDER]),
        partner("res", "2100001", [INDIRECT_RESELLER]),
        partner("other", "1100002", [INDIRECT_PROVIDER]),
      ],
      partnerships: [
        { provider: "prov", reseller: "res", status: PartnershipStatus.ACTIVE },
        { provider: "other", reseller: "res", status: PartnershipStatus.ACTIVE },
      ],
      customers: [customer("acme")],
      relationships: [rel("prov", "acme"), rel("res", "acme")],
      subscriptions: [],
      transfers: [],
    },
    { now: new Date() },
  );
});
afterAll(async () => {
  await t?.close();
});

/** PostgreSQL also sends NOTIFY in the transaction (the publishers' wake-up, modules/live/outbox.writer.ts). */
const notify = () => (t.app.dataSource.options.type === "postgres" ? 1 : 0);

/** Order (for the reseller "res" when `forReseller`), then cancel, as the provider. */
async function cycle(forReseller = false) {
  const id = ids(t);
  const input = {
    customerId: id.customer("acme"),
    ...(forReseller ? { resellerId: id.partner("res") } : {}),
    offerId: "CFQ7TTC0LFLZ:0001",
    offerName: "Microsoft 365 E3",
    offerKind: "LICENSE_BASED",
    quantity: 5,
    termDuration: "P1M",
  };
  const order = await t.gql<{ orderSubscription: Payload }>(ORDER, { input }, PROV);
  const ordered = expectOk(order.body.data!.orderSubscription).subscription!;
  const cancel = await t.gql<{ cancelSubscription: Payload }>(CANCEL, { input: { subscriptionId: ordered.id } }, PROV);
  const cancelled = expectOk(cancel.body.data!.cancelSubscription).subscription!;
  return { ordered, cancelled, orderSql: order.sqlCount, cancelSql: cancel.sqlCount };
}

describe("the write cycle's statements", () => {
  it("order and cancel run a fixed number of statements, none of them the publisher's", async () => {
    for (const forReseller of [false, true]) {
      const runs = [];
      for (let i = 0; i < 5; i++) runs.push(await cycle(forReseller));
      const counts = runs.map((r) => `${r.orderSql}/${r.cancelSql}`);
      expect(new Set(counts).size, counts.join(" ")).toBe(1);
      // The viewer (2), BEGIN, the customer, the ORDER facts (2), INSERT, audit, the audience's providers, outbox,
      // COMMIT; a named reseller adds its row and its partnership with the buyer (the bench's order names none).
      expect(runs[0]!.orderSql, `forReseller ${forReseller}`).toBeLessThanOrEqual((forReseller ? 14 : 11) + notify());
      // The viewer (2), BEGIN, the scoped locked row, the CANCEL facts, UPDATE, audit, providers, outbox, COMMIT (the
      // reseller of record adds one fact).
      expect(runs[0]!.cancelSql).toBeLessThanOrEqual((forReseller ? 11 : 10) + notify());
    }
  });

  it("the cancelled subscription answered is the row as stored", async () => {
    const { ordered, cancelled } = await cycle();
    expect(cancelled).toMatchObject({ status: "DELETED", autoRenew: false, version: ordered.version + 1 });
    const stored = await t.gql<{ node: Sub }>(
      `query($id: ID!) { node(id: $id) { ... on CustomerSubscription { ${FIELDS} } } }`,
      { id: cancelled.id },
      PROV,
    );
    expect(stored.body.errors).toBeUndefined();
    expect(stored.body.data!.node).toEqual(cancelled);
  });

  it("the outbox audiences of written rows are those read from the tables", async () => {
    await t.app.dataSource.createQueryBuilder().delete().from(OutboxEvent).execute();
    await cycle(true);
    const ds = t.app.dataSource;
    const rows = await ds.getRepository(OutboxEvent).find({ where: { subjectType: "CustomerSubscription" } });
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const subjects = rows.map((r) => ({ type: "CustomerSubscription" as const, id: r.subjectId }));
    const read = await audiencesOf(ds.manager, subjects);
    for (const [i, row] of rows.entries()) {
      expect(row.audience, row.type).toEqual(read.get(audienceKey(subjects[i]!)));
    }
    // The reseller of record and both networks that take it in, and the provider that billed.
    const partnerIds = [...t.world.partners.values()].sort();
    expect(rows[0]!.audience).toEqual(partnerIds);
  });

  it("transactions run READ COMMITTED without a SET TRANSACTION each (PostgreSQL's default per connection)", async () => {
    if (!notify()) return;
    const levels = await Promise.all(
      Array.from({ length: 3 }, () =>
        runInTransaction(
          t.app.dataSource,
          (em) => em.query("SHOW transaction_isolation") as Promise<{ transaction_isolation: string }[]>,
        ),
      ),
    );
    expect(levels.map((l) => l[0]!.transaction_isolation)).toEqual(Array(3).fill("read committed"));
  });
});
