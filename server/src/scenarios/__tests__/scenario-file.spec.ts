import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EligibilityAction, TransferPolicy } from "../../domain/enums";
import { parseScenario, readScenarioFile, ScenarioError } from "../scenario-file";

const FILE = "05-x.json";

/** A small valid scenario; each test breaks one thing in a fresh copy. */
function good() {
  const partner = (key: string, partnerId: string, types: string[]) => ({
    key,
    name: `${key} Inc.`,
    partnerId,
    types,
    country: "US",
    mpaSigned: true,
    programStatus: "ACTIVE",
  });
  return {
    name: "a small world",
    sources: ["transfer-eligibility-resources.md"],
    asOf: "2026-11-24",
    policy: "CURRENT",
    partners: [
      partner("dist", "4847383", ["INDIRECT_PROVIDER"]),
      partner("res", "5139005", ["INDIRECT_RESELLER"]),
      partner("direct", "6012345", ["DIRECT_BILL"]),
    ],
    partnerships: [{ provider: "dist", reseller: "res", status: "ACTIVE" }],
    customers: [
      {
        key: "fabrikam",
        name: "Fabrikam, Inc.",
        domain: "fabrikam.onmicrosoft.com",
        country: "US",
        mcaAccepted: true,
        partnerTenantOf: null,
      },
    ],
    relationships: [{ partner: "dist", customer: "fabrikam", status: "ACTIVE", includesDelegatedAdmin: true }],
    subscriptions: [
      {
        key: "m365",
        customer: "fabrikam",
        offerName: "Microsoft 365 E3",
        offerKind: "LICENSE_BASED",
        commerceModel: "NEW_COMMERCE",
        channel: "CSP",
        status: "ACTIVE",
        transactingPartner: "dist",
        resellerOfRecord: "res",
        purchaseDate: "2026-02-01",
        renewalDate: null,
        commitmentEndDate: "2027-01-31",
        quantity: 25,
        isAzurePlan: false,
        parent: null,
      },
    ],
    transfers: [
      {
        key: "t1",
        customer: "fabrikam",
        source: "dist",
        target: "direct",
        reseller: null,
        status: "PENDING",
        createdAt: "2026-11-20",
        subscriptions: ["m365"],
      },
    ],
    checks: [
      { action: "SUPPORT", actor: "dist", subscription: "m365", eligible: true, blocking: [], advisories: [] },
      {
        action: "ORDER",
        actor: "dist",
        customer: "fabrikam",
        offerKind: "USAGE_BASED",
        reseller: "res",
        eligible: true,
        blocking: [],
      },
      {
        action: "TRANSFER",
        actor: "direct",
        subscription: "m365",
        eligible: false,
        blocking: ["TRANSFER_TARGET_HAS_NO_RELATIONSHIP", "SUBSCRIPTION_IN_OTHER_TRANSFER"],
      },
      {
        action: "REMOVE_RELATIONSHIP",
        actor: "dist",
        customer: "fabrikam",
        eligible: false,
        blocking: ["RELATIONSHIP_HAS_ACTIVE_SUBSCRIPTIONS"],
      },
    ] as Record<string, unknown>[],
  };
}
type Doc = ReturnType<typeof good>;

/** The message parseScenario throws for the scenario after `breakIt`. */
function errorOf(breakIt: (doc: Doc) => void): string {
  const doc = good();
  breakIt(doc);
  try {
    parseScenario(doc, FILE);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as Error).message;
  }
  throw new Error("expected the scenario to be rejected");
}

const at = <T>(items: T[], i: number): T => {
  const item = items[i];
  if (item === undefined) throw new Error(`no item ${i}`);
  return item;
};

