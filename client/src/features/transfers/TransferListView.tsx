import { useId } from "react";
import { Link } from "react-router";
import { FormField } from "../../components/FormField";
import { PagedList } from "../../components/PagedList";
import {
  TRANSFER_SORT_FIELD_VALUES,
  TRANSFER_DIRECTION_VALUES,
  TRANSFER_STATUS_VALUES,
  useTransferListQuery,
  type TransferDirection,
  type TransferListQuery,
  type TransferFilter,
  type TransferSortField,
  type TransferStatus,
} from "../../graphql/generated";
import { ExportButton, listExportUrl } from "../../components/ExportButton";
import { SortHeader } from "../../components/SortHeader";
import { formatSort, pageVariables, parseSort, type SortValue } from "../../lib/list-paging";
import { ResellerLink } from "../network/components/ResellerLink";
import { useI18n } from "../../lib/i18n";
import { useUrlParams } from "../../lib/url-params";
import { SavedViews } from "../../components/SavedViews";
import { canSaveViews, isResellerOnly, useViewer } from "../shell/viewer";
import { ExpiryCountdown, TransferStatusBadge } from "./transfer-ui";
import { TRANSFER_FILTER_KEYS, transferListParams, transferUrl, transferWizardUrl } from "./urls";
import "./messages";

const PAGE_SIZE = 20;

type TransferRow = TransferListQuery["transfers"]["nodes"][number];

