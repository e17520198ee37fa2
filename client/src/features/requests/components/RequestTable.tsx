import { Link } from "react-router";
import { customerUrl } from "../../customers/urls";
import { useI18n } from "../../../lib/i18n";
import { RequestStatusBadge, requestWhat, type RequestRow } from "../request-ui";
import { RequestActions } from "./RequestActions";
import "../messages";

/**
 * Reseller → provider requests, newest first: what is asked, for which customer, between whom, the notes both
 * ways, the status and dates, and the viewer's actions. Rows become cards on narrow screens (.stack).
 */
export function RequestTable({ rows, onDone }: { rows: readonly RequestRow[]; onDone(message: string): void }) {
  const { t, locale, formatDate } = useI18n();
  return (
    <div className="table-wrap">
      <table className="stack req-table">
        <caption className="sr-only">{t("requests.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("requests.col.request")}</th>
            <th scope="col">{t("requests.col.customer")}</th>
            <th scope="col">{t("requests.col.between")}</th>
            <th scope="col">{t("requests.col.notes")}</th>
            <th scope="col">{t("requests.col.status")}</th>
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
                {r.direction === "RECEIVED"
                  ? t("requests.from", { name: r.reseller.name })
                  : t("requests.to", { name: r.provider.name })}
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
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
