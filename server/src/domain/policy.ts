import { TermDuration } from "./enums";

// Partner Center's fixed numbers that more than one module (and the pure rules) depend on.

/** A PENDING transfer older than this (in days, against asOf) has expired. */
export const TRANSFER_EXPIRY_DAYS = 30;

/**
 * A customer relationship request's acceptance link expires this many days after it was issued (issue 7 item 5:
 * a link is a standing credential until used; an old one must stop working).
 */
export const RELATIONSHIP_REQUEST_EXPIRY_DAYS = 7;

/** Months in each term length Partner Center sells. */
export const TERM_MONTHS: Record<TermDuration, number> = {
  [TermDuration.P1M]: 1,
  [TermDuration.P1Y]: 12,
  [TermDuration.P3Y]: 36,
};
