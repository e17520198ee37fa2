import type { ReactNode } from "react";
import type { NetworkPartnershipFieldsFragment, PartnershipSortField } from "../../../graphql/generated";
import { SortHeader } from "../../../components/SortHeader";
import type { SortValue } from "../../../lib/list-paging";
import { FormErrors } from "../../../components/FormField";
import type { UserErrorLike } from "../../../lib/user-errors";
import { useI18n } from "../../../lib/i18n";
import { ComplianceFlags } from "./ComplianceFlags";
import { PartnershipSince, PartnershipStatusBadge } from "./PartnershipStatusBadge";
import "../messages";

/**
 * Shown for a partnership's counts the API does not give (null): an invitation, a removed partnership, or the
 * reseller's side (counts are for the provider of an ACTIVE partnership only).
 */
export const NO_COUNT = "—";

/** The other side of a partnership, as the tables show it. */
export interface PartnerRef {
  id: string;
  name: string;
  partnerId: string;
  /** Null for a partner known only through an invitation not accepted yet. */
  country: string | null;
}

/**
 * A table of partnerships (a provider's resellers, a reseller's providers): the other partner, status, compliance
 * flags, counts, since when, and the row's actions with the errors of its last attempt below them.
 */
export function PartnershipTable<R extends NetworkPartnershipFieldsFragment>({
  rows,
  partnerOf,
  caption,
  partnerHeading,
  complianceHeading,
  rowTestId,
  subscriptionsCell,
  actions,
  rowErrors,
  partnerName,
  sort = null,
  onSort,
}: {
  rows: readonly R[];
  partnerOf(row: R): PartnerRef;
  caption: string;
  partnerHeading: string;
  complianceHeading: string;
  rowTestId: string;
  /** The subscriptions count cell's content (e.g. a link to them); the number by default. */
  subscriptionsCell?(row: R): ReactNode;
  actions(row: R): ReactNode;
  rowErrors: Readonly<Record<string, readonly UserErrorLike[]>>;
  /** The partner's name cell content (e.g. a link to its page); the name by default. */
  partnerName?(row: R): ReactNode;
  /** With onSort, the partner, status and since headers sort the list. */
  sort?: SortValue<PartnershipSortField> | null;
  onSort?(next: SortValue<PartnershipSortField> | null): void;
}) {
  const { t, formatNumber } = useI18n();
  const header = (field: PartnershipSortField, label: string, className?: string) =>
    onSort ? (
      <SortHeader field={field} sort={sort} onSort={onSort} className={className}>
        {label}
      </SortHeader>
    ) : (
      <th scope="col" className={className}>
        {label}
      </th>
    );
  return (
    <div className="table-wrap">
      <table className="network-table net-cards">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {header("NAME", partnerHeading)}
            <th scope="col" className="hide-narrow">
              {t("network.col.country")}
            </th>
            {header("STATUS", t("network.col.status"))}
            <th scope="col">{complianceHeading}</th>
            <th scope="col" className="sub-num">
              {t("network.col.customers")}
            </th>
            <th scope="col" className="sub-num">
              {t("network.col.subscriptions")}
            </th>
            {header("INVITED_AT", t("network.col.since"), "hide-narrow")}
            <th scope="col">{t("network.col.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const partner = partnerOf(row);
            return (
              <tr key={row.id} data-testid={rowTestId}>
                <th scope="row">
                  {partnerName ? partnerName(row) : partner.name}
                  <small className="sub-meta">{t("network.partnerId", { id: partner.partnerId })}</small>
                </th>
                <td className="hide-narrow">{partner.country}</td>
                <td data-label={t("network.col.status")}>
                  <PartnershipStatusBadge status={row.status} />
                </td>
                <td data-label={complianceHeading}>
                  <ComplianceFlags flags={row.complianceFlags} />
                </td>
                <td data-label={t("network.col.customers")} className="sub-num">
                  {row.counts ? formatNumber(row.counts.customers) : NO_COUNT}
                </td>
                <td data-label={t("network.col.subscriptions")} className="sub-num">
                  {subscriptionsCell
                    ? subscriptionsCell(row)
                    : row.counts
                      ? formatNumber(row.counts.subscriptions)
                      : NO_COUNT}
                </td>
                <td className="hide-narrow">
                  <PartnershipSince invitedAt={row.invitedAt} acceptedAt={row.acceptedAt} removedAt={row.removedAt} />
                </td>
                <td className="net-actions-cell">
                  {actions(row)}
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
