import { describe, expect, it } from "vitest";
import { EligibilityAction, PartnerType, ProgramStatus, Severity } from "../../../domain/enums";
import { decide } from "../engine";
import * as A from "../rules/actor.rules";
import { ACTOR_ID, RESELLER_ID, SOURCE_PARTNER_ID, buildFacts } from "./facts-builder";

const { DIRECT_BILL, INDIRECT_PROVIDER, INDIRECT_RESELLER, ADVISOR } = PartnerType;

describe("R1 relationship required", () => {
  it.each([EligibilityAction.SUPPORT, EligibilityAction.ORDER, EligibilityAction.REMOVE_RELATIONSHIP])(
    "fires on %s without an active relationship",
    (action) => {
      expect(A.R1_relationshipRequired.fires(buildFacts(action, { actorHasActiveRelationship: false }))).toBe(true);
    },
  );

  it("does not fire with an active relationship", () => {
    expect(A.R1_relationshipRequired.fires(buildFacts(EligibilityAction.ORDER))).toBe(false);
  });
});

describe("R4 customer region", () => {
  it("fires when the actor and the customer are in different countries", () => {
    const f = buildFacts(EligibilityAction.ORDER, { actor: { country: "PT" }, customer: { country: "ES" } });
    expect(A.R4_customerRegion.fires(f)).toBe(true);
  });

  it("does not fire in the same country", () => {
    const f = buildFacts(EligibilityAction.ORDER, { actor: { country: "ES" }, customer: { country: "ES" } });
    expect(A.R4_customerRegion.fires(f)).toBe(false);
  });
});

describe("R12 transfer target relationship", () => {
  it("fires when the target has no active relationship with the customer", () => {
    const f = buildFacts(EligibilityAction.TRANSFER, { actorHasActiveRelationship: false });
    expect(A.R12_transferTargetRelationship.fires(f)).toBe(true);
  });

  it("does not fire when the target has one", () => {
    expect(A.R12_transferTargetRelationship.fires(buildFacts(EligibilityAction.TRANSFER))).toBe(false);
  });
});

describe("R19 reseller id required", () => {
  it("fires for an indirect provider that names no reseller", () => {
    const f = buildFacts(EligibilityAction.TRANSFER, { actor: { types: [INDIRECT_PROVIDER] } });
    expect(A.R19_resellerIdRequired.fires(f)).toBe(true);
  });

  it("does not fire when the indirect provider names a reseller", () => {
    const f = buildFacts(EligibilityAction.TRANSFER, { actor: { types: [INDIRECT_PROVIDER] }, reseller: {} });
    expect(A.R19_resellerIdRequired.fires(f)).toBe(false);
  });

  it.each([[[INDIRECT_PROVIDER, DIRECT_BILL]], [[DIRECT_BILL]], [[INDIRECT_RESELLER]], [[ADVISOR]]])(
    "does not fire for %j without a reseller (only an indirect provider that is not also direct-bill)",
    (types) => {
      const f = buildFacts(EligibilityAction.TRANSFER, { actor: { types } });
      expect(A.R19_resellerIdRequired.fires(f)).toBe(false);
    },
  );
});

describe("R22 indirect reseller must use its provider", () => {
  it.each([[[INDIRECT_RESELLER]], [[INDIRECT_RESELLER, ADVISOR]]])("fires for %j", (types) => {
    expect(A.R22_resellerMustUseProvider.fires(buildFacts(EligibilityAction.ORDER, { actor: { types } }))).toBe(true);
  });

  it.each([
    [[INDIRECT_RESELLER, DIRECT_BILL]],
    [[INDIRECT_RESELLER, INDIRECT_PROVIDER]],
    [[DIRECT_BILL]],
    [[INDIRECT_PROVIDER]],
  ])("does not fire for %j (it can transact)", (types) => {
    expect(A.R22_resellerMustUseProvider.fires(buildFacts(EligibilityAction.ORDER, { actor: { types } }))).toBe(false);
  });
});

