import { registerEnumType } from "type-graphql";

// The vocabulary of ../shared/domain/RULES.md. Values are stored as text in both databases.

export enum PartnerType {
  DIRECT_BILL = "DIRECT_BILL",
  INDIRECT_PROVIDER = "INDIRECT_PROVIDER",
  INDIRECT_RESELLER = "INDIRECT_RESELLER",
  ADVISOR = "ADVISOR",
}

export enum ProgramStatus {
  ACTIVE = "ACTIVE",
  SUSPENDED = "SUSPENDED",
  DEAUTHORIZED = "DEAUTHORIZED",
}

/** A partner fact that only channelgate records (Partner Center serves no read API for it): see recordPartnerFacts. */
export enum PartnerFact {
  PROGRAM_STATUS = "PROGRAM_STATUS",
  MPA_SIGNED = "MPA_SIGNED",
  ADVISOR_ONLY = "ADVISOR_ONLY",
}

export enum PartnershipStatus {
  INVITED = "INVITED",
  ACTIVE = "ACTIVE",
  REMOVED = "REMOVED",
}

export enum RelationshipStatus {
  REQUESTED = "REQUESTED",
  ACTIVE = "ACTIVE",
  REMOVED = "REMOVED",
}

export enum OfferKind {
  LICENSE_BASED = "LICENSE_BASED",
  USAGE_BASED = "USAGE_BASED",
}

export enum CommerceModel {
  LEGACY = "LEGACY",
  NEW_COMMERCE = "NEW_COMMERCE",
}

export enum SalesChannel {
  MICROSOFT_DIRECT = "MICROSOFT_DIRECT",
  ADVISOR = "ADVISOR",
  OPEN = "OPEN",
  EA = "EA",
  THIRD_PARTY_NON_CSP = "THIRD_PARTY_NON_CSP",
  CSP = "CSP",
}

export enum SubscriptionStatus {
  ACTIVE = "ACTIVE",
  SUSPENDED = "SUSPENDED",
  EXPIRED = "EXPIRED",
  DISABLED = "DISABLED",
  DELETED = "DELETED",
}

export enum TransferStatus {
  PENDING = "PENDING",
  ACCEPTED = "ACCEPTED",
  COMPLETED = "COMPLETED",
  REJECTED = "REJECTED",
  WITHDRAWN = "WITHDRAWN",
  EXPIRED = "EXPIRED",
}

export enum TermDuration {
  P1M = "P1M",
  P1Y = "P1Y",
  P3Y = "P3Y",
}

export enum BillingCycle {
  MONTHLY = "MONTHLY",
  ANNUAL = "ANNUAL",
  TRIENNIAL = "TRIENNIAL",
  NONE = "NONE",
}

/** Partner Center roles of a partner's user. */
export enum UserRole {
  GLOBAL_ADMIN = "GLOBAL_ADMIN",
  /** Manages the partner's users (Partner Center's User management admin); no customer or billing rights. */
  USER_MANAGEMENT_ADMIN = "USER_MANAGEMENT_ADMIN",
  ADMIN_AGENT = "ADMIN_AGENT",
  SALES_AGENT = "SALES_AGENT",
  HELPDESK_AGENT = "HELPDESK_AGENT",
  BILLING_ADMIN = "BILLING_ADMIN",
}

/** What an API token may do: READ runs queries only; WRITE also mutations (within its role). */
export enum ApiTokenScope {
  READ = "READ",
  WRITE = "WRITE",
}

export enum TransferPolicy {
  CURRENT = "CURRENT",
  LEGACY_2023 = "LEGACY_2023",
}

export enum EligibilityAction {
  SUPPORT = "SUPPORT",
  ORDER = "ORDER",
  TRANSFER = "TRANSFER",
  CANCEL = "CANCEL",
  REACTIVATE = "REACTIVATE",
  REMOVE_RELATIONSHIP = "REMOVE_RELATIONSHIP",
  /** Not in RULES.md yet: the guards the suspend mutation applies (R37, R22, R15s). */
  SUSPEND = "SUSPEND",
  /** Rule book V2: set the seat count now (subject: subscription + quantity). */
  CHANGE_QUANTITY = "CHANGE_QUANTITY",
  /** Rule book V2: turn auto-renew on or off (subject: subscription + autoRenew). */
  SET_AUTO_RENEW = "SET_AUTO_RENEW",
  /** Rule book V2: save a change for the next renewal (subject: subscription + change). */
  SCHEDULE_CHANGE = "SCHEDULE_CHANGE",
}

/** Which rule book the engine applies (RULES.md "v2: which rule book decides"). */
export enum RuleBook {
  V1 = "V1",
  V2 = "V2",
}

