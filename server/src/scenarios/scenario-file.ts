import { readFileSync } from "node:fs";
import {
  CommerceModel,
  EligibilityAction,
  EligibilityReasonCode,
  OfferKind,
  PartnershipStatus,
  PartnerType,
  ProgramStatus,
  RelationshipStatus,
  SalesChannel,
  SubscriptionStatus,
  TransferPolicy,
  TransferStatus,
  UserRole,
  BillingCycle,
  TermDuration,
} from "../domain/enums";
import type { World } from "./world";

// A conformance scenario file (../shared/scenarios/README.md): a world, a decision date, a policy and the
// decisions expected in it. Validation is hand-written: every error names the file and the JSON path.

export interface ScenarioCheck {
  action: EligibilityAction;
  /** Partner key: the caller. */
  actor: string;
  subscription?: string;
  customer?: string;
  offerKind?: OfferKind;
  reseller?: string;
  eligible: boolean;
  blocking: EligibilityReasonCode[];
  /** When absent, advisories are not compared. */
  advisories?: EligibilityReasonCode[];
}

export interface Scenario extends World {
  name: string;
  sources: string[];
  /** YYYY-MM-DD */
  asOf: string;
  policy: TransferPolicy;
  checks: ScenarioCheck[];
}

export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    detail: string,
  ) {
    super(`${file}: ${path ? `${path}: ` : ""}${detail}`);
    this.name = "ScenarioError";
  }
}

/** Subject fields each action takes (README "checks"); `reseller` is optional where allowed. */
const SUBJECTS: Record<EligibilityAction, { required: (keyof ScenarioCheck)[]; reseller: boolean }> = {
  SUPPORT: { required: ["subscription"], reseller: false },
  TRANSFER: { required: ["subscription"], reseller: true },
  CANCEL: { required: ["subscription"], reseller: false },
  REACTIVATE: { required: ["subscription"], reseller: false },
  SUSPEND: { required: ["subscription"], reseller: false },
  ORDER: { required: ["customer", "offerKind"], reseller: true },
  REMOVE_RELATIONSHIP: { required: ["customer"], reseller: false },
};

// ---- small validation combinators -------------------------------------------------------------------------

/** A validator reads `value` at JSON path `path`; `fail` reports an error there. */
type Spec<T> = (value: unknown, path: string, fail: Fail) => T;
type Fail = (path: string, detail: string) => never;
type Out<S> = S extends Spec<infer T> ? T : never;
/** Marks a field optional; absent yields a copy of `fallback`. */
type Optional<T> = Spec<T> & { optional: true };

const show = (v: unknown): string => (v === undefined ? "nothing" : JSON.stringify(v));
const typeError = (fail: Fail, path: string, expected: string, v: unknown): never =>
  fail(path, `expected ${expected}, got ${show(v)}`);

const str: Spec<string> = (v, p, fail) =>
  typeof v === "string" && v.trim() !== "" ? v : typeError(fail, p, "a non-empty string", v);
const bool: Spec<boolean> = (v, p, fail) => (typeof v === "boolean" ? v : typeError(fail, p, "true or false", v));
const count: Spec<number> = (v, p, fail) =>
  typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : typeError(fail, p, "a whole number ≥ 0", v);
const matching =
  (re: RegExp, what: string): Spec<string> =>
  (v, p, fail) =>
    typeof v === "string" && re.test(v) ? v : typeError(fail, p, what, v);

function isCalendarDate(v: string): boolean {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}
const date: Spec<string> = (v, p, fail) =>
  typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && isCalendarDate(v)
    ? v
    : typeError(fail, p, "a date YYYY-MM-DD", v);
/** A date, or an ISO 8601 date-time with zone (transfer creation). */
const instant: Spec<string> = (v, p, fail) =>
  typeof v === "string" &&
  (/^\d{4}-\d{2}-\d{2}$/.test(v)
    ? isCalendarDate(v)
    : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) &&
      isCalendarDate(v.slice(0, 10)) &&
      !Number.isNaN(Date.parse(v)))
    ? v
    : typeError(fail, p, "a date YYYY-MM-DD or an ISO 8601 date-time", v);

