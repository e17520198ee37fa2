import type { QueryRunner } from "typeorm";

// The SQL of migration NetworkCounters1796760000000, shared by its SQLite and PostgreSQL twins (frozen with it: a
// later change to the counters is a new migration, not an edit here).
//
// Issue 10: the provider dashboard (networkSummary, and each reseller's `counts`) read counters instead of scanning
// the network. Database triggers keep them in the same transaction as every write, whatever writes it (services,
// the Partner Center sync, the seeds' bulk inserts, the scenario runner). The tenant semantics are TenantScope's
// (auth/scope.ts), restated here in SQL:
//
// - `network_member` (a view): the partners whose customers make up the network of `network_id` — the partner
//   itself and, when it is an indirect provider, its resellers with an ACTIVE partnership (TenantScope.load).
// - `network_customer`: the customers in each network, with `refs` = how many ACTIVE relationships of the network's
//   members hold the customer (a row exists while refs > 0: the customer enters and leaves on 0 ↔ 1).
// - `network_total`: per network, its customers, and those with a live subscription outside CSP (multi-channel).
// - `network_subscription_count`: per network, its visible subscriptions by channel × status × offer kind: those of
//   its customers that are not CSP, or whose transacting partner or reseller of record is a member
//   (TenantScope.visibleSubscriptions). Rows may hold n = 0; readers skip them.
// - `network_term_end`: per network, its visible ACTIVE subscriptions by term end date (termsEndingIn30/60Days sum
//   the window they ask about).
// - `partner_customer` / `partner_total`: per partner, its customers (DISTINCT: a partner may hold several ACTIVE
//   relationship rows with one customer) and the live subscriptions it is reseller of record of (a reseller's
//   `counts`, loaders.ts resellerCounts).
// - `customer_live_other_channel`: per customer, its live subscriptions outside CSP (the multi-channel flag).
//
// Relationship and subscription writes adjust the counters by their delta (a customer entering a network brings
// its visible subscriptions; one leaving takes them). A change of network membership (a partnership becoming or
// ceasing to be ACTIVE, a partner's types changing) recounts that one network: rare, and the only write whose delta
// touches a whole reseller's book.
//
// Triggers only read the counter tables and the tables other than the one being written (the row's delta comes
// from NEW/OLD), so they hold on PostgreSQL, whose AFTER ROW triggers run at the end of a multi-row statement.
// On PostgreSQL, relationship and subscription triggers first lock the customer row (FOR NO KEY UPDATE: it does not
// block the FOR KEY SHARE of foreign-key checks) so that two transactions touching one customer's relationships
// and subscriptions apply their deltas one after the other, each seeing the other's committed rows (READ COMMITTED:
// every statement of a trigger function takes a new snapshot).

export type Dialect = "sqlite" | "postgres";

const LIVE = "('ACTIVE', 'SUSPENDED')"; // domain/subscription-status.ts LIVE_SUBSCRIPTION_STATUSES

/** The subscription (alias or NEW/OLD) is visible in network `net`, given its customer is in the network. */
const visibleIn = (net: string, s: string) =>
  `(${s}.channel <> 'CSP' OR EXISTS (SELECT 1 FROM network_member vm WHERE vm.network_id = ${net} ` +
  `AND vm.partner_id IN (${s}.transacting_partner_id, ${s}.reseller_of_record_id)))`;

const liveOtherChannel = (s: string) => `(${s}.channel <> 'CSP' AND ${s}.status IN ${LIVE})`;
const hasLiveOtherChannel = (customer: string) =>
  `CASE WHEN EXISTS (SELECT 1 FROM customer_live_other_channel o WHERE o.customer_id = ${customer}) THEN 1 ELSE 0 END`;

const bumpSubscriptionCount =
  "ON CONFLICT (network_id, channel, status, offer_kind) DO UPDATE SET n = network_subscription_count.n + excluded.n";
