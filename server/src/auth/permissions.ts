import { ApiTokenScope, UserRole } from "../domain/enums";
import type { GraphQLError } from "graphql";
import { forbidden, unauthenticated } from "../common/errors";
import type { Locale } from "../common/locale";
import { userMessage } from "../common/user-messages";

// The permission matrix: every operation (root Query and Mutation field) and every object field that resolves data
// (a field resolver) → the Partner Center roles that may call it, whether API tokens may, and the Partner Center
// page the roles come from. Deny by default: a field with no entry here is refused at run time, and
// `test/api/permission-matrix.test.ts` fails, naming the line to add. The README's permission table is rendered
// from this file (`npm run docs:permissions`; the same test fails when the README is stale).
//
// How the roles follow from the pages: each page's "Appropriate roles" line; Global admin everywhere ("can access
// all Microsoft account/services with full privileges", Assign roles and permissions). When a page covers both
// seeing and changing (Manage customer subscriptions lists Billing admin and Helpdesk agent too), the readers are
// that list and the writers are the roles the Assign roles page gives "Subscription management" (Admin agent, Sales
// agent): Helpdesk agents and Billing admins read and change nothing. User management admins manage users only
// (no Customers workspace beyond partner profiles), so they read no customer data.

/** A Partner Center page on Microsoft Learn (en-us address; Learn redirects older paths to the current ones). */
export interface RolesSource {
  url: string;
  title: string;
}

/** The pages the matrix follows, each title with its "Appropriate roles" line (GA Global admin, UMA User management
 * admin, AA Admin agent, SA Sales agent, HA Helpdesk agent, BA Billing admin). */
export const ROLE_SOURCES = {
  rolesAndPermissions: {
    url: "https://learn.microsoft.com/en-us/partner-center/permissions-overview",
    title: "Assign roles, permissions, and workspace access",
  },
  createUsers: {
    url: "https://learn.microsoft.com/en-us/partner-center/create-user-accounts-and-set-permissions",
    title: "Create user accounts (GA, UMA; and Account admin)",
  },
  manageSubscriptions: {
    url: "https://learn.microsoft.com/en-us/partner-center/create-a-new-subscription",
    title: "Manage customer subscriptions (AA, BA, GA, HA, SA)",
  },
  addCustomer: {
    url: "https://learn.microsoft.com/en-us/partner-center/add-a-new-customer",
    title: "Add a new customer (GA, UMA, AA, SA)",
  },
  requestRelationship: {
    url: "https://learn.microsoft.com/en-us/partner-center/customers/request-a-relationship-with-a-customer",
    title: "Request a reseller relationship (AA; SA in the roles table)",
  },
  confirmCustomerAgreement: {
    url: "https://learn.microsoft.com/en-us/partner-center/developer/confirm-customer-consent-customer-agreement",
    title: "Confirm customer acceptance of the Microsoft Customer Agreement (App+User)",
  },
  removeRelationship: {
    url: "https://learn.microsoft.com/en-us/partner-center/remove-a-relationship",
    title: "Remove a reseller relationship (GA)",
  },
  multichannel: {
    url: "https://learn.microsoft.com/en-us/partner-center/multichannel",
    title: "Multichannel support (GA, UMA, SA)",
  },
  cancellationPolicy: {
    url: "https://learn.microsoft.com/en-us/partner-center/customers/new-commerce-cancellation-policy",
    title: "New commerce cancellation policy (AA, SA, GA)",
  },
  changeQuantity: {
    url: "https://learn.microsoft.com/en-us/partner-center/developer/change-the-quantity-of-a-subscription",
    title: "Change the quantity of licenses in a customer subscription (App+User)",
  },
  updateAutoRenew: {
    url: "https://learn.microsoft.com/en-us/partner-center/developer/update-autorenew-for-an-azure-marketplace-subscription",
    title: "Update the autorenew property of a subscription (App+User)",
  },
  scheduledChanges: {
    url: "https://learn.microsoft.com/en-us/partner-center/developer/create-scheduled-changes",
    title: "Schedule changes for a new commerce subscription (App+User)",
  },
  createTransfer: {
    url: "https://learn.microsoft.com/en-us/partner-center/developer/create-a-transfer",
    title: "Create a transfer for new commerce (AA)",
  },
  transferAzurePlan: {
    url: "https://learn.microsoft.com/en-us/partner-center/transfer-azure-subscriptions-under-azure-plan",
    title: "Transfer Azure subscriptions to another partner (AA)",
  },
  indirectProviderTasks: {
    url: "https://learn.microsoft.com/en-us/partner-center/customers/indirect-provider-tasks-in-partner-center",
    title: "Partner with indirect resellers (GA, SA)",
  },
  indirectResellerTasks: {
    url: "https://learn.microsoft.com/en-us/partner-center/enroll/indirect-reseller-tasks-in-partner-center",
    title: "Partner with indirect providers (GA)",
  },
  transitionDirectToIndirect: {
    url: "https://learn.microsoft.com/en-us/partner-center/transition-direct-to-indirect",
    title: "Indirect resellers ask their provider to order",
  },
  activityLogs: {
    url: "https://learn.microsoft.com/en-us/partner-center/activity-logs",
    title: "Customer activity logs (AA)",
  },
  webhooks: {
    url: "https://learn.microsoft.com/en-us/partner-center/developer/partner-center-webhooks",
    title: "Partner Center webhooks (BA, AA, SA, HA; GA in other languages' versions)",
  },
  apiAuthentication: {
    url: "https://learn.microsoft.com/en-us/partner-center/developer/partner-center-authentication",
    title: "Partner Center API authentication (App+User credentials)",
  },
} as const satisfies Record<string, RolesSource>;

