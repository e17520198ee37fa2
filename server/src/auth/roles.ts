import type { AuthChecker } from "type-graphql";
import { UserRole } from "../domain/enums";
import type { RequestContext, Viewer } from "../context";
import type { Locale } from "../common/locale";
import type { PartnerFacts } from "../modules/eligibility/facts";
import { canTransact, isOnlyIndirectReseller } from "../modules/eligibility/rules/predicates";
import { forbidden, unauthenticated } from "../common/errors";
import { userMessage } from "../common/user-messages";
import { allowedOperations, allows, rolesOf, type Caller } from "./permissions";

// Role lists for code that asks "may this role do X" outside the resolvers (provider-request actions, node,
// descriptions): each is the roles of one operation in the permission matrix (auth/permissions.ts), never a list of
// its own. The matrix decides; these only name its rows.
export const CAN_MANAGE_NETWORK = rolesOf("Mutation.inviteReseller");
export const CAN_MANAGE_CUSTOMERS = rolesOf("Mutation.createCustomer");
export const CAN_ORDER = rolesOf("Mutation.orderSubscription");
export const CAN_CANCEL = rolesOf("Mutation.cancelSubscription");
export const CAN_SUSPEND = rolesOf("Mutation.suspendSubscription");
export const CAN_REACTIVATE = rolesOf("Mutation.reactivateSubscription");
export const CAN_TRANSFER = rolesOf("Mutation.createTransfer");
/** Users of the own partner: invite, change roles, deactivate (Partner Center's Global and User management admins). */
export const CAN_MANAGE_USERS = rolesOf("Mutation.inviteUser");
/** API tokens of the own partner: create, list, revoke. */
export const CAN_MANAGE_API_TOKENS = rolesOf("Mutation.createApiToken");

/** Outbound webhooks of the own partner: register, change, rotate, replay, read the delivery log. */
export const CAN_MANAGE_WEBHOOKS = rolesOf("Mutation.createWebhookEndpoint");

/** A flag of `viewer.permissions` and the operations it stands for (true when the viewer may call any of them). */
export const PERMISSION_FLAGS = {
  canManageNetwork: ["Mutation.inviteReseller", "Mutation.acceptResellerInvitation", "Mutation.endResellerPartnership"],
  canManageCustomers: [
    "Mutation.createCustomer",
    "Mutation.requestCustomerRelationship",
    "Mutation.removeCustomerRelationship",
    "Mutation.registerExternalSubscription",
  ],
  canOrder: ["Mutation.orderSubscription"],
  canTransfer: [
    "Mutation.createTransfer",
    "Mutation.acceptTransfer",
    "Mutation.rejectTransfer",
    "Mutation.withdrawTransfer",
  ],
  canManageUsers: ["Mutation.inviteUser", "Mutation.changeUserRole", "Mutation.deactivateUser"],
  canManageApiTokens: ["Mutation.createApiToken", "Mutation.revokeApiToken"],
  canManageWebhooks: [
    "Mutation.createWebhookEndpoint",
    "Mutation.updateWebhookEndpoint",
    "Mutation.deleteWebhookEndpoint",
    "Mutation.rotateWebhookSecret",
    "Mutation.replayWebhookDelivery",
  ],
  canViewNetwork: ["Query.customers"],
  canInviteReseller: ["Mutation.inviteReseller"],
  canAcceptResellerInvitation: ["Mutation.acceptResellerInvitation"],
  canEndResellerPartnership: ["Mutation.endResellerPartnership"],
  canCreateCustomer: ["Mutation.createCustomer"],
  canRequestRelationship: ["Mutation.requestCustomerRelationship"],
  canRemoveRelationship: ["Mutation.removeCustomerRelationship"],
  canRegisterExternalSubscription: ["Mutation.registerExternalSubscription"],
  canCancel: ["Mutation.cancelSubscription"],
  canSuspend: ["Mutation.suspendSubscription"],
  canReactivate: ["Mutation.reactivateSubscription"],
  canRequestProviderAction: ["Mutation.requestProviderAction"],
  canViewAudit: ["Query.auditEvents"],
  canViewSync: ["Query.syncRuns"],
  canStartSync: ["Mutation.startSync"],
  canRecordPartnerFacts: ["Mutation.recordPartnerFacts"],
} as const satisfies Record<string, readonly string[]>;

export type PermissionFlag = keyof typeof PERMISSION_FLAGS;

/** What a signed-in user may do, for clients that show or hide actions (GraphQL `viewer.permissions`). */
export type Permissions = Record<PermissionFlag, boolean> & {
  /** The partner bills CSP subscriptions itself: direct-bill or indirect provider. */
  canActForCustomers: boolean;
  /** The partner is only an indirect reseller: it orders, transfers and changes subscriptions through a provider (R22). */
  mustUseProvider: boolean;
  /** Every root operation the user (or API token) may call, as `Query.x` / `Mutation.y`, sorted. */
  allowedOperations: string[];
};

/**
 * The user's permissions: the permission matrix for the role (narrowed by the API token's scopes when the request
 * uses one), the rule book's predicates for the partner.
 */
export function permissionsOf(
  role: UserRole,
  partner: PartnerFacts,
  tokenScopes: Caller["tokenScopes"] = null,
): Permissions {
  const caller: Caller = { role, tokenScopes };
  const flags = Object.fromEntries(
    Object.entries(PERMISSION_FLAGS).map(([flag, ops]) => [flag, ops.some((op) => allows(op, caller))]),
  ) as Record<PermissionFlag, boolean>;
  return {
    ...flags,
    canActForCustomers: canTransact(partner),
    mustUseProvider: isOnlyIndirectReseller(partner),
    allowedOperations: allowedOperations(caller),
  };
}

/**
 * type-graphql's `@Authorized` check, kept for decorators that still name roles (the matrix guards every root field
 * and field resolver first: auth/permission-guard.ts). `@Authorized()` needs a signed-in user; `@Authorized(roles)`
 * one of those roles. Refusals throw our own
 * UNAUTHENTICATED / FORBIDDEN errors: type-graphql's AuthorizationError (code UNAUTHORIZED) would be masked as
 * an internal server error by formatError.
 */
export const authChecker: AuthChecker<RequestContext, UserRole> = ({ context }, roles) => {
  if (!context.viewer) throw unauthenticated();
  if (roles.length === 0 || roles.includes(context.viewer.user.role)) return true;
  throw forbidden(
    userMessage(context.locale, "ROLE_FORBIDDEN", { role: context.viewer.user.role, roles: roles.join(", ") }),
  );
};

/**
 * Managing access (users, API tokens) needs a user's own sign-in: a token, even a WRITE token of a global admin,
 * cannot create more tokens or change users, so a leaked token cannot outlive its revocation.
 */
export function ensureOwnSignIn(viewer: Viewer, locale: Locale): void {
  if (viewer.apiTokenId) throw forbidden(userMessage(locale, "API_TOKEN_CANNOT_MANAGE_ACCESS"));
}