const bumpTermEnd = "ON CONFLICT (network_id, commitment_end_date) DO UPDATE SET n = network_term_end.n + excluded.n";

/** An ACTIVE relationship (partner p, customer c) appears. */
function relationshipAdded(p: string, c: string): string[] {
  const outside = `NOT EXISTS (SELECT 1 FROM network_customer x WHERE x.network_id = m.network_id AND x.customer_id = ${c})`;
  return [
    `INSERT INTO partner_total (partner_id, customers, live_subscriptions)
       SELECT ${p}, 1, 0 WHERE NOT EXISTS (SELECT 1 FROM partner_customer WHERE partner_id = ${p} AND customer_id = ${c})
       ON CONFLICT (partner_id) DO UPDATE SET customers = partner_total.customers + excluded.customers`,
    `INSERT INTO partner_customer (partner_id, customer_id, refs) VALUES (${p}, ${c}, 1)
       ON CONFLICT (partner_id, customer_id) DO UPDATE SET refs = partner_customer.refs + 1`,
    // Networks the customer enters now: its visible subscriptions, the customer, its multi-channel flag.
    `INSERT INTO network_subscription_count (network_id, channel, status, offer_kind, n)
       SELECT m.network_id, s.channel, s.status, s.offer_kind, COUNT(*)
       FROM network_member m JOIN customer_subscription s ON s.customer_id = ${c}
       WHERE m.partner_id = ${p} AND ${outside} AND ${visibleIn("m.network_id", "s")}
       GROUP BY m.network_id, s.channel, s.status, s.offer_kind
       ${bumpSubscriptionCount}`,
    `INSERT INTO network_term_end (network_id, commitment_end_date, n)
       SELECT m.network_id, s.commitment_end_date, COUNT(*)
       FROM network_member m JOIN customer_subscription s ON s.customer_id = ${c}
       WHERE m.partner_id = ${p} AND ${outside} AND s.status = 'ACTIVE' AND ${visibleIn("m.network_id", "s")}
       GROUP BY m.network_id, s.commitment_end_date
       ${bumpTermEnd}`,
    `INSERT INTO network_total (network_id, customers, multi_channel_customers)
       SELECT m.network_id, 1, ${hasLiveOtherChannel(c)} FROM network_member m WHERE m.partner_id = ${p} AND ${outside}
       ON CONFLICT (network_id) DO UPDATE SET customers = network_total.customers + excluded.customers,
         multi_channel_customers = network_total.multi_channel_customers + excluded.multi_channel_customers`,
    `INSERT INTO network_customer (network_id, customer_id, refs)
       SELECT m.network_id, ${c}, 1 FROM network_member m WHERE m.partner_id = ${p}
       ON CONFLICT (network_id, customer_id) DO UPDATE SET refs = network_customer.refs + 1`,
  ];
}