/** What a subscription sells (RULES.md "v2: vocabulary"); decides cancellation and seat-change windows under V2. */
export enum ProductType {
  LICENSE = "LICENSE",
  SOFTWARE_SUBSCRIPTION = "SOFTWARE_SUBSCRIPTION",
  PERPETUAL_SOFTWARE = "PERPETUAL_SOFTWARE",
  MARKETPLACE_SAAS = "MARKETPLACE_SAAS",
  AZURE_PLAN = "AZURE_PLAN",
  USAGE = "USAGE",
}

export enum EligibilityReasonCode {
  RESELLER_RELATIONSHIP_REQUIRED = "RESELLER_RELATIONSHIP_REQUIRED",
  PARTNER_NOT_ACTIVE = "PARTNER_NOT_ACTIVE",
  SUBSCRIPTION_DELETED = "SUBSCRIPTION_DELETED",
  NON_CSP_CHANNEL_REQUIRES_REPROVISION = "NON_CSP_CHANNEL_REQUIRES_REPROVISION",
  MCA_NOT_ACCEPTED = "MCA_NOT_ACCEPTED",
  CUSTOMER_REGION_MISMATCH = "CUSTOMER_REGION_MISMATCH",
  CSP_TENANT_CANNOT_BUY_FROM_CSP = "CSP_TENANT_CANNOT_BUY_FROM_CSP",
  INDIRECT_RESELLER_MUST_USE_PROVIDER = "INDIRECT_RESELLER_MUST_USE_PROVIDER",
  PROVIDER_RESELLER_PARTNERSHIP_REQUIRED = "PROVIDER_RESELLER_PARTNERSHIP_REQUIRED",
  RESELLER_MPA_NOT_SIGNED = "RESELLER_MPA_NOT_SIGNED",
  RESELLER_REGION_MISMATCH = "RESELLER_REGION_MISMATCH",
  RESELLER_NOT_ACTIVE = "RESELLER_NOT_ACTIVE",
  RESELLER_CANNOT_BE_PROVIDER_CUSTOMER = "RESELLER_CANNOT_BE_PROVIDER_CUSTOMER",
  AZURE_COEXISTS_WITH_OTHER_CHANNEL = "AZURE_COEXISTS_WITH_OTHER_CHANNEL",
  LICENSE_SUBSCRIPTION_LOCKED_UNTIL_TERM_END = "LICENSE_SUBSCRIPTION_LOCKED_UNTIL_TERM_END",
  LEGACY_LICENSE_NOT_TRANSFERABLE = "LEGACY_LICENSE_NOT_TRANSFERABLE",
  TRANSFER_TARGET_HAS_NO_RELATIONSHIP = "TRANSFER_TARGET_HAS_NO_RELATIONSHIP",
  TRANSFER_SOURCE_EQUALS_TARGET = "TRANSFER_SOURCE_EQUALS_TARGET",
  TARGET_AZURE_PLAN_MISSING = "TARGET_AZURE_PLAN_MISSING",
  SUBSCRIPTION_NOT_ACTIVE = "SUBSCRIPTION_NOT_ACTIVE",
  SUBSCRIPTION_IN_OTHER_TRANSFER = "SUBSCRIPTION_IN_OTHER_TRANSFER",
  ADDON_REQUIRES_BASE_SUBSCRIPTION = "ADDON_REQUIRES_BASE_SUBSCRIPTION",
  RESELLER_ID_REQUIRED = "RESELLER_ID_REQUIRED",
  NOT_TRANSACTING_PARTNER = "NOT_TRANSACTING_PARTNER",
  CANCELLATION_WINDOW_CLOSED = "CANCELLATION_WINDOW_CLOSED",
  SUBSCRIPTION_NOT_REACTIVATABLE = "SUBSCRIPTION_NOT_REACTIVATABLE",
  INDIRECT_RESELLER_CANNOT_REMOVE_RELATIONSHIP = "INDIRECT_RESELLER_CANNOT_REMOVE_RELATIONSHIP",
  RELATIONSHIP_HAS_ACTIVE_SUBSCRIPTIONS = "RELATIONSHIP_HAS_ACTIVE_SUBSCRIPTIONS",
  // Rule book V2
  PARTNER_MPA_NOT_SIGNED = "PARTNER_MPA_NOT_SIGNED",
  PARTNER_CANNOT_TRANSACT = "PARTNER_CANNOT_TRANSACT",
  TRANSFER_LINE_LIMIT_EXCEEDED = "TRANSFER_LINE_LIMIT_EXCEEDED",
  TRANSFER_NOT_PENDING = "TRANSFER_NOT_PENDING",
  AZURE_PLAN_HAS_ACTIVE_SUBSCRIPTIONS = "AZURE_PLAN_HAS_ACTIVE_SUBSCRIPTIONS",
  QUANTITY_CHANGE_NOT_SUPPORTED = "QUANTITY_CHANGE_NOT_SUPPORTED",
  QUANTITY_OUT_OF_RANGE = "QUANTITY_OUT_OF_RANGE",
  SEAT_REDUCTION_WINDOW_CLOSED = "SEAT_REDUCTION_WINDOW_CLOSED",
  SCHEDULED_CHANGES_WILL_BE_DELETED = "SCHEDULED_CHANGES_WILL_BE_DELETED",
  AUTO_RENEW_NOT_APPLICABLE = "AUTO_RENEW_NOT_APPLICABLE",
  SUBSCRIPTION_TERM_ENDED = "SUBSCRIPTION_TERM_ENDED",
  SCHEDULED_CHANGE_NOT_SUPPORTED = "SCHEDULED_CHANGE_NOT_SUPPORTED",
  SCHEDULED_CHANGE_REQUIRES_AUTO_RENEW = "SCHEDULED_CHANGE_REQUIRES_AUTO_RENEW",
  BILLING_PLAN_NOT_ALLOWED = "BILLING_PLAN_NOT_ALLOWED",
}

