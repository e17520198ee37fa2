import { createContext, useContext, type ReactNode } from "react";
import type { ViewerQuery } from "../../graphql/generated";

export type ViewerInfo = ViewerQuery["viewer"];
/** What the signed-in user may do, from the API (`viewer.permissions`): show, hide or disable actions with it. */
export type ViewerPermissions = ViewerInfo["permissions"];

const ViewerContext = createContext<ViewerInfo | null>(null);

export function ViewerProvider({ viewer, children }: { viewer: ViewerInfo; children: ReactNode }) {
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}

/** The signed-in user and partner; only inside the signed-in layout. */
export function useViewer(): ViewerInfo {
  const v = useContext(ViewerContext);
  if (!v) throw new Error("useViewer outside the signed-in layout");
  return v;
}

export const isProvider = (v: ViewerInfo) => v.partner.types.includes("INDIRECT_PROVIDER");
/** An indirect reseller that cannot transact: it orders, cancels and transfers through its provider (R22). */
export const isResellerOnly = (v: ViewerInfo) => v.permissions.mustUseProvider;
/** Providers answer reseller → provider requests; indirect resellers send them. */
export const usesProviderRequests = (v: ViewerInfo) =>
  v.partner.types.includes("INDIRECT_PROVIDER") || v.partner.types.includes("INDIRECT_RESELLER");

/**
 * Saving, renaming and deleting list views: the permission matrix gives createSavedView the roles of Subscription
 * management (as orderSubscription, whose flag is canOrder); every reader may open the views it has.
 */
export const canSaveViews = (v: ViewerInfo) => v.permissions.canOrder;