/** An ACTIVE relationship (partner p, customer c) disappears (deleted, or no longer ACTIVE). */
function relationshipRemoved(p: string, c: string): string[] {
  return [
    `UPDATE partner_customer SET refs = refs - 1 WHERE partner_id = ${p} AND customer_id = ${c}`,
    `UPDATE partner_total SET customers = customers - 1 WHERE partner_id = ${p}
       AND EXISTS (SELECT 1 FROM partner_customer WHERE partner_id = ${p} AND customer_id = ${c} AND refs = 0)`,
    `DELETE FROM partner_customer WHERE partner_id = ${p} AND customer_id = ${c} AND refs = 0`,
    `UPDATE network_customer SET refs = refs - 1
       WHERE customer_id = ${c} AND network_id IN (SELECT m.network_id FROM network_member m WHERE m.partner_id = ${p})`,
    // Networks the customer leaves now (refs reached 0): take back what it brought.
    `INSERT INTO network_subscription_count (network_id, channel, status, offer_kind, n)
       SELECT nc.network_id, s.channel, s.status, s.offer_kind, -COUNT(*)
       FROM network_customer nc JOIN customer_subscription s ON s.customer_id = nc.customer_id
       WHERE nc.customer_id = ${c} AND nc.refs = 0 AND ${visibleIn("nc.network_id", "s")}
       GROUP BY nc.network_id, s.channel, s.status, s.offer_kind
       ${bumpSubscriptionCount}`,
    `INSERT INTO network_term_end (network_id, commitment_end_date, n)
       SELECT nc.network_id, s.commitment_end_date, -COUNT(*)
       FROM network_customer nc JOIN customer_subscription s ON s.customer_id = nc.customer_id
       WHERE nc.customer_id = ${c} AND nc.refs = 0 AND s.status = 'ACTIVE' AND ${visibleIn("nc.network_id", "s")}
       GROUP BY nc.network_id, s.commitment_end_date
       ${bumpTermEnd}`,
    `UPDATE network_total SET customers = customers - 1,
         multi_channel_customers = multi_channel_customers - ${hasLiveOtherChannel(c)}
       WHERE network_id IN (SELECT nc.network_id FROM network_customer nc WHERE nc.customer_id = ${c} AND nc.refs = 0)`,
    `DELETE FROM network_customer WHERE customer_id = ${c} AND refs = 0`,
  ];
}

/** A subscription row (NEW or OLD) is counted (+1) or uncounted (-1). */
function subscriptionDelta(s: "NEW" | "OLD", sign: 1 | -1): string[] {
  const common = [
    `INSERT INTO network_subscription_count (network_id, channel, status, offer_kind, n)
       SELECT nc.network_id, ${s}.channel, ${s}.status, ${s}.offer_kind, ${sign}
       FROM network_customer nc WHERE nc.customer_id = ${s}.customer_id AND ${visibleIn("nc.network_id", s)}
       ${bumpSubscriptionCount}`,
    `INSERT INTO network_term_end (network_id, commitment_end_date, n)
       SELECT nc.network_id, ${s}.commitment_end_date, ${sign}
       FROM network_customer nc
       WHERE nc.customer_id = ${s}.customer_id AND ${s}.status = 'ACTIVE' AND ${visibleIn("nc.network_id", s)}
       ${bumpTermEnd}`,
    `INSERT INTO partner_total (partner_id, customers, live_subscriptions)
       SELECT ${s}.reseller_of_record_id, 0, ${sign}
       WHERE ${s}.reseller_of_record_id IS NOT NULL AND ${s}.status IN ${LIVE}
       ON CONFLICT (partner_id) DO UPDATE SET live_subscriptions = partner_total.live_subscriptions + excluded.live_subscriptions`,
  ];
  const inNetworks = `network_id IN (SELECT nc.network_id FROM network_customer nc WHERE nc.customer_id = ${s}.customer_id)`;
  if (sign === 1) {
    return [
      ...common,
      `UPDATE network_total SET multi_channel_customers = multi_channel_customers + 1
         WHERE ${liveOtherChannel(s)} AND ${inNetworks}
         AND NOT EXISTS (SELECT 1 FROM customer_live_other_channel o WHERE o.customer_id = ${s}.customer_id)`,
      `INSERT INTO customer_live_other_channel (customer_id, n) SELECT ${s}.customer_id, 1 WHERE ${liveOtherChannel(s)}
         ON CONFLICT (customer_id) DO UPDATE SET n = customer_live_other_channel.n + 1`,
    ];
  }
  return [
    ...common,
    `UPDATE customer_live_other_channel SET n = n - 1 WHERE customer_id = ${s}.customer_id AND ${liveOtherChannel(s)}`,
    `UPDATE network_total SET multi_channel_customers = multi_channel_customers - 1
       WHERE ${inNetworks}
       AND EXISTS (SELECT 1 FROM customer_live_other_channel o WHERE o.customer_id = ${s}.customer_id AND o.n = 0)`,
    `DELETE FROM customer_live_other_channel WHERE customer_id = ${s}.customer_id AND n = 0`,
  ];
}

