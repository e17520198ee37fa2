import type { ViewerInfo } from "../shell/viewer";

/** Partner Center roles that may change customers and subscriptions (server: CAN_MANAGE_CUSTOMERS, CAN_ORDER). */
const CAN_CHANGE = ["GLOBAL_ADMIN", "ADMIN_AGENT", "SALES_AGENT"];

export const canChangeCustomers = (viewer: ViewerInfo) => CAN_CHANGE.includes(viewer.user.role);
