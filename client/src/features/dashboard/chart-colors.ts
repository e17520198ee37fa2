import type { SalesChannel, SubscriptionStatus } from "../../graphql/generated";

/** Chart colours (contrast ≥ 3:1 on white); the numbers are always printed beside the bars too. */
export const CHANNEL_COLORS: Record<SalesChannel, string> = {
  CSP: "#0f5cc0",
  EA: "#7a3e9d",
  MICROSOFT_DIRECT: "#0b7a75",
  OPEN: "#a35200",
  ADVISOR: "#5b6470",
  THIRD_PARTY_NON_CSP: "#b3261e",
};

export const STATUS_COLORS: Record<SubscriptionStatus, string> = {
  ACTIVE: "#17733a",
  SUSPENDED: "#8a5a00",
  EXPIRED: "#5b6470",
  DISABLED: "#3d434b",
  DELETED: "#b3261e",
};
