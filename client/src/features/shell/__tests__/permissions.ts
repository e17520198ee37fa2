import type { PartnerType, UserRole } from "../../../graphql/generated";
import type { ViewerPermissions } from "../viewer";

/**
 * `viewer.permissions` as the API computes it (server/src/auth/roles.ts), for test viewers: the role lists decide
 * the role flags, the partner's types the partner flags.
 */
export function permissionsFor(role: UserRole, types: readonly PartnerType[]): ViewerPermissions {
  const canActForCustomers = types.includes("DIRECT_BILL") || types.includes("INDIRECT_PROVIDER");
  return {
    __typename: "ViewerPermissions",
    canManageNetwork: ["GLOBAL_ADMIN", "ADMIN_AGENT"].includes(role),
    canManageCustomers: ["GLOBAL_ADMIN", "ADMIN_AGENT", "SALES_AGENT"].includes(role),
    canOrder: ["GLOBAL_ADMIN", "ADMIN_AGENT", "SALES_AGENT"].includes(role),
    canTransfer: ["GLOBAL_ADMIN", "ADMIN_AGENT"].includes(role),
    canActForCustomers,
    mustUseProvider: types.includes("INDIRECT_RESELLER") && !canActForCustomers,
  };
}
