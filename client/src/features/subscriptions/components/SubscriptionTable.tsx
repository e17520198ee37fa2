import { Fragment, useEffect, useId, useRef, useState } from "react";
import { Link } from "react-router";
import { customerUrl } from "../../customers/urls";
import { subscriptionUrl } from "../urls";
import type { EligibilityAction, SubscriptionSortField, SubscriptionsListQuery } from "../../../graphql/generated";
import { SortHeader } from "../../../components/SortHeader";
import type { SortValue } from "../../../lib/list-paging";
import { EligibilityBadge, ReasonList } from "../../../components/Reasons";
import { useI18n } from "../../../lib/i18n";
import { statusBadgeClass } from "../subscription-status";
import "../messages";
import { ResellerLink } from "../../network/components/ResellerLink";
import "../bulk/bulk-messages";

export type SubscriptionRow = SubscriptionsListQuery["subscriptions"]["nodes"][number];

const COLUMNS = 8;

/** The checkbox column of the bulk actions: which rows are chosen (kept across pages by the list). */
export interface RowSelection {
  selected: ReadonlySet<string>;
  /** No more rows may be added (MAX_BULK_SELECTION). */
  full: boolean;
  onToggle(row: SubscriptionRow, on: boolean): void;
  onTogglePage(rows: readonly SubscriptionRow[], on: boolean): void;
}

/**
 * Subscriptions with the viewer's decision for one action: a badge per row, and a disclosure button that opens
 * a row below with every blocking reason and advisory (rule, code, message in the UI's language, source).
 */
