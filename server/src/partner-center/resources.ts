// Partner Center REST API v1 resources, as Microsoft documents them (JSON shapes of the response examples).
// Only the fields channelgate reads or the emulator serves are typed; Partner Center sends more.
// Pages (Microsoft Learn, Partner Center developer docs):
//   Link, ResourceAttributes ... https://learn.microsoft.com/partner-center/developer/utility-resources
//   Customer ............... https://learn.microsoft.com/partner-center/developer/customer-resources
//   Subscription ........... https://learn.microsoft.com/partner-center/developer/subscription-resources
//   PartnerRelationship .... https://learn.microsoft.com/partner-center/developer/relationships-resources
//   Agreement .............. https://learn.microsoft.com/partner-center/developer/agreement-resources
//   TransferEntity ......... https://learn.microsoft.com/partner-center/developer/transfer-entity-resources
//   Profiles ............... https://learn.microsoft.com/partner-center/developer/get-an-organization-profile,
//                            https://learn.microsoft.com/partner-center/developer/get-mpn-profile

export interface PcLink {
  uri: string;
  method: string;
  headers: Array<{ key: string; value: string }>;
}

export interface PcAttributes {
  objectType: string;
  etag?: string;
}

export interface PcCollection<T> {
  totalCount: number;
  items: T[];
  links?: { self?: PcLink; next?: PcLink; previous?: PcLink };
  attributes: PcAttributes;
}

export interface PcAddress {
  country: string;
  region?: string;
  city?: string;
  state?: string;
  addressLine1?: string;
  postalCode?: string;
}

export interface PcOrganizationProfile {
  id: string;
  companyName: string;
  defaultAddress: PcAddress;
  tenantId: string;
  domain?: string;
  profileType: "OrganizationProfile";
  links?: { self: PcLink };
  attributes: PcAttributes;
}

export interface PcMpnProfile {
  partnerName?: string;
  mpnId: string;
  profileType: "MpnProfile";
  links?: { self: PcLink };
  attributes: PcAttributes;
}

/** `relationshipType` wire values of PartnerRelationshipType. */
export type PcPartnerRelationshipType = "is_indirect_cloud_solution_provider_of" | "is_indirect_reseller_of";

export interface PcPartnerRelationship {
  /** The other partner's tenant id. */
  id: string;
  name: string;
  relationshipType: PcPartnerRelationshipType;
  state?: string;
  mpnId: string;
  location?: string;
  attributes: PcAttributes;
}

export interface PcCustomerCompanyProfile {
  tenantId: string;
  domain: string;
  companyName: string;
  address?: PcAddress;
  attributes: PcAttributes;
}

export interface PcCustomer {
  id: string;
  commerceId?: string;
  companyProfile: PcCustomerCompanyProfile;
  billingProfile?: { defaultAddress: PcAddress; attributes: PcAttributes };
  relationshipToPartner: "none" | "reseller" | "advisor" | "syndication" | "microsoft_support";
  /** Only returned by get-by-id (customer-resources). */
  allowDelegatedAccess?: boolean;
  links?: { self: PcLink };
  attributes: PcAttributes;
}

export type PcSubscriptionStatus = "none" | "active" | "pending" | "suspended" | "expired" | "disabled" | "deleted";

/**
 * A catalog SKU (https://learn.microsoft.com/partner-center/developer/product-resources, "Sku"), as Get a SKU by ID
 * serves it (https://learn.microsoft.com/partner-center/developer/get-a-sku-by-id). Only the fields channelgate reads.
 */
export interface PcSku {
  id: string;
  productId: string;
  title: string;
  description?: string;
  /** The most seats one order (and one subscription) of this SKU may hold. */
  maximumQuantity?: number;
  minimumQuantity?: number;
  attributes?: { objectType: "Sku" };
}

export interface PcSubscription {
  id: string;
  offerId: string;
  offerName: string;
  friendlyName: string;
  quantity: number;
  unitType: string;
  parentSubscriptionId?: string;
  creationDate: string;
  effectiveStartDate: string;
  commitmentEndDate: string;
  status: PcSubscriptionStatus;
  autoRenewEnabled: boolean;
  billingType: "none" | "usage" | "license" | "benefit";
  billingCycle: "unknown" | "monthly" | "annual" | "none" | "oneTime" | "triennial";
  termDuration?: "P1M" | "P1Y" | "P3Y";
  /** MPN id (PartnerID) of the reseller of record, in the indirect model. */
  partnerId?: string;
  contractType: "subscription" | "productKey" | "redemptionCode";
  /**
   * New commerce: the catalog item type ("OnlineServicesNCE", "Azure"; "Software" for a software subscription, in the
   * example of https://learn.microsoft.com/partner-center/developer/manage-billing-frequency-software-subs).
   */
  productType?: { id: string; displayName: string };
  /**
   * Whether the subscription is a Microsoft product (subscription-resources); false for a commercial marketplace
   * (third-party) subscription, as in the example of
   * https://learn.microsoft.com/partner-center/developer/cancel-an-azure-marketplace-subscription.
   */
  isMicrosoftProduct?: boolean;
  /**
   * New commerce: the seats that can still be reduced, with each batch's return window (subscription-resources;
   * the SDK's RefundableQuantity / RefundableQuantityDetail models).
   */
  refundableQuantity?: { totalQuantity: number; details: Array<{ quantity: number; allowedUntilDateTime: string }> };
  /**
   * New commerce license-based and software subscriptions: the change saved for the next renewal, null when none
   * (create-scheduled-changes; the request example of manage-billing-frequency-software-subs shows its shape).
   */
  scheduledNextTermInstructions?: PcScheduledNextTermInstructions | null;
  attributes: PcAttributes;
}