describe("parseScenario", () => {
  it("accepts a valid file and types it", () => {
    const s = parseScenario(good(), FILE);
    expect(s.policy).toBe(TransferPolicy.CURRENT);
    expect(s.checks.map((c) => c.action)).toEqual([
      EligibilityAction.SUPPORT,
      EligibilityAction.ORDER,
      EligibilityAction.TRANSFER,
      EligibilityAction.REMOVE_RELATIONSHIP,
    ]);
    expect(at(s.checks, 0).advisories).toEqual([]);
    expect(at(s.checks, 1).advisories).toBeUndefined();
    expect(at(s.transfers, 0).reseller).toBeNull();
  });

  it("accepts every scenario shipped in test/scenarios", () => {
    const dir = resolve(__dirname, "../../../../test/scenarios");
    const names = readdirSync(dir).filter((n) => n.endsWith(".json"));
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(() => parseScenario(JSON.parse(readFileSync(join(dir, n), "utf8")), n)).not.toThrow();
  });

  it("defaults the optional world lists, sources and policy", () => {
    const doc: Record<string, unknown> = good();
    for (const k of ["sources", "policy", "partnerships", "relationships", "transfers"]) delete doc[k];
    const s = parseScenario(doc, FILE);
    expect(s.policy).toBe(TransferPolicy.CURRENT);
    expect(s.partnerships).toEqual([]);
    expect(s.transfers).toEqual([]);
  });

  it("names the file, the path, the allowed values and the bad value of an enum", () => {
    expect(errorOf((d) => (at(d.checks, 2).action = "ORDR"))).toBe(
      `${FILE}: checks[2].action: expected one of SUPPORT, ORDER, TRANSFER, CANCEL, REACTIVATE, REMOVE_RELATIONSHIP, SUSPEND, got "ORDR"`,
    );
    expect(errorOf((d) => (at(d.checks, 2).blocking = ["NOPE"]))).toMatch(
      /^05-x\.json: checks\[2\]\.blocking\[0\]: expected one of RESELLER_RELATIONSHIP_REQUIRED, .*got "NOPE"$/,
    );
    expect(errorOf((d) => (at(d.partners, 1).types = ["RESELLER"]))).toMatch(
      /^05-x\.json: partners\[1\]\.types\[0\]: expected one of DIRECT_BILL/,
    );
    expect(errorOf((d) => (d.policy = "LEGACY"))).toBe(
      `${FILE}: policy: expected one of CURRENT, LEGACY_2023, got "LEGACY"`,
    );
  });

  it("reports missing fields", () => {
    expect(errorOf((d) => delete (d as Partial<Doc>).asOf)).toBe(`${FILE}: asOf: missing field`);
    expect(errorOf((d) => delete at(d.checks, 1).eligible)).toBe(`${FILE}: checks[1].eligible: missing field`);
    expect(errorOf((d) => delete (at(d.subscriptions, 0) as Record<string, unknown>).commitmentEndDate)).toBe(
      `${FILE}: subscriptions[0].commitmentEndDate: missing field`,
    );
  });

  it("reports wrong types and unknown fields", () => {
    expect(errorOf((d) => ((at(d.partners, 0) as Record<string, unknown>).mpaSigned = "yes"))).toBe(
      `${FILE}: partners[0].mpaSigned: expected true or false, got "yes"`,
    );
    expect(errorOf((d) => ((at(d.subscriptions, 0) as Record<string, unknown>).quantity = 2.5))).toBe(
      `${FILE}: subscriptions[0].quantity: expected a whole number ≥ 0, got 2.5`,
    );
    expect(errorOf((d) => ((d as Record<string, unknown>).checks = {}))).toBe(
      `${FILE}: checks: expected an array, got {}`,
    );
    expect(errorOf((d) => ((at(d.customers, 0) as Record<string, unknown>).country = "usa"))).toMatch(
      /^05-x\.json: customers\[0\]\.country: expected an ISO 3166 alpha-2 country code/,
    );
    expect(errorOf((d) => (at(d.checks, 0).advisory = []))).toMatch(
      /^05-x\.json: checks\[0\]\.advisory: unknown field \(expected action, /,
    );
    expect(() => parseScenario([], FILE)).toThrow(`${FILE}: (top level): expected an object, got []`);
  });

  it("reports keys that nothing declares", () => {
    expect(errorOf((d) => (at(d.relationships, 0).customer = "contoso"))).toBe(
      `${FILE}: relationships[0].customer: unknown customer key "contoso"`,
    );
    expect(errorOf((d) => (at(d.subscriptions, 0).resellerOfRecord = "res9"))).toBe(
      `${FILE}: subscriptions[0].resellerOfRecord: unknown partner key "res9"`,
    );
    expect(errorOf((d) => (at(d.transfers, 0).subscriptions = ["m365", "e5"]))).toBe(
      `${FILE}: transfers[0].subscriptions[1]: unknown subscription key "e5"`,
    );
    expect(errorOf((d) => (at(d.checks, 3).actor = "dist2"))).toBe(
      `${FILE}: checks[3].actor: unknown partner key "dist2"`,
    );
    expect(errorOf((d) => (at(d.checks, 0).subscription = "m356"))).toBe(
      `${FILE}: checks[0].subscription: unknown subscription key "m356"`,
    );
  });

  it("reports duplicate keys and values the database keeps unique", () => {
    expect(errorOf((d) => (at(d.partners, 2).key = "dist"))).toBe(
      `${FILE}: partners[2].key: duplicate "dist" (also at partners[0])`,
    );
    expect(errorOf((d) => d.subscriptions.push({ ...at(d.subscriptions, 0) }))).toBe(
      `${FILE}: subscriptions[1].key: duplicate "m365" (also at subscriptions[0])`,
    );
    expect(errorOf((d) => (at(d.partners, 1).partnerId = "4847383"))).toBe(
      `${FILE}: partners[1].partnerId: duplicate "4847383" (also at partners[0])`,
    );
  });

  it("reports bad dates", () => {
    const dateOrTime = "a date YYYY-MM-DD or an ISO 8601 date-time with Z or ±HH:MM";
    expect(errorOf((d) => (d.asOf = "2026-02-30"))).toBe(`${FILE}: asOf: expected ${dateOrTime}, got "2026-02-30"`);
    expect(errorOf((d) => (at(d.subscriptions, 0).purchaseDate = "01/02/2026"))).toBe(
      `${FILE}: subscriptions[0].purchaseDate: expected ${dateOrTime}, got "01/02/2026"`,
    );
    expect(errorOf((d) => (at(d.subscriptions, 0).commitmentEndDate = "2027-01-31T25:00:00Z"))).toBe(
      `${FILE}: subscriptions[0].commitmentEndDate: expected ${dateOrTime}, got "2027-01-31T25:00:00Z"`,
    );
    expect(errorOf((d) => (d.asOf = "2026-11-24T10:00:00"))).toMatch(/^05-x\.json: asOf: expected a date/);
    expect(errorOf((d) => (at(d.transfers, 0).createdAt = "yesterday"))).toMatch(
      /^05-x\.json: transfers\[0\]\.createdAt: expected a date/,
    );
    expect(() =>
      parseScenario(
        { ...good(), transfers: [{ ...at(good().transfers, 0), createdAt: "2026-11-20T08:30:00Z" }] },
        FILE,
      ),
    ).not.toThrow();
  });

  it("reads a date-time where v1 has a date as its UTC date, and keeps a transfer's creation instant", () => {
    const doc = good();
    doc.asOf = "2026-11-24T23:30:00-02:00";
    at(doc.subscriptions, 0).purchaseDate = "2026-02-01T09:00:00Z";
    (at(doc.subscriptions, 0) as Record<string, unknown>).renewalDate = "2026-03-01T00:30:00+01:00";
    at(doc.transfers, 0).createdAt = "2026-11-20T08:30:00Z";
    const s = parseScenario(doc, FILE);
    expect(s.asOf).toBe("2026-11-25");
    expect([at(s.subscriptions, 0).purchaseDate, at(s.subscriptions, 0).renewalDate]).toEqual([
      "2026-02-01",
      "2026-02-28",
    ]);
    expect(at(s.transfers, 0).createdAt).toBe("2026-11-20T08:30:00Z");
  });

  it("accepts the v2 subscription facts in a v1 file, and still reads them", () => {
    const v2Facts = {
      productType: "LICENSE",
      tranches: [
        { quantity: 20, purchasedAt: "2026-02-01T09:00:00Z" },
        { quantity: 5, purchasedAt: "2026-11-20" },
      ],
      maxQuantity: 300,
      scheduledChange: { quantity: 15, termDuration: "P1Y" },
      activeAzureSubscriptions: 0,
      autoRenew: false,
      billingCycle: "MONTHLY",
    };
    const doc = good();
    Object.assign(at(doc.subscriptions, 0), v2Facts);
    expect(() => parseScenario({ ...doc, ruleBook: "V1" }, FILE)).not.toThrow();
    expect(errorOf((d) => Object.assign(at(d.subscriptions, 0), v2Facts, { productType: "SEAT" }))).toMatch(
      /^05-x\.json: subscriptions\[0\]\.productType: expected one of LICENSE, .*got "SEAT"$/,
    );
    expect(
      errorOf((d) => Object.assign(at(d.subscriptions, 0), v2Facts, { scheduledChange: { quantty: 15 } })),
    ).toMatch(/^05-x\.json: subscriptions\[0\]\.scheduledChange\.quantty: unknown field \(expected quantity, /);
    expect(
      errorOf((d) =>
        Object.assign(at(d.subscriptions, 0), v2Facts, { tranches: [{ quantity: 20, purchasedAt: "2026-02-01" }] }),
      ),
    ).toBe(`${FILE}: subscriptions[0].tranches: the tranches add up to 20 seats, not the subscription's quantity 25`);
  });

  it("refuses v2 actions and v2 check fields in a v1 file", () => {
    expect(
      errorOf((d) => {
        at(d.checks, 0).action = "CHANGE_QUANTITY";
      }),
    ).toBe(
      `${FILE}: checks[0].action: expected one of SUPPORT, ORDER, TRANSFER, CANCEL, REACTIVATE, REMOVE_RELATIONSHIP, SUSPEND, ` +
        `got "CHANGE_QUANTITY" (a rule book V2 action: the file is a V1 file (it says no "ruleBook": "V2"))`,
    );
    expect(errorOf((d) => (at(d.checks, 0).eligibleUntil = null))).toBe(
      `${FILE}: checks[0].eligibleUntil: a rule book V2 check field: the file is a V1 file (it says no "ruleBook": "V2")`,
    );
    // In a V2 file the V2 fields are read, each on its own action only.
    expect(
      errorOf((d) => Object.assign(d, { ruleBook: "V2" }, { checks: [{ ...at(d.checks, 0), quantity: 3 }] })),
    ).toMatch(/^05-x\.json: checks\[0\]\.quantity: only CHANGE_QUANTITY takes quantity$/);
    expect(errorOf((d) => Object.assign(d, { ruleBook: "V3" }))).toBe(
      `${FILE}: ruleBook: expected one of V1, V2, got "V3"`,
    );
  });

  it("ignores notes and names a misspelt field rather than the field it misses", () => {
    const doc = good();
    Object.assign(doc, { $schema: "x", _draft: true, comment: "why" });
    Object.assign(at(doc.checks, 0), { comment: "why this check" });
    expect(parseScenario(doc, FILE).name).toBe("a small world");
    expect(
      errorOf((d) => {
        const c = at(d.checks, 1);
        c.eligable = c.eligible;
        delete c.eligible;
      }),
    ).toMatch(/^05-x\.json: checks\[1\]\.eligable: unknown field \(expected action, actor, /);
  });

  it("reports a check whose subject does not fit its action", () => {
    expect(
      errorOf((d) => {
        const c = at(d.checks, 2);
        delete c.subscription;
        c.customer = "fabrikam";
      }),
    ).toBe(`${FILE}: checks[2].subscription: missing field (TRANSFER needs subscription)`);
    expect(errorOf((d) => delete at(d.checks, 1).offerKind)).toBe(
      `${FILE}: checks[1].offerKind: missing field (ORDER needs customer + offerKind)`,
    );
    expect(errorOf((d) => (at(d.checks, 1).subscription = "m365"))).toBe(
      `${FILE}: checks[1].subscription: not a subject of ORDER (it takes customer + offerKind)`,
    );
    expect(errorOf((d) => (at(d.checks, 3).offerKind = "LICENSE_BASED"))).toBe(
      `${FILE}: checks[3].offerKind: not a subject of REMOVE_RELATIONSHIP (it takes customer)`,
    );
    expect(errorOf((d) => (at(d.checks, 0).reseller = "res"))).toBe(
      `${FILE}: checks[0].reseller: SUPPORT takes no reseller (only ORDER and TRANSFER do)`,
    );
  });

  it("reports an expected decision that contradicts itself", () => {
    expect(errorOf((d) => (at(d.checks, 2).eligible = true))).toBe(
      `${FILE}: checks[2].eligible: true contradicts the blocking reasons listed`,
    );
    expect(errorOf((d) => (at(d.checks, 0).eligible = false))).toMatch(
      /^05-x\.json: checks\[0\]\.eligible: false needs at least one/,
    );
  });
});

describe("readScenarioFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "scenario-file-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reports unreadable files and invalid JSON as scenario errors naming the file", () => {
    const broken = join(dir, "broken.json");
    writeFileSync(broken, '{ "name": ');
    expect(() => readScenarioFile(broken, "broken.json")).toThrow(/^broken\.json: not valid JSON \(/);
    expect(() => readScenarioFile(join(dir, "absent.json"), "absent.json")).toThrow(
      "absent.json: cannot read the file (ENOENT)",
    );
    const ok = join(dir, "ok.json");
    writeFileSync(ok, JSON.stringify(good()));
    expect(readScenarioFile(ok).name).toBe("a small world");
  });
});
