import { Link } from "react-router";
import type { ComplianceFlag, PartnershipStatus } from "../../../graphql/generated";
import { useI18n } from "../../../lib/i18n";
import { ComplianceFlags } from "../../network/components/ComplianceFlags";
import { PartnershipStatusBadge } from "../../network/components/PartnershipStatusBadge";
import { NO_COUNT } from "../../network/components/PartnershipTable";
import { subscriptionListUrl } from "../../subscriptions/urls";
import { customerListUrl } from "../../customers/urls";
import "../messages";
import { ResellerLink } from "../../network/components/ResellerLink";

export interface ResellerSummaryRow {
  id: string;
  status: PartnershipStatus;
  /** Null while the partnership is an invitation. */
  complianceFlags: readonly ComplianceFlag[] | null;
  /** Null unless the viewer is the provider of an ACTIVE partnership (need to know, server auth/scope.ts). */
  counts: { customers: number; subscriptions: number } | null;
  reseller: { id: string; name: string; partnerId: string };
}

/** The largest resellers with their compliance flags and counts (numbers lead to the filtered lists). */
export function ResellerSummaryTable({ rows, total }: { rows: readonly ResellerSummaryRow[]; total: number }) {
  const { t, formatNumber } = useI18n();
  return (
    <div className="table-wrap">
      <table>
        <caption className="dash-table-caption">
          {t("dashboard.resellers.caption", { shown: rows.length, total })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("dashboard.col.reseller")}</th>
            <th scope="col">{t("dashboard.col.compliance")}</th>
            <th scope="col" className="sub-num hide-narrow">
              {t("dashboard.col.customers")}
            </th>
            <th scope="col" className="sub-num">
              {t("dashboard.col.subscriptions")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="dashboard-reseller">
              <th scope="row">
                <ResellerLink reseller={r.reseller} />
                {r.status !== "ACTIVE" && (
                  <>
                    {" "}
                    <PartnershipStatusBadge status={r.status} />
                  </>
                )}
              </th>
              <td>
                <ComplianceFlags flags={r.complianceFlags} />
              </td>
              <td className="sub-num hide-narrow">
                <Link to={customerListUrl({ reseller: r.reseller.id })}>
                  {r.counts ? formatNumber(r.counts.customers) : NO_COUNT}
                </Link>
              </td>
              <td className="sub-num">
                <Link to={subscriptionListUrl({ reseller: r.reseller.id })}>
                  {r.counts ? formatNumber(r.counts.subscriptions) : NO_COUNT}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