/** What a subscription becomes at its next renewal: the product (with its term and billing cycle) and the quantity. */
export interface PcScheduledNextTermInstructions {
  product: {
    productId: string;
    skuId?: string;
    availabilityId?: string;
    /** Capitalised in Microsoft's example ("Annual"). */
    billingCycle: string;
    termDuration?: string;
  };
  quantity: number;
}

/**
 * An Azure subscription under an Azure plan (AzureEntitlement;
 * https://learn.microsoft.com/partner-center/developer/get-a-list-of-azure-entitlements-for-subscription).
 */
export interface PcAzureEntitlement {
  id: string;
  friendlyName: string;
  status: string;
  subscriptionId: string;
  attributes?: PcAttributes;
}

/** An indirect reseller's MPA signature (https://learn.microsoft.com/partner-center/developer/verify-indirect-reseller-mpa-status). */
export interface PcAgreementSignatureStatus {
  isAgreementSigned: boolean;
}

export interface PcAgreement {
  templateId: string;
  dateAgreed: string;
  type: string;
  agreementLink?: string;
}

export type PcTransferStatus = "Active" | "Completed" | "Reject";

export interface PcTransferLineItem {
  id: number;
  subscriptionId: string;
  offerId: string;
  billingCycle: string;
  friendlyName: string;
  quantity: number;
  partnerIdOnRecord?: string;
  addonItems: PcTransferLineItem[];
}

export interface PcTransferEntity {
  id: string;
  status: PcTransferStatus;
  createdTime: string;
  lastModifiedTime: string;
  customerTenantId: string;
  sourcePartnerName: string;
  sourcePartnerTenantId: string;
  targetPartnerName: string;
  targetPartnerTenantId: string;
  lineItems: PcTransferLineItem[];
  attributes: PcAttributes;
}

/** Error body of Partner Center REST calls (error-codes page): numeric code and description. */
export interface PcError {
  code: number;
  description: string;
  data: unknown[];
  source: string;
}

/** Entra ID v1 token endpoint answer (partner-center-authentication). */
export interface TokenResponse {
  token_type: "Bearer";
  expires_in: string;
  ext_expires_in?: string;
  expires_on: string;
  not_before?: string;
  resource: string;
  access_token: string;
  refresh_token?: string;
  scope?: string;
}

/** The resource (audience) Partner Center tokens are issued for (partner-center-authentication). */
export const PARTNER_CENTER_RESOURCE = "https://api.partnercenter.microsoft.com";

// ---- Write-through (issue 8 item 6) ----
//   Cart, CartLineItem ..... https://learn.microsoft.com/partner-center/developer/cart-resources
//                            (Create a cart: https://learn.microsoft.com/partner-center/developer/create-a-cart)
//   CartCheckoutResult ..... https://learn.microsoft.com/partner-center/developer/checkout-a-cart
//   Order, OrderLineItem ... https://learn.microsoft.com/partner-center/developer/order-resources
//   RelationshipRequest .... https://learn.microsoft.com/partner-center/developer/request-a-relationship-with-a-customer

export interface PcCartLineItem {
  id: number;
  catalogItemId: string;
  friendlyName?: string;
  quantity: number;
  billingCycle: PcSubscription["billingCycle"];
  termDuration?: "P1M" | "P1Y" | "P3Y";
  /** Participants of the line item; the reseller of record is `transaction_reseller` with its MPN id. */
  participants?: Array<{ key: string; value: string }>;
  /** Add-ons: the base subscription. */
  provisioningContext?: Record<string, string>;
  error?: { errorCode: number; errorDescription: string };
}

export interface PcCart {
  id?: string;
  creationTimeStamp?: string;
  lastModifiedTimeStamp?: string;
  expirationTimeStamp?: string;
  lineItems: PcCartLineItem[];
  status?: "Active" | "Ordered";
  attributes?: PcAttributes;
}

export interface PcOrderLineItem {
  lineItemNumber: number;
  offerId: string;
  subscriptionId?: string;
  parentSubscriptionId?: string;
  friendlyName?: string;
  quantity: number;
  termDuration?: string;
  partnerIdOnRecord?: string;
}

export interface PcOrder {
  id: string;
  referenceCustomerId: string;
  billingCycle: string;
  lineItems: PcOrderLineItem[];
  creationDate: string;
  status: string;
  attributes: PcAttributes;
}

export interface PcCartCheckoutResult {
  orders: PcOrder[];
  orderErrors: Array<{ orderGroupId: string; code: number; description: string }>;
  attributes?: PcAttributes;
}

/** The request link a partner sends a customer (GET /v1/customers/relationshiprequests). */
export interface PcRelationshipRequest {
  url: string;
  attributes: PcAttributes;
}

/**
 * An entitlement (https://learn.microsoft.com/partner-center/developer/entitlement-resources), as Get a collection of
 * entitlements serves it (https://learn.microsoft.com/partner-center/developer/get-a-collection-of-entitlements,
 * `?entitlementType=software&showExpiry=true`). Only the fields channelgate reads or the emulator serves.
 */
export interface PcEntitlement {
  includedEntitlements: PcEntitlement[];
  /** The order (and its line item) that resulted in the entitlement. */
  referenceOrder: { id: string; lineItemId: string; alternateId?: string };
  productId: string;
  skuId?: string;
  quantity: number;
  entitledArtifacts: unknown[];
  entitlementType: string;
  /** "The entitlement expiry date (if applicable)", given with showExpiry=true. */
  expiryDate?: string;
}
