// The raw baseline of `npm run bench` (issue 10): node:http and hand-written SQL on the same tables, with the same
// tenant-scope shapes as auth/scope.ts, the project's own pure rule engine for eligibility, and the same JSON as the
// GraphQL answers' `data`. What GraphQL costs on top of this is what the benchmark measures. Not part of the app.
import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import Database from "better-sqlite3";
import pg from "pg";
import { loadConfig } from "../src/config";
import { verifyToken } from "../src/auth/token";
import { addDays, termEndDate, toIsoDate } from "../src/common/dates";
import { fromGlobalId, toGlobalId } from "../src/common/global-id";
import { dateOf, formatInstant, fromDate, parseInstant, startOfDate, type Instant } from "../src/common/instants";
import { EligibilityAction, PartnerType, RuleBook, type TransferPolicy } from "../src/domain/enums";
import { countriesOfMarket } from "../src/domain/markets";
import { decide } from "../src/modules/eligibility/engine";
import type { DecisionFacts, PartnerFacts, SubscriptionFacts, TransferFacts } from "../src/modules/eligibility/facts";
import type { Decision } from "../src/modules/eligibility/rule";
import { TRANSFER_EXPIRY_DAYS } from "../src/modules/transfer/transfer.entity";

type Row = Record<string, unknown>;

/** `?` placeholders; a list parameter expands to `?, ?, …`. Counts every statement (the x-sql-count header). */
interface Db {
  all(sql: string, params: unknown[]): Promise<Row[]>;
  /** One transaction (PostgreSQL: one pooled client; SQLite: serialised, it has one connection). */
  tx<T>(work: (db: Db) => Promise<T>): Promise<T>;
}

function expand(sql: string, params: unknown[]): { sql: string; flat: unknown[] } {
  const flat: unknown[] = [];
  let i = 0;
  const out = sql.replace(/\?/g, () => {
    const p = params[i++];
    if (Array.isArray(p)) {
      flat.push(...(p as unknown[]));
      return p.map(() => "?").join(", ");
    }
    flat.push(p);
    return "?";
  });
  return { sql: out, flat };
}

