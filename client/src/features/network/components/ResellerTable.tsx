import { Link } from "react-router";
import type { NetworkResellersQuery, PartnershipSortField, PartnershipStatus } from "../../../graphql/generated";
import type { SortValue } from "../../../lib/list-paging";
import { ResellerLink } from "./ResellerLink";
import type { UserErrorLike } from "../../../lib/user-errors";
import { useI18n } from "../../../lib/i18n";
import { ConfirmButton } from "../../../components/ConfirmButton";
import { subscriptionListUrl } from "../../subscriptions/urls";
import { NO_COUNT, PartnershipTable } from "./PartnershipTable";
import "../messages";
import "../network-page-messages";

export type ResellerRow = NetworkResellersQuery["resellers"]["nodes"][number];

/** A provider's resellers: compliance flags, counts (subscriptions link to them), "End partnership" confirmed. */
export function ResellerTable({
  rows,
  pendingId,
  rowErrors,
  readOnlyReason,
  onEnd,
  sort,
  onSort,
}: {
  rows: readonly ResellerRow[];
  /** The partnership whose mutation is running. */
  pendingId: string | null;
  rowErrors: Readonly<Record<string, readonly UserErrorLike[]>>;
  readOnlyReason?: string | null;
  onEnd(row: ResellerRow): void;
  sort?: SortValue<PartnershipSortField> | null;
  onSort?(next: SortValue<PartnershipSortField> | null): void;
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
      sort={sort}
      onSort={onSort}
      partnerName={(row) => <ResellerLink reseller={row.reseller} />}
      subscriptionsCell={(row) =>
        !row.counts ? (
          NO_COUNT
        ) : row.counts.subscriptions > 0 ? (
          <Link
            to={subscriptionListUrl({ reseller: row.reseller.id })}
            // Starts with the number shown (axe: label-content-name-mismatch), then says whose.
            aria-label={t("network.subscriptionsLink", { name: row.reseller.name, count: row.counts.subscriptions })}
          >
            {formatNumber(row.counts.subscriptions)}
          </Link>
        ) : (
          formatNumber(row.counts.subscriptions)
        )
      }
      actions={(row) => (
        <PartnershipActionButton
          row={row}
          pending={pendingId === row.id}
          disabled={pendingId !== null && pendingId !== row.id}
          readOnlyReason={readOnlyReason}
          onConfirm={() => onEnd(row)}
        />
      )}
    />
  );
}

/** What the end/withdraw button needs of a partnership. */
export interface PartnershipActionRow {
  id: string;
  status: PartnershipStatus;
  counts?: { customers: number; subscriptions: number } | null;
  reseller: { name: string };
}

/**
 * "Withdraw invitation" for an invited reseller, "End partnership" for an active one (the confirmation says how many
 * customers and subscriptions it affects, when the counts are known); nothing for an ended partnership.
 */
export function PartnershipActionButton({
  row,
  pending,
  disabled,
  readOnlyReason,
  onConfirm,
}: {
  row: PartnershipActionRow;
  pending: boolean;
  disabled: boolean;
  readOnlyReason?: string | null;
  onConfirm(): void;
}) {
  const { t } = useI18n();
  if (row.status === "REMOVED") return null;
  // An invitation not accepted yet is withdrawn; an active partnership is ended, saying what it affects.
  const invited = row.status === "INVITED";
  const name = row.reseller.name;
  // Counts are shown only for an active partnership (need-to-know); without them the plain question is asked.
  const question = invited
    ? t("network.withdraw.confirm", { name })
    : row.counts
      ? t("network.end.impact", {
          name,
          customers: t("network.count.customers", { count: row.counts.customers }),
          subscriptions: t("network.count.subscriptions", { count: row.counts.subscriptions }),
        })
      : t("network.end.confirm", { name });
  return (
    <ConfirmButton
      label={invited ? t("network.withdraw.button") : t("network.end.button")}
      accessibleLabel={invited ? t("network.withdraw.label", { name }) : t("network.end.label", { name })}
      question={question}
      confirmLabel={invited ? t("network.withdraw.confirmButton") : t("network.end.confirmButton")}
      layout="swap"
      danger
      pendingLabel={t("network.end.pending")}
      pending={pending}
      disabled={Boolean(readOnlyReason) || disabled}
      disabledReason={readOnlyReason ?? undefined}
      onConfirm={onConfirm}
    />
  );
}