/** Which API tokens may call a field: any token (READ is enough), tokens with the WRITE scope, or none. */
export type TokenAccess = "read" | "write" | "none";

export interface Permission {
  /** Roles that may call it, or PUBLIC: no sign-in needed (the operation checks its own credential). */
  roles: readonly UserRole[] | "PUBLIC";
  /** API tokens: "read" any token, "write" only with the WRITE scope, "none" never (a user's own sign-in). */
  tokens: TokenAccess;
  source: RolesSource;
  /** How the roles follow from the page, when they are not its line as written. */
  note?: string;
  /** For a nullable field: a role that may not read it gets null instead of a FORBIDDEN error. */
  deniedAsNull?: true;
}

const { GLOBAL_ADMIN: GA, USER_MANAGEMENT_ADMIN: UMA, ADMIN_AGENT: AA, SALES_AGENT: SA } = UserRole;
const { HELPDESK_AGENT: HA, BILLING_ADMIN: BA } = UserRole;

/** Every role: the user's own profile and the rule book. */
export const ALL_ROLES: readonly UserRole[] = [GA, UMA, AA, SA, HA, BA];
/** Readers of customers, subscriptions, transfers and the network: the Manage customer subscriptions page. */
export const NETWORK_READERS: readonly UserRole[] = [GA, AA, SA, HA, BA];
/** Who changes subscriptions: Global admin and the roles with "Subscription management". */
export const SUBSCRIPTION_WRITERS: readonly UserRole[] = [GA, AA, SA];
/** Who sends, answers and withdraws transfers (Admin agent on the transfer pages). */
export const TRANSFER_ROLES: readonly UserRole[] = [GA, AA];
/** Who manages the partner's users. */
export const USER_ADMINS: readonly UserRole[] = [GA, UMA];
/** Who registers outbound webhooks: a registration hands out a signing secret and sends the network's events to a
 * URL of the partner's choosing, so Global admin only (issue 10 item 4), narrower than the page's list. */
export const WEBHOOK_ADMINS: readonly UserRole[] = [GA];
/** Who manages API tokens and reads the activity log (Admin agent administers API access and the log). */
export const ACCESS_ADMINS: readonly UserRole[] = [GA, AA];

