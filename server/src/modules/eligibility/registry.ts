import { EligibilityAction } from "../../domain/enums";
import type { Rule } from "./rule";
import * as A from "./rules/actor.rules";
import * as C from "./rules/customer.rules";
import * as RS from "./rules/reseller.rules";
import * as S from "./rules/subscription.rules";

const resellerRules = [
  RS.R23_partnershipRequired,
  RS.R24_resellerMpa,
  RS.R25_resellerRegion,
  RS.R26_resellerActive,
  RS.R27_resellerNotProviderCustomer,
];

/** The rules each action checks, in the order RULES.md lists them. */
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
};

/** Every rule, by id, for documentation and the API's rule catalogue. */
export const allRules: readonly Rule[] = [...new Set(Object.values(rulesByAction).flat())];
