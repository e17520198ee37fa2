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

/** Rule book V2 durations (RULES.md "v2: time": exact hours, no calendar months). */
export const HOUR_MS = 3_600_000;
export const SECOND_MS = 1000;
/** New-commerce seats can be removed within 168 hours of being added; licences and software cancel in 168 h. */
export const SEAT_REDUCTION_WINDOW_HOURS = 168;
/** A PENDING transfer is open for 720 hours after its creation (V2). */
export const TRANSFER_OPEN_HOURS = 720;
/** At most this many subscriptions (lines) in one transfer request (V2, R40). */
export const TRANSFER_MAX_LINES = 25;
