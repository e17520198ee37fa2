import { Link } from "react-router";
import type { NetworkResellersQuery } from "../../../graphql/generated";
import type { UserErrorLike } from "../../../lib/user-errors";
import { useI18n } from "../../../lib/i18n";
import { ConfirmButton } from "../../../components/ConfirmButton";
import { subscriptionListUrl } from "../../subscriptions/urls";
import { NO_COUNT, PartnershipTable } from "./PartnershipTable";
import "../messages";

export type ResellerRow = NetworkResellersQuery["resellers"]["nodes"][number];

/** A provider's resellers: compliance flags, counts (subscriptions link to them), "End partnership" confirmed. */
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
    <PartnershipTable
      rows={rows}
      partnerOf={(row) => row.reseller}
      caption={t("network.resellers.caption")}
      partnerHeading={t("network.col.reseller")}
      complianceHeading={t("network.col.compliance")}
      rowTestId="reseller-row"
      rowErrors={rowErrors}
      subscriptionsCell={(row) =>
        !row.counts ? (
          NO_COUNT
        ) : row.counts.subscriptions > 0 ? (
          <Link
            to={subscriptionListUrl({ reseller: row.reseller.id })}
            aria-label={t("network.subscriptionsLink", { name: row.reseller.name })}
          >
            {formatNumber(row.counts.subscriptions)}
          </Link>
        ) : (
          formatNumber(row.counts.subscriptions)
        )
      }
      actions={(row) =>
        row.status !== "REMOVED" && (
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
        )
      }
    />
  );
}
