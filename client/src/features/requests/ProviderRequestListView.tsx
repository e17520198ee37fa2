import { useState } from "react";
import { Link } from "react-router";
import { dashboardUrl } from "../dashboard/urls";
import { FormField } from "../../components/FormField";
import { PagedList } from "../../components/PagedList";
import {
  PROVIDER_REQUEST_SORT_FIELD_VALUES,
  PROVIDER_REQUEST_DIRECTION_VALUES,
  PROVIDER_REQUEST_STATUS_VALUES,
  useRequestsListQuery,
  type ProviderRequestDirection,
  type ProviderRequestFilter,
  type ProviderRequestStatus,
} from "../../graphql/generated";
import { ExportButton, listExportUrl } from "../../components/ExportButton";
import { formatSort, pageVariables, parseSort } from "../../lib/list-paging";
import "../network/reseller-page-messages";
import { useI18n } from "../../lib/i18n";
import { useUrlParams, type ParamChanges } from "../../lib/url-params";
import { SavedViews } from "../../components/SavedViews";
import { canSaveViews, isProvider, usesProviderRequests, useViewer } from "../shell/viewer";
import { RequestTable } from "./components/RequestTable";
import { REQUEST_FILTER_KEYS, requestListParams } from "./urls";
import "./messages";
import "../customers/customers.css";
import "./requests.css";

const PAGE_SIZE = 20;

/**
 * /requests — what indirect resellers ask their providers to do for them (R22). A provider answers the requests it
 * received (do it, then mark fulfilled, or decline); a reseller follows the ones it sent and may withdraw them.
 * Filters (`status`, `direction`) and the page cursor live in the URL.
 */
export function ProviderRequestListView() {
  const { t } = useI18n();
  const viewer = useViewer();
  if (!usesProviderRequests(viewer)) {
    return (
      <section className="cust">
        <h1>{t("requests.title")}</h1>
        <p className="notice">{t("requests.notIndirect")}</p>
        <Link to={dashboardUrl()}>{t("requests.backToDashboard")}</Link>
      </section>
    );
  }
  return <RequestList />;
}

function RequestList() {
  const { t } = useI18n();
  const viewer = useViewer();
  const [url, setUrl] = useUrlParams(requestListParams);
  const [notice, setNotice] = useState<string | null>(null);
  const { status, direction } = url;
  const provider = isProvider(viewer);
  const reseller = viewer.partner.types.includes("INDIRECT_RESELLER");

  const sort = parseSort(url.sort, PROVIDER_REQUEST_SORT_FIELD_VALUES);
  const filter: ProviderRequestFilter = {};
  if (status) filter.status = [status];
  if (direction) filter.direction = direction;
  if (provider && url.reseller) filter.resellerId = url.reseller;
  const { data, previousData, loading, error, refetch } = useRequestsListQuery({
    variables: { filter, ...pageVariables(url, PAGE_SIZE), orderBy: sort },
    fetchPolicy: "cache-and-network",
  });
  const connection = (data ?? previousData)?.providerRequests;
  const filtered = Boolean(status || direction || filter.resellerId);
  const resellerName = filter.resellerId
    ? connection?.nodes.find((n) => n.reseller.id === filter.resellerId)?.reseller.name
    : undefined;

  function change(changes: ParamChanges<typeof requestListParams>) {
    setNotice(null);
    setUrl(changes);
  }

  return (
    <section className="cust reqs" aria-labelledby="requests-title">
      <h1 id="requests-title">{t("requests.title")}</h1>
      <p className="hint">
        {provider && reseller
          ? t("requests.intro.both")
          : provider
            ? t("requests.intro.provider")
            : t("requests.intro.reseller")}
      </p>

      <form className="filters" role="search" aria-label={t("requests.filters")} onSubmit={(e) => e.preventDefault()}>
        <FormField label={t("requests.filter.status")}>
          <select
            value={status ?? ""}
            onChange={(e) => change({ status: (e.target.value || null) as ProviderRequestStatus | null })}
          >
            <option value="">{t("requests.filter.anyStatus")}</option>
            {PROVIDER_REQUEST_STATUS_VALUES.map((s) => (
              <option key={s} value={s}>
                {t(`requests.status.${s}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t("requests.filter.direction")}>
          <select
            value={direction ?? ""}
            onChange={(e) => change({ direction: (e.target.value || null) as ProviderRequestDirection | null })}
          >
            <option value="">{t("requests.filter.bothDirections")}</option>
            {PROVIDER_REQUEST_DIRECTION_VALUES.map((d) => (
              <option key={d} value={d}>
                {t(`requests.direction.${d}`)}
              </option>
            ))}
          </select>
        </FormField>
        {filter.resellerId && (
          <p className="xfer-chip">
            {t("reseller.filter.chip", { name: resellerName ?? t("reseller.filter.oneReseller") })}{" "}
            <button type="button" className="secondary" onClick={() => change({ reseller: null })}>
              {t("reseller.filter.clear")}
            </button>
          </p>
        )}
        {filtered && (
          <button
            type="button"
            className="secondary"
            onClick={() => change({ status: null, direction: null, reseller: null })}
          >
            {t("requests.filter.clear")}
          </button>
        )}
      </form>

      <p role="status" className={notice ? "success" : "sr-only"}>
        {notice ?? ""}
      </p>

      <div className="list-tools">
        <SavedViews list="REQUESTS" filterKeys={REQUEST_FILTER_KEYS} canSave={canSaveViews(viewer)} />
        <ExportButton url={listExportUrl("requests", filter, url.sort)} filename="requests.csv" />
      </div>

      <PagedList
        connection={connection}
        loading={loading}
        error={error}
        onRetry={() => void refetch()}
        emptyText={
          filtered
            ? t("requests.emptyFiltered")
            : provider
              ? t("requests.empty.provider")
              : t("requests.empty.reseller")
        }
        after={url.after || url.before || url.last}
        onPage={(after) => setUrl({ after }, { keepCursor: true })}
        paging={{ values: url, onMove: (move) => setUrl(move, { keepCursor: true }) }}
      >
        {(page) => (
          <RequestTable
            rows={page.nodes}
            onDone={setNotice}
            sort={sort}
            onSort={(next) => setUrl({ sort: formatSort(next) })}
          />
        )}
      </PagedList>
    </section>
  );
}
