import { describe, expect, it } from "vitest";
import {
  CommerceModel,
  EligibilityAction,
  OfferKind,
  SalesChannel,
  Severity,
  SubscriptionStatus,
  TransferPolicy,
} from "../../../domain/enums";
import { decide } from "../engine";
import type { SubscriptionFacts } from "../facts";
import type { Rule } from "../rule";
import * as S from "../rules/subscription.rules";
import {
  ACTOR_ID,
  AS_OF,
  OTHER_CUSTOMER_ID,
  RESELLER_ID,
  SOURCE_PARTNER_ID,
  azurePlanFacts,
  buildFacts,
  daysFromAsOf,
  subscriptionFacts,
  type FactsOverrides,
} from "./facts-builder";

const NON_CSP_CHANNELS = [
  SalesChannel.MICROSOFT_DIRECT,
  SalesChannel.ADVISOR,
  SalesChannel.OPEN,
  SalesChannel.EA,
  SalesChannel.THIRD_PARTY_NON_CSP,
] as const;
const NOT_LIVE = [SubscriptionStatus.EXPIRED, SubscriptionStatus.DISABLED, SubscriptionStatus.DELETED] as const;

const transfer = (overrides: FactsOverrides = {}) => buildFacts(EligibilityAction.TRANSFER, overrides);
const cancel = (subscription: Partial<SubscriptionFacts>) => buildFacts(EligibilityAction.CANCEL, { subscription });
const reactivate = (subscription: Partial<SubscriptionFacts>) =>
  buildFacts(EligibilityAction.REACTIVATE, { subscription });

describe("R36 subscription deleted", () => {
  it("fires for a DELETED subscription", () => {
    const f = buildFacts(EligibilityAction.SUPPORT, { subscription: { status: SubscriptionStatus.DELETED } });
    expect(S.R36_subscriptionDeleted.fires(f)).toBe(true);
  });

  it.each([
    SubscriptionStatus.ACTIVE,
    SubscriptionStatus.SUSPENDED,
    SubscriptionStatus.EXPIRED,
    SubscriptionStatus.DISABLED,
  ])("does not fire for a %s subscription", (status) => {
    expect(S.R36_subscriptionDeleted.fires(buildFacts(EligibilityAction.SUPPORT, { subscription: { status } }))).toBe(
      false,
    );
  });
});

describe("R7a support of a non-CSP subscription (advisory)", () => {
  it.each(NON_CSP_CHANNELS)("fires for a %s subscription", (channel) => {
    expect(S.R7a_supportNonCsp.fires(buildFacts(EligibilityAction.SUPPORT, { subscription: { channel } }))).toBe(true);
  });

  it("does not fire for a CSP subscription", () => {
    expect(S.R7a_supportNonCsp.fires(buildFacts(EligibilityAction.SUPPORT))).toBe(false);
  });

  it("is an advisory: support stays eligible", () => {
    const d = decide(buildFacts(EligibilityAction.SUPPORT, { subscription: { channel: SalesChannel.EA } }));
    expect(S.R7a_supportNonCsp.severity).toBe(Severity.ADVISORY);
    expect(d.eligible).toBe(true);
    expect(d.advisories.map((r) => r.ruleId)).toEqual(["R7a"]);
  });
});

describe("R7 transfer of a non-CSP subscription", () => {
  it.each(NON_CSP_CHANNELS)("fires for a %s subscription", (channel) => {
    expect(S.R7_transferNonCsp.fires(transfer({ subscription: { channel, transactingPartnerId: null } }))).toBe(true);
  });

  it("does not fire for a CSP subscription", () => {
    expect(S.R7_transferNonCsp.fires(transfer())).toBe(false);
  });

  it("is blocking", () => {
    expect(S.R7_transferNonCsp.severity).toBe(Severity.BLOCKING);
  });
});

describe("R7 gates the CSP-to-CSP rules", () => {
  const gated: readonly Rule[] = [
    S.R11_lockedUntilTermEnd,
    S.R11b_legacyLicense,
    S.R13_sourceEqualsTarget,
    S.R14_targetAzurePlan,
    S.R15_transferNeedsActive,
    S.R16_inOtherTransfer,
    S.R17_addonMovesWithBase,
  ];

  it.each(gated.map((r) => [r.id, r] as const))("%s is skipped on a non-CSP subscription only", (_id, rule) => {
    expect(rule.skipWhen?.(transfer({ subscription: { channel: SalesChannel.EA } }))).toBe(true);
    expect(rule.skipWhen?.(transfer())).toBe(false);
  });

  it("no other subscription rule is gated", () => {
    const others = Object.values(S).filter((r): r is Rule => typeof r === "object" && !gated.includes(r));
    for (const rule of others) expect(rule.skipWhen).toBeUndefined();
  });
});