const P = ROLE_SOURCES;
const entry = (tokens: TokenAccess) => (roles: Permission["roles"], source: RolesSource, note?: string) =>
  (note ? { roles, tokens, source, note } : { roles, tokens, source }) satisfies Permission;
/** A query or field: any API token may call it. */
const read = entry("read");
/** A mutation: API tokens need the WRITE scope. */
const write = entry("write");
/** Only a user's own sign-in: no API token (managing users and tokens). */
const ownSignIn = entry("none");

/** Why webhooks are narrower than their page. */
const WEBHOOK_NOTE =
  "Global admin only: a registration hands out a signing secret (as API tokens, a user's own sign-in)";

/** Partner details: every role reads its own partner's; of another partner, auth/scope.ts decides (need-to-know). */
const PARTNER_DETAIL = "own partner: every role; another partner's: only what auth/scope.ts shows (need-to-know)";

/**
 * The matrix. Keys are schema coordinates (`Type.field`). To add an operation, add one line, e.g.
 * `"Mutation.renewSubscription": write(SUBSCRIPTION_WRITERS, P.manageSubscriptions),`.
 */
export const PERMISSIONS: Readonly<Record<string, Permission>> = {
  // Queries
  "Query.viewer": read(ALL_ROLES, P.rolesAndPermissions, "every user: “View my profile” (Default user)"),
  "Query.node": read(NETWORK_READERS, P.manageSubscriptions, "users and tokens as node: their own lists decide"),
  "Query.customers": read(NETWORK_READERS, P.manageSubscriptions),
  "Query.subscriptions": read(NETWORK_READERS, P.manageSubscriptions),
  "Query.search": read(NETWORK_READERS, P.manageSubscriptions, "customers and subscriptions, as their lists"),
  "Query.renewals": read(NETWORK_READERS, P.manageSubscriptions, "the subscriptions list, by term end"),
  "Query.networkSummary": read(NETWORK_READERS, P.manageSubscriptions),
  "Query.transfers": read(NETWORK_READERS, P.manageSubscriptions, "the Transfer requests tab of Subscriptions"),
  "Query.transferEligibility": read(NETWORK_READERS, P.manageSubscriptions),
  "Query.eligibility": read(NETWORK_READERS, P.manageSubscriptions),
  "Query.eligibilityRules": read("PUBLIC", P.rolesAndPermissions, "the rule book: public, like docs/rules.md"),
  "Query.resellers": read(NETWORK_READERS, P.indirectProviderTasks, "readers as for customers"),
  "Query.reseller": read(NETWORK_READERS, P.indirectProviderTasks, "one reseller's page; readers as for customers"),
  "Query.providers": read(NETWORK_READERS, P.indirectResellerTasks, "readers as for customers"),
  "Query.providerRequests": read(NETWORK_READERS, P.transitionDirectToIndirect, "readers as for customers"),
  "Query.auditEvents": read(ACCESS_ADMINS, P.activityLogs),
  "Query.users": ownSignIn(USER_ADMINS, P.createUsers, "Account admin is not a role here"),
  "Query.apiTokens": ownSignIn(ACCESS_ADMINS, P.apiAuthentication, "Global admin and Admin agent register API apps"),
  "Query.syncRuns": read(
    ACCESS_ADMINS,
    P.apiAuthentication,
    "the home partner's admins, who register its API app (as for API tokens)",
  ),
  "Query.syncRun": read(
    ACCESS_ADMINS,
    P.apiAuthentication,
    "the home partner's admins, who register its API app (as for API tokens)",
  ),
  "Query.relationshipRequest": read("PUBLIC", P.requestRelationship, "the customer's global admin, by the link"),
  "Query.savedViews": ownSignIn(NETWORK_READERS, P.rolesAndPermissions, "the user's own list views"),

  // Mutations: reseller partnerships
  "Mutation.inviteReseller": write([GA, SA], P.indirectProviderTasks),
  "Mutation.acceptResellerInvitation": write([GA], P.indirectResellerTasks),
  "Mutation.endResellerPartnership": write([GA, SA], P.indirectProviderTasks, "either side; the provider's page"),
  "Mutation.recordPartnerFacts": write(
    [GA],
    P.rolesAndPermissions,
    "Global admin: the partner's own program standing and agreements (a provider: its active resellers' status)",
  ),
  // Customers
  "Mutation.createCustomer": write(SUBSCRIPTION_WRITERS, P.addCustomer, "not User management admin: no customer data"),
  "Mutation.requestCustomerRelationship": write(SUBSCRIPTION_WRITERS, P.requestRelationship),
  "Mutation.acceptCustomerRelationship": write("PUBLIC", P.requestRelationship, "the customer's global admin"),
  "Mutation.removeCustomerRelationship": write([GA], P.removeRelationship),
  "Mutation.recordCustomerAgreement": write(
    SUBSCRIPTION_WRITERS,
    P.confirmCustomerAgreement,
    "the page names no roles (App+User only): the roles that add customers and order",
  ),
  "Mutation.registerExternalSubscription": write(
    SUBSCRIPTION_WRITERS,
    P.multichannel,
    "Admin agent for Customer management; not User management admin: no customer data",
  ),
  // Subscriptions
  "Mutation.orderSubscription": write(SUBSCRIPTION_WRITERS, P.manageSubscriptions, "writers: Subscription management"),
  "Mutation.cancelSubscription": write(SUBSCRIPTION_WRITERS, P.cancellationPolicy),
  "Mutation.suspendSubscription": write(
    SUBSCRIPTION_WRITERS,
    P.manageSubscriptions,
    "writers: Subscription management",
  ),
  "Mutation.reactivateSubscription": write(
    SUBSCRIPTION_WRITERS,
    P.manageSubscriptions,
    "writers: Subscription management",
  ),
  // Subscriptions, rule book V2: the developer pages name no roles (App+User), so the writers of the portal's page
  "Mutation.changeSubscriptionQuantity": write(
    SUBSCRIPTION_WRITERS,
    P.changeQuantity,
    "writers: Subscription management",
  ),
  "Mutation.setSubscriptionAutoRenew": write(
    SUBSCRIPTION_WRITERS,
    P.updateAutoRenew,
    "writers: Subscription management",
  ),
  "Mutation.scheduleSubscriptionChange": write(
    SUBSCRIPTION_WRITERS,
    P.scheduledChanges,
    "writers: Subscription management",
  ),
  "Mutation.cancelScheduledChange": write(SUBSCRIPTION_WRITERS, P.scheduledChanges, "writers: Subscription management"),
  // Transfers
  "Mutation.createTransfer": write(TRANSFER_ROLES, P.createTransfer),
  "Mutation.acceptTransfer": write(TRANSFER_ROLES, P.transferAzurePlan, "the current partner's Admin agent"),
  "Mutation.rejectTransfer": write(TRANSFER_ROLES, P.transferAzurePlan, "the current partner's Admin agent"),
  "Mutation.withdrawTransfer": write(TRANSFER_ROLES, P.transferAzurePlan, "the future partner, while pending"),
  // Provider requests: the roles of the mutation that does the action (checked again per action by the service)
  "Mutation.requestProviderAction": write(SUBSCRIPTION_WRITERS, P.transitionDirectToIndirect, "per action: below"),
  "Mutation.resolveProviderRequest": write(SUBSCRIPTION_WRITERS, P.transitionDirectToIndirect, "per action: below"),
  "Mutation.withdrawProviderRequest": write(SUBSCRIPTION_WRITERS, P.transitionDirectToIndirect, "per action: below"),
  // Users and API tokens
  "Mutation.inviteUser": ownSignIn(USER_ADMINS, P.createUsers),
  "Mutation.changeUserRole": ownSignIn(USER_ADMINS, P.createUsers),
  "Mutation.deactivateUser": ownSignIn(USER_ADMINS, P.createUsers),
  "Mutation.createApiToken": ownSignIn(ACCESS_ADMINS, P.apiAuthentication),
  "Mutation.revokeApiToken": ownSignIn(ACCESS_ADMINS, P.apiAuthentication),
  // Outbound webhooks (modules/webhook): the partner's own endpoints and their delivery log
  "Query.webhookEndpoints": ownSignIn(WEBHOOK_ADMINS, P.webhooks, WEBHOOK_NOTE),
  "Query.webhookDeliveries": ownSignIn(WEBHOOK_ADMINS, P.webhooks, WEBHOOK_NOTE),
  "Mutation.createWebhookEndpoint": ownSignIn(WEBHOOK_ADMINS, P.webhooks, WEBHOOK_NOTE),
  "Mutation.updateWebhookEndpoint": ownSignIn(WEBHOOK_ADMINS, P.webhooks, WEBHOOK_NOTE),
  "Mutation.deleteWebhookEndpoint": ownSignIn(WEBHOOK_ADMINS, P.webhooks, WEBHOOK_NOTE),
  "Mutation.rotateWebhookSecret": ownSignIn(WEBHOOK_ADMINS, P.webhooks, WEBHOOK_NOTE),
  "Mutation.replayWebhookDelivery": ownSignIn(WEBHOOK_ADMINS, P.webhooks, WEBHOOK_NOTE),
  // Partner Center sync (the home partner only: modules/sync)
  "Mutation.startSync": write(
    ACCESS_ADMINS,
    P.apiAuthentication,
    "the home partner's admins, who register its API app (as for API tokens)",
  ),

  // Live events over WebSocket (modules/live): each event reaches the partners that may see its subject.
  "Subscription.events": read(
    NETWORK_READERS,
    P.manageSubscriptions,
    "live: only what the reader's queries would show",
  ),
  // Saved list views: a user's own list settings; read-only roles (Helpdesk agent, Billing admin) change nothing
  "Mutation.createSavedView": ownSignIn(SUBSCRIPTION_WRITERS, P.rolesAndPermissions, "the user's own list views"),
  "Mutation.updateSavedView": ownSignIn(SUBSCRIPTION_WRITERS, P.rolesAndPermissions, "the user's own list views"),
  "Mutation.deleteSavedView": ownSignIn(SUBSCRIPTION_WRITERS, P.rolesAndPermissions, "the user's own list views"),

  // Object fields that resolve data (field resolvers): readable by whoever reads their object.
  "Customer.relationships": read(NETWORK_READERS, P.manageSubscriptions),
  "Customer.channels": read(NETWORK_READERS, P.manageSubscriptions),
  "Customer.hasNonCspSubscriptions": read(NETWORK_READERS, P.multichannel),
  "Customer.partnerTenantOf": read(NETWORK_READERS, P.manageSubscriptions),
  "CustomerRelationship.partner": read(NETWORK_READERS, P.manageSubscriptions),
  "CustomerRelationship.customer": read(NETWORK_READERS, P.manageSubscriptions),
  "CustomerRelationship.acceptanceUrl": {
    ...read(SUBSCRIPTION_WRITERS, P.requestRelationship, "the link is a credential: only roles that request one"),
    deniedAsNull: true,
  },
  "CustomerSubscription.customer": read(NETWORK_READERS, P.manageSubscriptions),
  "CustomerSubscription.transactingPartner": read(NETWORK_READERS, P.manageSubscriptions),
  "CustomerSubscription.resellerOfRecord": read(NETWORK_READERS, P.indirectProviderTasks),
  "CustomerSubscription.parentSubscription": read(NETWORK_READERS, P.manageSubscriptions),
  "CustomerSubscription.eligibility": read(NETWORK_READERS, P.manageSubscriptions),
  "CustomerSubscription.providerEligibility": read(NETWORK_READERS, P.manageSubscriptions),
  "Viewer.syncStatus": read(ALL_ROLES, P.rolesAndPermissions, "every user: how current the data they see is"),
  "Partner.canTransact": read(ALL_ROLES, P.rolesAndPermissions, "the viewer's own partner type"),
  "Partner.tenantId": read(ALL_ROLES, P.rolesAndPermissions, PARTNER_DETAIL),
  "Partner.country": read(ALL_ROLES, P.rolesAndPermissions, PARTNER_DETAIL),
  "Partner.mpaSigned": read(ALL_ROLES, P.rolesAndPermissions, PARTNER_DETAIL),
  "Partner.programStatus": read(ALL_ROLES, P.rolesAndPermissions, PARTNER_DETAIL),
  "Partner.createdAt": read(ALL_ROLES, P.rolesAndPermissions, PARTNER_DETAIL),
  "Partner.recordedFacts": read(ALL_ROLES, P.rolesAndPermissions, PARTNER_DETAIL),
  "Partner.factsRecordedAt": read(ALL_ROLES, P.rolesAndPermissions, PARTNER_DETAIL),
  "Partner.factsRecordedBy": read(ALL_ROLES, P.rolesAndPermissions, PARTNER_DETAIL),
  "Partner.factProvenance": read(ALL_ROLES, P.rolesAndPermissions, PARTNER_DETAIL),
  "ResellerPartnership.provider": read(NETWORK_READERS, P.indirectResellerTasks),
  "ResellerPartnership.reseller": read(NETWORK_READERS, P.indirectProviderTasks),
  "ResellerPartnership.counts": read(NETWORK_READERS, P.indirectProviderTasks),
  "ResellerPartnership.complianceFlags": read(NETWORK_READERS, P.indirectProviderTasks),
  "Transfer.status": read(NETWORK_READERS, P.transferAzurePlan),
  "Transfer.expiresOn": read(NETWORK_READERS, P.transferAzurePlan),
  "Transfer.daysLeft": read(NETWORK_READERS, P.transferAzurePlan),
  "Transfer.direction": read(NETWORK_READERS, P.transferAzurePlan),
  "Transfer.customer": read(NETWORK_READERS, P.transferAzurePlan),
  "Transfer.sourcePartner": read(NETWORK_READERS, P.transferAzurePlan),
  "Transfer.targetPartner": read(NETWORK_READERS, P.transferAzurePlan),
  "Transfer.reseller": read(NETWORK_READERS, P.transferAzurePlan),
  "Transfer.subscriptions": read(NETWORK_READERS, P.transferAzurePlan),
  "ProviderRequest.direction": read(NETWORK_READERS, P.transitionDirectToIndirect),
  "ProviderRequest.reseller": read(NETWORK_READERS, P.transitionDirectToIndirect),
  "ProviderRequest.provider": read(NETWORK_READERS, P.transitionDirectToIndirect),
  "ProviderRequest.customer": read(NETWORK_READERS, P.transitionDirectToIndirect),
  "ProviderRequest.subscription": read(NETWORK_READERS, P.transitionDirectToIndirect),
  "ApiToken.createdBy": ownSignIn(ACCESS_ADMINS, P.apiAuthentication),
};