function oneOf<E extends Record<string, string>>(e: E): Spec<E[keyof E]> {
  const values = Object.values(e) as E[keyof E][];
  return (v, p, fail) =>
    values.includes(v as E[keyof E]) ? (v as E[keyof E]) : typeError(fail, p, `one of ${values.join(", ")}`, v);
}

const nullable =
  <T>(spec: Spec<T>): Spec<T | null> =>
  (v, p, fail) =>
    v === null ? null : spec(v, p, fail);

function optional<T>(spec: Spec<T>): Optional<T | undefined>;
function optional<T>(spec: Spec<T>, fallback: T): Optional<T>;
function optional<T>(spec: Spec<T>, fallback?: T): Optional<T | undefined> {
  return Object.assign(
    (v: unknown, p: string, fail: Fail) => (v === undefined ? structuredClone(fallback) : spec(v, p, fail)),
    {
      optional: true as const,
    },
  );
}

const list =
  <T>(spec: Spec<T>, nonEmpty = false): Spec<T[]> =>
  (v, p, fail) => {
    if (!Array.isArray(v)) return typeError(fail, p, "an array", v);
    if (nonEmpty && v.length === 0) fail(p, "expected at least one entry");
    return v.map((item, i) => spec(item, `${p}[${i}]`, fail));
  };

/** Keys starting with "$" or "_" and "comment" are free-form notes; any other unknown key is an error (typos). */
const isNote = (k: string): boolean => k.startsWith("$") || k.startsWith("_") || k === "comment";

function record<S extends Record<string, Spec<unknown>>>(shape: S): Spec<{ [K in keyof S]: Out<S[K]> }> {
  return (v, p, fail) => {
    if (typeof v !== "object" || v === null || Array.isArray(v))
      return typeError(fail, p || "(top level)", "an object", v);
    const input = v as Record<string, unknown>;
    const at = (k: string): string => (p ? `${p}.${k}` : k);
    for (const k of Object.keys(input)) {
      if (!Object.hasOwn(shape, k) && !isNote(k))
        fail(at(k), `unknown field (expected ${Object.keys(shape).join(", ")})`);
    }
    const out: Record<string, unknown> = {};
    for (const [k, spec] of Object.entries(shape)) {
      if (input[k] === undefined && !("optional" in spec)) fail(at(k), "missing field");
      const value = spec(input[k], at(k), fail);
      if (value !== undefined) out[k] = value;
    }
    return out as { [K in keyof S]: Out<S[K]> };
  };
}

// ---- the format -------------------------------------------------------------------------------------------