function openDb(databaseUrl: string | null, sqlitePath: string, counter: { n: number }): Db {
  if (databaseUrl) {
    // Dates and timestamps as the text PostgreSQL sends (the GraphQL side renders the same values).
    pg.types.setTypeParser(1082, (v) => v);
    pg.types.setTypeParser(1114, (v) => v);
    const pool = new pg.Pool({ connectionString: databaseUrl, max: Number(process.env.PG_POOL_SIZE ?? 10) });
    const on =
      (client: pg.Pool | pg.PoolClient): Db["all"] =>
      async (sql, params) => {
        counter.n++;
        const { sql: text, flat } = expand(sql, params);
        let n = 0;
        const result = await client.query(
          text.replace(/\?/g, () => `$${++n}`),
          flat,
        );
        return result.rows as Row[];
      };
    return {
      all: on(pool),
      async tx(work) {
        const client = await pool.connect();
        const all = on(client);
        const inner: Db = { all, tx: (w) => w(inner) };
        try {
          await all("BEGIN", []);
          const result = await work(inner);
          await all("COMMIT", []);
          return result;
        } catch (err) {
          await all("ROLLBACK", []).catch(() => undefined);
          throw err;
        } finally {
          client.release();
        }
      },
    };
  }
  const db = new Database(sqlitePath, { readonly: false });
  db.pragma("busy_timeout = 5000");
  const cache = new Map<string, Database.Statement>();
  const all: Db["all"] = (sql, params) => {
    counter.n++;
    const { sql: text, flat } = expand(sql, params);
    let stmt = cache.get(text);
    if (!stmt) cache.set(text, (stmt = db.prepare(text)));
    const values = flat.map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : v));
    if (!stmt.reader) {
      stmt.run(...values);
      return Promise.resolve([]);
    }
    return Promise.resolve(stmt.all(...values) as Row[]);
  };
  let queue: Promise<unknown> = Promise.resolve();
  const self: Db = {
    all,
    tx<T>(work: (db: Db) => Promise<T>): Promise<T> {
      const inner: Db = { all, tx: (w) => w(inner) };
      const run = queue.then(async () => {
        await all("BEGIN IMMEDIATE", []);
        try {
          const result = await work(inner);
          await all("COMMIT", []);
          return result;
        } catch (err) {
          await all("ROLLBACK", []);
          throw err;
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
  return self;
}

const config = loadConfig();
const counter = { n: 0 };
const shared = openDb(config.databaseUrl, config.sqlitePath, counter);
const db = shared;
const sqlite = !config.databaseUrl;
const bool = (v: unknown) => v === true || v === 1 || v === "1";
const num = (v: unknown) => Number(v ?? 0);
const str = (v: unknown) => v as string;
const strOrNull = (v: unknown) => (v === null || v === undefined ? null : (v as string));
/** A stored timestamp (SQLite "YYYY-MM-DD HH:MM:SS.SSS", PostgreSQL the same without zone: both UTC) as an instant. */
const instantOf = (v: unknown): Instant | null =>
  v === null || v === undefined ? null : fromDate(new Date(`${str(v).replace(" ", "T")}Z`));
/** A timestamp parameter in the stored format. */
const stamp = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "");
const json = <T>(v: unknown): T | null =>
  v === null || v === undefined ? null : typeof v === "string" ? (JSON.parse(v) as T) : (v as T);

interface Viewer {
  user: { id: string; email: string };
  partner: PartnerFacts & { name: string };
  network: string[];
}

async function viewerOf(req: IncomingMessage): Promise<Viewer | null> {
  const header = req.headers.authorization ?? "";
  const email = header.startsWith("Bearer ") ? await verifyToken(config.authSecret, header.slice(7)) : null;
  if (!email) return null;
  const [p] = await db.all(
    `SELECT u.id AS user_id, u.email, p.id, p.name, p.types, p.country, p.mpa_signed, p.program_status FROM "user" u JOIN partner p ON p.id = u.partner_id
     WHERE u.email = ? AND u.deactivated_at IS NULL`,
    [email.toLowerCase()],
  );
  if (!p) return null;
  const types = str(p.types).split(",") as PartnerType[];
  const partner = {
    id: str(p.id),
    name: str(p.name),
    types,
    country: str(p.country),
    mpaSigned: bool(p.mpa_signed),
    programStatus: p.program_status as PartnerFacts["programStatus"],
  };
  const resellers = types.includes(PartnerType.INDIRECT_PROVIDER)
    ? await db.all(`SELECT reseller_id FROM reseller_partnership WHERE provider_id = ? AND status = 'ACTIVE'`, [
        partner.id,
      ])
    : [];
  return {
    user: { id: str(p.user_id), email: str(p.email) },
    partner,
    network: [partner.id, ...resellers.map((r) => str(r.reseller_id))],
  };
}

// The tenant-scope shapes of auth/scope.ts, written out.
const VISIBLE_CUSTOMERS = `IN (SELECT scope_cr.customer_id FROM customer_relationship scope_cr WHERE scope_cr.partner_id IN (?) AND scope_cr.status = 'ACTIVE')`;
// Subscriptions of the network's customers: CSP ones it bills or resells, and other channels' (three network params).
const visibleSubscriptions = (a: string) =>
  `(${a}.customer_id ${VISIBLE_CUSTOMERS} AND (${a}.transacting_partner_id IN (?) OR ${a}.reseller_of_record_id IN (?) OR ${a}.channel <> 'CSP'))`;
const LIVE = `IN ('ACTIVE', 'SUSPENDED')`;

const SUB_COLUMNS = `s.id, s.customer_id, s.offer_kind, s.commerce_model, s.channel, s.status, s.transacting_partner_id,
  s.reseller_of_record_id, s.purchase_date, s.renewal_date, s.commitment_end_date, s.parent_id, s.is_azure_plan, s.quantity,
  s.purchased_at, s.renewed_at, s.product_type, s.tranches, s.auto_renew, s.term_duration, s.billing_cycle, s.max_quantity,
  s.scheduled_change, s.active_azure_subscriptions`;

function subscriptionFacts(s: Row): SubscriptionFacts {
  const purchasedAt = instantOf(s.purchased_at) ?? startOfDate(str(s.purchase_date));
  const renewedAt = instantOf(s.renewed_at) ?? (s.renewal_date ? startOfDate(str(s.renewal_date)) : null);
  const quantity = num(s.quantity);
  const stored = (json<{ quantity: number; purchasedAt: string }[]>(s.tranches) ?? []).map((t) => ({
    quantity: t.quantity,
    purchasedAt: parseInstant(t.purchasedAt) ?? purchasedAt,
  }));
  return {
    id: str(s.id),
    customerId: str(s.customer_id),
    offerKind: s.offer_kind as SubscriptionFacts["offerKind"],
    commerceModel: s.commerce_model as SubscriptionFacts["commerceModel"],
    channel: s.channel as SubscriptionFacts["channel"],
    status: s.status as SubscriptionFacts["status"],
    transactingPartnerId: strOrNull(s.transacting_partner_id),
    resellerOfRecordId: strOrNull(s.reseller_of_record_id),
    purchaseDate: str(s.purchase_date),
    renewalDate: strOrNull(s.renewal_date),
    commitmentEndDate: str(s.commitment_end_date),
    parentId: strOrNull(s.parent_id),
    isAzurePlan: bool(s.is_azure_plan),
    quantity,
    purchasedAt,
    renewedAt,
    productType: s.product_type as SubscriptionFacts["productType"],
    tranches: stored.length > 0 || quantity < 1 ? stored : [{ quantity, purchasedAt: renewedAt ?? purchasedAt }],
    autoRenew: bool(s.auto_renew),
    termDuration: strOrNull(s.term_duration) as SubscriptionFacts["termDuration"],
    billingCycle: s.billing_cycle as SubscriptionFacts["billingCycle"],
    maxQuantity: s.max_quantity === null || s.max_quantity === undefined ? null : num(s.max_quantity),
    scheduledChange: json<SubscriptionFacts["scheduledChange"]>(s.scheduled_change),
    activeAzureSubscriptions: num(s.active_azure_subscriptions),
  };
}

/**
 * Decisions of several actions on a page of subscriptions, the facts gathered once for all of them (at most four
 * statements, whatever the page and the number of actions).
 */
async function decideAll(
  viewer: Viewer,
  actions: EligibilityAction[],
  subs: SubscriptionFacts[],
  db: Db = shared,
  order: { customerId: string; offerKind: SubscriptionFacts["offerKind"] } | null = null,
) {
  const ruleBook = config.ruleBook;
  const now = fromDate(new Date());
  const today = toIsoDate(new Date());
  const at = ruleBook === RuleBook.V2 && dateOf(now) === today ? now : startOfDate(today);
  const customerIds = order ? [order.customerId] : [...new Set(subs.map((s) => s.customerId))];
  const result = new Map<EligibilityAction, Map<string, Decision>>(actions.map((a) => [a, new Map()]));
  if (customerIds.length === 0) return result;
  const customers = await db.all(
    `SELECT id, country, mca_accepted, partner_tenant_of_id FROM customer WHERE id IN (?)`,
    [customerIds],
  );
  const related = new Set(
    (
      await db.all(
        `SELECT customer_id FROM customer_relationship WHERE partner_id = ? AND status = 'ACTIVE' AND customer_id IN (?)`,
        [viewer.partner.id, customerIds],
      )
    ).map((r) => str(r.customer_id)),
  );
  const transfer = actions.includes(EligibilityAction.TRANSFER);
  const needsRelevant = transfer || actions.includes(EligibilityAction.ORDER);
  const relevant = new Map<string, SubscriptionFacts[]>();
  const inProgress = new Map<string, TransferFacts[]>();
  if (needsRelevant) {
    const rows = await db.all(
      `SELECT ${SUB_COLUMNS} FROM customer_subscription s WHERE s.customer_id IN (?) AND ((s.offer_kind = 'USAGE_BASED' AND s.channel <> 'CSP')
       OR s.is_azure_plan = ? OR s.transacting_partner_id = ? OR s.reseller_of_record_id = ?)`,
      [customerIds, true, viewer.partner.id, viewer.partner.id],
    );
    for (const r of rows) {
      const f = subscriptionFacts(r);
      relevant.set(f.customerId, [...(relevant.get(f.customerId) ?? []), f]);
    }
    if (transfer && ruleBook === RuleBook.V2) {
      const lines = await db.all(
        `SELECT tl.subscription_id, t.status, t.created_at FROM transfer_line tl JOIN transfer t ON t.id = tl.transfer_id
         WHERE tl.subscription_id IN (?) AND t.status IN ('PENDING', 'ACCEPTED')`,
        [subs.map((s) => s.id)],
      );
      for (const l of lines) {
        const id = str(l.subscription_id);
        const facts = { status: l.status as TransferFacts["status"], createdAt: instantOf(l.created_at) as Instant };
        inProgress.set(id, [...(inProgress.get(id) ?? []), facts]);
      }
    }
  }
  const byId = new Map(customers.map((c) => [str(c.id), c]));
  for (const action of actions) {
    const decisions = result.get(action) as Map<string, Decision>;
    const subjects: (SubscriptionFacts | null)[] = order ? [null] : subs;
    for (const s of subjects) {
      const customerId = s?.customerId ?? order?.customerId ?? "";
      const c = byId.get(customerId);
      if (!c) continue;
      const facts: DecisionFacts = {
        action,
        ruleBook,
        asOf: dateOf(at),
        at,
        quantity: null,
        autoRenew: null,
        change: null,
        policy: config.transferPolicy as TransferPolicy,
        actor: viewer.partner,
        offerKind: order?.offerKind ?? null,
        reseller: null,
        resellerPartnershipActive: false,
        customer: {
          id: str(c.id),
          country: str(c.country),
          mcaAccepted: bool(c.mca_accepted),
          partnerTenantOfId: strOrNull(c.partner_tenant_of_id),
        },
        subscription: s,
        actorHasActiveRelationship: related.has(customerId),
        customerSubscriptions:
          action === EligibilityAction.TRANSFER || action === EligibilityAction.ORDER
            ? (relevant.get(customerId) ?? [])
            : [],
        pendingTransfersOfSubject: [],
        transfersOfSubject: action === EligibilityAction.TRANSFER && s ? (inProgress.get(s.id) ?? []) : [],
        namedTransfer: null,
      };
      decisions.set(s?.id ?? customerId, decide(facts));
    }
  }
  return result;
}

const present = (d: Decision | undefined) =>
  d && {
    eligible: d.eligible,
    blocking: d.blocking.map((r) => ({ code: r.code, ruleId: r.ruleId })),
    advisories: d.advisories.map((r) => ({ code: r.code, ruleId: r.ruleId })),
  };

/** The scoped subscription list, soonest term end first (subscription.service byTermEnd). */
async function subscriptionPage(v: Viewer, first: number, extra = "", extraParams: unknown[] = []) {
  const where = `${visibleSubscriptions("s")}${extra}`;
  const params = [v.network, v.network, v.network, ...extraParams];
  const rows = await db.all(
    `SELECT ${SUB_COLUMNS}, s.offer_name FROM customer_subscription s WHERE ${where} ORDER BY s.commitment_end_date ASC, s.id ASC LIMIT ${first}`,
    params,
  );
  return {
    rows,
    count: async () =>
      num((await db.all(`SELECT COUNT(*) AS n FROM customer_subscription s WHERE ${where}`, params))[0]?.n),
  };
}

const customerIdOf = (globalId: string) => {
  const parsed = fromGlobalId(globalId);
  return parsed?.type === "Customer" ? parsed.id : null;
};

/** The audit event every accepted mutation writes in its transaction (audit.writer.ts does it for GraphQL). */
async function audit(
  t: Db,
  v: Viewer,
  operation: string,
  customerId: string,
  subscriptionId: string,
  d: Decision,
  fields: Record<string, { before: unknown; after: unknown }>,
) {
  const reasons = (rs: Decision["blocking"]) =>
    rs.map((r) => ({ ruleId: r.ruleId, code: r.code, severity: r.severity }));
  await t.all(
    `INSERT INTO audit_event (id, occurred_at, request_id, actor_user_id, actor_api_token_id, actor_label, partner_id, operation, outcome,
     customer_id, targets, changes, decision, user_errors) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, 'ACCEPTED', ?, ?, ?, ?, NULL)`,
    [
      randomUUID(),
      stamp(new Date()),
      randomUUID(),
      v.user.id,
      v.user.email,
      v.partner.id,
      operation,
      customerId,
      JSON.stringify([{ type: "CustomerSubscription", id: subscriptionId }]),
      JSON.stringify([{ type: "CustomerSubscription", id: subscriptionId, fields }]),
      JSON.stringify({
        action: d.action,
        eligible: d.eligible,
        asOf: toIsoDate(new Date()),
        blocking: reasons(d.blocking),
        advisories: reasons(d.advisories),
      }),
    ],
  );
}

type Handler = (v: Viewer, vars: Record<string, unknown>) => Promise<unknown>;

const HANDLERS: Record<string, Handler> = {
  async dashboard(v) {
    const today = toIsoDate(new Date());
    const cutoff = stamp(new Date(`${addDays(today, -TRANSFER_EXPIRY_DAYS)}T00:00:00.000Z`));
    const [customers, subs, transfers, requested, resellers, page, total] = await Promise.all([
      db.all(`SELECT COUNT(*) AS n FROM customer c WHERE c.id ${VISIBLE_CUSTOMERS}`, [v.network]),
      db.all(
        `SELECT COUNT(*) AS n, SUM(CASE WHEN s.status = 'ACTIVE' AND s.commitment_end_date >= ? AND s.commitment_end_date <= ? THEN 1 ELSE 0 END) AS ending
         FROM customer_subscription s WHERE ${visibleSubscriptions("s")}`,
        [today, addDays(today, 30), v.network, v.network, v.network],
      ),
      db.all(
        `SELECT SUM(CASE WHEN t.source_partner_id IN (?) THEN 1 ELSE 0 END) AS outgoing, SUM(CASE WHEN t.source_partner_id IN (?) THEN 0 ELSE 1 END) AS incoming
         FROM transfer t WHERE (t.source_partner_id IN (?) OR t.target_partner_id IN (?) OR t.reseller_id IN (?)) AND t.status = 'PENDING' AND t.created_at >= ?`,
        [v.network, v.network, v.network, v.network, v.network, cutoff],
      ),
      db.all(
        `SELECT COUNT(*) AS n FROM customer_relationship cr WHERE cr.partner_id IN (?) AND cr.status = 'REQUESTED'`,
        [v.network],
      ),
      db.all(
        // R25: the same country under V1, the same CSP market under V2 (C1).
        config.ruleBook === RuleBook.V2
          ? `SELECT COUNT(*) AS active, SUM(CASE WHEN (r.mpa_signed = ? OR r.program_status <> 'ACTIVE' OR UPPER(r.country) NOT IN (?)) THEN 1 ELSE 0 END) AS issues
         FROM reseller_partnership rp JOIN partner r ON r.id = rp.reseller_id WHERE rp.provider_id = ? AND rp.status = 'ACTIVE'`
          : `SELECT COUNT(*) AS active, SUM(CASE WHEN (r.mpa_signed = ? OR r.program_status <> 'ACTIVE' OR r.country <> ?) THEN 1 ELSE 0 END) AS issues
         FROM reseller_partnership rp JOIN partner r ON r.id = rp.reseller_id WHERE rp.provider_id = ? AND rp.status = 'ACTIVE'`,
        [
          false,
          config.ruleBook === RuleBook.V2 ? countriesOfMarket(v.partner.country) : v.partner.country,
          v.partner.id,
        ],
      ),
      db.all(
        `SELECT rp.status, rp.reseller_id, r.name, r.partner_id FROM reseller_partnership rp JOIN partner r ON r.id = rp.reseller_id
         WHERE rp.provider_id = ? ORDER BY r.name ASC, rp.id ASC LIMIT 25`,
        [v.partner.id],
      ),
      db.all(`SELECT COUNT(*) AS n FROM reseller_partnership rp WHERE rp.provider_id = ?`, [v.partner.id]),
    ]);
    const counted = page.filter((p) => p.status === "ACTIVE").map((p) => str(p.reseller_id));
    const [customerCounts, subscriptionCounts] =
      counted.length === 0
        ? [[], []]
        : await Promise.all([
            db.all(
              `SELECT partner_id AS id, COUNT(DISTINCT customer_id) AS n FROM customer_relationship WHERE partner_id IN (?) AND status = 'ACTIVE' GROUP BY partner_id`,
              [counted],
            ),
            db.all(
              `SELECT reseller_of_record_id AS id, COUNT(*) AS n FROM customer_subscription WHERE reseller_of_record_id IN (?) AND status ${LIVE} GROUP BY reseller_of_record_id`,
              [counted],
            ),
          ]);
    const cc = new Map(customerCounts.map((r) => [str(r.id), num(r.n)]));
    const sc = new Map(subscriptionCounts.map((r) => [str(r.id), num(r.n)]));
    return {
      networkSummary: {
        customerCount: num(customers[0]?.n),
        subscriptionCount: num(subs[0]?.n),
        termsEndingIn30Days: num(subs[0]?.ending),
        incomingTransfersPending: num(transfers[0]?.incoming),
        outgoingTransfersPending: num(transfers[0]?.outgoing),
        relationshipsRequested: num(requested[0]?.n),
        activeResellerCount: num(resellers[0]?.active),
        resellersWithComplianceIssues: num(resellers[0]?.issues),
      },
      resellers: {
        totalCount: num(total[0]?.n),
        nodes: page.map((p) => ({
          status: p.status,
          reseller: { name: p.name, partnerId: p.partner_id },
          counts:
            p.status === "ACTIVE"
              ? { customers: cc.get(str(p.reseller_id)) ?? 0, subscriptions: sc.get(str(p.reseller_id)) ?? 0 }
              : null,
        })),
      },
    };
  },

  async subscriptions(v) {
    const page = await subscriptionPage(v, 100);
    const ids = [
      ...new Set(
        page.rows.flatMap((r) => [r.transacting_partner_id, r.reseller_of_record_id]).filter((id) => id !== null),
      ),
    ];
    const [names, totalCount] = await Promise.all([
      ids.length ? db.all(`SELECT p.id, p.name FROM partner p WHERE p.id IN (?)`, [ids]) : [],
      page.count(),
    ]);
    const partner = new Map(names.map((p) => [str(p.id), { name: p.name }]));
    const named = (id: unknown) => (id === null ? null : (partner.get(str(id)) ?? null));
    return {
      subscriptions: {
        totalCount,
        nodes: page.rows.map((r) => ({
          id: toGlobalId("CustomerSubscription", str(r.id)),
          offerName: r.offer_name,
          status: r.status,
          quantity: num(r.quantity),
          commitmentEndDate: r.commitment_end_date,
          transactingPartner: named(r.transacting_partner_id),
          resellerOfRecord: named(r.reseller_of_record_id),
        })),
      },
    };
  },

  async transferEligibility(v, vars) {
    const customerId = customerIdOf(str(vars.customerId));
    const [visible] = await db.all(`SELECT c.id FROM customer c WHERE c.id = ? AND c.id ${VISIBLE_CUSTOMERS}`, [
      customerId,
      v.network,
    ]);
    if (!visible) throw new Error("customer not found");
    const where = `s.customer_id ${VISIBLE_CUSTOMERS} AND s.customer_id = ? AND s.channel = 'CSP' AND s.status <> 'DELETED'`;
    const params = [v.network, customerId];
    const [rows, count] = await Promise.all([
      db.all(
        `SELECT ${SUB_COLUMNS}, s.offer_name FROM customer_subscription s WHERE ${where} ORDER BY s.commitment_end_date ASC, s.id ASC LIMIT 20`,
        params,
      ),
      db.all(`SELECT COUNT(*) AS n FROM customer_subscription s WHERE ${where}`, params),
    ]);
    const decisions = (await decideAll(v, [EligibilityAction.TRANSFER], rows.map(subscriptionFacts))).get(
      EligibilityAction.TRANSFER,
    );
    return {
      transferEligibility: {
        totalCount: num(count[0]?.n),
        nodes: rows.map((r) => ({
          subscription: { id: toGlobalId("CustomerSubscription", str(r.id)), offerName: r.offer_name },
          decision: present(decisions?.get(str(r.id))),
        })),
      },
    };
  },

  async subscriptionsTransfer(v) {
    const page = await subscriptionPage(v, 100);
    const [decisions, totalCount] = await Promise.all([
      decideAll(v, [EligibilityAction.TRANSFER], page.rows.map(subscriptionFacts)),
      page.count(),
    ]);
    const transfer = decisions.get(EligibilityAction.TRANSFER);
    return {
      subscriptions: {
        totalCount,
        nodes: page.rows.map((r) => ({
          id: toGlobalId("CustomerSubscription", str(r.id)),
          offerName: r.offer_name,
          status: r.status,
          eligibility: present(transfer?.get(str(r.id))),
        })),
      },
    };
  },

  async customerPage(v, vars) {
    const customerId = customerIdOf(str(vars.customerId));
    const [[c], relationships, channels, page] = await Promise.all([
      db.all(
        `SELECT c.name, c.domain, c.country, c.mca_accepted FROM customer c WHERE c.id = ? AND c.id ${VISIBLE_CUSTOMERS}`,
        [customerId, v.network],
      ),
      db.all(
        `SELECT cr.status, p.name FROM customer_relationship cr JOIN partner p ON p.id = cr.partner_id WHERE cr.customer_id = ?
         AND cr.customer_id ${VISIBLE_CUSTOMERS} AND cr.partner_id IN (?) ORDER BY cr.requested_at ASC, cr.id ASC`,
        [customerId, v.network, v.network],
      ),
      db.all(
        `SELECT DISTINCT s.channel FROM customer_subscription s WHERE s.customer_id = ? AND s.status ${LIVE} ORDER BY s.channel`,
        [customerId],
      ),
      subscriptionPage(v, 20, " AND s.customer_id = ?", [customerId]),
    ]);
    return {
      node: c
        ? {
            name: c.name,
            domain: c.domain,
            country: c.country,
            mcaAccepted: bool(c.mca_accepted),
            channels: channels.map((r) => r.channel),
            relationships: relationships.map((r) => ({ status: r.status, partner: { name: r.name } })),
          }
        : null,
      subscriptions: {
        totalCount: await page.count(),
        nodes: page.rows.map((r) => ({
          id: toGlobalId("CustomerSubscription", str(r.id)),
          offerName: r.offer_name,
          status: r.status,
          channel: r.channel,
        })),
      },
    };
  },

  async orderSubscription(v, vars) {
    const input = vars.input as {
      customerId: string;
      offerName: string;
      offerId: string;
      offerKind: string;
      quantity: number;
      termDuration: string;
    };
    const customerId = customerIdOf(input.customerId);
    return db.tx(async (t) => {
      const [visible] = await t.all(`SELECT c.id FROM customer c WHERE c.id = ? AND c.id ${VISIBLE_CUSTOMERS}`, [
        customerId,
        v.network,
      ]);
      if (!visible) throw new Error("customer not found");
      const offerKind = input.offerKind as SubscriptionFacts["offerKind"];
      const decisions = await decideAll(v, [EligibilityAction.ORDER], [], t, {
        customerId: str(customerId),
        offerKind,
      });
      const decision = decisions.get(EligibilityAction.ORDER)?.get(str(customerId));
      if (!decision?.eligible)
        return {
          orderSubscription: {
            userErrors: decision?.blocking.map((r) => ({ code: r.code })) ?? [],
            subscription: null,
          },
        };
      const id = randomUUID();
      const now = fromDate(new Date());
      const today = dateOf(now);
      const nowText = stamp(new Date(now));
      const license = offerKind === "LICENSE_BASED";
      const term = license ? input.termDuration : null;
      const months = term === "P3Y" ? 36 : term === "P1Y" ? 12 : 1;
      const tranches = JSON.stringify([{ quantity: input.quantity, purchasedAt: formatInstant(now) }]);
      await t.all(
        `INSERT INTO customer_subscription (id, customer_id, offer_name, offer_id, offer_kind, commerce_model, channel, status,
         transacting_partner_id, reseller_of_record_id, registered_by_id, purchase_date, renewal_date, commitment_end_date, term_duration,
         billing_cycle, quantity, auto_renew, parent_id, is_azure_plan, product_type, purchased_at, renewed_at, tranches, max_quantity,
         scheduled_change, active_azure_subscriptions, created_at, updated_at, version)
         VALUES (?, ?, ?, ?, ?, 'NEW_COMMERCE', 'CSP', 'ACTIVE', ?, NULL, NULL, ?, NULL, ?, ?, ?, ?, ?, NULL, ?, ?, ?, NULL, ?, NULL, NULL, 0, ?, ?, 1)`,
        [
          id,
          customerId,
          input.offerName.trim(),
          input.offerId.trim(),
          offerKind,
          v.partner.id,
          today,
          termEndDate(today, months),
          term,
          license ? "ANNUAL" : "MONTHLY",
          input.quantity,
          true,
          false,
          license ? "LICENSE" : "USAGE",
          nowText,
          tranches,
          nowText,
          nowText,
        ],
      );
      await audit(t, v, "orderSubscription", str(customerId), id, decision, {
        status: { before: null, after: "ACTIVE" },
      });
      return {
        orderSubscription: {
          userErrors: [],
          subscription: {
            id: toGlobalId("CustomerSubscription", id),
            status: "ACTIVE",
            offerName: input.offerName.trim(),
            quantity: input.quantity,
            autoRenew: true,
          },
        },
      };
    });
  },

  async cancelSubscription(v, vars) {
    const globalId = str((vars.input as { subscriptionId: string }).subscriptionId);
    const parsed = fromGlobalId(globalId);
    const id = parsed?.type === "CustomerSubscription" ? parsed.id : null;
    return db.tx(async (t) => {
      const [row] = await t.all(
        `SELECT ${SUB_COLUMNS}, s.version FROM customer_subscription s WHERE s.id = ? AND ${visibleSubscriptions("s")}${sqlite ? "" : " FOR UPDATE"}`,
        [id, v.network, v.network, v.network],
      );
      if (!row) throw new Error("subscription not found");
      const facts = subscriptionFacts(row);
      const decision = (await decideAll(v, [EligibilityAction.CANCEL], [facts], t))
        .get(EligibilityAction.CANCEL)
        ?.get(facts.id);
      if (!decision?.eligible)
        return {
          cancelSubscription: {
            userErrors: decision?.blocking.map((r) => ({ code: r.code })) ?? [],
            subscription: null,
          },
        };
      await t.all(
        `UPDATE customer_subscription SET status = 'DELETED', auto_renew = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
        [false, stamp(new Date()), facts.id, num(row.version)],
      );
      await audit(t, v, "cancelSubscription", facts.customerId, facts.id, decision, {
        status: { before: facts.status, after: "DELETED" },
      });
      return {
        cancelSubscription: { userErrors: [], subscription: { id: globalId, status: "DELETED", autoRenew: false } },
      };
    });
  },

  async fiveDecisions(v) {
    const page = await subscriptionPage(v, 50);
    const actions = [
      EligibilityAction.SUPPORT,
      EligibilityAction.TRANSFER,
      EligibilityAction.CANCEL,
      EligibilityAction.SUSPEND,
      EligibilityAction.REACTIVATE,
    ];
    const d = await decideAll(v, actions, page.rows.map(subscriptionFacts));
    return {
      subscriptions: {
        nodes: page.rows.map((r) => {
          const id = str(r.id);
          return {
            id: toGlobalId("CustomerSubscription", id),
            support: present(d.get(EligibilityAction.SUPPORT)?.get(id)),
            transfer: present(d.get(EligibilityAction.TRANSFER)?.get(id)),
            cancel: present(d.get(EligibilityAction.CANCEL)?.get(id)),
            suspend: present(d.get(EligibilityAction.SUSPEND)?.get(id)),
            reactivate: present(d.get(EligibilityAction.REACTIVATE)?.get(id)),
          };
        }),
      },
    };
  },
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, statements: number): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "x-sql-count": String(statements),
  });
  res.end(text);
}

// One request at a time per statement count would need AsyncLocalStorage; the baseline counts per request by
// difference, which is exact while the verification requests run one by one (as the bench sends them).
const server = createServer((req, res) => {
  const started = counter.n;
  const handler = HANDLERS[(req.url ?? "").replace(/^\/op\//, "")];
  if (req.method !== "POST" || !handler) return send(res, 404, { error: "not found" }, 0);
  readBody(req)
    .then(async (text) => {
      const viewer = await viewerOf(req);
      if (!viewer) return send(res, 401, { error: "unauthenticated" }, counter.n - started);
      const vars = (JSON.parse(text || "{}") as { variables?: Record<string, unknown> }).variables ?? {};
      const data = await handler(viewer, vars);
      send(res, 200, { data }, counter.n - started);
    })
    .catch((err: unknown) => {
      console.error(err);
      send(res, 500, { error: "internal" }, counter.n - started);
    });
});
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}`, sqlite }));
});
// Nothing to finish: the bench stops it between runs, keep-alive sockets included.
process.once("SIGTERM", () => process.exit(0));
