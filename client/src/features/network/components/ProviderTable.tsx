import type { NetworkProvidersQuery } from "../../../graphql/generated";
import { FormErrors } from "../../../components/FormField";
import type { UserErrorLike } from "../../../lib/user-errors";
import { useI18n } from "../../../lib/i18n";
import { ComplianceFlags } from "./ComplianceFlags";
import { ConfirmButton } from "../../../components/ConfirmButton";
import { PartnershipSince, PartnershipStatusBadge } from "./PartnershipStatusBadge";
import "../messages";

export type ProviderRow = NetworkProvidersQuery["providers"]["nodes"][number];

/** A reseller's providers: accept an invitation, or end (decline) a partnership. */
export function ProviderTable({
  rows,
  pending,
  rowErrors,
  readOnlyReason,
  onAccept,
  onEnd,
}: {
  rows: readonly ProviderRow[];
  /** The partnership and the mutation running on it. */
  pending: { id: string; kind: "accept" | "end" } | null;
  rowErrors: Readonly<Record<string, readonly UserErrorLike[]>>;
  readOnlyReason?: string | null;
  onAccept(row: ProviderRow): void;
  onEnd(row: ProviderRow): void;
}) {
  const { t, formatNumber } = useI18n();
  const busy = pending !== null;
  return (
    <div className="table-wrap">
      <table className="network-table net-cards">
        <caption className="sr-only">{t("network.providers.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("network.col.provider")}</th>
            <th scope="col" className="hide-narrow">
              {t("network.col.country")}
            </th>
            <th scope="col">{t("network.col.status")}</th>
            <th scope="col">{t("network.col.yourCompliance")}</th>
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
          {rows.map((row) => {
            const name = row.provider.name;
            return (
              <tr key={row.id} data-testid="provider-row">
                <th scope="row">
                  {name}
                  <small className="sub-meta">{t("network.partnerId", { id: row.provider.partnerId })}</small>
                </th>
                <td className="hide-narrow">{row.provider.country}</td>
                <td data-label={t("network.col.status")}>
                  <PartnershipStatusBadge status={row.status} />
                </td>
                <td data-label={t("network.col.yourCompliance")}>
                  <ComplianceFlags flags={row.complianceFlags} />
                </td>
                <td data-label={t("network.col.customers")} className="sub-num">
                  {formatNumber(row.counts.customers)}
                </td>
                <td data-label={t("network.col.subscriptions")} className="sub-num">
                  {formatNumber(row.counts.subscriptions)}
                </td>
                <td className="hide-narrow">
                  <PartnershipSince invitedAt={row.invitedAt} acceptedAt={row.acceptedAt} removedAt={row.removedAt} />
                </td>
                <td className="net-actions-cell">
                  <div className="form-actions">
                    {row.status === "INVITED" && (
                      <button
                        type="button"
                        aria-label={t("network.accept.label", { name })}
                        disabled={busy || Boolean(readOnlyReason)}
                        title={readOnlyReason ?? undefined}
                        onClick={() => onAccept(row)}
                      >
                        {pending?.id === row.id && pending.kind === "accept"
                          ? t("network.accept.pending")
                          : t("network.accept.button")}
                      </button>
                    )}
                    {row.status !== "REMOVED" && (
                      <ConfirmButton
                        label={row.status === "INVITED" ? t("network.end.decline") : t("network.end.button")}
                        accessibleLabel={t("network.end.label", { name })}
                        question={t("network.end.confirm", { name })}
                        confirmLabel={t("network.end.confirmButton")}
                        layout="swap"
                        danger
                        pendingLabel={t("network.end.pending")}
                        pending={pending?.id === row.id && pending.kind === "end"}
                        disabled={Boolean(readOnlyReason) || (busy && pending?.id !== row.id)}
                        disabledReason={readOnlyReason ?? undefined}
                        onConfirm={() => onEnd(row)}
                      />
                    )}
                  </div>
                  <FormErrors errors={rowErrors[row.id]} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