const key = matching(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "a key (letters, digits, '.', '_', '-')");
const country = matching(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 country code such as "US"');
const reason = oneOf(EligibilityReasonCode);

const partner = record({
  key,
  name: str,
  partnerId: matching(/^\d{1,20}$/, "a numeric partner id string"),
  types: list(oneOf(PartnerType), true),
  country,
  mpaSigned: bool,
  programStatus: oneOf(ProgramStatus),
  tenantId: optional(str),
});
const partnership = record({ provider: key, reseller: key, status: oneOf(PartnershipStatus) });
const customer = record({
  key,
  name: str,
  domain: str,
  country,
  mcaAccepted: bool,
  partnerTenantOf: nullable(key),
  tenantId: optional(str),
});
const relationship = record({
  partner: key,
  customer: key,
  status: oneOf(RelationshipStatus),
  includesDelegatedAdmin: bool,
});
const subscription = record({
  key,
  customer: key,
  offerName: str,
  offerKind: oneOf(OfferKind),
  commerceModel: oneOf(CommerceModel),
  channel: oneOf(SalesChannel),
  status: oneOf(SubscriptionStatus),
  transactingPartner: nullable(key),
  resellerOfRecord: nullable(key),
  purchaseDate: date,
  renewalDate: nullable(date),
  commitmentEndDate: date,
  quantity: count,
  isAzurePlan: bool,
  parent: nullable(key),
  offerId: optional(str),
  termDuration: optional(nullable(oneOf(TermDuration))),
  billingCycle: optional(oneOf(BillingCycle)),
  autoRenew: optional(bool),
});
const transfer = record({
  key,
  customer: key,
  source: key,
  target: key,
  reseller: optional(nullable(key), null),
  status: oneOf(TransferStatus),
  createdAt: instant,
  subscriptions: list(key, true),
});
const user = record({
  partner: key,
  email: matching(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "an email address"),
  displayName: str,
  role: oneOf(UserRole),
});
const check = record({
  action: oneOf(EligibilityAction),
  actor: key,
  subscription: optional(key),
  customer: optional(key),
  offerKind: optional(oneOf(OfferKind)),
  reseller: optional(key),
  eligible: bool,
  blocking: list(reason),
  advisories: optional(list(reason)),
});
const scenario = record({
  name: str,
  sources: optional(list(str), []),
  asOf: date,
  policy: optional(oneOf(TransferPolicy), TransferPolicy.CURRENT),
  partners: list(partner, true),
  partnerships: optional(list(partnership), []),
  customers: list(customer),
  relationships: optional(list(relationship), []),
  subscriptions: optional(list(subscription), []),
  transfers: optional(list(transfer), []),
  users: optional(list(user)),
  checks: list(check, true),
});

// ---- cross-references and consistency ---------------------------------------------------------------------

/** Fails on the second occurrence of a value (`get` folds values the database treats as equal). */
function unique<T>(items: T[], path: string, field: string, get: (t: T) => string | undefined, fail: Fail): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const value = get(item);
    if (value === undefined) return;
    const first = seen.get(value);
    if (first !== undefined) fail(`${path}[${i}].${field}`, `duplicate ${show(value)} (also at ${path}[${first}])`);
    seen.set(value, i);
  });
}

