import type { PartnershipFilter, PartnershipStatus } from "../../graphql/generated";

/** The status choices of the partnership lists; "current" (the default) hides ended partnerships. */
export const STATUS_CHOICES = ["current", "ACTIVE", "INVITED", "REMOVED", "all"] as const;
export type StatusChoice = (typeof STATUS_CHOICES)[number];

export function parseStatusChoice(value: string): StatusChoice {
  return (STATUS_CHOICES as readonly string[]).includes(value) ? (value as StatusChoice) : "current";
}

const STATUSES: Record<StatusChoice, PartnershipStatus[] | null> = {
  current: ["ACTIVE", "INVITED"],
  ACTIVE: ["ACTIVE"],
  INVITED: ["INVITED"],
  REMOVED: ["REMOVED"],
  all: null,
};

export function partnershipFilter(choice: StatusChoice, search: string, issues?: boolean): PartnershipFilter {
  const filter: PartnershipFilter = {};
  const status = STATUSES[choice];
  if (status) filter.status = status;
  if (search) filter.search = search;
  if (issues) filter.hasComplianceIssues = true;
  return filter;
}
