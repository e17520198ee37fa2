import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CommerceModel,
  EligibilityAction,
  OfferKind,
  RuleBook,
  SalesChannel,
  SubscriptionStatus,
} from "../../../domain/enums";
import { startOfDate } from "../../../common/instants";
import { decide } from "../engine";
import { SUBSCRIPTION_ACTIONS } from "../eligibility.service";
import { CUSTOMER_SUBSCRIPTIONS_READ, Params } from "../facts-query";
import {
  ACTOR_ID,
  AS_OF,
  CUSTOMER_ID,
  OTHER_CUSTOMER_ID,
  SOURCE_PARTNER_ID,
  buildFacts,
  subscriptionFacts,
} from "./facts-builder";

// The facts reader gives an action only the customer subscriptions CUSTOMER_SUBSCRIPTIONS_READ names for it (and
// none to the other actions). That is sound only if no rule of the action, in either rule book, looks at any other
// row: so for random sets of a customer's subscriptions, deciding over the whole set and over what the reader keeps
// must give the same decision. A rule that starts reading another kind of row makes this fail.

const partner = fc.constantFrom(ACTOR_ID, SOURCE_PARTNER_ID, "partner-other", null);
const otherSubscription = fc.record({
  customerId: fc.constantFrom(CUSTOMER_ID, CUSTOMER_ID, OTHER_CUSTOMER_ID),
  offerKind: fc.constantFrom(...Object.values(OfferKind)),
  commerceModel: fc.constantFrom(...Object.values(CommerceModel)),
  channel: fc.constantFrom(...Object.values(SalesChannel)),
  status: fc.constantFrom(...Object.values(SubscriptionStatus)),
  transactingPartnerId: partner,
  resellerOfRecordId: partner,
  isAzurePlan: fc.boolean(),
});
const otherSubscriptions = fc
  .array(otherSubscription, { maxLength: 8 })
  .map((list) => list.map((o, i) => subscriptionFacts({ id: `other-${i}`, ...o })));

const subject = fc.record({
  offerKind: fc.constantFrom(...Object.values(OfferKind)),
  status: fc.constantFrom(...Object.values(SubscriptionStatus)),
  transactingPartnerId: partner,
});

const ALL_ACTIONS = Object.values(EligibilityAction);

describe("customer subscriptions an action's rules read", () => {
  it.each([RuleBook.V1, RuleBook.V2])(
    "decisions over what the reader keeps equal decisions over every subscription (%s)",
    (ruleBook) => {
      fc.assert(
        fc.property(
          fc.constantFrom(...ALL_ACTIONS),
          otherSubscriptions,
          subject,
          fc.constantFrom(OfferKind.LICENSE_BASED, OfferKind.USAGE_BASED),
          (action, others, s, offerKind) => {
            const read = CUSTOMER_SUBSCRIPTIONS_READ[action];
            const kept = read ? others.filter((o) => read.keep(o, ACTOR_ID)) : [];
            const facts = (customerSubscriptions: typeof others) => ({
              ...buildFacts(action, {
                subscription: SUBSCRIPTION_ACTIONS.has(action) ? s : null,
                customerSubscriptions,
              }),
              ruleBook,
              at: startOfDate(AS_OF),
              offerKind: action === EligibilityAction.ORDER ? offerKind : null,
            });
            const whole = decide(facts(others));
            const narrowed = decide(facts(kept));
            expect(narrowed).toEqual(whole);
          },
        ),
        { numRuns: 400 },
      );
    },
  );

  it("the reader is not vacuous: R14, R8 and R6 fire on rows it keeps", () => {
    // An Azure plan of the actor clears R14 for a usage-based TRANSFER; without it R14 blocks.
    const plan = subscriptionFacts({ id: "plan", offerKind: OfferKind.USAGE_BASED, isAzurePlan: true });
    const transfer = CUSTOMER_SUBSCRIPTIONS_READ[EligibilityAction.TRANSFER]!;
    expect(transfer.keep(plan, ACTOR_ID)).toBe(true);
    expect(transfer.keep({ ...plan, transactingPartnerId: SOURCE_PARTNER_ID }, ACTOR_ID)).toBe(false);
    const usageSubject = { offerKind: OfferKind.USAGE_BASED };
    const without = decide(buildFacts(EligibilityAction.TRANSFER, { subscription: usageSubject }));
    const withPlan = decide(
      buildFacts(EligibilityAction.TRANSFER, { subscription: usageSubject, customerSubscriptions: [plan] }),
    );
    expect(without.blocking.map((r) => r.ruleId)).toContain("R14");
    expect(withPlan.blocking.map((r) => r.ruleId)).not.toContain("R14");
    // ORDER keeps usage-based rows of other channels (R8); REMOVE_RELATIONSHIP what the actor bills (R6).
    const ea = subscriptionFacts({ id: "ea", offerKind: OfferKind.USAGE_BASED, channel: SalesChannel.EA });
    expect(CUSTOMER_SUBSCRIPTIONS_READ[EligibilityAction.ORDER]!.keep(ea, ACTOR_ID)).toBe(true);
    expect(CUSTOMER_SUBSCRIPTIONS_READ[EligibilityAction.REMOVE_RELATIONSHIP]!.keep(plan, ACTOR_ID)).toBe(true);
    expect(CUSTOMER_SUBSCRIPTIONS_READ[EligibilityAction.SUPPORT]).toBeUndefined();
  });

  it("writes its SQL with the dialect's placeholders in the order of the text", () => {
    const pg = new Params(true);
    const sql = CUSTOMER_SUBSCRIPTIONS_READ[EligibilityAction.REMOVE_RELATIONSHIP]!.sql(pg, ACTOR_ID);
    expect(sql).toBe("(s.transacting_partner_id = $1 OR s.reseller_of_record_id = $2)");
    expect(pg.values).toEqual([ACTOR_ID, ACTOR_ID]);
    const sqlite = new Params(false);
    expect(CUSTOMER_SUBSCRIPTIONS_READ[EligibilityAction.ORDER]!.sql(sqlite, ACTOR_ID)).toBe(
      "(s.offer_kind = ? AND s.channel <> ?)",
    );
    expect(sqlite.values).toEqual([OfferKind.USAGE_BASED, SalesChannel.CSP]);
  });
});