function checkReferences(s: Scenario, fail: Fail): void {
  unique(s.partners, "partners", "key", (p) => p.key, fail);
  unique(s.partners, "partners", "partnerId", (p) => p.partnerId, fail);
  unique(s.partners, "partners", "tenantId", (p) => p.tenantId, fail);
  unique(s.customers, "customers", "key", (c) => c.key, fail);
  unique(s.customers, "customers", "domain", (c) => c.domain.toLowerCase(), fail);
  unique(s.customers, "customers", "tenantId", (c) => c.tenantId, fail);
  unique(s.subscriptions, "subscriptions", "key", (x) => x.key, fail);
  unique(s.transfers, "transfers", "key", (t) => t.key, fail);
  unique(s.partnerships, "partnerships", "reseller", (rp) => `${rp.provider} → ${rp.reseller}`, fail);
  unique(s.users ?? [], "users", "email", (u) => u.email.toLowerCase(), fail);

  const partners = new Map(s.partners.map((p) => [p.key, p]));
  const customers = new Set(s.customers.map((c) => c.key));
  const subscriptions = new Map(s.subscriptions.map((x) => [x.key, x]));
  const ref = (kind: "partner" | "customer" | "subscription", path: string, k: string | null | undefined): void => {
    if (k === null || k === undefined) return;
    const known = kind === "partner" ? partners.has(k) : kind === "customer" ? customers.has(k) : subscriptions.has(k);
    if (!known) fail(path, `unknown ${kind} key ${show(k)}`);
  };

  s.partnerships.forEach((rp, i) => {
    ref("partner", `partnerships[${i}].provider`, rp.provider);
    ref("partner", `partnerships[${i}].reseller`, rp.reseller);
    if (rp.provider === rp.reseller) fail(`partnerships[${i}].reseller`, "a partner cannot be its own reseller");
  });
  s.customers.forEach((c, i) => ref("partner", `customers[${i}].partnerTenantOf`, c.partnerTenantOf));
  s.relationships.forEach((r, i) => {
    ref("partner", `relationships[${i}].partner`, r.partner);
    ref("customer", `relationships[${i}].customer`, r.customer);
  });
  s.subscriptions.forEach((x, i) => {
    const at = `subscriptions[${i}]`;
    ref("customer", `${at}.customer`, x.customer);
    ref("partner", `${at}.transactingPartner`, x.transactingPartner);
    ref("partner", `${at}.resellerOfRecord`, x.resellerOfRecord);
    ref("subscription", `${at}.parent`, x.parent);
    if (x.parent === x.key) fail(`${at}.parent`, "a subscription cannot be its own parent");
    if (x.channel === SalesChannel.CSP && x.transactingPartner === null)
      fail(`${at}.transactingPartner`, "a CSP subscription needs its transacting partner");
    if (x.channel !== SalesChannel.CSP && x.transactingPartner !== null)
      fail(`${at}.transactingPartner`, `must be null when channel is ${x.channel} (only CSP subscriptions have one)`);
  });
  s.transfers.forEach((t, i) => {
    const at = `transfers[${i}]`;
    ref("customer", `${at}.customer`, t.customer);
    ref("partner", `${at}.source`, t.source);
    ref("partner", `${at}.target`, t.target);
    ref("partner", `${at}.reseller`, t.reseller);
    t.subscriptions.forEach((k, j) => {
      ref("subscription", `${at}.subscriptions[${j}]`, k);
      const sub = subscriptions.get(k);
      if (sub && sub.customer !== t.customer)
        fail(
          `${at}.subscriptions[${j}]`,
          `subscription ${show(k)} belongs to customer ${show(sub.customer)}, not ${show(t.customer)}`,
        );
    });
  });
  (s.users ?? []).forEach((u, i) => ref("partner", `users[${i}].partner`, u.partner));

  s.checks.forEach((c, i) => {
    const at = `checks[${i}]`;
    ref("partner", `${at}.actor`, c.actor);
    ref("subscription", `${at}.subscription`, c.subscription);
    ref("customer", `${at}.customer`, c.customer);
    ref("partner", `${at}.reseller`, c.reseller);
    const subject = SUBJECTS[c.action];
    for (const field of subject.required) {
      if (c[field] === undefined)
        fail(`${at}.${field}`, `missing field (${c.action} needs ${subject.required.join(" + ")})`);
    }
    for (const field of ["subscription", "customer", "offerKind"] as const) {
      if (c[field] !== undefined && !subject.required.includes(field))
        fail(`${at}.${field}`, `not a subject of ${c.action} (it takes ${subject.required.join(" + ")})`);
    }
    if (c.reseller !== undefined && !subject.reseller)
      fail(`${at}.reseller`, `${c.action} takes no reseller (only ORDER and TRANSFER do)`);
    if (c.eligible !== (c.blocking.length === 0))
      fail(
        `${at}.eligible`,
        c.eligible
          ? "true contradicts the blocking reasons listed"
          : "false needs at least one blocking reason (a decision with no blocking reason is eligible)",
      );
  });
}

/** Validates parsed JSON; throws ScenarioError naming `file` and the JSON path of the first bad field. */
export function parseScenario(json: unknown, file: string): Scenario {
  const fail: Fail = (path, detail) => {
    throw new ScenarioError(file, path, detail);
  };
  const s: Scenario = scenario(json, "", fail);
  checkReferences(s, fail);
  return s;
}

/** Reads and validates a scenario file; every failure (unreadable, not JSON, invalid) is a ScenarioError. */
export function readScenarioFile(path: string, label = path): Scenario {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ScenarioError(label, "", `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ScenarioError(label, "", `not valid JSON (${(e as Error).message})`);
  }
  return parseScenario(json, label);
}
