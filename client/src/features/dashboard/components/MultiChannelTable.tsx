import { Link } from "react-router";
import type { DashboardMultiChannelQuery } from "../../../graphql/generated";
import { useI18n } from "../../../lib/i18n";
import { customerUrl } from "../../customers/urls";
import "../../subscriptions/messages";
import "../messages";

export type MultiChannelRow = DashboardMultiChannelQuery["customers"]["nodes"][number];

/** Customers holding subscriptions from channels other than CSP: a support and take-over opportunity. */
export function MultiChannelTable({
  rows,
  viewerPartnerId,
  showThrough,
}: {
  rows: readonly MultiChannelRow[];
  viewerPartnerId: string;
  /** Providers: the resellers (and other partners) holding the relationship. */
  showThrough: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">{t("dashboard.multi.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("dashboard.col.customer")}</th>
            <th scope="col">{t("dashboard.col.channels")}</th>
            {showThrough && (
              <th scope="col" className="hide-narrow">
                {t("dashboard.col.through")}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => {
            const others = c.channels.filter((ch) => ch !== "CSP");
            const through = c.relationships
              .filter((r) => r.status === "ACTIVE" && r.partner.id !== viewerPartnerId)
              .map((r) => r.partner.name);
            return (
              <tr key={c.id} data-testid="dashboard-multichannel">
                <th scope="row">
                  <Link to={customerUrl(c.id)}>{c.name}</Link>
                  <small className="sub-meta">{c.domain}</small>
                </th>
                <td>
                  <ul className="net-flag-list">
                    {others.map((ch) => (
                      <li key={ch} className="badge badge-warn">
                        {t(`subscriptions.channel.${ch}`)}
                      </li>
                    ))}
                  </ul>
                </td>
                {showThrough && <td className="hide-narrow">{through.length ? through.join(", ") : "—"}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
