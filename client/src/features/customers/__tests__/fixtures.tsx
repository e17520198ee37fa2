import type { ViewerInfo } from "../../shell/viewer";
import { makeViewer } from "../../../testing/harness";
import {
  ActivityListDocument,
  CustomerPageDocument,
  CustomerProviderOptionsDocument,
  CustomerResellerOptionsDocument,
  CustomerSubscriptionsDocument,
  type ComplianceFlag,
  type PartnerType,
  type UserRole,
  type CustomerPageQuery,
  type CustomerPageSubscriptionFragment,
  type EligibilityDecisionFieldsFragment,
  type EligibilityAction,
  type EligibilityReasonCode,
} from "../../../graphql/generated";

export const PROVIDER_ID = "UGFydG5lcjpwcm92aWRlcg";
export const RESELLER_ID = "UGFydG5lcjpyZXNlbGxlcg";
export const CUSTOMER_ID = "Q3VzdG9tZXI6Y29udG9zbw";

export function viewer(kind: "provider" | "reseller" | "direct", role: UserRole = "GLOBAL_ADMIN"): ViewerInfo {
  const partner = {
    provider: { id: PROVIDER_ID, name: "Trey Research", types: ["INDIRECT_PROVIDER"], canTransact: true },
    reseller: { id: RESELLER_ID, name: "Wingtip Toys", types: ["INDIRECT_RESELLER"], canTransact: false },
    direct: { id: "UGFydG5lcjpkaXJlY3Q", name: "First Up", types: ["DIRECT_BILL"], canTransact: true },
  }[kind] as { id: string; name: string; types: PartnerType[]; canTransact: boolean };
  return makeViewer({ role, partner: { ...partner, partnerId: "1234567" } });
}

export function reason(
  ruleId: string,
  code: EligibilityReasonCode,
  message: string,
  severity: "BLOCKING" | "ADVISORY" = "BLOCKING",
) {
  return {
    __typename: "EligibilityReason" as const,
    ruleId,
    code,
    message,
    source: "https://learn.microsoft.com/en-us/partner-center/customers/new-commerce-cancellation-policy",
    sourceTitle: "New commerce cancellation policy",
    severity,
  };
}

export function decision(
  action: EligibilityAction,
  blocking: ReturnType<typeof reason>[] = [],
  advisories: ReturnType<typeof reason>[] = [],
): EligibilityDecisionFieldsFragment {
  return {
    __typename: "EligibilityDecision",
    action,
    eligible: blocking.length === 0,
    asOf: "2026-11-25",
    blocking,
    advisories,
  };
}

type PageCustomer = Extract<NonNullable<CustomerPageQuery["node"]>, { __typename: "Customer" }>;

export function customerPage(
  overrides: Partial<PageCustomer> = {},
  removal = decision("REMOVE_RELATIONSHIP"),
): CustomerPageQuery {
  return {
    node: {
      __typename: "Customer",
      id: CUSTOMER_ID,
      name: "Contoso Ltd.",
      domain: "contoso.onmicrosoft.com",
      country: "US",
      mcaAccepted: true,
      mcaAcceptedOn: null,
      mcaAcceptedByName: null,
      tenantId: "f42b4bb3-0303-439c-b8ce-b25eed414157",
      createdAt: "2026-01-01T00:00:00.000Z",
      channels: ["CSP", "EA"],
      hasNonCspSubscriptions: true,
      partnerTenantOf: null,
      relationships: [
        {
          __typename: "CustomerRelationship",
          id: "Q3VzdG9tZXJSZWxhdGlvbnNoaXA6MQ",
          status: "ACTIVE",
          includesDelegatedAdmin: true,
          acceptanceUrl: null,
          requestedAt: "2026-01-01T00:00:00.000Z",
          acceptedAt: "2026-01-02T00:00:00.000Z",
          acceptedBy: "admin@contoso.onmicrosoft.com",
          removedAt: null,
          partner: { __typename: "Partner", id: PROVIDER_ID, name: "Trey Research", types: ["INDIRECT_PROVIDER"] },
        },
      ],
      ...overrides,
    },
    removal,
  };
}