describe("R11 license subscription locked until term end (LEGACY_2023)", () => {
  const legacyPolicy = (subscription: Partial<SubscriptionFacts>) =>
    transfer({ policy: TransferPolicy.LEGACY_2023, subscription });

  it("fires for a license-based subscription whose term ends after asOf", () => {
    expect(S.R11_lockedUntilTermEnd.fires(legacyPolicy({ commitmentEndDate: daysFromAsOf(1) }))).toBe(true);
  });

  it("fires whatever the commerce model", () => {
    const f = legacyPolicy({ commerceModel: CommerceModel.LEGACY, commitmentEndDate: daysFromAsOf(30) });
    expect(S.R11_lockedUntilTermEnd.fires(f)).toBe(true);
  });

  it("does not fire when commitmentEndDate equals asOf", () => {
    expect(S.R11_lockedUntilTermEnd.fires(legacyPolicy({ commitmentEndDate: AS_OF }))).toBe(false);
  });

  it("does not fire when the term has ended", () => {
    expect(S.R11_lockedUntilTermEnd.fires(legacyPolicy({ commitmentEndDate: daysFromAsOf(-1) }))).toBe(false);
  });

  it.each([CommerceModel.LEGACY, CommerceModel.NEW_COMMERCE])("never fires on a usage-based %s subscription", (cm) => {
    const f = legacyPolicy({
      offerKind: OfferKind.USAGE_BASED,
      commerceModel: cm,
      commitmentEndDate: daysFromAsOf(300),
    });
    expect(S.R11_lockedUntilTermEnd.fires(f)).toBe(false);
  });

  it("does not fire under the CURRENT policy", () => {
    const f = transfer({ subscription: { commitmentEndDate: daysFromAsOf(300) } });
    expect(S.R11_lockedUntilTermEnd.fires(f)).toBe(false);
  });
});

describe("R11b legacy license not transferable (CURRENT)", () => {
  it("fires for a license-based LEGACY subscription", () => {
    expect(S.R11b_legacyLicense.fires(transfer({ subscription: { commerceModel: CommerceModel.LEGACY } }))).toBe(true);
  });

  it("does not fire for a license-based NEW_COMMERCE subscription", () => {
    expect(S.R11b_legacyLicense.fires(transfer())).toBe(false);
  });

  it("never fires on a usage-based LEGACY subscription", () => {
    const f = transfer({ subscription: { offerKind: OfferKind.USAGE_BASED, commerceModel: CommerceModel.LEGACY } });
    expect(S.R11b_legacyLicense.fires(f)).toBe(false);
  });

  it("does not fire under the LEGACY_2023 policy", () => {
    const f = transfer({ policy: TransferPolicy.LEGACY_2023, subscription: { commerceModel: CommerceModel.LEGACY } });
    expect(S.R11b_legacyLicense.fires(f)).toBe(false);
  });
});

describe("R13 source equals target", () => {
  it("fires when the actor already transacts the subscription", () => {
    expect(S.R13_sourceEqualsTarget.fires(transfer({ subscription: { transactingPartnerId: ACTOR_ID } }))).toBe(true);
  });

  it("does not fire when another partner transacts it", () => {
    expect(S.R13_sourceEqualsTarget.fires(transfer())).toBe(false);
  });
});

describe("R14 target Azure plan", () => {
  const azureTransfer = (held: SubscriptionFacts[]) =>
    transfer({ subscription: { offerKind: OfferKind.USAGE_BASED }, customerSubscriptions: held });

  it("fires for a usage-based subscription when the actor holds no Azure plan", () => {
    expect(S.R14_targetAzurePlan.fires(azureTransfer([]))).toBe(true);
  });

  it("does not fire when the actor holds an ACTIVE Azure plan for the customer", () => {
    expect(S.R14_targetAzurePlan.fires(azureTransfer([azurePlanFacts()]))).toBe(false);
  });

  it.each([SubscriptionStatus.SUSPENDED, ...NOT_LIVE])("fires when the actor's Azure plan is %s", (status) => {
    expect(S.R14_targetAzurePlan.fires(azureTransfer([azurePlanFacts({ status })]))).toBe(true);
  });

  it("fires when the ACTIVE Azure plan is transacted by another partner", () => {
    const plan = azurePlanFacts({ transactingPartnerId: SOURCE_PARTNER_ID });
    expect(S.R14_targetAzurePlan.fires(azureTransfer([plan]))).toBe(true);
  });

  it("fires when the actor is only reseller of record of the ACTIVE Azure plan", () => {
    const plan = azurePlanFacts({ transactingPartnerId: SOURCE_PARTNER_ID, resellerOfRecordId: ACTOR_ID });
    expect(S.R14_targetAzurePlan.fires(azureTransfer([plan]))).toBe(true);
  });

  it("fires when the actor's ACTIVE Azure plan is for another customer", () => {
    expect(S.R14_targetAzurePlan.fires(azureTransfer([azurePlanFacts({ customerId: OTHER_CUSTOMER_ID })]))).toBe(true);
  });

  it("fires when the actor's ACTIVE usage-based subscription is not the Azure plan", () => {
    expect(S.R14_targetAzurePlan.fires(azureTransfer([azurePlanFacts({ isAzurePlan: false })]))).toBe(true);
  });

  it("does not fire for a license-based subscription", () => {
    expect(S.R14_targetAzurePlan.fires(transfer())).toBe(false);
  });
});