/** Recounts the network(s) selected by `which` (a condition on network_id; "true" for all) from the base tables. */
function recountNetworks(which: (column: string) => string): string[] {
  return [
    `DELETE FROM network_subscription_count WHERE ${which("network_id")}`,
    `DELETE FROM network_term_end WHERE ${which("network_id")}`,
    `DELETE FROM network_total WHERE ${which("network_id")}`,
    `DELETE FROM network_customer WHERE ${which("network_id")}`,
    `INSERT INTO network_customer (network_id, customer_id, refs)
       SELECT m.network_id, cr.customer_id, COUNT(*)
       FROM network_member m JOIN customer_relationship cr ON cr.partner_id = m.partner_id
       WHERE ${which("m.network_id")} AND cr.status = 'ACTIVE'
       GROUP BY m.network_id, cr.customer_id`,
    `INSERT INTO network_total (network_id, customers, multi_channel_customers)
       SELECT nc.network_id, COUNT(*), SUM(${hasLiveOtherChannel("nc.customer_id")})
       FROM network_customer nc WHERE ${which("nc.network_id")} GROUP BY nc.network_id`,
    `INSERT INTO network_subscription_count (network_id, channel, status, offer_kind, n)
       SELECT nc.network_id, s.channel, s.status, s.offer_kind, COUNT(*)
       FROM network_customer nc JOIN customer_subscription s ON s.customer_id = nc.customer_id
       WHERE ${which("nc.network_id")} AND ${visibleIn("nc.network_id", "s")}
       GROUP BY nc.network_id, s.channel, s.status, s.offer_kind`,
    `INSERT INTO network_term_end (network_id, commitment_end_date, n)
       SELECT nc.network_id, s.commitment_end_date, COUNT(*)
       FROM network_customer nc JOIN customer_subscription s ON s.customer_id = nc.customer_id
       WHERE ${which("nc.network_id")} AND s.status = 'ACTIVE' AND ${visibleIn("nc.network_id", "s")}
       GROUP BY nc.network_id, s.commitment_end_date`,
  ];
}
const recountNetwork = (id: string) => recountNetworks((column) => `${column} = ${id}`);

interface Trigger {
  name: string;
  table: string;
  event: "INSERT" | "DELETE" | "UPDATE" | "UPDATE OF types";
  when: string;
  /** The customer whose row PostgreSQL locks first (relationship and subscription triggers). */
  lock?: string[];
  body: string[];
}

/** Any of these columns changed (NULL-safe). */
const changed = (...columns: string[]) => columns.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(" OR ");

const SUBSCRIPTION_COLUMNS = [
  "customer_id",
  "channel",
  "status",
  "offer_kind",
  "transacting_partner_id",
  "reseller_of_record_id",
  "commitment_end_date",
];

