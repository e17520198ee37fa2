import { Link } from "react-router";
import type { DashboardPendingTransfersQuery } from "../../../graphql/generated";
import { useI18n } from "../../../lib/i18n";
import { transferUrl } from "../../transfers/urls";
import "../messages";
import { ResellerLink } from "../../network/components/ResellerLink";

export type PendingTransferRow = DashboardPendingTransfersQuery["transfers"]["nodes"][number];

/** A pending transfer with this many days left, or fewer, is urgent. */
const URGENT_DAYS = 7;

export function DaysLeft({ days }: { days: number | null }) {
  const { t } = useI18n();
  if (days === null) return <>—</>;
  const text =
    days <= 0
      ? t("dashboard.transfers.lastDay")
      : days === 1
        ? t("dashboard.transfers.day")
        : t("dashboard.transfers.days", { count: days });
  return <span className={`badge ${days <= URGENT_DAYS ? "badge-no" : "badge-warn"}`}>{text}</span>;
}

/** Pending transfers, soonest to expire first, each leading to its page. */
export function PendingTransfersTable({ rows }: { rows: readonly PendingTransferRow[] }) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">{t("dashboard.transfers.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("dashboard.col.customer")}</th>
            <th scope="col">{t("dashboard.col.direction")}</th>
            <th scope="col" className="hide-narrow">
              {t("dashboard.col.counterpart")}
            </th>
            <th scope="col" className="sub-num hide-narrow">
              {t("dashboard.col.lines")}
            </th>
            <th scope="col">{t("dashboard.col.daysLeft")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((x) => {
            const customer = x.customer?.name ?? "—";
            return (
              <tr key={x.id} data-testid="dashboard-transfer">
                <th scope="row">
                  <Link to={transferUrl(x.id)} aria-label={t("dashboard.transfers.openLabel", { customer })}>
                    {customer}
                  </Link>
                </th>
                <td>{t(`dashboard.transfers.${x.direction}`)}</td>
                <td className="hide-narrow">
                  {x.direction === "INCOMING"
                    ? t("dashboard.transfers.from", { name: x.sourcePartner.name })
                    : t("dashboard.transfers.to", { name: x.targetPartner.name })}
                  {x.reseller && (
                    <small className="sub-meta">
                      <ResellerLink reseller={x.reseller} sentence={(name) => t("dashboard.transfers.for", { name })} />
                    </small>
                  )}
                </td>
                <td className="sub-num hide-narrow">{x.subscriptions.length}</td>
                <td>
                  <DaysLeft days={x.daysLeft} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
