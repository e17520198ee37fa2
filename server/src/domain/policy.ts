import { TermDuration } from "./enums";

// Partner Center's fixed numbers that more than one module (and the pure rules) depend on.

/** A PENDING transfer older than this (in days, against asOf) has expired. */
export const TRANSFER_EXPIRY_DAYS = 30;

/** Months in each term length Partner Center sells. */
export const TERM_MONTHS: Record<TermDuration, number> = {
  [TermDuration.P1M]: 1,
  [TermDuration.P1Y]: 12,
  [TermDuration.P3Y]: 36,
};
