import { describe, expect, it } from "vitest";
import { EligibilityAction, PartnerType, ProgramStatus } from "../../../domain/enums";
import { decide } from "../engine";
import type { Rule } from "../rule";
import * as RS from "../rules/reseller.rules";
import { RESELLER_ID, SOURCE_PARTNER_ID, buildFacts, type FactsOverrides } from "./facts-builder";

const provider = { types: [PartnerType.INDIRECT_PROVIDER] };
const resellerRules: readonly Rule[] = Object.values(RS).filter((v): v is Rule => !Array.isArray(v));

/** Facts of a provider ordering on behalf of a named reseller. */
const onBehalf = (overrides: FactsOverrides = {}, action = EligibilityAction.ORDER) =>
  buildFacts(action, { actor: provider, reseller: {}, ...overrides });

describe("reseller rules when no reseller is named", () => {
  // Everything that would make a named reseller fail, yet no reseller is named: none of R23–R27 fires.
  const noReseller = buildFacts(EligibilityAction.ORDER, {
    actor: provider,
    reseller: null,
    resellerPartnershipActive: false,
    customer: { partnerTenantOfId: RESELLER_ID },
  });

  it.each(resellerRules.map((r) => [r.id, r] as const))("%s does not fire", (_id, rule) => {
    expect(rule.fires(noReseller)).toBe(false);
  });
});

describe("R23 provider-reseller partnership", () => {
  it("fires when the partnership with the named reseller is not active", () => {
    expect(RS.R23_partnershipRequired.fires(onBehalf({ resellerPartnershipActive: false }))).toBe(true);
  });

  it("does not fire when it is active", () => {
    expect(RS.R23_partnershipRequired.fires(onBehalf({ resellerPartnershipActive: true }))).toBe(false);
  });
});

describe("R24 reseller MPA", () => {
  it("fires when the reseller has not signed the MPA", () => {
    expect(RS.R24_resellerMpa.fires(onBehalf({ reseller: { mpaSigned: false } }))).toBe(true);
  });

  it("does not fire when it has", () => {
    expect(RS.R24_resellerMpa.fires(onBehalf({ reseller: { mpaSigned: true } }))).toBe(false);
  });
});

describe("R25 reseller region", () => {
  it("fires when the reseller's country differs from the actor's", () => {
    expect(
      RS.R25_resellerRegion.fires(onBehalf({ actor: { ...provider, country: "PT" }, reseller: { country: "ES" } })),
    ).toBe(true);
  });

  it("does not fire in the same country", () => {
    expect(
      RS.R25_resellerRegion.fires(onBehalf({ actor: { ...provider, country: "ES" }, reseller: { country: "ES" } })),
    ).toBe(false);
  });
});

describe("R26 reseller active", () => {
  it.each([ProgramStatus.SUSPENDED, ProgramStatus.DEAUTHORIZED])("fires for a %s reseller", (programStatus) => {
    expect(RS.R26_resellerActive.fires(onBehalf({ reseller: { programStatus } }))).toBe(true);
  });

  it("does not fire for an ACTIVE reseller", () => {
    expect(RS.R26_resellerActive.fires(onBehalf())).toBe(false);
  });
});

describe("R27 reseller cannot be the provider's customer", () => {
  it("fires when the customer is the named reseller's own tenant", () => {
    expect(RS.R27_resellerNotProviderCustomer.fires(onBehalf({ customer: { partnerTenantOfId: RESELLER_ID } }))).toBe(
      true,
    );
  });

  it("does not fire when the customer is another partner's tenant (R9's business)", () => {
    const f = onBehalf({ customer: { partnerTenantOfId: SOURCE_PARTNER_ID } });
    expect(RS.R27_resellerNotProviderCustomer.fires(f)).toBe(false);
  });

  it("does not fire for an ordinary customer", () => {
    expect(RS.R27_resellerNotProviderCustomer.fires(onBehalf())).toBe(false);
  });

  it("fires together with R9 on ORDER when the customer is the reseller's own CSP tenant", () => {
    const d = decide(onBehalf({ customer: { partnerTenantOfId: RESELLER_ID } }));
    expect(d.blocking.map((r) => r.ruleId)).toEqual(["R9", "R27"]);
  });
});

describe("reseller rules through decide", () => {
  const failing: FactsOverrides = {
    resellerPartnershipActive: false,
    reseller: { mpaSigned: false, country: "ES", programStatus: ProgramStatus.SUSPENDED },
    customer: { partnerTenantOfId: RESELLER_ID },
  };

  it("ORDER reports R23–R27 for a failing named reseller", () => {
    const ids = decide(onBehalf(failing)).blocking.map((r) => r.ruleId);
    expect(ids).toEqual(expect.arrayContaining(["R23", "R24", "R25", "R26", "R27"]));
  });

  it("TRANSFER reports R23–R26 but never R27", () => {
    const ids = decide(onBehalf(failing, EligibilityAction.TRANSFER)).blocking.map((r) => r.ruleId);
    expect(ids).toEqual(["R23", "R24", "R25", "R26"]);
  });

  it("an eligible named reseller leaves the order and the transfer eligible", () => {
    expect(decide(onBehalf()).eligible).toBe(true);
    expect(decide(onBehalf({}, EligibilityAction.TRANSFER)).eligible).toBe(true);
  });
});