export enum Severity {
  BLOCKING = "BLOCKING",
  ADVISORY = "ADVISORY",
}

export enum SyncRunKind {
  FULL = "FULL",
  INCREMENTAL = "INCREMENTAL",
}

export enum SyncRunStatus {
  RUNNING = "RUNNING",
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
}

export enum SyncPhase {
  PARTNERS = "PARTNERS",
  CUSTOMERS = "CUSTOMERS",
  AUDIT_RECORDS = "AUDIT_RECORDS",
  REFRESH = "REFRESH",
}

/** Where the partner network lives (UPSTREAM): channelgate's own database, or Partner Center. */
export enum Upstream {
  SANDBOX = "SANDBOX",
  PARTNER_CENTER = "PARTNER_CENTER",
}

const enums: Array<[object, string, string]> = [
  [PartnerType, "PartnerType", "A partner's role in the CSP program; a partner may hold several."],
  [ProgramStatus, "ProgramStatus", "Standing of a partner in the CSP program."],
  [PartnerFact, "PartnerFact", "A partner fact that channelgate records (recordPartnerFacts), not Partner Center."],
  [PartnershipStatus, "PartnershipStatus", "State of a provider ↔ indirect reseller partnership."],
  [RelationshipStatus, "RelationshipStatus", "State of a partner ↔ customer reseller relationship."],
  [OfferKind, "OfferKind", "License-based (seats) or usage-based (Azure) offer."],
  [CommerceModel, "CommerceModel", "Legacy commerce or new commerce (NCE)."],
  [SalesChannel, "SalesChannel", "Where the customer bought the subscription."],
  [SubscriptionStatus, "SubscriptionStatus", "Lifecycle state of a subscription."],
  [TransferStatus, "TransferStatus", "State of a partner-to-partner transfer request."],
  [TermDuration, "TermDuration", "Commitment term (ISO 8601 duration)."],
  [BillingCycle, "BillingCycle", "How often the subscription is billed."],
  [UserRole, "UserRole", "Partner Center role of a partner's user."],
  [ApiTokenScope, "ApiTokenScope", "What an API token may do: READ (queries) or WRITE (queries and mutations)."],
  [TransferPolicy, "TransferPolicy", "Which transfer rule the server applies (RULES.md R11/R11b)."],
  [RuleBook, "RuleBook", "Which rule book decided: V1, or V2 (new-commerce lifecycle, instants, corrections)."],
  [ProductType, "ProductType", "What a subscription sells; decides its cancellation and seat-change windows (V2)."],
  [EligibilityAction, "EligibilityAction", "What the actor wants to do."],
  [EligibilityReasonCode, "EligibilityReasonCode", "Why a decision is not (or not simply) yes."],
  [Severity, "Severity", "BLOCKING reasons make a decision ineligible; ADVISORY ones inform."],
  [SyncRunKind, "SyncRunKind", "FULL: everything Partner Center holds; INCREMENTAL: what its audit records name."],
  [SyncRunStatus, "SyncRunStatus", "State of a Partner Center sync run."],
  [SyncPhase, "SyncPhase", "A step of a sync run, with its own done/total counts."],
  [Upstream, "Upstream", "Where the partner network lives: channelgate's database (SANDBOX) or PARTNER_CENTER."],
];
for (const [enumObj, name, description] of enums) registerEnumType(enumObj, { name, description });
