import type { RuleSource } from "../rule";

// The Partner Center pages on Microsoft Learn that the rules come from, one entry per page. Learn redirects a
// page's older address (e.g. /partner-center/multichannel) to its current one (/partner-center/customers/...).

export const PARTNER_CENTER = {
  multichannel: {
    url: "https://learn.microsoft.com/en-us/partner-center/multichannel",
    title: "Multichannel support",
  },
  /** R11 follows the page as written from 2018 to 2023, before partner-to-partner license transfers. */
  multichannelUntil2023: {
    url: "https://learn.microsoft.com/en-us/partner-center/multichannel",
    title: "Multichannel support (2018–2023 wording)",
  },
  requestRelationship: {
    url: "https://learn.microsoft.com/en-us/partner-center/customers/request-a-relationship-with-a-customer",
    title: "Request a reseller relationship with a customer",
  },
  removeRelationship: {
    url: "https://learn.microsoft.com/en-us/partner-center/remove-a-relationship",
    title: "Remove a reseller relationship with a customer",
  },
  supportedRelationships: {
    url: "https://learn.microsoft.com/en-us/partner-center/enroll/csp-supported-partner-relationships",
    title: "Supported partner relationships in CSP",
  },
  indirectProviderTasks: {
    url: "https://learn.microsoft.com/en-us/partner-center/customers/indirect-provider-tasks-in-partner-center",
    title: "Partner with indirect resellers",
  },
  indirectResellerTasks: {
    url: "https://learn.microsoft.com/en-us/partner-center/enroll/indirect-reseller-tasks-in-partner-center",
    title: "Indirect reseller tasks in Partner Center",
  },
  transferAzurePlan: {
    url: "https://learn.microsoft.com/en-us/partner-center/transfer-azure-subscriptions-under-azure-plan",
    title: "Transfer Azure plan subscriptions to another partner",
  },
  transferSubscriptions: {
    url: "https://learn.microsoft.com/en-us/partner-center/customers/transfer-subscriptions",
    title: "Transfer subscriptions between partners",
  },
  transitionDirectToIndirect: {
    url: "https://learn.microsoft.com/en-us/partner-center/transition-direct-to-indirect",
    title: "Transition from direct-bill partner to indirect reseller",
  },
  subscriptionLifecycle: {
    url: "https://learn.microsoft.com/en-us/partner-center/customers/subscription-lifecycle",
    title: "Subscription lifecycle states",
  },
  cancellationPolicy: {
    url: "https://learn.microsoft.com/en-us/partner-center/customers/new-commerce-cancellation-policy",
    title: "New commerce cancellation policy",
  },
  // Rule book V2 (../shared/domain/RULES.md "v2: sources").
  createSubscription: {
    url: "https://learn.microsoft.com/en-us/partner-center/customers/create-a-new-subscription",
    title: "Create, suspend, or cancel new commerce subscriptions (quantities, auto-renew, scheduled changes)",
  },
  changeQuantity: {
    url: "https://learn.microsoft.com/en-us/partner-center/developer/change-the-quantity-of-a-subscription",
    title: "Change the quantity of licenses in a customer subscription",
  },
  scheduledChanges: {
    url: "https://learn.microsoft.com/en-us/partner-center/developer/create-scheduled-changes",
    title: "Schedule changes for a new commerce subscription",
  },
  updateAutoRenew: {
    url: "https://learn.microsoft.com/en-us/partner-center/developer/update-autorenew-for-an-azure-marketplace-subscription",
    title: "Update the autorenew property of a subscription",
  },
  azurePlanManage: {
    url: "https://learn.microsoft.com/en-us/partner-center/customers/azure-plan-manage",
    title: "Manage the Azure plan",
  },
  regionalAuthorization: {
    url: "https://learn.microsoft.com/en-us/partner-center/enroll/regional-authorization-overview",
    title: "CSP regional markets and currencies",
  },
  suspendedAccount: {
    url: "https://learn.microsoft.com/en-us/partner-center/suspended-partner-center-account",
    title: "Suspended Partner Center account",
  },
  advisorsNoCsp: {
    url: "https://learn.microsoft.com/en-us/partner-center/advisors-no-csp",
    title: "Advisors who are not CSP partners",
  },
  errorCodes: {
    url: "https://learn.microsoft.com/en-us/partner-center/developer/error-codes",
    title: "Partner Center error codes",
  },
} as const satisfies Record<string, RuleSource>;
