import { Link } from "react-router";
import type { DashboardTermsEndingQuery } from "../../../graphql/generated";
import { useI18n } from "../../../lib/i18n";
import { daysBetween } from "../dates";
import { customerUrl } from "../../customers/urls";
import { TERM_WINDOWS, type TermWindow } from "../urls";
import "../../subscriptions/messages";
import "../messages";
import { ResellerLink } from "../../network/components/ResellerLink";

export type TermRow = DashboardTermsEndingQuery["subscriptions"]["nodes"][number];

/** 30 / 60 days: two toggle buttons (aria-pressed); the choice lives in the URL. */
export function TermWindowToggle({ days, onChange }: { days: TermWindow; onChange(days: TermWindow): void }) {
  const { t } = useI18n();
  return (
    <div className="dash-segmented" role="group" aria-label={t("dashboard.terms.window")}>
      {TERM_WINDOWS.map((d) => (
        <button
          key={d}
          type="button"
          className={d === days ? undefined : "secondary"}
          aria-pressed={d === days}
          onClick={() => onChange(d)}
        >
          {t("dashboard.terms.days", { days: d })}
        </button>
      ))}
    </div>
  );
}

/** Active subscriptions whose term ends in the window, soonest first. */
export function TermsEndingTable({
  rows,
  from,
  to,
  showReseller,
}: {
  rows: readonly TermRow[];
  from: string;
  to: string;
  showReseller: boolean;
}) {
  const { t, formatDate, formatNumber } = useI18n();
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">
          {t("dashboard.terms.caption", { from: formatDate(from), to: formatDate(to) })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("dashboard.col.offer")}</th>
            <th scope="col">{t("dashboard.col.customer")}</th>
            {showReseller && (
              <th scope="col" className="hide-narrow">
                {t("dashboard.col.resellerOfRecord")}
              </th>
            )}
            <th scope="col">{t("dashboard.col.termEnd")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => {
            const inDays = daysBetween(from, s.commitmentEndDate);
            return (
              <tr key={s.id} data-testid="dashboard-term">
                <td>
                  {s.offerName}
                  <small className="sub-meta">
                    {t(`subscriptions.channel.${s.channel}`)} ·{" "}
                    {t("dashboard.terms.quantity", { count: formatNumber(s.quantity) })}
                  </small>
                </td>
                <td>
                  <Link to={customerUrl(s.customer.id)}>{s.customer.name}</Link>
                </td>
                {showReseller && (
                  <td className="hide-narrow">
                    {s.resellerOfRecord ? <ResellerLink reseller={s.resellerOfRecord} /> : "—"}
                  </td>
                )}
                <td>
                  {formatDate(s.commitmentEndDate)}
                  <small className="sub-meta">
                    {inDays <= 0
                      ? t("dashboard.terms.today")
                      : inDays === 1
                        ? t("dashboard.terms.inOneDay")
                        : t("dashboard.terms.inDays", { count: inDays })}{" "}
                    · {s.autoRenew ? t("dashboard.terms.renews") : t("dashboard.terms.ends")}
                  </small>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
