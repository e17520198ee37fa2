import { useI18n } from "../../../lib/i18n";
import { FormErrors } from "../../../components/FormField";
import { useId } from "react";
import { ReasonList, type DecisionView } from "../../../components/Reasons";
import type { UserErrorLike } from "../../../lib/user-errors";
import type { CustomerPageQuery } from "../../../graphql/generated";
import { AcceptanceLink } from "./AcceptanceLink";
import { ConfirmButton } from "../../../components/ConfirmButton";
import "../messages";
import "../page-messages";
import { ResellerLink } from "../../network/components/ResellerLink";

type PageNode = Extract<NonNullable<CustomerPageQuery["node"]>, { __typename: "Customer" }>;
export type RelationshipRow = PageNode["relationships"][number];

const STATUS_BADGE: Record<string, string> = { ACTIVE: "badge-ok", REQUESTED: "badge-warn", REMOVED: "badge-neutral" };

/**
 * The network's relationships with the customer and the acceptance links still open; below, for a partner that can
 * remove relationships, "Manage relationship" (closed until asked for): "Remove relationship", disabled with its
 * reasons while it is not allowed.
 */
export function RelationshipsPanel({
  customerName,
  relationships,
  viewerPartnerId,
  removal,
  pending,
  errors,
  removed,
  canManage,
  onRemove,
}: {
  customerName: string;
  relationships: readonly RelationshipRow[];
  viewerPartnerId: string;
  /** The REMOVE_RELATIONSHIP decision for the viewer's partner. */
  removal: DecisionView | null;
  pending: boolean;
  errors: readonly UserErrorLike[];
  removed: boolean;
  /** The viewer's role and partner type can ever remove a relationship: "Manage relationship" is shown. */
  canManage: boolean;
  onRemove(): void;
}) {
  const { t, formatDate } = useI18n();
  const reasonsId = useId();
  const mine = relationships.find((r) => r.partner.id === viewerPartnerId && r.status === "ACTIVE");
  return (
    <section className="panel" aria-labelledby="rel-heading">
      <h2 id="rel-heading">{t("customers.rel.title")}</h2>
      {relationships.length === 0 ? (
        <p className="state-empty">{t("customers.rel.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="stack">
            <thead>
              <tr>
                <th scope="col">{t("customers.rel.partner")}</th>
                <th scope="col">{t("customers.rel.status")}</th>
                <th scope="col">{t("customers.rel.dap")}</th>
                <th scope="col">{t("customers.rel.dates")}</th>
              </tr>
            </thead>
            <tbody>
              {relationships.map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.partner.types.includes("INDIRECT_RESELLER") ? (
                      <ResellerLink reseller={r.partner} />
                    ) : (
                      r.partner.name
                    )}
                    {r.partner.id === viewerPartnerId && <small className="muted"> ({t("customers.rel.you")})</small>}
                    <br />
                    <small className="muted">{r.partner.types.map((ty) => t(`type.${ty}`)).join(", ")}</small>
                  </td>
                  <td data-label={t("customers.rel.status")}>
                    <span className={`badge ${STATUS_BADGE[r.status] ?? "badge-neutral"}`}>
                      {t(`customers.rel.${r.status}`)}
                    </span>
                    {r.status === "REQUESTED" && r.acceptanceUrl && (
                      <AcceptanceLink
                        path={r.acceptanceUrl}
                        label={t("customers.rel.linkFor", { partner: r.partner.name })}
                      />
                    )}
                  </td>
                  <td data-label={t("customers.rel.dap")}>
                    {r.includesDelegatedAdmin ? t("customers.yes") : t("customers.no")}
                  </td>
                  <td data-label={t("customers.rel.dates")} className="span-all">
                    <small>
                      {t("customers.rel.requestedAt", { date: formatDate(r.requestedAt) })}
                      {r.acceptedAt && (
                        <>
                          <br />
                          {r.acceptedBy
                            ? t("customers.rel.acceptedAtBy", { date: formatDate(r.acceptedAt), by: r.acceptedBy })
                            : t("customers.rel.acceptedAt", { date: formatDate(r.acceptedAt) })}
                        </>
                      )}
                      {r.removedAt && (
                        <>
                          <br />
                          {t("customers.rel.removedAt", { date: formatDate(r.removedAt) })}
                        </>
                      )}
                    </small>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {canManage && (mine || removal) && (
        <details className="manage-rel" open={removed || errors.length > 0 || undefined}>
          <summary>{t("customers.rel.manage")}</summary>
          <p className="hint">{t("customers.rel.manageHint")}</p>
          {removed && (
            <p className="success" role="status">
              {t("customers.rel.removed", { name: customerName })}
            </p>
          )}
          <FormErrors errors={errors} />
          <ConfirmButton
            label={t("customers.rel.remove")}
            disabled={removal ? !removal.eligible : false}
            describedBy={removal && !removal.eligible ? reasonsId : undefined}
            danger
            pending={pending}
            question={t("customers.rel.removeQuestion", { name: customerName })}
            confirmLabel={t("customers.rel.removeConfirm")}
            onConfirm={onRemove}
          />
          {removal && (
            <div id={reasonsId}>
              <ReasonList decision={removal} />
            </div>
          )}
        </details>
      )}
    </section>
  );
}
