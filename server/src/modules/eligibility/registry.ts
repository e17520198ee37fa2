import { EligibilityAction, RuleBook } from "../../domain/enums";
import type { Rule } from "./rule";
import * as A from "./rules/actor.rules";
import * as C from "./rules/customer.rules";
import * as RS from "./rules/reseller.rules";
import * as S from "./rules/subscription.rules";
import * as L from "./rules/lifecycle.rules";
import * as V2 from "./rules/v2-corrections.rules";

const resellerRules = [
  RS.R23_partnershipRequired,
  RS.R24_resellerMpa,
  RS.R25_resellerRegion,
  RS.R26_resellerActive,
  RS.R27_resellerNotProviderCustomer,
];

/**
 * R23–R26 alone, by rule book (engine.decideNamedReseller): V2 compares the provider's and the reseller's markets (C1).
 */
export const namedResellerRules: Record<RuleBook, readonly Rule<RS.NamedResellerFacts>[]> = {
  [RuleBook.V1]: RS.NAMED_RESELLER_RULES,
  [RuleBook.V2]: [RS.R23_partnershipRequired, RS.R24_resellerMpa, V2.R25_resellerMarket, RS.R26_resellerActive],
};

/** The rules each action checks under rule book V1, in the order RULES.md lists them. */
export const rulesByAction: Record<EligibilityAction, readonly Rule[]> = {
  [EligibilityAction.SUPPORT]: [
    A.R1_relationshipRequired,
    A.R35_partnerActive,
    S.R36_subscriptionDeleted,
    S.R7a_supportNonCsp,
  ],
  [EligibilityAction.ORDER]: [
    A.R1_relationshipRequired,
    C.R3_mcaAccepted,
    A.R4_customerRegion,
    C.R9_cspTenantCannotBuy,
    A.R22_resellerMustUseProvider,
    ...resellerRules,
    A.R35_partnerActive,
    C.R8_azureCoexists,
  ],
  [EligibilityAction.TRANSFER]: [
    S.R7_transferNonCsp,
    S.R11_lockedUntilTermEnd,
    S.R11b_legacyLicense,
    A.R12_transferTargetRelationship,
    S.R13_sourceEqualsTarget,
    S.R14_targetAzurePlan,
    S.R15_transferNeedsActive,
    S.R16_inOtherTransfer,
    S.R17_addonMovesWithBase,
    A.R19_resellerIdRequired,
    A.R22_resellerMustUseProvider,
    A.R4_customerRegion,
    ...resellerRules.slice(0, 4), // R23–R26, "as for ORDER"
    A.R35_partnerActive,
  ],
  [EligibilityAction.CANCEL]: [
    A.R37_notTransactingPartner,
    A.R22_resellerMustUseProvider,
    S.R15c_cancelNeedsLive,
    S.R30_cancellationWindow,
  ],
  [EligibilityAction.REACTIVATE]: [A.R37_notTransactingPartner, A.R22_resellerMustUseProvider, S.R31_reactivatable],
  [EligibilityAction.SUSPEND]: [A.R37_notTransactingPartner, A.R22_resellerMustUseProvider, S.R15s_suspendNeedsActive],
  [EligibilityAction.REMOVE_RELATIONSHIP]: [
    A.R1_relationshipRequired,
    A.R6a_resellerCannotRemove,
    S.R6_activeSubscriptions,
  ],
  // The lifecycle actions exist only under V2: under V1 they are refused before the engine (see rulesFor).
  [EligibilityAction.CHANGE_QUANTITY]: [],
  [EligibilityAction.SET_AUTO_RENEW]: [],
  [EligibilityAction.SCHEDULE_CHANGE]: [],
};

