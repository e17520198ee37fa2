import { describe, expect, it } from "vitest";
import { EligibilityAction, OfferKind, SalesChannel, Severity, SubscriptionStatus } from "../../../domain/enums";
import { decide } from "../engine";
import * as C from "../rules/customer.rules";
import { OTHER_CUSTOMER_ID, SOURCE_PARTNER_ID, buildFacts, subscriptionFacts } from "./facts-builder";
import type { SubscriptionFacts } from "../facts";

describe("R3 MCA accepted", () => {
  it("fires when the customer has not accepted the MCA", () => {
    expect(C.R3_mcaAccepted.fires(buildFacts(EligibilityAction.ORDER, { customer: { mcaAccepted: false } }))).toBe(
      true,
    );
  });

  it("does not fire when it has", () => {
    expect(C.R3_mcaAccepted.fires(buildFacts(EligibilityAction.ORDER))).toBe(false);
  });
});

describe("R9 CSP tenant cannot buy from CSP", () => {
  it("fires when the customer is a CSP partner's transaction tenant", () => {
    const f = buildFacts(EligibilityAction.ORDER, { customer: { partnerTenantOfId: SOURCE_PARTNER_ID } });
    expect(C.R9_cspTenantCannotBuy.fires(f)).toBe(true);
  });

  it("does not fire for an ordinary customer tenant", () => {
    expect(C.R9_cspTenantCannotBuy.fires(buildFacts(EligibilityAction.ORDER))).toBe(false);
  });
});

describe("R8 Azure coexists with another channel", () => {
  /** A usage-based subscription the customer holds from another channel (held = ACTIVE). */
  const otherChannelAzure = (overrides: Partial<SubscriptionFacts> = {}): SubscriptionFacts =>
    subscriptionFacts({
      id: "subscription-ea-azure",
      offerKind: OfferKind.USAGE_BASED,
      channel: SalesChannel.EA,
      transactingPartnerId: null,
      ...overrides,
    });

  const orderAzure = (held: SubscriptionFacts[], offerKind = OfferKind.USAGE_BASED) =>
    buildFacts(EligibilityAction.ORDER, { offerKind, customerSubscriptions: held });

  it.each([
    SalesChannel.MICROSOFT_DIRECT,
    SalesChannel.ADVISOR,
    SalesChannel.OPEN,
    SalesChannel.EA,
    SalesChannel.THIRD_PARTY_NON_CSP,
  ])("fires for a usage-based order when the customer holds usage-based %s", (channel) => {
    expect(C.R8_azureCoexists.fires(orderAzure([otherChannelAzure({ channel })]))).toBe(true);
  });

  it("fires when the held non-CSP usage-based subscription is SUSPENDED", () => {
    const held = otherChannelAzure({ status: SubscriptionStatus.SUSPENDED });
    expect(C.R8_azureCoexists.fires(orderAzure([held]))).toBe(true);
  });

  it.each([SubscriptionStatus.EXPIRED, SubscriptionStatus.DISABLED, SubscriptionStatus.DELETED])(
    "does not fire when the non-CSP usage-based subscription is %s (no longer held)",
    (status) => {
      expect(C.R8_azureCoexists.fires(orderAzure([otherChannelAzure({ status })]))).toBe(false);
    },
  );

  it("does not fire when the usage-based subscription held is a CSP one", () => {
    const held = otherChannelAzure({ channel: SalesChannel.CSP, transactingPartnerId: SOURCE_PARTNER_ID });
    expect(C.R8_azureCoexists.fires(orderAzure([held]))).toBe(false);
  });

  it("does not fire when the non-CSP subscription held is license-based", () => {
    const held = otherChannelAzure({ offerKind: OfferKind.LICENSE_BASED });
    expect(C.R8_azureCoexists.fires(orderAzure([held]))).toBe(false);
  });

  it("does not fire when the subscription belongs to another customer", () => {
    const held = otherChannelAzure({ customerId: OTHER_CUSTOMER_ID });
    expect(C.R8_azureCoexists.fires(orderAzure([held]))).toBe(false);
  });

  it("does not fire for a license-based order", () => {
    expect(C.R8_azureCoexists.fires(orderAzure([otherChannelAzure()], OfferKind.LICENSE_BASED))).toBe(false);
  });

  it("does not fire when the customer holds nothing", () => {
    expect(C.R8_azureCoexists.fires(orderAzure([]))).toBe(false);
  });

  it("is an advisory: the order stays eligible", () => {
    const d = decide(orderAzure([otherChannelAzure()]));
    expect(C.R8_azureCoexists.severity).toBe(Severity.ADVISORY);
    expect(d.eligible).toBe(true);
    expect(d.blocking).toEqual([]);
    expect(d.advisories.map((r) => r.ruleId)).toEqual(["R8"]);
  });
});