describe("R35 partner active", () => {
  it.each([ProgramStatus.SUSPENDED, ProgramStatus.DEAUTHORIZED])("fires for an actor %s", (programStatus) => {
    expect(A.R35_partnerActive.fires(buildFacts(EligibilityAction.SUPPORT, { actor: { programStatus } }))).toBe(true);
  });

  it("does not fire for an ACTIVE actor", () => {
    expect(A.R35_partnerActive.fires(buildFacts(EligibilityAction.SUPPORT))).toBe(false);
  });
});

describe("R6a indirect reseller cannot remove a relationship", () => {
  it("fires for an indirect reseller", () => {
    const f = buildFacts(EligibilityAction.REMOVE_RELATIONSHIP, { actor: { types: [INDIRECT_RESELLER] } });
    expect(A.R6a_resellerCannotRemove.fires(f)).toBe(true);
  });

  it.each([[[DIRECT_BILL]], [[INDIRECT_PROVIDER]], [[INDIRECT_RESELLER, DIRECT_BILL]]])(
    "does not fire for %j",
    (types) => {
      const f = buildFacts(EligibilityAction.REMOVE_RELATIONSHIP, { actor: { types } });
      expect(A.R6a_resellerCannotRemove.fires(f)).toBe(false);
    },
  );
});

describe("R37 not transacting partner", () => {
  it.each([EligibilityAction.CANCEL, EligibilityAction.REACTIVATE])(
    "fires on %s when another partner transacts the subscription",
    (action) => {
      const f = buildFacts(action, { subscription: { transactingPartnerId: SOURCE_PARTNER_ID } });
      expect(A.R37_notTransactingPartner.fires(f)).toBe(true);
    },
  );

  it("fires when nobody transacts the subscription (not a CSP one)", () => {
    const f = buildFacts(EligibilityAction.CANCEL, { subscription: { transactingPartnerId: null } });
    expect(A.R37_notTransactingPartner.fires(f)).toBe(true);
  });

  it("does not fire when the actor is the transacting partner", () => {
    const f = buildFacts(EligibilityAction.CANCEL, { subscription: { transactingPartnerId: ACTOR_ID } });
    expect(A.R37_notTransactingPartner.fires(f)).toBe(false);
  });

  it("does not fire for an indirect reseller, even one that is only reseller of record", () => {
    const f = buildFacts(EligibilityAction.CANCEL, {
      actor: { types: [INDIRECT_RESELLER] },
      subscription: { transactingPartnerId: SOURCE_PARTNER_ID, resellerOfRecordId: ACTOR_ID },
    });
    expect(A.R37_notTransactingPartner.fires(f)).toBe(false);
  });
});

describe("R37 vs R22 for an indirect reseller", () => {
  it.each([EligibilityAction.CANCEL, EligibilityAction.REACTIVATE, EligibilityAction.SUSPEND])(
    "%s by an indirect reseller of record is blocked by R22 only",
    (action) => {
      const d = decide(
        buildFacts(action, {
          actor: { id: RESELLER_ID, types: [INDIRECT_RESELLER] },
          subscription: { transactingPartnerId: SOURCE_PARTNER_ID, resellerOfRecordId: RESELLER_ID },
        }),
      );
      expect(d.eligible).toBe(false);
      expect(d.blocking.map((r) => r.ruleId)).toEqual(["R22"]);
    },
  );

  it.each([EligibilityAction.CANCEL, EligibilityAction.REACTIVATE, EligibilityAction.SUSPEND])(
    "%s by a provider that does not transact the subscription is blocked by R37 only",
    (action) => {
      const d = decide(
        buildFacts(action, {
          actor: { types: [INDIRECT_PROVIDER] },
          subscription: { transactingPartnerId: SOURCE_PARTNER_ID },
        }),
      );
      expect(d.blocking.map((r) => r.ruleId)).toEqual(["R37"]);
    },
  );
});

describe("actor rules", () => {
  it("are all blocking", () => {
    for (const rule of Object.values(A)) expect(rule.severity).toBe(Severity.BLOCKING);
  });
});
