import type { UserRole } from "../../graphql/generated";

/** Partner Center roles that may invite resellers, accept invitations and end partnerships (the server's CAN_MANAGE_NETWORK). */
export const NETWORK_ROLES: readonly UserRole[] = ["GLOBAL_ADMIN", "ADMIN_AGENT"];

export const canManageNetwork = (role: UserRole) => NETWORK_ROLES.includes(role);