export function subscription(
  overrides: Partial<CustomerPageSubscriptionFragment> = {},
): CustomerPageSubscriptionFragment {
  return {
    __typename: "CustomerSubscription",
    id: "Q3VzdG9tZXJTdWJzY3JpcHRpb246MQ",
    offerName: "Microsoft 365 E3",
    offerId: "CFQ7TTC0LFLX:0001",
    offerKind: "LICENSE_BASED",
    channel: "CSP",
    status: "ACTIVE",
    commerceModel: "NEW_COMMERCE",
    quantity: 25,
    version: 3,
    isAzurePlan: false,
    purchaseDate: "2026-01-10",
    renewalDate: null,
    commitmentEndDate: "2027-01-09",
    termDuration: "P1Y",
    billingCycle: "MONTHLY",
    autoRenew: true,
    transactingPartner: { __typename: "Partner", id: PROVIDER_ID, name: "Trey Research" },
    resellerOfRecord: null,
    parentSubscription: null,
    support: decision("SUPPORT"),
    cancel: decision("CANCEL"),
    suspend: decision("SUSPEND"),
    reactivate: decision("REACTIVATE", [
      reason("R31", "SUBSCRIPTION_NOT_REACTIVATABLE", "Only suspended subscriptions."),
    ]),
    transfer: decision("TRANSFER", [reason("R13", "TRANSFER_SOURCE_EQUALS_TARGET", "You already bill it.")]),
    ...overrides,
  };
}

export function subscriptionsResult(nodes: CustomerPageSubscriptionFragment[]) {
  return {
    subscriptions: {
      __typename: "CustomerSubscriptionConnection" as const,
      totalCount: nodes.length,
      pageInfo: { __typename: "PageInfo" as const, hasNextPage: false, endCursor: null },
      nodes,
    },
  };
}

/** How often a mock may answer (e.g. `{ maxUsageCount: 5 }`); once by default. */
type Usage = { maxUsageCount?: number };

/** The customer page query for CUSTOMER_ID. */
export function customerPageMock(page = customerPage(), usage: Usage = {}) {
  return {
    request: { query: CustomerPageDocument, variables: { id: CUSTOMER_ID } },
    result: { data: page },
    ...usage,
  };
}

/** The customer page's subscriptions (first page of 50). */
export function subscriptionsMock(nodes = [subscription()], usage: Usage = {}) {
  return {
    request: {
      query: CustomerSubscriptionsDocument,
      variables: { filter: { customerId: CUSTOMER_ID }, first: 50, after: null, transferResellerId: null },
    },
    result: { data: subscriptionsResult(nodes) },
    ...usage,
  };
}

/** The provider's resellers as the selects list them: Wingtip Toys (RESELLER_ID). */
export function resellerOptionsMock(complianceFlags: ComplianceFlag[] = [], usage: Usage = {}) {
  return {
    request: { query: CustomerResellerOptionsDocument },
    result: {
      data: {
        resellers: {
          __typename: "ResellerPartnershipConnection",
          totalCount: 1,
          nodes: [
            {
              __typename: "ResellerPartnership",
              id: "UmVzZWxsZXJQYXJ0bmVyc2hpcDox",
              status: "ACTIVE",
              complianceFlags,
              reseller: {
                __typename: "Partner",
                id: RESELLER_ID,
                name: "Wingtip Toys",
                partnerId: "555",
                country: "US",
              },
            },
          ],
        },
      },
    },
    ...usage,
  };
}

/** The reseller's providers as the selects list them: Trey Research (PROVIDER_ID). */
export function providerOptionsMock(usage: Usage = {}) {
  return {
    request: { query: CustomerProviderOptionsDocument },
    result: {
      data: {
        providers: {
          __typename: "ResellerPartnershipConnection",
          totalCount: 1,
          nodes: [
            {
              __typename: "ResellerPartnership",
              id: "UmVzZWxsZXJQYXJ0bmVyc2hpcDox",
              status: "ACTIVE",
              provider: {
                __typename: "Partner",
                id: PROVIDER_ID,
                name: "Trey Research",
                partnerId: "777",
                country: "US",
              },
            },
          ],
        },
      },
    },
    ...usage,
  };
}

/**
 * The customer page's Activity section (features/activity CustomerActivity): the audit events that named
 * CUSTOMER_ID — none, or the given ones.
 */
export function activityMock(nodes: unknown[] = [], usage: Usage = { maxUsageCount: 5 }) {
  return {
    request: { query: ActivityListDocument, variables: { first: 20, filter: { customerId: CUSTOMER_ID } } },
    result: {
      data: {
        auditEvents: {
          __typename: "AuditEventConnection",
          totalCount: nodes.length,
          pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null },
          nodes,
        },
      },
    },
    ...usage,
  };
}