describe("R15 transfer needs an ACTIVE subscription", () => {
  it.each([SubscriptionStatus.SUSPENDED, ...NOT_LIVE])("fires for a %s subscription", (status) => {
    expect(S.R15_transferNeedsActive.fires(transfer({ subscription: { status } }))).toBe(true);
  });

  it("does not fire for an ACTIVE subscription", () => {
    expect(S.R15_transferNeedsActive.fires(transfer())).toBe(false);
  });
});

describe("R16 in another transfer", () => {
  const pending = (...ages: number[]) =>
    transfer({ pendingTransfersOfSubject: ages.map((age) => ({ createdAt: daysFromAsOf(-age) })) });

  it("fires for a pending transfer created today", () => {
    expect(S.R16_inOtherTransfer.fires(pending(0))).toBe(true);
  });

  it("fires for a pending transfer 30 days old (still counts)", () => {
    expect(S.R16_inOtherTransfer.fires(pending(30))).toBe(true);
  });

  it("does not fire for a pending transfer 31 days old (expired by time)", () => {
    expect(S.R16_inOtherTransfer.fires(pending(31))).toBe(false);
  });

  it("fires when one of several pending transfers still counts", () => {
    expect(S.R16_inOtherTransfer.fires(pending(45, 31, 12))).toBe(true);
  });

  it("does not fire without pending transfers", () => {
    expect(S.R16_inOtherTransfer.fires(pending())).toBe(false);
  });
});

describe("R17 add-on moves with its base", () => {
  it("fires for an add-on", () => {
    expect(S.R17_addonMovesWithBase.fires(transfer({ subscription: { parentId: "subscription-base" } }))).toBe(true);
  });

  it("does not fire for a base subscription", () => {
    expect(S.R17_addonMovesWithBase.fires(transfer())).toBe(false);
  });
});

describe("R15c cancel needs an ACTIVE or SUSPENDED subscription", () => {
  it.each(NOT_LIVE)("fires for a %s subscription", (status) => {
    expect(S.R15c_cancelNeedsLive.fires(cancel({ status }))).toBe(true);
  });

  it.each([SubscriptionStatus.ACTIVE, SubscriptionStatus.SUSPENDED])(
    "does not fire for a %s subscription",
    (status) => {
      expect(S.R15c_cancelNeedsLive.fires(cancel({ status }))).toBe(false);
    },
  );
});

describe("R15s suspend needs an ACTIVE subscription (extension, not in RULES.md)", () => {
  const suspend = (status: SubscriptionStatus) => buildFacts(EligibilityAction.SUSPEND, { subscription: { status } });

  it.each([SubscriptionStatus.SUSPENDED, ...NOT_LIVE])("fires for a %s subscription", (status) => {
    expect(S.R15s_suspendNeedsActive.fires(suspend(status))).toBe(true);
  });

  it("does not fire for an ACTIVE subscription", () => {
    expect(S.R15s_suspendNeedsActive.fires(suspend(SubscriptionStatus.ACTIVE))).toBe(false);
  });
});