const TRIGGERS: Trigger[] = [
  {
    name: "counters_relationship_insert",
    table: "customer_relationship",
    event: "INSERT",
    when: "NEW.status = 'ACTIVE'",
    lock: ["NEW.customer_id"],
    body: relationshipAdded("NEW.partner_id", "NEW.customer_id"),
  },
  {
    name: "counters_relationship_delete",
    table: "customer_relationship",
    event: "DELETE",
    when: "OLD.status = 'ACTIVE'",
    lock: ["OLD.customer_id"],
    body: relationshipRemoved("OLD.partner_id", "OLD.customer_id"),
  },
  {
    // A relationship update is its old row out and its new row in: two triggers, each applying one half (the
    // counters are state-based, so the order they fire in does not matter).
    name: "counters_relationship_update_out",
    table: "customer_relationship",
    event: "UPDATE",
    when: `OLD.status = 'ACTIVE' AND (${changed("status", "partner_id", "customer_id")})`,
    lock: ["OLD.customer_id"],
    body: relationshipRemoved("OLD.partner_id", "OLD.customer_id"),
  },
  {
    name: "counters_relationship_update_in",
    table: "customer_relationship",
    event: "UPDATE",
    when: `NEW.status = 'ACTIVE' AND (${changed("status", "partner_id", "customer_id")})`,
    lock: ["NEW.customer_id"],
    body: relationshipAdded("NEW.partner_id", "NEW.customer_id"),
  },
  {
    name: "counters_subscription_insert",
    table: "customer_subscription",
    event: "INSERT",
    when: "true",
    lock: ["NEW.customer_id"],
    body: subscriptionDelta("NEW", 1),
  },
  {
    name: "counters_subscription_delete",
    table: "customer_subscription",
    event: "DELETE",
    when: "true",
    lock: ["OLD.customer_id"],
    body: subscriptionDelta("OLD", -1),
  },
  {
    name: "counters_subscription_update",
    table: "customer_subscription",
    event: "UPDATE",
    when: changed(...SUBSCRIPTION_COLUMNS),
    lock: ["OLD.customer_id", "NEW.customer_id"],
    body: [...subscriptionDelta("OLD", -1), ...subscriptionDelta("NEW", 1)],
  },
  {
    name: "counters_partnership_insert",
    table: "reseller_partnership",
    event: "INSERT",
    when: "NEW.status = 'ACTIVE'",
    body: recountNetwork("NEW.provider_id"),
  },
  {
    name: "counters_partnership_delete",
    table: "reseller_partnership",
    event: "DELETE",
    when: "OLD.status = 'ACTIVE'",
    body: recountNetwork("OLD.provider_id"),
  },
  {
    name: "counters_partnership_update",
    table: "reseller_partnership",
    event: "UPDATE",
    when: `(OLD.status = 'ACTIVE' OR NEW.status = 'ACTIVE') AND (${changed("status", "provider_id", "reseller_id")})`,
    body: [...recountNetwork("OLD.provider_id"), ...recountNetwork("NEW.provider_id")],
  },
  {
    // Becoming (or ceasing to be) an indirect provider adds (or drops) its resellers' customers.
    name: "counters_partner_types",
    table: "partner",
    event: "UPDATE OF types",
    when: changed("types"),
    body: recountNetwork("NEW.id"),
  },
];

const TABLES = [
  `CREATE TABLE network_customer (network_id varchar(36) NOT NULL, customer_id varchar(36) NOT NULL,
     refs integer NOT NULL, PRIMARY KEY (network_id, customer_id))`,
  `CREATE INDEX "IDX_network_customer_customer" ON network_customer (customer_id, network_id)`,
  `CREATE TABLE network_total (network_id varchar(36) NOT NULL PRIMARY KEY, customers integer NOT NULL,
     multi_channel_customers integer NOT NULL)`,
  `CREATE TABLE network_subscription_count (network_id varchar(36) NOT NULL, channel varchar(30) NOT NULL,
     status varchar(20) NOT NULL, offer_kind varchar(20) NOT NULL, n integer NOT NULL,
     PRIMARY KEY (network_id, channel, status, offer_kind))`,
  `CREATE TABLE partner_customer (partner_id varchar(36) NOT NULL, customer_id varchar(36) NOT NULL,
     refs integer NOT NULL, PRIMARY KEY (partner_id, customer_id))`,
  `CREATE TABLE partner_total (partner_id varchar(36) NOT NULL PRIMARY KEY, customers integer NOT NULL,
     live_subscriptions integer NOT NULL)`,
  `CREATE TABLE customer_live_other_channel (customer_id varchar(36) NOT NULL PRIMARY KEY, n integer NOT NULL)`,
  `CREATE VIEW network_member (network_id, partner_id) AS
     SELECT p.id, p.id FROM partner p
     UNION ALL
     SELECT rp.provider_id, rp.reseller_id FROM reseller_partnership rp JOIN partner pp ON pp.id = rp.provider_id
     WHERE rp.status = 'ACTIVE' AND (',' || pp.types || ',') LIKE '%,INDIRECT_PROVIDER,%'`,
  // termsEndingIn30/60Days depend on the day asked about: a network's ACTIVE subscriptions counted by term end
  // date, summed over the window asked for (at most 61 rows).
  `CREATE TABLE network_term_end (network_id varchar(36) NOT NULL, commitment_end_date date NOT NULL,
     n integer NOT NULL, PRIMARY KEY (network_id, commitment_end_date))`,
];

