import { describe, expect, it } from "vitest";
import {
  CommerceModel,
  EligibilityAction,
  OfferKind,
  PartnerType,
  ProgramStatus,
  SalesChannel,
  SubscriptionStatus,
  TransferPolicy,
} from "../../../domain/enums";
import { decide } from "../engine";
import { allRules, rulesByAction } from "../registry";
import { ACTOR_ID, buildFacts, daysFromAsOf, type FactsOverrides } from "./facts-builder";

// The rule ids of each action, in the order of RULES.md's tables ("R23–R26" / "R23–R27" expanded).
const RULES_MD_IDS = [
  ...["R1", "R3", "R4", "R6", "R6a", "R7", "R7a", "R8", "R9", "R11", "R11b", "R12", "R13", "R14", "R15", "R15c"],
  ...["R16", "R17", "R19", "R22", "R23", "R24", "R25", "R26", "R27", "R30", "R31", "R35", "R36", "R37"],
];
const expected: Record<EligibilityAction, string[]> = {
  [EligibilityAction.SUPPORT]: ["R1", "R35", "R36", "R7a"],
  [EligibilityAction.ORDER]: ["R1", "R3", "R4", "R9", "R22", "R23", "R24", "R25", "R26", "R27", "R35", "R8"],
  [EligibilityAction.TRANSFER]: [
    "R7",
    "R11",
    "R11b",
    "R12",
    "R13",
    "R14",
    "R15",
    "R16",
    "R17",
    "R19",
    "R22",
    "R4",
    "R23",
    "R24",
    "R25",
    "R26",
    "R35",
  ],
  [EligibilityAction.CANCEL]: ["R37", "R22", "R15c", "R30"],
  [EligibilityAction.REACTIVATE]: ["R37", "R22", "R31"],
  // Not in RULES.md (an extension, see enums.ts): the guards of the suspend mutation.
  [EligibilityAction.SUSPEND]: ["R37", "R22", "R15s"],
  [EligibilityAction.REMOVE_RELATIONSHIP]: ["R1", "R6a", "R6"],
  // Rule book V2 only: under V1 these actions are refused before the engine.
  [EligibilityAction.CHANGE_QUANTITY]: [],
  [EligibilityAction.SET_AUTO_RENEW]: [],
  [EligibilityAction.SCHEDULE_CHANGE]: [],
};

const ids = (action: EligibilityAction) => rulesByAction[action].map((r) => r.id);

describe("rulesByAction", () => {
  it("covers every action", () => {
    expect(Object.keys(rulesByAction).sort()).toEqual(Object.values(EligibilityAction).sort());
  });

  it.each(Object.values(EligibilityAction))("%s checks exactly the rules of RULES.md", (action) => {
    expect(ids(action)).toEqual(expected[action]);
  });

  it("TRANSFER has R23–R26 but not R27; ORDER has R23–R27", () => {
    expect(ids(EligibilityAction.TRANSFER)).toEqual(expect.arrayContaining(["R23", "R24", "R25", "R26"]));
    expect(ids(EligibilityAction.TRANSFER)).not.toContain("R27");
    expect(ids(EligibilityAction.ORDER)).toEqual(expect.arrayContaining(["R23", "R24", "R25", "R26", "R27"]));
  });

  it("no action lists a rule twice", () => {
    for (const action of Object.values(EligibilityAction)) expect(new Set(ids(action)).size).toBe(ids(action).length);
  });
});

describe("allRules", () => {
  it("holds each rule of every action once", () => {
    const all = allRules.map((r) => r.id);
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual([...new Set(Object.values(expected).flat())].sort());
  });

  it("holds every rule of RULES.md (30 rules), plus only the SUSPEND extension R15s", () => {
    const all = allRules.map((r) => r.id);
    expect(RULES_MD_IDS).toHaveLength(30);
    expect(all).toEqual(expect.arrayContaining(RULES_MD_IDS));
    expect(all.filter((id) => !RULES_MD_IDS.includes(id))).toEqual(["R15s"]);
  });

  it("gives every rule a reason code and, as its source, a Partner Center page on Microsoft Learn with a title", () => {
    for (const rule of allRules) {
      expect(rule.code, rule.id).toBeTruthy();
      expect(rule.source.url, rule.id).toMatch(/^https:\/\/learn\.microsoft\.com\/en-us\/partner-center\/[a-z0-9/-]+$/);
      expect(rule.source.title.trim(), rule.id).not.toBe("");
    }
  });

  it("links each rule to the page it comes from", () => {
    const page = (id: string) => allRules.find((r) => r.id === id)?.source.url.split("/partner-center/")[1];
    expect(page("R7")).toBe("multichannel");
    expect(page("R6")).toBe("remove-a-relationship");
    expect(page("R11b")).toBe("customers/transfer-subscriptions");
    expect(page("R30")).toBe("customers/new-commerce-cancellation-policy");
    expect(page("R27")).toBe("enroll/csp-supported-partner-relationships");
  });
});

