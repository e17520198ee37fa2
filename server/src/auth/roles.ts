import type { AuthChecker } from "type-graphql";
import { UserRole } from "../domain/enums";
import type { RequestContext, Viewer } from "../context";
import type { Locale } from "../common/locale";
import type { PartnerFacts } from "../modules/eligibility/facts";
import { canTransact, isOnlyIndirectReseller } from "../modules/eligibility/rules/predicates";
import { forbidden, unauthenticated } from "../common/errors";
import { userMessage } from "../common/user-messages";

// Partner Center roles allowed to change things; HELPDESK_AGENT and BILLING_ADMIN read only.
export const CAN_MANAGE_NETWORK = [UserRole.GLOBAL_ADMIN, UserRole.ADMIN_AGENT];
export const CAN_MANAGE_CUSTOMERS = [UserRole.GLOBAL_ADMIN, UserRole.ADMIN_AGENT, UserRole.SALES_AGENT];
export const CAN_ORDER = [UserRole.GLOBAL_ADMIN, UserRole.ADMIN_AGENT, UserRole.SALES_AGENT];
export const CAN_TRANSFER = [UserRole.GLOBAL_ADMIN, UserRole.ADMIN_AGENT];
/** Users of the own partner: invite, change roles, deactivate (Partner Center's Global and User management admins). */
export const CAN_MANAGE_USERS = [UserRole.GLOBAL_ADMIN, UserRole.USER_MANAGEMENT_ADMIN];
/** API tokens of the own partner: create, list, revoke. */
export const CAN_MANAGE_API_TOKENS = [UserRole.GLOBAL_ADMIN, UserRole.ADMIN_AGENT];

/** What a signed-in user may do, for clients that show or hide actions (GraphQL `viewer.permissions`). */
export interface Permissions {
  /** The role is in CAN_MANAGE_NETWORK. */
  canManageNetwork: boolean;
  /** The role is in CAN_MANAGE_CUSTOMERS. */
  canManageCustomers: boolean;
  /** The role is in CAN_ORDER. */
  canOrder: boolean;
  /** The role is in CAN_TRANSFER. */
  canTransfer: boolean;
  /** The role is in CAN_MANAGE_USERS. */
  canManageUsers: boolean;
  /** The role is in CAN_MANAGE_API_TOKENS. */
  canManageApiTokens: boolean;
  /** The partner bills CSP subscriptions itself: direct-bill or indirect provider. */
  canActForCustomers: boolean;
  /** The partner is only an indirect reseller: it orders, transfers and changes subscriptions through a provider (R22). */
  mustUseProvider: boolean;
}

/** The user's permissions: role lists above for the role, the rule book's predicates for the partner. */
export function permissionsOf(role: UserRole, partner: PartnerFacts): Permissions {
  return {
    canManageNetwork: CAN_MANAGE_NETWORK.includes(role),
    canManageCustomers: CAN_MANAGE_CUSTOMERS.includes(role),
    canOrder: CAN_ORDER.includes(role),
    canTransfer: CAN_TRANSFER.includes(role),
    canManageUsers: CAN_MANAGE_USERS.includes(role),
    canManageApiTokens: CAN_MANAGE_API_TOKENS.includes(role),
    canActForCustomers: canTransact(partner),
    mustUseProvider: isOnlyIndirectReseller(partner),
  };
}

/**
 * `@Authorized()` needs a signed-in user; `@Authorized(roles)` one of those roles. Refusals throw our own
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
