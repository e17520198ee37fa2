import { Link } from "react-router";
import { useI18n } from "../../../lib/i18n";
import type { CustomerListQuery, CustomerSortField } from "../../../graphql/generated";
import { SortHeader } from "../../../components/SortHeader";
import type { SortValue } from "../../../lib/list-paging";
import { customerUrl } from "../urls";
import "../messages";
import { ResellerLink } from "../../network/components/ResellerLink";

export type CustomerRow = CustomerListQuery["customers"]["nodes"][number];

const STATUS_BADGE: Record<string, string> = { ACTIVE: "badge-ok", REQUESTED: "badge-warn", REMOVED: "badge-neutral" };

/** Customers with their channels, the viewer's relationship and (for providers) the resellers involved. */
export function CustomerTable({
  customers,
  viewerPartnerId,
  showResellers,
  sort = null,
  onSort,
}: {
  customers: readonly CustomerRow[];
  viewerPartnerId: string;
  showResellers: boolean;
  /** With onSort, the name and country headers sort the list. */
  sort?: SortValue<CustomerSortField> | null;
  onSort?(next: SortValue<CustomerSortField> | null): void;
}) {
  const { t } = useI18n();
  const header = (field: CustomerSortField, label: string, className?: string) =>
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
      <table className="stack">
        <caption className="sr-only">{t("customers.list.caption")}</caption>
        <thead>
          <tr>
            {header("NAME", t("customers.col.name"))}
            {header("COUNTRY", t("customers.col.country"), "hide-narrow")}
            <th scope="col">{t("customers.col.channels")}</th>
            <th scope="col">{t("customers.col.yourRelationship")}</th>
            {showResellers && <th scope="col">{t("customers.col.resellers")}</th>}
            <th scope="col" className="hide-narrow">
              {t("customers.col.mca")}
            </th>
          </tr>
        </thead>
        <tbody>
          {customers.map((c) => {
            const mine = c.relationships.find((r) => r.partner.id === viewerPartnerId);
            const others = c.relationships.filter((r) => r.partner.id !== viewerPartnerId && r.status !== "REMOVED");
            return (
              <tr key={c.id}>
                <td>
                  <Link to={customerUrl(c.id)}>{c.name}</Link>
                  <br />
                  <small className="muted domain">{c.domain}</small>
                </td>
                <td className="hide-narrow">{c.country}</td>
                <td data-label={t("customers.col.channels")} className="span-all">
                  <span className="chips">
                    {c.channels.length === 0 && <span className="muted">{t("customers.channels.none")}</span>}
                    {c.channels.map((ch) => (
                      <span key={ch} className={`badge ${ch === "CSP" ? "badge-neutral" : "badge-warn"}`}>
                        {t(`customers.channel.${ch}`)}
                      </span>
                    ))}
                  </span>
                  {c.hasNonCspSubscriptions && <small className="action-note">{t("customers.multiChannel")}</small>}
                </td>
                <td data-label={t("customers.col.yourRelationship")}>
                  {mine ? (
                    <span className={`badge ${STATUS_BADGE[mine.status] ?? "badge-neutral"}`}>
                      {t(`customers.rel.${mine.status}`)}
                    </span>
                  ) : (
                    <span className="muted">{t("customers.rel.none")}</span>
                  )}
                </td>
                {showResellers && (
                  <td data-label={t("customers.col.resellers")}>
                    {others.length === 0 ? (
                      <span className="muted">—</span>
                    ) : (
                      others.map((r) => (
                        <div key={r.id}>
                          <ResellerLink reseller={r.partner} />{" "}
                          {r.status !== "ACTIVE" && <small className="muted">({t(`customers.rel.${r.status}`)})</small>}
                        </div>
                      ))
                    )}
                  </td>
                )}
                <td className="hide-narrow">{c.mcaAccepted ? t("customers.yes") : t("customers.no")}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
