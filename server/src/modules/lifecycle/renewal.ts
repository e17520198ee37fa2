import { getDaysInMonth } from "date-fns/getDaysInMonth";
import { addDays, addMonths, type IsoDate } from "../../common/dates";
import { dateOf, endOfDate, formatInstant, startOfDate, type Instant } from "../../common/instants";
import { HOUR_MS, TRANSFER_OPEN_HOURS } from "../../domain/policy";
import {
  BillingCycle,
  ProductType,
  RuleBook,
  SalesChannel,
  SubscriptionStatus,
  TermDuration,
  TransferStatus,
} from "../../domain/enums";
import type { ScheduledChange, SeatTranche } from "../subscription/subscription-lifecycle.types";
import { expiredWhilePending } from "../transfer/transfer.status";

// What time does to the sandbox's subscriptions and transfers (the scheduler applies it). Pure: the scheduler gives
// the instant. Partner Center: the term covers its end date; the renewal starts at 00:00 UTC the day after
// (https://learn.microsoft.com/partner-center/developer/create-scheduled-changes), renewed seats get one new 7-day
// window from the renewal, and a scheduled change applies at it
// (https://learn.microsoft.com/partner-center/customers/create-a-new-subscription).

export const TERM_MONTHS: Readonly<Record<TermDuration, number>> = {
  [TermDuration.P1M]: 1,
  [TermDuration.P1Y]: 12,
  [TermDuration.P3Y]: 36,
};

/** Products with a term that renews or expires; perpetual software has none, Azure plans and usage run on. */
export const TERM_PRODUCTS: readonly ProductType[] = [
  ProductType.LICENSE,
  ProductType.SOFTWARE_SUBSCRIPTION,
  ProductType.MARKETPLACE_SAAS,
];

/** What of a subscription the term end reads. */
export interface TermFacts {
  channel: SalesChannel;
  status: SubscriptionStatus;
  productType: ProductType;
  purchaseDate: IsoDate;
  commitmentEndDate: IsoDate;
  termDuration: TermDuration | null;
  billingCycle: BillingCycle;
  quantity: number;
  autoRenew: boolean;
  scheduledChange: ScheduledChange | null;
}

/** The fields a renewal writes. */
export interface Renewal {
  renewalDate: IsoDate;
  renewedAt: Date;
  commitmentEndDate: IsoDate;
  termDuration: TermDuration;
  billingCycle: BillingCycle;
  quantity: number;
  tranches: SeatTranche[];
  scheduledChange: null;
}

export type TermEnd = { kind: "renew"; changes: Renewal } | { kind: "expire" } | null;

/**
 * The last day of a term of `months` months that starts on `start`, for a subscription bought on day `anchorDay` of a
 * month. The term ends the day before the anchor day `months` later; a month without that day uses its last day
 * (bought on 31 January, monthly: terms end 27 February, 30 March, 29 April, 30 May). Anchoring on the purchase day
 * keeps a subscription bought on the 29th–31st from drifting to the 28th after February, as a renewal from the
 * previous term's end would. The stored Learn pages state no rule for these days (common/dates.ts termEndDate).
 */
export function anchoredTermEnd(start: IsoDate, months: number, anchorDay: number): IsoDate {
  const firstOfTarget = addMonths(`${start.slice(0, 7)}-01`, months);
  const [year = 1970, month = 1] = firstOfTarget.split("-").map(Number);
  const day = Math.min(anchorDay, getDaysInMonth(new Date(year, month - 1, 15)));
  return addDays(`${firstOfTarget.slice(0, 8)}${String(day).padStart(2, "0")}`, -1);
}

/** True once the term is over: `at` is after `commitmentEndDate`T23:59:59Z. */
export const termIsOver = (s: Pick<TermFacts, "commitmentEndDate">, at: Instant): boolean =>
  at > endOfDate(s.commitmentEndDate);

/** Renewals cover at most this many missed terms at once (a server stopped for years); the next tick goes on. */
const MAX_TERMS_AT_ONCE = 240;

/**
 * What the end of the term does as of `at`: an ACTIVE subscription with auto-renew on renews (the scheduled change
 * applied; if several terms were missed, up to the term containing `at`); one with auto-renew off, or suspended
 * (suspending turns auto-renew off in Partner Center), expires. Null when nothing happens.
 */
export function termEnd(s: TermFacts, at: Instant): TermEnd {
  if (s.channel !== SalesChannel.CSP || !TERM_PRODUCTS.includes(s.productType) || !termIsOver(s, at)) return null;
  if (s.status === SubscriptionStatus.SUSPENDED) return { kind: "expire" };
  if (s.status !== SubscriptionStatus.ACTIVE) return null;
  if (!s.autoRenew || s.termDuration === null) return { kind: "expire" };
  const change = s.scheduledChange ?? {};
  const termDuration = change.termDuration ?? s.termDuration;
  const billingCycle = change.billingCycle ?? s.billingCycle;
  const quantity = change.quantity ?? s.quantity;
  const months = TERM_MONTHS[termDuration];
  const anchorDay = Number(s.purchaseDate.slice(8, 10));
  let start = addDays(s.commitmentEndDate, 1);
  let end = anchoredTermEnd(start, months, anchorDay);
  for (let i = 1; i < MAX_TERMS_AT_ONCE && at > endOfDate(end); i++) {
    start = addDays(end, 1);
    end = anchoredTermEnd(start, months, anchorDay);
  }
  const renewedAt = startOfDate(start);
  return {
    kind: "renew",
    changes: {
      renewalDate: start,
      renewedAt: new Date(renewedAt),
      commitmentEndDate: end,
      termDuration,
      billingCycle,
      quantity,
      // Every renewed seat is in one tranche at the renewal instant, with one new 168-hour window.
      tranches: [{ quantity, purchasedAt: formatInstant(renewedAt) }],
      scheduledChange: null,
    },
  };
}

/**
 * A PENDING transfer expires once its 30 days are over: under rule book V2 after createdAt + 720 hours (RULES.md C6),
 * under V1 from the 31st day after its creation date, as the transfer's shown status says (transfer.status.ts).
 */
export function transferExpired(t: { status: TransferStatus; createdAt: Date }, at: Instant, book: RuleBook): boolean {
  if (book === RuleBook.V1) return expiredWhilePending(t, dateOf(at));
  return t.status === TransferStatus.PENDING && at > t.createdAt.getTime() + TRANSFER_OPEN_HOURS * HOUR_MS;
}