export function SubscriptionTable({
  rows,
  action,
  viewerPartnerId,
  sort = null,
  onSort,
  selection,
}: {
  rows: readonly SubscriptionRow[];
  action: EligibilityAction;
  /** The viewer's partner (global id): "you" in the billed-by column. */
  viewerPartnerId: string;
  /** With onSort, the sortable columns' headers are buttons. */
  sort?: SortValue<SubscriptionSortField> | null;
  onSort?(next: SortValue<SubscriptionSortField> | null): void;
  /** A checkbox per row and one for the page; only for roles offered bulk actions. */
  selection?: RowSelection;
}) {
  const { t, formatDate, formatNumber } = useI18n();
  const baseId = useId();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const actionLabel = t(`subscriptions.action.${action}`);

  function header(field: SubscriptionSortField, label: string, className?: string) {
    if (!onSort) {
      return (
        <th scope="col" className={className}>
          {label}
        </th>
      );
    }
    return (
      <SortHeader field={field} sort={sort} onSort={onSort} className={className}>
        {label}
      </SortHeader>
    );
  }

  function toggle(id: string) {
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  return (
    <div className="table-wrap">
      <table className="subs-table">
        <caption className="sr-only">{t("subscriptions.caption", { action: actionLabel })}</caption>
        <thead>
          <tr>
            {selection && (
              <th scope="col" className="sub-select">
                <PageCheckbox rows={rows} selection={selection} label={t("bulk.selectPage")} />
              </th>
            )}
            {header("OFFER_NAME", t("subscriptions.col.offer"))}
            {header("CUSTOMER_NAME", t("subscriptions.col.customer"), "hide-narrow")}
            <th scope="col" className="hide-narrow">
              {t("subscriptions.col.channel")}
            </th>
            {header("STATUS", t("subscriptions.col.status"), "hide-narrow")}
            {header("QUANTITY", t("subscriptions.col.quantity"), "hide-narrow sub-num")}
            {header("TERM_END", t("subscriptions.col.termEnd"))}
            <th scope="col" className="hide-narrow">
              {t("subscriptions.col.parties")}
            </th>
            <th scope="col">{t("subscriptions.col.eligibility", { action: actionLabel })}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s, i) => {
            const decision = s.eligibility;
            const reasonCount = decision.blocking.length + decision.advisories.length;
            const isOpen = open.has(s.id);
            const panelId = `${baseId}-reasons-${i}`;
            const customerLink = <Link to={customerUrl(s.customer.id)}>{s.customer.name}</Link>;
            const statusBadge = (
              <span className={statusBadgeClass(s.status)}>{t(`subscriptions.status.${s.status}`)}</span>
            );
            return (
              <Fragment key={s.id}>
                <tr className={isOpen ? "sub-row-open" : undefined}>
                  {selection && (
                    <td className="sub-select">
                      <input
                        type="checkbox"
                        checked={selection.selected.has(s.id)}
                        disabled={selection.full && !selection.selected.has(s.id)}
                        onChange={(e) => selection.onToggle(s, e.target.checked)}
                        aria-label={t("bulk.selectRow", { offer: s.offerName, customer: s.customer.name })}
                      />
                    </td>
                  )}
                  <td>
                    <strong className="sub-offer-name">
                      <Link to={subscriptionUrl(s.id)}>{s.offerName}</Link>
                    </strong>
                    <small className="sub-meta">
                      {t(`subscriptions.offerKind.${s.offerKind}`)}
                      {s.channel === "CSP" ? ` · ${t(`subscriptions.commerce.${s.commerceModel}`)}` : ""}
                      {s.termDuration ? ` · ${t(`subscriptions.term.${s.termDuration}`)}` : ""}
                      {s.channel !== "CSP" && (
                        <span className="sub-only-narrow"> · {t(`subscriptions.channel.${s.channel}`)}</span>
                      )}
                    </small>
                    {s.parentSubscription && (
                      <small className="sub-meta">
                        {t("subscriptions.addonOf", { name: s.parentSubscription.offerName })}
                      </small>
                    )}
                    {/* On a phone the customer and status columns fold into this cell. */}
                    <span className="sub-only-narrow-block">
                      {customerLink} {statusBadge}
                    </span>
                  </td>
                  <td className="hide-narrow">{customerLink}</td>
                  <td className="hide-narrow">
                    <span className={`badge ${s.channel === "CSP" ? "badge-neutral" : "badge-warn"}`}>
                      {t(`subscriptions.channel.${s.channel}`)}
                    </span>
                  </td>
                  <td className="hide-narrow">{statusBadge}</td>
                  <td className="hide-narrow sub-num">{formatNumber(s.quantity)}</td>
                  <td>
                    <span className="sub-nowrap">{formatDate(s.commitmentEndDate)}</span>
                    <small className="sub-meta hide-narrow">
                      {s.autoRenew ? t("subscriptions.autoRenew") : t("subscriptions.noRenew")}
                    </small>
                  </td>
                  <td className="hide-narrow">
                    {!s.transactingPartner ? (
                      <span className="sub-muted">{t("subscriptions.notCsp")}</span>
                    ) : s.transactingPartner.id === viewerPartnerId ? (
                      t("subscriptions.you")
                    ) : (
                      s.transactingPartner.name
                    )}
                    {s.resellerOfRecord && (
                      <small className="sub-meta">
                        <ResellerLink reseller={s.resellerOfRecord} />
                      </small>
                    )}
                  </td>
                  <td className="sub-decision-cell">
                    <EligibilityBadge decision={decision} />
                    {reasonCount > 0 && (
                      <button
                        type="button"
                        className="sub-link-button"
                        aria-expanded={isOpen}
                        aria-controls={panelId}
                        onClick={() => toggle(s.id)}
                      >
                        {isOpen
                          ? t("subscriptions.reasons.hide")
                          : t("subscriptions.reasons.show", { count: reasonCount })}
                      </button>
                    )}
                  </td>
                </tr>
                {reasonCount > 0 && (
                  <tr id={panelId} className="sub-reasons-row" hidden={!isOpen}>
                    <td colSpan={COLUMNS + (selection ? 1 : 0)}>
                      <section
                        aria-label={t("subscriptions.reasons.label", { offer: s.offerName, customer: s.customer.name })}
                      >
                        {isOpen && <ReasonList decision={decision} />}
                      </section>
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Selects or clears the page; "mixed" when only some of its rows are selected. */
function PageCheckbox({
  rows,
  selection,
  label,
}: {
  rows: readonly SubscriptionRow[];
  selection: RowSelection;
  label: string;
}) {
  const ref = useRef<HTMLInputElement>(null);
  const count = rows.filter((r) => selection.selected.has(r.id)).length;
  const all = rows.length > 0 && count === rows.length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = count > 0 && !all;
  }, [count, all]);
  return (
    <input
      ref={ref}
      type="checkbox"
      checked={all}
      disabled={rows.length === 0 || (selection.full && !all && count === 0)}
      onChange={(e) => selection.onTogglePage(rows, e.target.checked)}
      aria-label={label}
    />
  );
}