/** /transfers: every transfer where the viewer's network is the source, the target or the named reseller. */
export function TransferListView() {
  const { t } = useI18n();
  const viewer = useViewer();
  const [url, setUrl] = useUrlParams(transferListParams);
  const { status: statuses, direction } = url;
  const statusLegendId = useId();

  const sort = parseSort(url.sort, TRANSFER_SORT_FIELD_VALUES);
  const filter: TransferFilter = {};
  if (statuses.length) filter.status = statuses;
  if (direction) filter.direction = direction;
  if (url.customerId) filter.customerId = url.customerId;
  if (url.expires) filter.expiresBefore = url.expires;
  const { data, previousData, loading, error, refetch } = useTransferListQuery({
    variables: { filter, ...pageVariables(url, PAGE_SIZE), orderBy: sort },
    fetchPolicy: "cache-and-network",
  });
  const connection = (data ?? previousData)?.transfers;

  const onSort = (next: SortValue<TransferSortField> | null) => setUrl({ sort: formatSort(next) });

  function toggleStatus(status: TransferStatus, on: boolean) {
    // The URL keeps the statuses in one canonical order: the cache key does not depend on click order.
    setUrl({ status: on ? [...statuses, status] : statuses.filter((s) => s !== status) });
  }

  const filtered = statuses.length > 0 || Boolean(direction) || Boolean(url.customerId) || Boolean(url.expires);
  const filteredCustomer = url.customerId
    ? connection?.nodes.find((n) => n.customer?.id === url.customerId)?.customer
    : undefined;

  return (
    <section aria-labelledby="transfers-title">
      <div className="xfer-head">
        <h1 id="transfers-title">{t("transfers.list.title")}</h1>
        {!isResellerOnly(viewer) && viewer.permissions.canTransfer && (
          <Link className="xfer-button-link" to={transferWizardUrl()}>
            {t("transfers.list.new")}
          </Link>
        )}
        {/* A reseller cannot transfer itself (R22): the path that exists is TRANSFER requests to its provider,
            chosen at /transfers/new (or from a subscription's actions on the customer's page). */}
        {isResellerOnly(viewer) && viewer.permissions.canTransfer && (
          <Link className="xfer-button-link" to={transferWizardUrl()}>
            {t("transfers.list.askProvider")}
          </Link>
        )}
      </div>
      <p className="hint">
        {isResellerOnly(viewer) ? t("transfers.list.introReseller") : t("transfers.list.intro")}
        {isResellerOnly(viewer) && viewer.permissions.canTransfer && <> {t("transfers.list.askProviderHow")}</>}
      </p>

      <form className="filters xfer-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <fieldset className="xfer-status-filter" aria-labelledby={statusLegendId}>
          <legend id={statusLegendId}>{t("transfers.filter.status")}</legend>
          {TRANSFER_STATUS_VALUES.map((s) => (
            <label key={s} className="xfer-check">
              <input
                type="checkbox"
                checked={statuses.includes(s)}
                onChange={(e) => toggleStatus(s, e.target.checked)}
              />
              {t(`transfers.status.${s}`)}
            </label>
          ))}
        </fieldset>
        <FormField label={t("transfers.filter.direction")}>
          <select
            value={direction ?? ""}
            onChange={(e) => setUrl({ direction: (e.target.value || null) as TransferDirection | null })}
          >
            <option value="">{t("transfers.filter.direction.all")}</option>
            {TRANSFER_DIRECTION_VALUES.map((d) => (
              <option key={d} value={d}>
                {t(`transfers.direction.${d}`)}
              </option>
            ))}
          </select>
        </FormField>
        {url.customerId && (
          <p className="xfer-chip">
            {t("transfers.filter.customer", { name: filteredCustomer?.name ?? t("transfers.filter.oneCustomer") })}{" "}
            <button type="button" className="secondary" onClick={() => setUrl({ customerId: null })}>
              {t("transfers.filter.customer.clear")}
            </button>
          </p>
        )}
        {url.expires && (
          <p className="xfer-chip">
            {t("transfers.filter.expires", { date: url.expires })}{" "}
            <button type="button" className="secondary" onClick={() => setUrl({ expires: null })}>
              {t("transfers.filter.expires.clear")}
            </button>
          </p>
        )}
        {filtered && (
          <button
            type="button"
            className="secondary"
            onClick={() => setUrl({ status: null, direction: null, customerId: null, expires: null })}
          >
            {t("transfers.filter.clear")}
          </button>
        )}
      </form>

      <div className="list-tools">
        <SavedViews list="TRANSFERS" filterKeys={TRANSFER_FILTER_KEYS} canSave={canSaveViews(viewer)} />
        <ExportButton url={listExportUrl("transfers", filter, url.sort)} filename="transfers.csv" />
      </div>

      <PagedList
        connection={connection}
        loading={loading}
        error={error}
        onRetry={() => void refetch()}
        emptyText={filtered ? t("transfers.list.emptyFiltered") : t("transfers.list.empty")}
        after={url.after || url.before || url.last}
        onPage={(after) => setUrl({ after }, { keepCursor: true })}
        paging={{ values: url, onMove: (move) => setUrl(move, { keepCursor: true }) }}
      >
        {(page) => (
          <div className="table-wrap">
            <table className="xfer-table">
              <caption className="sr-only">{t("transfers.list.caption")}</caption>
              <thead>
                <tr>
                  <SortHeader field="CUSTOMER_NAME" sort={sort} onSort={onSort}>
                    {t("transfers.col.customer")}
                  </SortHeader>
                  <th scope="col">{t("transfers.col.parties")}</th>
                  <th scope="col" className="hide-narrow">
                    {t("transfers.col.lines")}
                  </th>
                  <th scope="col">{t("transfers.col.status")}</th>
                  <SortHeader field="CREATED_AT" sort={sort} onSort={onSort} className="hide-narrow">
                    {t("transfers.col.created")}
                  </SortHeader>
                </tr>
              </thead>
              <tbody>
                {page.nodes.map((row) => (
                  <TransferListRow key={row.id} row={row} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </PagedList>
    </section>
  );
}

function TransferListRow({ row }: { row: TransferRow }) {
  const { t, formatDate } = useI18n();
  const lines = row.subscriptions.length;
  return (
    <tr>
      <td>
        <Link to={transferUrl(row.id)}>{row.customer?.name ?? t("transfers.customer.unknown")}</Link>
        <div className="xfer-sub">
          <span className={`xfer-dir xfer-dir-${row.direction.toLowerCase()}`}>
            {t(`transfers.direction.${row.direction}`)}
          </span>
          <span className="xfer-show-narrow"> · {t("transfers.lines", { count: lines })}</span>
        </div>
      </td>
      <td>
        <span className="xfer-parties">
          <span>{row.sourcePartner.name}</span>
          <span aria-hidden="true"> → </span>
          <span className="sr-only"> {t("transfers.to")} </span>
          <span>{row.targetPartner.name}</span>
        </span>
        {row.reseller && (
          <div className="xfer-sub">
            <ResellerLink reseller={row.reseller} sentence={(name) => t("transfers.forReseller", { name })} />
          </div>
        )}
      </td>
      <td className="hide-narrow">{lines}</td>
      <td>
        <TransferStatusBadge status={row.status} />
        {row.status === "PENDING" && (
          <div className="xfer-sub">
            <ExpiryCountdown daysLeft={row.daysLeft} />
          </div>
        )}
        {row.status === "EXPIRED" && (
          <div className="xfer-sub">{t("transfers.expiredOn", { date: formatDate(row.expiresOn) })}</div>
        )}
      </td>
      <td className="hide-narrow">{formatDate(row.createdAt)}</td>
    </tr>
  );
}
