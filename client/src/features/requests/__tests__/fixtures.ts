import type { RequestsRowFragment } from "../../../graphql/generated";

export const PROVIDER_ID = "UGFydG5lcjpwcm92aWRlcg";
export const RESELLER_ID = "UGFydG5lcjpyZXNlbGxlcg";
export const CUSTOMER_ID = "Q3VzdG9tZXI6Y29udG9zbw";

/** A reseller → provider request as the API returns it: Wingtip Toys asks Trey Research to order for Contoso. */
export function providerRequest(overrides: Partial<RequestsRowFragment> = {}): RequestsRowFragment {
  return {
    __typename: "ProviderRequest",
    id: "UHJvdmlkZXJSZXF1ZXN0OjE",
    action: "ORDER",
    status: "OPEN",
    direction: "RECEIVED",
    note: "For the new office",
    responseNote: null,
    createdAt: "2026-11-20T10:00:00.000Z",
    respondedAt: null,
    version: 1,
    offerName: "Microsoft 365 E3",
    offerId: "CFQ7TTC0LFLX:0001",
    offerKind: "LICENSE_BASED",
    quantity: 25,
    termDuration: "P1Y",
    autoRenew: null,
    scheduledChange: null,
    customer: { __typename: "Customer", id: CUSTOMER_ID, name: "Contoso Ltd.", domain: "contoso.onmicrosoft.com" },
    subscription: null,
    reseller: { __typename: "Partner", id: RESELLER_ID, name: "Wingtip Toys", partnerId: "5555555" },
    provider: { __typename: "Partner", id: PROVIDER_ID, name: "Trey Research", partnerId: "4847383" },
    ...overrides,
  };
}

/** A CANCEL (or other subscription) request: no offer fields, the subscription instead. */
export function subscriptionRequest(
  action: Exclude<RequestsRowFragment["action"], "ORDER">,
  overrides: Partial<RequestsRowFragment> = {},
): RequestsRowFragment {
  return providerRequest({
    id: `UHJvdmlkZXJSZXF1ZXN0OjI${action}`,
    action,
    note: null,
    offerName: null,
    offerId: null,
    offerKind: null,
    quantity: null,
    termDuration: null,
    subscription: {
      __typename: "CustomerSubscription",
      id: `Q3VzdG9tZXJTdWJzY3JpcHRpb246${action}`,
      offerName: "Microsoft 365 Business Basic",
      offerId: "CFQ7TTC0LH18:0001",
      quantity: 12,
      status: "ACTIVE",
      termDuration: "P1Y",
      billingCycle: "ANNUAL",
      scheduledChange: null,
    },
    ...overrides,
  });
}
