import { readFileSync } from "node:fs";
import { z } from "zod";
import { isInstantText } from "../common/instants";
import {
  BillingCycle,
  CommerceModel,
  EligibilityAction,
  EligibilityReasonCode,
  OfferKind,
  PartnershipStatus,
  PartnerType,
  ProductType,
  ProgramStatus,
  RelationshipStatus,
  SalesChannel,
  SubscriptionStatus,
  TermDuration,
  TransferPolicy,
  TransferStatus,
  UserRole,
} from "../domain/enums";

// A conformance scenario file (../shared/scenarios/README.md): a world, a decision date, a policy and the
// decisions expected in it. The format is a zod schema; every error names the file, the JSON path and the
// problem. This server runs rule book V1: a file is read as the README's "v1 file" (v2 subscription facts are
// accepted and ignored, a date-time where v1 has a date is read as its UTC date, v2 actions and check fields
// make the file malformed).

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

// ---- messages ---------------------------------------------------------------------------------------------

const show = (v: unknown): string => (v === undefined ? "nothing" : JSON.stringify(v));

/** The message for a value that is not `what`; a required field that is absent is a "missing field". */
const expected =
  (what: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? "missing field" : `expected ${what}, got ${show(issue.input)}`;

/** `checks[2].blocking[0]`, or "(top level)". */
function pathText(path: readonly PropertyKey[]): string {
  const text = path.map((k, i) => (typeof k === "number" ? `[${k}]` : `${i > 0 ? "." : ""}${String(k)}`)).join("");
  return text || "(top level)";
}

// ---- building blocks --------------------------------------------------------------------------------------

/** A string that `ok` accepts; `what` completes "expected …" in the error. */
const text = (what: string, ok: (v: string) => boolean) =>
  z.string({ error: expected(what) }).refine(ok, { error: expected(what) });

const str = text("a non-empty string", (v) => v.trim() !== "");
const matching = (re: RegExp, what: string) => text(what, (v) => re.test(v));
const bool = z.boolean({ error: expected("true or false") });
const count = z
  .number({ error: expected("a whole number ≥ 0") })
  .refine((v) => Number.isInteger(v) && v >= 0, { error: expected("a whole number ≥ 0") });

function oneOf<E extends Record<string, string>>(values: E, hint?: (input: unknown) => string | undefined) {
  const allowed = expected(`one of ${Object.values(values).join(", ")}`);
  return z.enum(values, {
    error: (issue) => {
      const extra = hint?.(issue.input);
      return `${allowed(issue)}${extra ? ` (${extra})` : ""}`;
    },
  });
}

function list<T extends z.ZodType>(item: T, atLeastOne = false) {
  const array = z.array(item, { error: expected("an array") });
  return atLeastOne ? array.min(1, { error: "expected at least one entry" }) : array;
}

/** Keys starting with "$" or "_" and "comment" are notes for readers, dropped before validation. */
const isNote = (k: string): boolean => k.startsWith("$") || k.startsWith("_") || k === "comment";
function withoutNotes(v: unknown): unknown {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => !isNote(k)));
}

/**
 * An object with exactly these fields (besides notes): any other key is an error, so typos do not pass
 * silently. `refused` explains keys that are known but not allowed here.
 */
function record<S extends z.core.$ZodLooseShape>(shape: S, refused: Record<string, string> = {}) {
  const fields = Object.keys(shape).join(", ");
  const object = z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== "unrecognized_keys") return expected("an object")(issue);
      const key = issue.keys[0] ?? "";
      return refused[key] ?? `unknown field (expected ${fields})`;
    },
  });
  return z.preprocess(withoutNotes, object);
}

// ---- dates --------------------------------------------------------------------------------------------------

function isCalendarDate(v: string): boolean {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}
const isDate = (v: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(v) && isCalendarDate(v);
const isDateTime = (v: string): boolean =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) &&
  isCalendarDate(v.slice(0, 10)) &&
  !Number.isNaN(Date.parse(v));