/** Rule book V2's actions (RULES.md "v2: actions"): v1's tables with corrections C1–C11 and the lifecycle actions. */
export const rulesV2ByAction: Record<EligibilityAction, readonly Rule[]> = {
  [EligibilityAction.SUPPORT]: [
    A.R1_relationshipRequired,
    V2.R35d_partnerNotDeauthorized,
    S.R36_subscriptionDeleted,
    S.R7a_supportNonCsp,
  ],
  [EligibilityAction.ORDER]: [
    A.R1_relationshipRequired,
    C.R3_mcaAccepted,
    V2.R4_customerMarket,
    C.R9_cspTenantCannotBuy,
    A.R22_resellerMustUseProvider,
    RS.R23_partnershipRequired,
    RS.R24_resellerMpa,
    V2.R25_resellerMarket,
    RS.R26_resellerActive,
    RS.R27_resellerNotProviderCustomer,
    A.R35_partnerActive,
    C.R8_azureCoexists,
    V2.R38_partnerMpa,
    V2.R39_partnerCannotTransact,
  ],
  [EligibilityAction.TRANSFER]: [
    S.R7_transferNonCsp,
    V2.R11_lockedUntilTermEnd,
    S.R11b_legacyLicense,
    A.R12_transferTargetRelationship,
    S.R13_sourceEqualsTarget,
    S.R14_targetAzurePlan,
    S.R15_transferNeedsActive,
    V2.R16_inOtherTransfer,
    S.R17_addonMovesWithBase,
    A.R19_resellerIdRequired,
    A.R22_resellerMustUseProvider,
    V2.R4_customerMarket,
    RS.R23_partnershipRequired,
    RS.R24_resellerMpa,
    V2.R25_resellerMarket,
    RS.R26_resellerActive,
    A.R35_partnerActive,
    C.R3_mcaAccepted,
    V2.R38_partnerMpa,
    V2.R39_partnerCannotTransact,
    V2.R40_transferLineLimit,
    V2.R41_transferNotPending,
  ],
  [EligibilityAction.CANCEL]: [
    A.R37_notTransactingPartner,
    A.R22_resellerMustUseProvider,
    S.R15c_cancelNeedsLive,
    V2.R35d_partnerNotDeauthorized,
    V2.R30_cancellationWindow,
    V2.R30p_azurePlanActiveSubscriptions,
    L.R45_scheduledChangesDeleted,
  ],
  [EligibilityAction.REACTIVATE]: [
    A.R37_notTransactingPartner,
    A.R22_resellerMustUseProvider,
    V2.R35d_partnerNotDeauthorized,
    V2.R31_reactivatable,
  ],
  // An extension of the rule book (see enums.ts); V2 adds the partner-status rule it adds to CANCEL and REACTIVATE.
  [EligibilityAction.SUSPEND]: [
    A.R37_notTransactingPartner,
    A.R22_resellerMustUseProvider,
    V2.R35d_partnerNotDeauthorized,
    S.R15s_suspendNeedsActive,
  ],
  [EligibilityAction.REMOVE_RELATIONSHIP]: [
    A.R1_relationshipRequired,
    A.R6a_resellerCannotRemove,
    S.R6_activeSubscriptions,
  ],
  [EligibilityAction.CHANGE_QUANTITY]: [
    A.R37_notTransactingPartner,
    A.R22_resellerMustUseProvider,
    V2.R35_partnerActiveToAddSeats,
    V2.R35d_unlessAddingSeats,
    L.R42_quantityChangeNotSupported,
    L.R15m_needsActive,
    L.R43_quantityOutOfRange,
    L.R44_seatReductionWindowClosed,
    L.R45_scheduledChangesDeleted,
  ],
  [EligibilityAction.SET_AUTO_RENEW]: [
    A.R37_notTransactingPartner,
    A.R22_resellerMustUseProvider,
    V2.R35d_partnerNotDeauthorized,
    L.R46_autoRenewNotApplicable,
    L.R15m_needsActive,
    L.R47_termEnded,
    L.R45_scheduledChangesDeleted,
  ],
  [EligibilityAction.SCHEDULE_CHANGE]: [
    A.R37_notTransactingPartner,
    A.R22_resellerMustUseProvider,
    V2.R35_partnerActiveToAddSeats,
    V2.R35d_unlessAddingSeats,
    L.R48_scheduledChangeNotSupported,
    L.R15m_needsActive,
    L.R49_scheduledChangeNeedsAutoRenew,
    L.R47_termEnded,
    L.R50_billingPlanNotAllowed,
    L.R43_quantityOutOfRange,
  ],
};

/** The actions that exist only under rule book V2. */
export const V2_ONLY_ACTIONS: ReadonlySet<EligibilityAction> = new Set([
  EligibilityAction.CHANGE_QUANTITY,
  EligibilityAction.SET_AUTO_RENEW,
  EligibilityAction.SCHEDULE_CHANGE,
]);

/** The rules an action checks under a rule book. */
export const rulesFor = (book: RuleBook, action: EligibilityAction): readonly Rule[] =>
  (book === RuleBook.V2 ? rulesV2ByAction : rulesByAction)[action];

/** Every rule of rule book V1, for documentation and the API's rule catalogue. */
export const allRules: readonly Rule[] = [...new Set(Object.values(rulesByAction).flat())];

/** Every rule of rule book V2 (several reuse a v1 id with the meaning its correction gives it). */
export const allRulesV2: readonly Rule[] = [...new Set(Object.values(rulesV2ByAction).flat())];