/** Who is asking: the signed-in user's role and the API token's scopes (null for a user's own sign-in). */
export interface Caller {
  role: UserRole;
  /** The token's scopes, or null when the user signed in themselves. */
  tokenScopes: readonly ApiTokenScope[] | null;
}

/** The caller of a request context, or null when anonymous. */
export function callerOf(context: unknown): Caller | null {
  const viewer = (context as { viewer?: unknown } | null)?.viewer as
    | { user: { role: UserRole }; apiTokenId: string | null; apiTokenScopes: readonly ApiTokenScope[] }
    | null
    | undefined;
  if (!viewer) return null;
  return { role: viewer.user.role, tokenScopes: viewer.apiTokenId ? viewer.apiTokenScopes : null };
}

/** The text to paste into PERMISSIONS for a field that has no entry (what the failures say). */
export function missingEntryHint(coordinate: string): string {
  const [type] = coordinate.split(".");
  const example =
    type === "Mutation"
      ? "write([...roles], ROLE_SOURCES.<page>)"
      : type === "Query"
        ? "read([...roles], ROLE_SOURCES.<page>)"
        : "read(<the roles that read its object>, ROLE_SOURCES.<page>)";
  return `"${coordinate}": ${example},`;
}

/** May the token with these scopes call a field with this access? */
export function tokenMay(access: TokenAccess, scopes: readonly ApiTokenScope[]): boolean {
  if (access === "none") return false;
  return access === "read" || scopes.includes(ApiTokenScope.WRITE);
}