describe("R7 on TRANSFER skips the CSP-to-CSP rules but not the actor rules", () => {
  const GATED = ["R11", "R11b", "R13", "R14", "R15", "R16", "R17"];

  // A subscription on which every gated rule can fire (R11 under LEGACY_2023, R11b under CURRENT, R14 when
  // usage-based), and an actor on which the actor rules fire.
  const subject = {
    offerKind: OfferKind.LICENSE_BASED,
    commerceModel: CommerceModel.LEGACY,
    status: SubscriptionStatus.SUSPENDED,
    transactingPartnerId: ACTOR_ID,
    commitmentEndDate: daysFromAsOf(200),
    parentId: "subscription-base",
  };
  const failingActor: FactsOverrides = {
    actor: { types: [PartnerType.INDIRECT_PROVIDER], country: "ES", programStatus: ProgramStatus.SUSPENDED },
    actorHasActiveRelationship: false,
    pendingTransfersOfSubject: [{ createdAt: daysFromAsOf(-5) }],
  };
  const cases: [string, FactsOverrides, string[]][] = [
    ["LEGACY_2023, license-based", { policy: TransferPolicy.LEGACY_2023 }, ["R11", "R13", "R15", "R16", "R17"]],
    ["CURRENT, license-based", { policy: TransferPolicy.CURRENT }, ["R11b", "R13", "R15", "R16", "R17"]],
    [
      "CURRENT, usage-based",
      { subscription: { offerKind: OfferKind.USAGE_BASED } },
      ["R13", "R14", "R15", "R16", "R17"],
    ],
  ];
  const build = (channel: SalesChannel, extra: FactsOverrides) =>
    buildFacts(EligibilityAction.TRANSFER, {
      ...failingActor,
      ...extra,
      subscription: { ...subject, ...extra.subscription, channel },
    });
  const ACTOR_RULES = ["R12", "R19", "R4", "R35"];

  it.each(cases)("control: on a CSP subscription (%s) the gated rules fire", (_label, extra, gatedFiring) => {
    const fired = decide(build(SalesChannel.CSP, extra)).blocking.map((r) => r.ruleId);
    expect(fired).toEqual(expect.arrayContaining([...gatedFiring, ...ACTOR_RULES]));
    expect(fired).not.toContain("R7");
  });

  it.each(
    cases.flatMap(([label, extra]) =>
      [SalesChannel.EA, SalesChannel.MICROSOFT_DIRECT, SalesChannel.THIRD_PARTY_NON_CSP].map(
        (channel) => [label, channel, extra] as const,
      ),
    ),
  )("on a non-CSP subscription (%s, %s) only R7 and the actor rules fire", (_label, channel, extra) => {
    const fired = decide(build(channel, extra)).blocking.map((r) => r.ruleId);
    expect(fired).toEqual(["R7", "R12", "R19", "R4", "R35"]);
    for (const id of GATED) expect(fired).not.toContain(id);
  });

  it("still reports R22 for an indirect reseller actor", () => {
    const f = buildFacts(EligibilityAction.TRANSFER, {
      actor: { types: [PartnerType.INDIRECT_RESELLER] },
      subscription: { ...subject, channel: SalesChannel.OPEN },
    });
    expect(decide(f).blocking.map((r) => r.ruleId)).toEqual(["R7", "R22"]);
  });

  it("still reports R23–R26 for a failing named reseller", () => {
    const f = buildFacts(EligibilityAction.TRANSFER, {
      actor: { types: [PartnerType.INDIRECT_PROVIDER] },
      reseller: { mpaSigned: false, country: "ES", programStatus: ProgramStatus.DEAUTHORIZED },
      resellerPartnershipActive: false,
      subscription: { ...subject, channel: SalesChannel.ADVISOR },
    });
    expect(decide(f).blocking.map((r) => r.ruleId)).toEqual(["R7", "R23", "R24", "R25", "R26"]);
  });
});