/** Fills the counters from the base tables (also what the recount test compares with, in its own SQL). */
const BACKFILL = [
  `INSERT INTO partner_customer (partner_id, customer_id, refs)
     SELECT partner_id, customer_id, COUNT(*) FROM customer_relationship WHERE status = 'ACTIVE'
     GROUP BY partner_id, customer_id`,
  `INSERT INTO partner_total (partner_id, customers, live_subscriptions)
     SELECT p.id,
       (SELECT COUNT(*) FROM partner_customer pc WHERE pc.partner_id = p.id),
       (SELECT COUNT(*) FROM customer_subscription s WHERE s.reseller_of_record_id = p.id AND s.status IN ${LIVE})
     FROM partner p`,
  `INSERT INTO customer_live_other_channel (customer_id, n)
     SELECT s.customer_id, COUNT(*) FROM customer_subscription s WHERE ${liveOtherChannel("s")} GROUP BY s.customer_id`,
  ...recountNetworks(() => "1 = 1"),
];

export const COUNTER_TABLES = [
  "network_customer",
  "network_total",
  "network_subscription_count",
  "network_term_end",
  "partner_customer",
  "partner_total",
  "customer_live_other_channel",
];

/** The triggers on a table (seed/large.ts turns them off for its bulk insert on PostgreSQL, then recounts). */
export const counterTriggersOn = (table: string): string[] =>
  TRIGGERS.filter((t) => t.table === table).map((t) => t.name);

/** Empties the counters and fills them again from the base tables (after a bulk load done without the triggers). */
export async function recountAll(q: { query(sql: string): Promise<unknown> }): Promise<void> {
  for (const table of COUNTER_TABLES) await q.query(`DELETE FROM ${table}`);
  for (const statement of BACKFILL) await q.query(statement);
}

export async function up(q: QueryRunner, dialect: Dialect): Promise<void> {
  for (const statement of TABLES) await q.query(statement);
  for (const statement of BACKFILL) await q.query(statement);
  for (const t of TRIGGERS) {
    const body = t.body.map((s) => `${s};`).join("\n");
    if (dialect === "sqlite") {
      await q.query(
        `CREATE TRIGGER ${t.name} AFTER ${t.event} ON ${t.table} FOR EACH ROW WHEN ${t.when} BEGIN\n${body}\nEND`,
      );
    } else {
      const locks = (t.lock ?? [])
        .map((c) => `PERFORM 1 FROM customer WHERE id = ${c} FOR NO KEY UPDATE;`)
        .join("\n");
      await q.query(
        `CREATE FUNCTION ${t.name}() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN\n${locks}\n${body}\nRETURN NULL; END $fn$`,
      );
      await q.query(
        `CREATE TRIGGER ${t.name} AFTER ${t.event} ON ${t.table} FOR EACH ROW WHEN (${t.when}) EXECUTE FUNCTION ${t.name}()`,
      );
    }
  }
}

export async function down(q: QueryRunner, dialect: Dialect): Promise<void> {
  for (const t of TRIGGERS) {
    await q.query(`DROP TRIGGER IF EXISTS ${t.name}${dialect === "postgres" ? ` ON ${t.table}` : ""}`);
    if (dialect === "postgres") await q.query(`DROP FUNCTION IF EXISTS ${t.name}()`);
  }
  await q.query(`DROP VIEW IF EXISTS network_member`);
  for (const table of COUNTER_TABLES) await q.query(`DROP TABLE IF EXISTS ${table}`);
}