const DATE_OR_TIME = "a date YYYY-MM-DD or an ISO 8601 date-time with Z or ±HH:MM";
/** An instant as written: a date or a date-time (a transfer's creation). */
const instant = text(DATE_OR_TIME, (v) => isDate(v) || isDateTime(v));
/** A v1 date: a date-time is read as its UTC date. */
const date = instant.transform((v) => (isDate(v) ? v : new Date(v).toISOString().slice(0, 10)));

// ---- the format ---------------------------------------------------------------------------------------------

const key = matching(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "a key (letters, digits, '.', '_', '-')");
const country = matching(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 country code such as "US"');
const reason = oneOf(EligibilityReasonCode);

/** Rule book V2 (README "Rule book v2 files"): what a V1 file may not use. */
const V2_ACTIONS: readonly string[] = [
  EligibilityAction.CHANGE_QUANTITY,
  EligibilityAction.SET_AUTO_RENEW,
  EligibilityAction.SCHEDULE_CHANGE,
];
const V1_ACTIONS = Object.fromEntries(
  Object.entries(EligibilityAction).filter(([, v]) => !V2_ACTIONS.includes(v)),
) as Record<string, EligibilityAction>;
const V2_CHECK_FIELDS = [
  "quantity",
  "autoRenew",
  "change",
  "transfer",
  "eligibleUntil",
  "becomesEligibleAt",
  "refundableQuantity",
  "refundableDetails",
];
const V1_ONLY = 'the file is a V1 file (it says no "ruleBook": "V2")';
const RuleBook = { V1: "V1", V2: "V2" } as const;

/** V2 instants (RULES.md "v2: time"): a date, or a date-time to the minute or second with Z or ±HH:MM. */
const V2_INSTANT = "a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM[:SS] with Z or ±HH:MM (no fractional seconds)";
const strictInstant = text(V2_INSTANT, isInstantText);
const change = record({
  quantity: count.optional(),
  termDuration: oneOf(TermDuration).optional(),
  billingCycle: oneOf(BillingCycle).optional(),
});

/** The format under a rule book: V1 reads date-times as their UTC dates and refuses the V2 check fields. */
function formatOf(v2: boolean) {
  /** A v1 date (a date-time is read as its UTC date), or under V2 an instant as written. */
  const when = v2 ? strictInstant : date;
  const partner = record({
    key,
    name: str,
    partnerId: matching(/^\d{1,20}$/, "a numeric partner id string"),
    types: list(oneOf(PartnerType), true),
    country,
    mpaSigned: bool,
    programStatus: oneOf(ProgramStatus),
    tenantId: str.optional(),
  });
  const partnership = record({ provider: key, reseller: key, status: oneOf(PartnershipStatus) });
  const customer = record({
    key,
    name: str,
    domain: str,
    country,
    mcaAccepted: bool,
    partnerTenantOf: key.nullable(),
    tenantId: str.optional(),
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
    transactingPartner: key.nullable(),
    resellerOfRecord: key.nullable(),
    purchaseDate: when,
    renewalDate: when.nullable(),
    commitmentEndDate: date,
    quantity: count,
    isAzurePlan: bool,
    parent: key.nullable(),
    offerId: str.optional(),
    termDuration: oneOf(TermDuration).nullable().optional(),
    billingCycle: oneOf(BillingCycle).optional(),
    autoRenew: bool.optional(),
    // Rule book V2 facts (in a V1 file: read, so that a typo is still an error, and ignored by the V1 rules).
    productType: oneOf(ProductType).optional(),
    tranches: list(record({ quantity: count, purchasedAt: v2 ? strictInstant : instant })).optional(),
    maxQuantity: count.optional(),
    scheduledChange: change.nullable().optional(),
    activeAzureSubscriptions: count.optional(),
  });
  const transfer = record({
    key,
    customer: key,
    source: key,
    target: key,
    reseller: key.nullable().default(null),
    status: oneOf(TransferStatus),
    createdAt: v2 ? strictInstant : instant,
    subscriptions: list(key, true),
  });
  const user = record({
    partner: key,
    email: matching(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "an email address"),
    displayName: str,
    role: oneOf(UserRole),
  });
  const v1Check = {
    action: oneOf(v2 ? EligibilityAction : V1_ACTIONS, (v) =>
      !v2 && V2_ACTIONS.includes(v as string) ? `a rule book V2 action: ${V1_ONLY}` : undefined,
    ),
    actor: key,
    subscription: key.optional(),
    customer: key.optional(),
    offerKind: oneOf(OfferKind).optional(),
    reseller: key.optional(),
    eligible: bool,
    blocking: list(reason),
    /** When absent, advisories are not compared. */
    advisories: list(reason).optional(),
  };
  const v2Check = {
    ...v1Check,
    quantity: count.optional(),
    autoRenew: bool.optional(),
    change: change.optional(),
    transfer: key.optional(),
    eligibleUntil: strictInstant.nullable().optional(),
    becomesEligibleAt: strictInstant.nullable().optional(),
    refundableQuantity: count.optional(),
    refundableDetails: list(record({ quantity: count, allowedUntil: strictInstant })).optional(),
  };
  const checkV2 = record(v2Check);
  // A V1 check is a V2 check without the V2 fields (the same type, narrower data).
  const check = v2
    ? checkV2
    : (record(
        v1Check,
        Object.fromEntries(V2_CHECK_FIELDS.map((f) => [f, `a rule book V2 check field: ${V1_ONLY}`])),
      ) as unknown as typeof checkV2);
  return record({
    ruleBook: oneOf(RuleBook).optional(),
    name: str,
    sources: list(str).default(() => []),
    /** The decision date (V1: a date-time is read as its UTC date) or instant (V2). */
    asOf: when,
    policy: oneOf(TransferPolicy).default(TransferPolicy.CURRENT),
    partners: list(partner, true),
    partnerships: list(partnership).default(() => []),
    customers: list(customer),
    relationships: list(relationship).default(() => []),
    subscriptions: list(subscription).default(() => []),
    transfers: list(transfer).default(() => []),
    users: list(user).optional(),
    checks: list(check, true),
  });
}

const scenarioShape = formatOf(true);
const scenarioShapeV1 = formatOf(false);

/** A scenario as read; the runner loads it as a World (world.ts). */
export type Scenario = z.output<typeof scenarioShape>;
export type ScenarioCheck = Scenario["checks"][number];

// ---- cross-references and consistency -----------------------------------------------------------------------

type Path = (string | number)[];
type Report = (path: Path, detail: string) => void;

/** Subject fields each action takes (README "checks"); `reseller` is optional where allowed. */
const SUBJECTS: Record<
  EligibilityAction,
  { required: ("subscription" | "customer" | "offerKind")[]; reseller: boolean }
> = {
  SUPPORT: { required: ["subscription"], reseller: false },
  TRANSFER: { required: ["subscription"], reseller: true },
  CANCEL: { required: ["subscription"], reseller: false },
  REACTIVATE: { required: ["subscription"], reseller: false },
  SUSPEND: { required: ["subscription"], reseller: false },
  ORDER: { required: ["customer", "offerKind"], reseller: true },
  REMOVE_RELATIONSHIP: { required: ["customer"], reseller: false },
  CHANGE_QUANTITY: { required: ["subscription"], reseller: false },
  SET_AUTO_RENEW: { required: ["subscription"], reseller: false },
  SCHEDULE_CHANGE: { required: ["subscription"], reseller: false },
};

/** The V2 check field each V2 action needs; each is allowed on that action only. */
const V2_SUBJECT_FIELDS = {
  quantity: EligibilityAction.CHANGE_QUANTITY,
  autoRenew: EligibilityAction.SET_AUTO_RENEW,
  change: EligibilityAction.SCHEDULE_CHANGE,
} as const;

/** Reports the second occurrence of a value (`get` folds values the database treats as equal). */
function unique<T>(items: T[], list: string, field: string, get: (t: T) => string | undefined, report: Report): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const value = get(item);
    if (value === undefined) return;
    const first = seen.get(value);
    if (first !== undefined) report([list, i, field], `duplicate ${show(value)} (also at ${list}[${first}])`);
    else seen.set(value, i);
  });
}