/** The matrix entry of a field (`Type.field`), or undefined when it has none (deny by default). */
export function permissionOf(coordinate: string): Permission | undefined {
  return Object.hasOwn(PERMISSIONS, coordinate) ? PERMISSIONS[coordinate] : undefined;
}

/** Whether the caller (null: anonymous) may call a field with entry `p`; false when there is no entry. */
export function entryAllows(p: Permission | undefined, caller: Caller | null): boolean {
  if (!p) return false;
  if (p.roles === "PUBLIC" && !caller) return true;
  if (!caller || (p.roles !== "PUBLIC" && !p.roles.includes(caller.role))) return false;
  return caller.tokenScopes === null || tokenMay(p.tokens, caller.tokenScopes);
}

/** Whether the caller (null: anonymous) may call the field at `coordinate`; false when it has no entry. */
export function allows(coordinate: string, caller: Caller | null): boolean {
  return entryAllows(permissionOf(coordinate), caller);
}

/**
 * Why a call that `entryAllows` refused is refused: FORBIDDEN when the field has no entry (deny by default),
 * UNAUTHENTICATED without a sign-in, FORBIDDEN for another role or an API token without the scope.
 */
export function refusalOf(
  coordinate: string,
  p: Permission | undefined,
  caller: Caller | null,
  context: unknown,
): GraphQLError {
  const locale: Locale = (context as { locale?: Locale } | null)?.locale ?? "en";
  if (!p) return forbidden(userMessage(locale, "OPERATION_NOT_IN_MATRIX", { coordinate }));
  if (!caller) return unauthenticated();
  if (p.roles !== "PUBLIC" && !p.roles.includes(caller.role)) {
    return forbidden(userMessage(locale, "ROLE_FORBIDDEN", { role: caller.role, roles: p.roles.join(", ") }));
  }
  return forbidden(
    p.tokens === "none"
      ? userMessage(locale, "API_TOKEN_CANNOT_MANAGE_ACCESS")
      : userMessage(locale, "API_TOKEN_READ_ONLY"),
  );
}

/** Refuses the call when the matrix does not allow it (see refusalOf for the error). */
export function ensureAllowed(coordinate: string, context: unknown): void {
  const p = permissionOf(coordinate);
  const caller = callerOf(context);
  if (!entryAllows(p, caller)) throw refusalOf(coordinate, p, caller, context);
}

/** The roles of an entry (throws for a missing or public one: a programming error). */
export function rolesOf(coordinate: string): readonly UserRole[] {
  const p = PERMISSIONS[coordinate];
  if (!p || p.roles === "PUBLIC") throw new Error(`${coordinate} has no role list in PERMISSIONS`);
  return p.roles;
}

/** The root operations (`Query.x`, `Mutation.y`) the caller may call, sorted. */
export function allowedOperations(caller: Caller): string[] {
  return Object.keys(PERMISSIONS)
    .filter((c) => (c.startsWith("Query.") || c.startsWith("Mutation.")) && allows(c, caller))
    .sort();
}