describe("R30 cancellation window (new commerce)", () => {
  it("does not fire on the purchase day", () => {
    expect(S.R30_cancellationWindow.fires(cancel({ purchaseDate: AS_OF }))).toBe(false);
  });

  it("does not fire on day 7 after purchase (still inside)", () => {
    expect(S.R30_cancellationWindow.fires(cancel({ purchaseDate: daysFromAsOf(-7) }))).toBe(false);
  });

  it("fires on day 8 after purchase (outside)", () => {
    expect(S.R30_cancellationWindow.fires(cancel({ purchaseDate: daysFromAsOf(-8) }))).toBe(true);
  });

  it("counts from renewalDate when there is one: day 7 after renewal is inside, even long after purchase", () => {
    const f = cancel({ purchaseDate: daysFromAsOf(-372), renewalDate: daysFromAsOf(-7) });
    expect(S.R30_cancellationWindow.fires(f)).toBe(false);
  });

  it("counts from renewalDate when there is one: day 8 after renewal is outside", () => {
    const f = cancel({ purchaseDate: daysFromAsOf(-373), renewalDate: daysFromAsOf(-8) });
    expect(S.R30_cancellationWindow.fires(f)).toBe(true);
  });

  it("renewalDate takes precedence over a purchaseDate that would still be inside", () => {
    const f = cancel({ purchaseDate: daysFromAsOf(-2), renewalDate: daysFromAsOf(-8) });
    expect(S.R30_cancellationWindow.fires(f)).toBe(true);
  });

  it.each([
    ["day 8", daysFromAsOf(-8)],
    ["years", "2019-01-01"],
  ])("never closes for legacy commerce (%s after purchase)", (_label, purchaseDate) => {
    const f = cancel({ commerceModel: CommerceModel.LEGACY, purchaseDate, renewalDate: null });
    expect(S.R30_cancellationWindow.fires(f)).toBe(false);
  });
});

describe("R31 reactivatable", () => {
  it("does not fire for a SUSPENDED subscription before its commitment end", () => {
    expect(S.R31_reactivatable.fires(reactivate({ commitmentEndDate: daysFromAsOf(10) }))).toBe(false);
  });

  it("does not fire when asOf equals commitmentEndDate (still reactivatable)", () => {
    expect(S.R31_reactivatable.fires(reactivate({ commitmentEndDate: AS_OF }))).toBe(false);
  });

  it("fires for a SUSPENDED subscription after its commitment end", () => {
    expect(S.R31_reactivatable.fires(reactivate({ commitmentEndDate: daysFromAsOf(-1) }))).toBe(true);
  });

  it.each([SubscriptionStatus.ACTIVE, ...NOT_LIVE])("fires for a %s subscription", (status) => {
    expect(S.R31_reactivatable.fires(reactivate({ status }))).toBe(true);
  });
});

describe("R6 relationship has active subscriptions", () => {
  const remove = (held: SubscriptionFacts[]) =>
    buildFacts(EligibilityAction.REMOVE_RELATIONSHIP, { customerSubscriptions: held });
  const held = (overrides: Partial<SubscriptionFacts>) => subscriptionFacts({ id: "subscription-held", ...overrides });

  it("does not fire when the customer holds nothing", () => {
    expect(S.R6_activeSubscriptions.fires(remove([]))).toBe(false);
  });

  it.each([CommerceModel.LEGACY, CommerceModel.NEW_COMMERCE])(
    "fires for an ACTIVE %s subscription the actor transacts",
    (commerceModel) => {
      expect(S.R6_activeSubscriptions.fires(remove([held({ commerceModel })]))).toBe(true);
    },
  );

  it("fires for an ACTIVE subscription naming the actor as reseller of record", () => {
    const s = held({ transactingPartnerId: SOURCE_PARTNER_ID, resellerOfRecordId: ACTOR_ID });
    expect(S.R6_activeSubscriptions.fires(remove([s]))).toBe(true);
  });

  it("fires for a SUSPENDED NEW_COMMERCE subscription (still billed)", () => {
    const s = held({ status: SubscriptionStatus.SUSPENDED, commerceModel: CommerceModel.NEW_COMMERCE });
    expect(S.R6_activeSubscriptions.fires(remove([s]))).toBe(true);
  });

  it("does not fire for a SUSPENDED LEGACY subscription", () => {
    const s = held({ status: SubscriptionStatus.SUSPENDED, commerceModel: CommerceModel.LEGACY });
    expect(S.R6_activeSubscriptions.fires(remove([s]))).toBe(false);
  });

  it.each(NOT_LIVE)("does not fire for a %s new-commerce subscription", (status) => {
    expect(S.R6_activeSubscriptions.fires(remove([held({ status })]))).toBe(false);
  });

  it("does not fire for an ACTIVE subscription of another partner that does not name the actor", () => {
    const s = held({ transactingPartnerId: SOURCE_PARTNER_ID, resellerOfRecordId: RESELLER_ID });
    expect(S.R6_activeSubscriptions.fires(remove([s]))).toBe(false);
  });

  it("does not fire for an ACTIVE subscription of another customer", () => {
    expect(S.R6_activeSubscriptions.fires(remove([held({ customerId: OTHER_CUSTOMER_ID })]))).toBe(false);
  });
});
