import type { ServiceContext } from "../../service-context";
import { paginate, type Page, type PageArgs } from "../../common/connection";
import { addDays } from "../../common/dates";
import { badInput } from "../../common/errors";
import { SalesChannel, SubscriptionStatus, TermDuration } from "../../domain/enums";
import { CustomerSubscription } from "./customer-subscription.entity";

/** The longest look-ahead: a year and a day (an annual term renewing just after a leap day still shows). */
export const MAX_RENEWAL_WINDOW_DAYS = 366;

// A reseller-less row (a direct-bill or provider's own subscription) groups under this placeholder. It has the
// shape of a UUID so that every key has the same length: with PostgreSQL's language-aware collations, which skip
// punctuation, equal-length parts keep each reseller's and each customer's rows together.
const NO_RESELLER = "00000000-0000-0000-0000-000000000000";

/**
 * Grouped by reseller of record, then customer, then soonest term end: a page reads as "this reseller's customers
 * and what renews for each". One string expression, so the keyset cursor stays (value, id).
 */
const byResellerCustomerTermEnd = {
  column: `(COALESCE(s.reseller_of_record_id, '${NO_RESELLER}') || '|' || s.customer_id || '|' || s.commitment_end_date)`,
  idColumn: "s.id",
  direction: "ASC" as const,
  value: (s: CustomerSubscription) =>
    `${s.resellerOfRecordId ?? NO_RESELLER}|${s.customerId}|${String(s.commitmentEndDate)}`,
  id: (s: CustomerSubscription) => s.id,
};

/**
 * "Reduce before it renews": the CSP subscriptions of the viewer's network whose term ends within `within` days
 * (from today), live and with a term. A monthly subscription that renews unchanged (auto-renew on, nothing
 * scheduled) is left out: it rolls over every month and nothing about it changes, which is the noise partners'
 * expiry alerts drown in. Auto-renew off (it will expire) or a scheduled change keeps it in.
 * Renewal at term end, auto-renew and scheduled changes as Partner Center describes them:
 * https://learn.microsoft.com/en-us/partner-center/customers/create-a-new-subscription
 */
export function listRenewals(s: ServiceContext, within: number, page: PageArgs): Promise<Page<CustomerSubscription>> {
  if (!Number.isInteger(within) || within < 1 || within > MAX_RENEWAL_WINDOW_DAYS) {
    throw badInput("within", `must be a number of days between 1 and ${MAX_RENEWAL_WINDOW_DAYS}, got ${within}`);
  }
  const qb = s.scope
    .visibleSubscriptions(s.em.getRepository(CustomerSubscription).createQueryBuilder("s"), "s")
    .andWhere("s.channel = :renewCsp", { renewCsp: SalesChannel.CSP })
    .andWhere("s.status IN (:...renewLive)", { renewLive: [SubscriptionStatus.ACTIVE, SubscriptionStatus.SUSPENDED] })
    .andWhere("s.term_duration IS NOT NULL")
    .andWhere("s.commitment_end_date >= :renewFrom AND s.commitment_end_date <= :renewTo", {
      renewFrom: s.today,
      renewTo: addDays(s.today, within),
    })
    .andWhere("NOT (s.term_duration = :renewMonthly AND s.auto_renew = :renewOn AND s.scheduled_change IS NULL)", {
      renewMonthly: TermDuration.P1M,
      renewOn: true,
    });
  return paginate(qb, page, byResellerCustomerTermEnd);
}
