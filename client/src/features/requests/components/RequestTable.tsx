import { Link } from "react-router";
import { customerUrl } from "../../customers/urls";
import { useI18n } from "../../../lib/i18n";
import type { ProviderRequestSortField } from "../../../graphql/generated";
import { SortHeader } from "../../../components/SortHeader";
import type { SortValue } from "../../../lib/list-paging";
import { ResellerLink } from "../../network/components/ResellerLink";
import { RequestStatusBadge, requestWhat, type RequestRow } from "../request-ui";
import { RequestActions } from "./RequestActions";
import "../messages";

/**
 * Reseller → provider requests, newest first: what is asked, for which customer, between whom, the notes both
 * ways, the status and dates, and the viewer's actions. Rows become cards on narrow screens (.stack).
 */
export function RequestTable({
  rows,
  onDone,
  sort = null,
  onSort,
}: {
  rows: readonly RequestRow[];
  onDone(message: string): void;
  /** With onSort, the request (its action), status and sent headers sort the list. */
  sort?: SortValue<ProviderRequestSortField> | null;
  onSort?(next: SortValue<ProviderRequestSortField> | null): void;
}) {
  const { t, locale, formatDate } = useI18n();
  const header = (field: ProviderRequestSortField, label: string, className?: string) =>
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
      <table className="stack req-table">
        <caption className="sr-only">{t("requests.caption")}</caption>
        <thead>
          <tr>
            {header("ACTION", t("requests.col.request"))}
            <th scope="col">{t("requests.col.customer")}</th>
            <th scope="col">{t("requests.col.between")}</th>
            <th scope="col">{t("requests.col.notes")}</th>
            {header("STATUS", t("requests.col.status"))}
            {onSort && header("CREATED_AT", t("requests.col.sent"), "hide-narrow")}
            <th scope="col">{t("requests.col.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="request-row" data-status={r.status}>
              <td>
                <strong>{t(`requests.action.${r.action}`)}</strong>
                <br />
                <span>{requestWhat(t, r, locale)}</span>
                <small className="action-note">{t("requests.sentOn", { date: formatDate(r.createdAt) })}</small>
              </td>
              <td data-label={t("requests.col.customer")}>
                {r.customer ? (
                  <Link to={customerUrl(r.customer.id)}>{r.customer.name}</Link>
                ) : (
                  <span className="muted">{t("requests.customerGone")}</span>
                )}
              </td>
              <td data-label={t("requests.col.between")}>
                {r.direction === "RECEIVED" ? (
                  <ResellerLink reseller={r.reseller} sentence={(name) => t("requests.from", { name })} />
                ) : (
                  t("requests.to", { name: r.provider.name })
                )}
                <small className="action-note">
                  {t("requests.partnerId", {
                    id: r.direction === "RECEIVED" ? r.reseller.partnerId : r.provider.partnerId,
                  })}
                </small>
              </td>
              <td data-label={t("requests.col.notes")} className="req-notes">
                {r.note ? <q>{r.note}</q> : <span className="muted">{t("requests.noNote")}</span>}
                {r.responseNote && (
                  <small className="action-note">
                    {t("requests.answer", { name: r.provider.name })} <q>{r.responseNote}</q>
                  </small>
                )}
              </td>
              <td data-label={t("requests.col.status")}>
                <RequestStatusBadge status={r.status} />
                {r.respondedAt && r.status !== "OPEN" && (
                  <small className="action-note">
                    {t(`requests.closedOn.${r.status}`, { date: formatDate(r.respondedAt) })}
                  </small>
                )}
              </td>
              <td data-label={r.status === "OPEN" ? t("requests.col.actions") : undefined} className="span-all">
                <RequestActions request={r} onDone={onDone} />
              </td>
              {onSort && <td className="hide-narrow">{formatDate(r.createdAt)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