function checkReferences(s: Scenario, report: Report): void {
  unique(s.partners, "partners", "key", (p) => p.key, report);
  unique(s.partners, "partners", "partnerId", (p) => p.partnerId, report);
  unique(s.partners, "partners", "tenantId", (p) => p.tenantId, report);
  unique(s.customers, "customers", "key", (c) => c.key, report);
  unique(s.customers, "customers", "domain", (c) => c.domain.toLowerCase(), report);
  unique(s.customers, "customers", "tenantId", (c) => c.tenantId, report);
  unique(s.subscriptions, "subscriptions", "key", (x) => x.key, report);
  unique(s.transfers, "transfers", "key", (t) => t.key, report);
  unique(s.partnerships, "partnerships", "reseller", (rp) => `${rp.provider} → ${rp.reseller}`, report);
  unique(s.users ?? [], "users", "email", (u) => u.email.toLowerCase(), report);

  const known = {
    partner: new Set(s.partners.map((p) => p.key)),
    customer: new Set(s.customers.map((c) => c.key)),
    subscription: new Set(s.subscriptions.map((x) => x.key)),
  };
  const ref = (kind: keyof typeof known, path: Path, k: string | null | undefined): void => {
    if (k !== null && k !== undefined && !known[kind].has(k)) report(path, `unknown ${kind} key ${show(k)}`);
  };
  const customerOf = new Map(s.subscriptions.map((x) => [x.key, x.customer]));
  const subscriptionOf = new Map(s.subscriptions.map((x) => [x.key, x]));
  const transferOf = new Map(s.transfers.map((t) => [t.key, t]));

  s.partnerships.forEach((rp, i) => {
    ref("partner", ["partnerships", i, "provider"], rp.provider);
    ref("partner", ["partnerships", i, "reseller"], rp.reseller);
    if (rp.provider === rp.reseller) report(["partnerships", i, "reseller"], "a partner cannot be its own reseller");
  });
  s.customers.forEach((c, i) => ref("partner", ["customers", i, "partnerTenantOf"], c.partnerTenantOf));
  s.relationships.forEach((r, i) => {
    ref("partner", ["relationships", i, "partner"], r.partner);
    ref("customer", ["relationships", i, "customer"], r.customer);
  });
  s.subscriptions.forEach((x, i) => {
    const at = (field: string): Path => ["subscriptions", i, field];
    ref("customer", at("customer"), x.customer);
    ref("partner", at("transactingPartner"), x.transactingPartner);
    ref("partner", at("resellerOfRecord"), x.resellerOfRecord);
    ref("subscription", at("parent"), x.parent);
    if (x.parent === x.key) report(at("parent"), "a subscription cannot be its own parent");
    if (x.channel === SalesChannel.CSP && x.transactingPartner === null)
      report(at("transactingPartner"), "a CSP subscription needs its transacting partner");
    if (x.channel !== SalesChannel.CSP && x.transactingPartner !== null)
      report(at("transactingPartner"), `must be null when channel is ${x.channel} (only CSP subscriptions have one)`);
    const seats = x.tranches?.reduce((sum, t) => sum + t.quantity, 0);
    if (seats !== undefined && seats !== x.quantity)
      report(at("tranches"), `the tranches add up to ${seats} seats, not the subscription's quantity ${x.quantity}`);
  });
  s.transfers.forEach((t, i) => {
    const at = (field: string): Path => ["transfers", i, field];
    ref("customer", at("customer"), t.customer);
    ref("partner", at("source"), t.source);
    ref("partner", at("target"), t.target);
    ref("partner", at("reseller"), t.reseller);
    t.subscriptions.forEach((k, j) => {
      const path = [...at("subscriptions"), j];
      ref("subscription", path, k);
      const owner = customerOf.get(k);
      if (owner !== undefined && owner !== t.customer)
        report(path, `subscription ${show(k)} belongs to customer ${show(owner)}, not ${show(t.customer)}`);
    });
  });
  (s.users ?? []).forEach((u, i) => ref("partner", ["users", i, "partner"], u.partner));

  s.checks.forEach((c, i) => {
    const at = (field: string): Path => ["checks", i, field];
    ref("partner", at("actor"), c.actor);
    ref("subscription", at("subscription"), c.subscription);
    ref("customer", at("customer"), c.customer);
    ref("partner", at("reseller"), c.reseller);
    const subject = SUBJECTS[c.action];
    const takes = subject.required.join(" + ");
    for (const field of subject.required) {
      if (c[field] === undefined) report(at(field), `missing field (${c.action} needs ${takes})`);
    }
    for (const field of ["subscription", "customer", "offerKind"] as const) {
      if (c[field] !== undefined && !subject.required.includes(field))
        report(at(field), `not a subject of ${c.action} (it takes ${takes})`);
    }
    if (c.reseller !== undefined && !subject.reseller)
      report(at("reseller"), `${c.action} takes no reseller (only ORDER and TRANSFER do)`);
    for (const [field, action] of Object.entries(V2_SUBJECT_FIELDS) as [
      keyof typeof V2_SUBJECT_FIELDS,
      EligibilityAction,
    ][]) {
      if (c.action === action && c[field] === undefined) report(at(field), `missing field (${action} needs it)`);
      if (c.action !== action && c[field] !== undefined) report(at(field), `only ${action} takes ${field}`);
    }
    if (c.change !== undefined && Object.keys(c.change).length === 0)
      report(at("change"), "needs at least one of quantity, termDuration, billingCycle");
    if (c.action === EligibilityAction.SCHEDULE_CHANGE && c.subscription !== undefined) {
      const subject = subscriptionOf.get(c.subscription);
      if (subject && (subject.termDuration == null || subject.billingCycle === undefined))
        report(at("subscription"), "the subject of SCHEDULE_CHANGE needs termDuration and billingCycle");
    }
    for (const field of ["refundableQuantity", "refundableDetails"] as const)
      if (c[field] !== undefined && c.action !== EligibilityAction.CHANGE_QUANTITY)
        report(at(field), "only CHANGE_QUANTITY answers it");
    if (c.transfer !== undefined) {
      const t = transferOf.get(c.transfer);
      const subject = c.subscription !== undefined ? subscriptionOf.get(c.subscription) : undefined;
      if (c.action !== EligibilityAction.TRANSFER) report(at("transfer"), "only TRANSFER names a transfer request");
      else if (t === undefined) report(at("transfer"), `unknown transfer key ${show(c.transfer)}`);
      else if (
        t.target !== c.actor ||
        (subject !== undefined && (t.customer !== subject.customer || t.source !== subject.transactingPartner))
      )
        report(
          at("transfer"),
          "must be the actor's own request for the subscription's customer, from its transacting partner",
        );
      else if (c.reseller !== undefined && c.reseller !== t.reseller)
        report(at("reseller"), `must be the named request's reseller (${show(t.reseller)})`);
    }
    if (c.eligible !== (c.blocking.length === 0))
      report(
        at("eligible"),
        c.eligible
          ? "true contradicts the blocking reasons listed"
          : "false needs at least one blocking reason (a decision with no blocking reason is eligible)",
      );
  });
}

