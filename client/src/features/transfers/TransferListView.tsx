import { useId } from "react";
import { Link } from "react-router";
import { DataState } from "../../components/DataState";
import { FormField } from "../../components/FormField";
import { Pager } from "../../components/Pager";
import {
  useTransferListQuery,
  type TransferDirection,
  type TransferListQuery,
  type TransferStatus,
} from "../../graphql/generated";
import { useI18n } from "../../lib/i18n";
import { useUrlState } from "../../lib/url-state";
import { isResellerOnly, useViewer } from "../shell/viewer";
import { ExpiryCountdown, TRANSFER_STATUSES, TransferStatusBadge } from "./transfer-ui";
import "./messages";

const PAGE_SIZE = 20;
const DIRECTIONS: readonly TransferDirection[] = ["INCOMING", "OUTGOING"];

type TransferRow = TransferListQuery["transfers"]["nodes"][number];

/** `status=PENDING,EXPIRED` in the URL: known values only, in one canonical order (one cache entry per set). */
function parseStatuses(raw: string): TransferStatus[] {
  const listed = raw.split(",");
  return TRANSFER_STATUSES.filter((s) => listed.includes(s));
}

/** /transfers: every transfer where the viewer's network is the source, the target or the named reseller. */
export function TransferListView() {
  const { t } = useI18n();
  const viewer = useViewer();
  const [url, setUrl] = useUrlState(["status", "direction", "customerId", "after"] as const);
  const statuses = parseStatuses(url.status);
  const direction = (DIRECTIONS as readonly string[]).includes(url.direction)
    ? (url.direction as TransferDirection)
    : undefined;
  const statusLegendId = useId();

  const { data, previousData, loading, error, refetch } = useTransferListQuery({
    variables: {
      filter: {
        status: statuses.length ? statuses : undefined,
        direction,
        customerId: url.customerId || undefined,
      },
      first: PAGE_SIZE,
      after: url.after || undefined,
    },
    fetchPolicy: "cache-and-network",
  });
  const connection = (data ?? previousData)?.transfers;

  function toggleStatus(status: TransferStatus, on: boolean) {
    const next = on ? [...statuses, status] : statuses.filter((s) => s !== status);
    // Keep the canonical order so the URL (and the cache key) does not depend on click order.
    setUrl({ status: TRANSFER_STATUSES.filter((s) => next.includes(s)).join(",") });
  }

  const filtered = statuses.length > 0 || Boolean(direction) || Boolean(url.customerId);
  const filteredCustomer = url.customerId
    ? connection?.nodes.find((n) => n.customer?.id === url.customerId)?.customer
    : undefined;

  return (
    <section aria-labelledby="transfers-title">
      <div className="xfer-head">
        <h1 id="transfers-title">{t("transfers.list.title")}</h1>
        {!isResellerOnly(viewer) && (
          <Link className="xfer-button-link" to="/transfers/new">
            {t("transfers.list.new")}
          </Link>
        )}
      </div>
      <p className="hint">{isResellerOnly(viewer) ? t("transfers.list.introReseller") : t("transfers.list.intro")}</p>

      <form className="filters xfer-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <fieldset className="xfer-status-filter" aria-labelledby={statusLegendId}>
          <legend id={statusLegendId}>{t("transfers.filter.status")}</legend>
          {TRANSFER_STATUSES.map((s) => (
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
          <select value={direction ?? ""} onChange={(e) => setUrl({ direction: e.target.value })}>
            <option value="">{t("transfers.filter.direction.all")}</option>
            {DIRECTIONS.map((d) => (
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
        {filtered && (
          <button
            type="button"
            className="secondary"
            onClick={() => setUrl({ status: null, direction: null, customerId: null })}
          >
            {t("transfers.filter.clear")}
          </button>
        )}
      </form>

      <DataState
        loading={loading && !connection}
        error={connection ? null : error}
        empty={connection?.nodes.length === 0}
        emptyText={filtered ? t("transfers.list.emptyFiltered") : t("transfers.list.empty")}
        onRetry={() => void refetch()}
      >
        {connection && (
          <>
            {error && (
              <p role="alert" className="state-error">
                {t("common.error", { message: error.message })}
              </p>
            )}
            <div className="table-wrap">
              <table className="xfer-table" aria-busy={loading || undefined}>
                <caption className="sr-only">{t("transfers.list.caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("transfers.col.customer")}</th>
                    <th scope="col">{t("transfers.col.parties")}</th>
                    <th scope="col" className="hide-narrow">
                      {t("transfers.col.lines")}
                    </th>
                    <th scope="col">{t("transfers.col.status")}</th>
                    <th scope="col" className="hide-narrow">
                      {t("transfers.col.created")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {connection.nodes.map((row) => (
                    <TransferListRow key={row.id} row={row} />
                  ))}
                </tbody>
              </table>
            </div>
            <Pager
              totalCount={connection.totalCount}
              hasNextPage={connection.pageInfo.hasNextPage}
              endCursor={connection.pageInfo.endCursor}
              after={url.after}
              onPage={(after) => setUrl({ after }, { keepCursor: true })}
            />
          </>
        )}
      </DataState>
    </section>
  );
}

function TransferListRow({ row }: { row: TransferRow }) {
  const { t, formatDate } = useI18n();
  const lines = row.subscriptions.length;
  return (
    <tr>
      <td>
        <Link to={`/transfers/${encodeURIComponent(row.id)}`}>
          {row.customer?.name ?? t("transfers.customer.unknown")}
        </Link>
        <div className="xfer-sub">
          <span className={`xfer-dir xfer-dir-${row.direction.toLowerCase()}`}>
            {t(`transfers.direction.${row.direction}`)}
          </span>
          <span className="xfer-show-narrow">
            {" "}
            · {t(lines === 1 ? "transfers.lines.one" : "transfers.lines.many", { count: lines })}
          </span>
        </div>
      </td>
      <td>
        <span className="xfer-parties">
          <span>{row.sourcePartner.name}</span>
          <span aria-hidden="true"> → </span>
          <span className="sr-only"> {t("transfers.to")} </span>
          <span>{row.targetPartner.name}</span>
        </span>
        {row.reseller && <div className="xfer-sub">{t("transfers.forReseller", { name: row.reseller.name })}</div>}
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
