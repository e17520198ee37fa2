import { Link } from "react-router";
import type { RenewalsQuery } from "../../../graphql/generated";
import { useI18n } from "../../../lib/i18n";
import { formatInstant } from "../../subscriptions/instants";
import { describePlan } from "../../subscriptions/sections/lifecycle";
import { subscriptionUrl } from "../../subscriptions/urls";
import "../messages";
import "../../subscriptions/lifecycle-messages";
import "../../subscriptions/messages";
import { ResellerLink } from "../../network/components/ResellerLink";

export type RenewalRow = RenewalsQuery["renewals"]["nodes"][number];

interface CustomerGroup {
  id: string;
  name: string;
  rows: RenewalRow[];
}
interface ResellerGroup {
  id: string | null;
  name: string | null;
  customers: CustomerGroup[];
}

/** The server sends each reseller's rows together, each customer's together: fold the page into that tree. */
export function groupRenewals(rows: readonly RenewalRow[]): ResellerGroup[] {
  const groups: ResellerGroup[] = [];
  for (const row of rows) {
    const resellerId = row.resellerOfRecord?.id ?? null;
    let reseller = groups[groups.length - 1];
    if (!reseller || reseller.id !== resellerId) {
      reseller = { id: resellerId, name: row.resellerOfRecord?.name ?? null, customers: [] };
      groups.push(reseller);
    }
    let customer = reseller.customers[reseller.customers.length - 1];
    if (!customer || customer.id !== row.customer.id) {
      customer = { id: row.customer.id, name: row.customer.name, rows: [] };
      reseller.customers.push(customer);
    }
    customer.rows.push(row);
  }
  return groups;
}

/**
 * One page of renewals, by reseller and customer: when each term ends, whether it renews or expires, its seats,
 * the open reduction windows with their deadlines (the seats that can still be removed before the renewal) and
 * the change scheduled for renewal. Each subscription links to its panel, where the seats are reduced.
 */
export function RenewalGroups({ rows, days }: { rows: readonly RenewalRow[]; days: string }) {
  const { t, locale, formatDate, formatNumber } = useI18n();
  return (
    <div className="rn-groups">
      {groupRenewals(rows).map((reseller) => (
        <section key={reseller.id ?? "direct"} aria-label={reseller.name ?? t("renewals.direct")}>
          <h2>
            {reseller.id && reseller.name ? (
              <ResellerLink
                reseller={{ id: reseller.id, name: reseller.name }}
                sentence={(name) => t("renewals.reseller", { name })}
              />
            ) : (
              t("renewals.direct")
            )}
          </h2>
          {reseller.customers.map((customer) => (
            <div className="table-wrap" key={customer.id}>
              <table className="subs-table rn-table">
                <caption>
                  <strong>{customer.name}</strong>
                  <span className="sr-only"> — {t("renewals.caption", { customer: customer.name, days })}</span>
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t("renewals.col.offer")}</th>
                    <th scope="col">{t("renewals.col.ends")}</th>
                    <th scope="col">{t("renewals.col.autoRenew")}</th>
                    <th scope="col" className="sub-num">
                      {t("renewals.col.seats")}
                    </th>
                    <th scope="col">{t("renewals.col.windows")}</th>
                    <th scope="col" className="hide-narrow">
                      {t("renewals.col.scheduled")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {customer.rows.map((r) => {
                    const windows = r.seats.refundableDetails ?? [];
                    return (
                      <tr key={r.id}>
                        <td>
                          <Link to={subscriptionUrl(r.id)} aria-label={t("renewals.open", { name: r.offerName })}>
                            {r.offerName}
                          </Link>
                          {r.termDuration && (
                            <small className="sub-meta">{t(`subscriptions.term.${r.termDuration}`)}</small>
                          )}
                        </td>
                        <td className="sub-nowrap">{formatDate(r.commitmentEndDate)}</td>
                        <td>
                          <span className={`badge ${r.autoRenew ? "badge-ok" : "badge-warn"}`}>
                            {r.autoRenew ? t("renewals.renews") : t("renewals.expires")}
                          </span>
                        </td>
                        <td className="sub-num">{formatNumber(r.quantity)}</td>
                        <td>
                          {windows.length === 0 ? (
                            <span className="sub-muted">{t("renewals.noWindows")}</span>
                          ) : (
                            <ul className="rn-windows">
                              {windows.map((w) => (
                                <li key={w.allowedUntil}>
                                  {t("renewals.window.item", {
                                    when: formatInstant(locale, w.allowedUntil),
                                    count: w.quantity,
                                  })}
                                </li>
                              ))}
                            </ul>
                          )}
                        </td>
                        <td className="hide-narrow">
                          {r.scheduledChange
                            ? describePlan(t, locale, r, r.scheduledChange)
                            : t("renewals.noScheduled")}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
