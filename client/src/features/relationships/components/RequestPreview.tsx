import { useI18n } from "../../../lib/i18n";
import { DataState } from "../../../components/DataState";
import type { RelationshipPreviewQuery } from "../../../graphql/generated";
import "../messages";

export type RelationshipRequestPreview = NonNullable<RelationshipPreviewQuery["relationshipRequest"]>;

/**
 * What the link asks, before the signed-in admin accepts: the customer, the partners, whether DAP is requested and
 * until when the link works.
 */
export function RequestPreview({
  request,
  loading,
  error,
  onRetry,
}: {
  request: RelationshipRequestPreview | null;
  loading: boolean;
  error: { message: string } | null;
  onRetry(): void;
}) {
  const { t, formatDate } = useI18n();
  return (
    <section className="panel" aria-labelledby="accept-request-heading">
      <h2 id="accept-request-heading">{t("accept.request.title")}</h2>
      <DataState loading={loading && !request} error={request ? null : error} onRetry={onRetry}>
        {request && (
          <dl className="facts">
            <div>
              <dt>{t("accept.request.customer")}</dt>
              <dd>
                <strong>{request.customerName}</strong>
                <br />
                <span className="domain">{request.customerDomain}</span>
              </dd>
            </div>
            <div>
              <dt>{request.partnerNames.length > 1 ? t("accept.request.partners") : t("accept.request.partner")}</dt>
              <dd>
                <ul className="accept-partners">
                  {request.partnerNames.map((name) => (
                    <li key={name}>{name}</li>
                  ))}
                </ul>
              </dd>
            </div>
            <div>
              <dt>{t("accept.request.dap")}</dt>
              <dd>{request.includesDelegatedAdmin ? t("accept.request.dapYes") : t("accept.request.dapNo")}</dd>
            </div>
            <div>
              <dt>{t("accept.request.requestedAt")}</dt>
              <dd>{formatDate(request.requestedAt)}</dd>
            </div>
            <div>
              <dt>{t("accept.request.expiresAt")}</dt>
              <dd>{formatDate(request.requestExpiresAt)}</dd>
            </div>
          </dl>
        )}
      </DataState>
    </section>
  );
}
