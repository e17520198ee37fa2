import { describe, expect, it, vi } from "vitest";
import { decide } from "../engine";
import {
  CommerceModel,
  EligibilityAction,
  EligibilityReasonCode,
  OfferKind,
  PartnerType,
  ProgramStatus,
  SalesChannel,
  RuleBook,
  Severity,
  SubscriptionStatus,
  TransferPolicy,
} from "../../../domain/enums";
import type { DecisionFacts } from "../facts";
import { v1DecisionDefaults, withLifecycleDefaults } from "../facts-defaults";
import * as S from "../rules/subscription.rules";
import { ACTOR_ID, RESELLER_ID, buildFacts, daysFromAsOf, subscriptionFacts } from "./facts-builder";

const base = (): DecisionFacts => ({
  action: EligibilityAction.TRANSFER,
  ...v1DecisionDefaults("2026-11-24"),
  asOf: "2026-11-24",
  policy: TransferPolicy.CURRENT,
  actor: {
    id: "a",
    types: [PartnerType.DIRECT_BILL],
    country: "US",
    mpaSigned: true,
    programStatus: ProgramStatus.ACTIVE,
  },
  customer: { id: "c", country: "US", mcaAccepted: true, partnerTenantOfId: null },
  subscription: withLifecycleDefaults({
    id: "s",
    customerId: "c",
    offerKind: OfferKind.LICENSE_BASED,
    commerceModel: CommerceModel.NEW_COMMERCE,
    channel: SalesChannel.EA,
    status: SubscriptionStatus.SUSPENDED,
    transactingPartnerId: null,
    resellerOfRecordId: null,
    purchaseDate: "2026-01-01",
    renewalDate: null,
    commitmentEndDate: "2026-12-31",
    parentId: "p",
    isAzurePlan: false,
  }),
  offerKind: null,
  reseller: null,
  resellerPartnershipActive: false,
  actorHasActiveRelationship: false,
  customerSubscriptions: [],
  pendingTransfersOfSubject: [],
});

describe("decide", () => {
  it("returns every reason, and R7 skips the CSP-to-CSP rules", () => {
    const d = decide(base());
    expect(d.eligible).toBe(false);
    expect(d.blocking.map((r) => r.ruleId)).toEqual(["R7", "R12"]);
  });
});

describe("decide with the facts builder", () => {
  it.each(Object.values(EligibilityAction))(
    "the builder's default facts are eligible for %s with no reasons",
    (action) => {
      const d = decide(buildFacts(action));
      expect(d).toEqual({
        action,
        ruleBook: RuleBook.V1,
        eligible: true,
        blocking: [],
        advisories: [],
        eligibleUntil: null,
        becomesEligibleAt: null,
        refundable: null,
      });
    },
  );

  it("does not stop at the first failing rule: ORDER lists every blocking reason in RULES.md order", () => {
    const d = decide(
      buildFacts(EligibilityAction.ORDER, {
        actorHasActiveRelationship: false,
        actor: { types: [PartnerType.INDIRECT_RESELLER], country: "ES", programStatus: ProgramStatus.SUSPENDED },
        customer: { mcaAccepted: false, partnerTenantOfId: "partner-other" },
      }),
    );
    expect(d.eligible).toBe(false);
    expect(d.blocking.map((r) => r.ruleId)).toEqual(["R1", "R3", "R4", "R9", "R22", "R35"]);
    expect(d.advisories).toEqual([]);
  });

  it("carries each rule's code, severity and source on its reason", () => {
    const d = decide(buildFacts(EligibilityAction.SUPPORT, { subscription: { status: SubscriptionStatus.DELETED } }));
    expect(d.blocking).toEqual([
      {
        ruleId: S.R36_subscriptionDeleted.id,
        code: EligibilityReasonCode.SUBSCRIPTION_DELETED,
        severity: Severity.BLOCKING,
        source: {
          url: "https://learn.microsoft.com/en-us/partner-center/customers/subscription-lifecycle",
          title: "Subscription lifecycle states",
        },
      },
    ]);
  });

  it("keeps advisories apart from blocking reasons: an advisory alone leaves the decision eligible", () => {
    const nonCsp = { channel: SalesChannel.EA, transactingPartnerId: null };
    const ok = decide(buildFacts(EligibilityAction.SUPPORT, { subscription: nonCsp }));
    expect(ok.eligible).toBe(true);
    expect(ok.advisories.map((r) => [r.ruleId, r.code, r.severity])).toEqual([
      ["R7a", EligibilityReasonCode.NON_CSP_CHANNEL_REQUIRES_REPROVISION, Severity.ADVISORY],
    ]);

    const deleted = decide(
      buildFacts(EligibilityAction.SUPPORT, { subscription: { ...nonCsp, status: SubscriptionStatus.DELETED } }),
    );
    expect(deleted.eligible).toBe(false);
    expect(deleted.blocking.map((r) => r.ruleId)).toEqual(["R36"]);
    expect(deleted.advisories.map((r) => r.ruleId)).toEqual(["R7a"]);
  });

  it("reports both R9 and R27 when the customer is the named reseller's own CSP tenant", () => {
    const d = decide(
      buildFacts(EligibilityAction.ORDER, {
        actor: { types: [PartnerType.INDIRECT_PROVIDER] },
        reseller: {},
        customer: { partnerTenantOfId: RESELLER_ID },
      }),
    );
    expect(d.blocking.map((r) => r.ruleId)).toEqual(["R9", "R27"]);
  });

  it("reports every failing rule on REMOVE_RELATIONSHIP", () => {
    const d = decide(
      buildFacts(EligibilityAction.REMOVE_RELATIONSHIP, {
        actor: { types: [PartnerType.INDIRECT_RESELLER] },
        actorHasActiveRelationship: false,
        customerSubscriptions: [
          subscriptionFacts({ transactingPartnerId: "partner-provider", resellerOfRecordId: ACTOR_ID }),
        ],
      }),
    );
    expect(d.blocking.map((r) => r.ruleId)).toEqual(["R1", "R6a", "R6"]);
  });

  it("reports R15c and R30 together on CANCEL", () => {
    const d = decide(
      buildFacts(EligibilityAction.CANCEL, {
        subscription: { status: SubscriptionStatus.EXPIRED, purchaseDate: daysFromAsOf(-400) },
      }),
    );
    expect(d.blocking.map((r) => r.ruleId)).toEqual(["R15c", "R30"]);
  });

  it("is a pure function of the facts: it neither reads the clock nor changes its input", () => {
    const facts = buildFacts(EligibilityAction.CANCEL, { subscription: { purchaseDate: daysFromAsOf(-7) } });
    const copy = structuredClone(facts);
    const first = decide(facts);
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date("2031-06-01T12:00:00Z"));
      expect(decide(facts)).toEqual(first);
    } finally {
      vi.useRealTimers();
    }
    expect(first.eligible).toBe(true);
    expect(facts).toEqual(copy);
  });

  it("decides on asOf: the same subscription is cancellable on day 7 and not on day 8", () => {
    const purchaseDate = "2026-03-01";
    const on = (asOf: string) =>
      decide(buildFacts(EligibilityAction.CANCEL, { asOf, subscription: { purchaseDate, renewalDate: null } }));
    expect(on("2026-03-08").eligible).toBe(true);
    expect(on("2026-03-09").blocking.map((r) => r.ruleId)).toEqual(["R30"]);
  });
});
