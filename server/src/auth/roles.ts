import type { AuthChecker } from "type-graphql";
import { UserRole } from "../domain/enums";
import type { RequestContext } from "../context";
import { forbidden, unauthenticated } from "../common/errors";

// Partner Center roles allowed to change things; HELPDESK_AGENT and BILLING_ADMIN read only.
export const CAN_MANAGE_NETWORK = [UserRole.GLOBAL_ADMIN, UserRole.ADMIN_AGENT];
export const CAN_MANAGE_CUSTOMERS = [UserRole.GLOBAL_ADMIN, UserRole.ADMIN_AGENT, UserRole.SALES_AGENT];
export const CAN_ORDER = [UserRole.GLOBAL_ADMIN, UserRole.ADMIN_AGENT, UserRole.SALES_AGENT];
export const CAN_TRANSFER = [UserRole.GLOBAL_ADMIN, UserRole.ADMIN_AGENT];

/**
 * `@Authorized()` needs a signed-in user; `@Authorized(roles)` one of those roles. Refusals throw our own
 * UNAUTHENTICATED / FORBIDDEN errors: type-graphql's AuthorizationError (code UNAUTHORIZED) would be masked as
 * an internal server error by formatError.
 */
export const authChecker: AuthChecker<RequestContext, UserRole> = ({ context }, roles) => {
  if (!context.viewer) throw unauthenticated();
  if (roles.length === 0 || roles.includes(context.viewer.user.role)) return true;
  throw forbidden(`Your role (${context.viewer.user.role}) cannot do this; it needs one of: ${roles.join(", ")}`);
};
