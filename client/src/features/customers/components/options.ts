import {
  BILLING_CYCLE_VALUES,
  SALES_CHANNEL_VALUES,
  type ComplianceFlag,
  type OfferKind,
} from "../../../graphql/generated";

/** Channels a subscription can be registered from: every one but CSP (CSP subscriptions are ordered). */
export const EXTERNAL_CHANNELS = SALES_CHANNEL_VALUES.filter((c) => c !== "CSP");
/** The billing cycles an order can ask for (NONE is what usage-based subscriptions have). */
export const ORDER_BILLING_CYCLES = BILLING_CYCLE_VALUES.filter((b) => b !== "NONE");

/** A quantity field's check before sending: a whole number, at least 1. */
export const isWholeNumber = (value: string) => /^\d+$/.test(value.trim()) && Number(value) >= 1;

/** A reseller as the selects show it. */
export interface ResellerOption {
  id: string;
  name: string;
  partnerId: string;
  /** Null while the partnership is an invitation (these lists hold ACTIVE ones). */
  complianceFlags: readonly ComplianceFlag[] | null;
}

/** A provider as the reseller's screens show it. */
export interface ProviderOption {
  id: string;
  name: string;
  partnerId: string;
  country: string | null;
}

/** A few real new-commerce offers to pick from (the API has no catalogue query). */
export interface CatalogOffer {
  offerId: string;
  offerName: string;
  offerKind: OfferKind;
  isAzurePlan: boolean;
}

export const CATALOG: readonly CatalogOffer[] = [
  {
    offerName: "Microsoft 365 Business Premium",
    offerId: "CFQ7TTC0LCHC:0002",
    offerKind: "LICENSE_BASED",
    isAzurePlan: false,
  },
  {
    offerName: "Microsoft 365 Business Standard",
    offerId: "CFQ7TTC0LDPB:0001",
    offerKind: "LICENSE_BASED",
    isAzurePlan: false,
  },
  {
    offerName: "Microsoft 365 Business Basic",
    offerId: "CFQ7TTC0LH18:0001",
    offerKind: "LICENSE_BASED",
    isAzurePlan: false,
  },
  { offerName: "Microsoft 365 E3", offerId: "CFQ7TTC0LFLX:0001", offerKind: "LICENSE_BASED", isAzurePlan: false },
  { offerName: "Microsoft 365 E5", offerId: "CFQ7TTC0LFLZ:0002", offerKind: "LICENSE_BASED", isAzurePlan: false },
  {
    offerName: "Exchange Online (Plan 1)",
    offerId: "CFQ7TTC0LH16:0001",
    offerKind: "LICENSE_BASED",
    isAzurePlan: false,
  },
  {
    offerName: "Microsoft Teams Essentials",
    offerId: "CFQ7TTC0RQNP:0001",
    offerKind: "LICENSE_BASED",
    isAzurePlan: false,
  },
  { offerName: "Azure plan", offerId: "DZH318Z0BPS6:0001", offerKind: "USAGE_BASED", isAzurePlan: true },
];