/** The whole format: the shape, then the references between its parts (checked only once the shape is right). */
const withReferences = <T extends z.ZodType<Scenario>>(shape: T) =>
  shape.superRefine((s, ctx) => checkReferences(s, (path, message) => ctx.addIssue({ code: "custom", path, message })));
const scenarioFile = withReferences(scenarioShape);
const scenarioFileV1 = withReferences(scenarioShapeV1);

// ---- reading ------------------------------------------------------------------------------------------------

/** Validates parsed JSON; throws ScenarioError naming `file`, the JSON path and the problem of the first error. */
export function parseScenario(json: unknown, file: string): Scenario {
  // The rule book decides how the rest reads (README "Rule book v2 files": a file without one is V1).
  const v2 = typeof json === "object" && json !== null && (json as { ruleBook?: unknown }).ruleBook === RuleBook.V2;
  const result = (v2 ? scenarioFile : scenarioFileV1).safeParse(json);
  if (result.success) return result.data;
  // A rule book this server does not run explains every other error; an unknown key is most often a misspelt
  // field, which then also shows up as missing: report those first.
  const issues = result.error.issues;
  const issue =
    issues.find((i) => i.path.length === 1 && i.path[0] === "ruleBook") ??
    issues.find((i) => i.code === "unrecognized_keys") ??
    issues[0];
  if (issue === undefined) throw new ScenarioError(file, "", "invalid scenario");
  const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0] ?? ""] : issue.path;
  throw new ScenarioError(file, pathText(path), issue.message);
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
