import { Link } from "react-router";
import type { NetworkResellersQuery } from "../../../graphql/generated";
import { FormErrors } from "../../../components/FormField";
import type { UserErrorLike } from "../../../lib/user-errors";
import { useI18n } from "../../../lib/i18n";
import { subscriptionListUrl } from "../../subscriptions/urls";
import { ComplianceFlags } from "./ComplianceFlags";
import { ConfirmButton } from "../../../components/ConfirmButton";
import { PartnershipSince, PartnershipStatusBadge } from "./PartnershipStatusBadge";
import "../messages";

export type ResellerRow = NetworkResellersQuery["resellers"]["nodes"][number];

/** A provider's resellers: compliance flags, counts, and "End partnership" with a confirmation. */
export function ResellerTable({
  rows,
  pendingId,
  rowErrors,
  readOnlyReason,
  onEnd,
}: {
  rows: readonly ResellerRow[];
  /** The partnership whose mutation is running. */
  pendingId: string | null;
  rowErrors: Readonly<Record<string, readonly UserErrorLike[]>>;
  readOnlyReason?: string | null;
  onEnd(row: ResellerRow): void;
}) {
  const { t, formatNumber } = useI18n();
  return (
    <div className="table-wrap">
      <table className="network-table net-cards">
        <caption className="sr-only">{t("network.resellers.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("network.col.reseller")}</th>
            <th scope="col" className="hide-narrow">
              {t("network.col.country")}
            </th>
            <th scope="col">{t("network.col.status")}</th>
            <th scope="col">{t("network.col.compliance")}</th>
            <th scope="col" className="sub-num">
              {t("network.col.customers")}
            </th>
            <th scope="col" className="sub-num">
              {t("network.col.subscriptions")}
            </th>
            <th scope="col" className="hide-narrow">
              {t("network.col.since")}
            </th>
            <th scope="col">{t("network.col.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid="reseller-row">
              <th scope="row">
                {row.reseller.name}
                <small className="sub-meta">{t("network.partnerId", { id: row.reseller.partnerId })}</small>
              </th>
              <td className="hide-narrow">{row.reseller.country}</td>
              <td data-label={t("network.col.status")}>
                <PartnershipStatusBadge status={row.status} />
              </td>
              <td data-label={t("network.col.compliance")}>
                <ComplianceFlags flags={row.complianceFlags} />
              </td>
              <td data-label={t("network.col.customers")} className="sub-num">
                {formatNumber(row.counts.customers)}
              </td>
              <td data-label={t("network.col.subscriptions")} className="sub-num">
                {row.counts.subscriptions > 0 ? (
                  <Link
                    to={subscriptionListUrl({ reseller: row.reseller.id })}
                    aria-label={t("network.subscriptionsLink", { name: row.reseller.name })}
                  >
                    {formatNumber(row.counts.subscriptions)}
                  </Link>
                ) : (
                  formatNumber(row.counts.subscriptions)
                )}
              </td>
              <td className="hide-narrow">
                <PartnershipSince invitedAt={row.invitedAt} acceptedAt={row.acceptedAt} removedAt={row.removedAt} />
              </td>
              <td className="net-actions-cell">
                {row.status !== "REMOVED" && (
                  <ConfirmButton
                    label={t("network.end.button")}
                    accessibleLabel={t("network.end.label", { name: row.reseller.name })}
                    question={t("network.end.confirm", { name: row.reseller.name })}
                    confirmLabel={t("network.end.confirmButton")}
                    layout="swap"
                    danger
                    pendingLabel={t("network.end.pending")}
                    pending={pendingId === row.id}
                    disabled={Boolean(readOnlyReason) || (pendingId !== null && pendingId !== row.id)}
                    disabledReason={readOnlyReason ?? undefined}
                    onConfirm={() => onEnd(row)}
                  />
                )}
                <FormErrors errors={rowErrors[row.id]} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
