import { useState } from "react";
import { Link } from "react-router";
import { providerListUrl } from "../network/urls";
import {
  useSubscriptionsListQuery,
  useSubscriptionsResellerOptionsQuery,
  SUBSCRIPTION_SORT_FIELD_VALUES,
  type EligibilityAction,
  type SubscriptionFilter,
} from "../../graphql/generated";
import { ExportButton, listExportUrl } from "../../components/ExportButton";
import { formatSort, pageVariables, parseSort } from "../../lib/list-paging";
import { FormField } from "../../components/FormField";
import { SavedViews } from "../../components/SavedViews";
import { PagedList } from "../../components/PagedList";
import { useI18n } from "../../lib/i18n";
import { changedParams, useUrlParams } from "../../lib/url-params";
import { canSaveViews, isProvider, isResellerOnly, useViewer } from "../shell/viewer";
import { ROW_ACTIONS, SUBSCRIPTION_FILTER_KEYS, subscriptionListParams, type RowAction } from "./urls";
import { SubscriptionFilters, type SubscriptionFilterValues } from "./components/SubscriptionFilters";
import { SubscriptionTable, type RowSelection, type SubscriptionRow } from "./components/SubscriptionTable";
import { BulkActions, type SelectedRow } from "./bulk/BulkActions";
import { bulkActionsFor, MAX_BULK_SELECTION } from "./bulk/bulk-actions";
import "./messages";
import "./subscriptions.css";
import { NetworkSyncIndicator } from "../../components/SyncedIndicator";

/** /subscriptions: every subscription in the network, filtered from the URL, with a decision per row. */
export function SubscriptionListView() {
  const { t } = useI18n();
  const viewer = useViewer();
  const provider = isProvider(viewer);
  const resellerOnly = isResellerOnly(viewer);
  const [url, setUrl] = useUrlParams(subscriptionListParams);

  const values: SubscriptionFilterValues = { ...url, reseller: provider ? url.reseller : "" };
  const action: EligibilityAction = url.action ?? "SUPPORT";
  const actingFor = provider && action === "TRANSFER" && url.for ? url.for : null;

  const sort = parseSort(url.sort, SUBSCRIPTION_SORT_FIELD_VALUES);
  const filter: SubscriptionFilter = {};
  if (values.status.length) filter.status = values.status;
  if (values.channel.length) filter.channel = values.channel;
  if (values.offerKind) filter.offerKind = values.offerKind;
  if (values.termEndsAfter) filter.termEndsAfter = values.termEndsAfter;
  if (values.termEndsBefore) filter.termEndsBefore = values.termEndsBefore;
  if (values.search) filter.search = values.search;
  if (values.reseller) filter.resellerId = values.reseller;
  if (values.customer) filter.customerId = values.customer;

  const { data, previousData, loading, error, refetch } = useSubscriptionsListQuery({
    variables: { ...pageVariables(url), orderBy: sort, filter, action, resellerId: actingFor },
  });
  const options = useSubscriptionsResellerOptionsQuery({ skip: !provider });
  const resellerOptions = provider
    ? (options.data?.resellers.nodes ?? []).map((n) => ({ id: n.reseller.id, name: n.reseller.name }))
    : undefined;

  // Bulk actions: only for roles offered one (viewer.permissions); the selection is kept across pages.
  const bulkActions = bulkActionsFor(viewer.permissions);
  const [selected, setSelected] = useState<ReadonlyMap<string, SelectedRow>>(new Map());
  const full = selected.size >= MAX_BULK_SELECTION;
  const selection: RowSelection | undefined = bulkActions.length
    ? {
        selected: new Set(selected.keys()),
        full,
        onToggle: (row, on) => setSelected((prev) => toggled(prev, [row], on)),
        onTogglePage: (rows, on) => setSelected((prev) => toggled(prev, rows, on)),
      }
    : undefined;

  const connection = (data ?? previousData)?.subscriptions;
  const rows = connection?.nodes ?? [];
  const customerName = values.customer ? rows.find((r) => r.customer.id === values.customer)?.customer.name : undefined;

  return (
    <section aria-labelledby="subs-title">
      <h1 id="subs-title">{t("subscriptions.title")}</h1>
      <p className="sub-lead">
        {t("subscriptions.intro")} <NetworkSyncIndicator />
      </p>

      <SubscriptionFilters
        values={values}
        onChange={(changes) => setUrl(changes)}
        resellerOptions={resellerOptions}
        customerName={customerName}
        filtered={changedParams(subscriptionListParams, url, SUBSCRIPTION_FILTER_KEYS).length > 0}
      />

      <div className="filters sub-action-bar">
        <FormField label={t("subscriptions.action.label")} hint={t("subscriptions.action.hint")}>
          <select
            value={action}
            onChange={(e) => {
              const next = e.target.value as RowAction;
              setUrl({ action: next === "SUPPORT" ? null : next });
            }}
          >
            {ROW_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`subscriptions.action.${a}`)}
              </option>
            ))}
          </select>
        </FormField>
        {provider && action === "TRANSFER" && (
          <FormField label={t("subscriptions.actingFor")} hint={t("subscriptions.actingFor.hint")}>
            <select value={actingFor ?? ""} onChange={(e) => setUrl({ for: e.target.value })}>
              <option value="">{t("subscriptions.actingFor.none")}</option>
              {(resellerOptions ?? []).map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </FormField>
        )}
      </div>

      {resellerOnly && action !== "SUPPORT" && (
        <p className="notice" role="note">
          {t("subscriptions.resellerOnly.notice")}{" "}
          <Link to={providerListUrl()}>{t("subscriptions.resellerOnly.link")}</Link>
        </p>
      )}

      <div className="list-tools">
        <SavedViews list="SUBSCRIPTIONS" filterKeys={SUBSCRIPTION_FILTER_KEYS} canSave={canSaveViews(viewer)} />
        <ExportButton url={listExportUrl("subscriptions", filter, url.sort)} filename="subscriptions.csv" />
      </div>

      {selection && selected.size > 0 && (
        <BulkActions
          selected={[...selected.values()]}
          actions={bulkActions}
          viewerPartnerId={viewer.partner.id}
          onClear={() => setSelected(new Map())}
          onFinished={() => void refetch()}
        />
      )}
      {full && (
        <p className="notice" role="note">
          {t("bulk.limit", { max: MAX_BULK_SELECTION })}
        </p>
      )}

      <PagedList
        connection={connection}
        loading={loading}
        error={error}
        onRetry={() => void refetch()}
        emptyText={t("subscriptions.empty")}
        after={url.after || url.before || url.last}
        onPage={(after) => setUrl({ after }, { keepCursor: true })}
        paging={{ values: url, onMove: (move) => setUrl(move, { keepCursor: true }) }}
      >
        {(page) => (
          <SubscriptionTable
            rows={page.nodes}
            action={action}
            viewerPartnerId={viewer.partner.id}
            sort={sort}
            onSort={(next) => setUrl({ sort: formatSort(next) })}
            selection={selection}
          />
        )}
      </PagedList>
    </section>
  );
}

/** The selection with `rows` added (up to MAX_BULK_SELECTION, in the order chosen) or removed. */
function toggled(
  prev: ReadonlyMap<string, SelectedRow>,
  rows: readonly SubscriptionRow[],
  on: boolean,
): ReadonlyMap<string, SelectedRow> {
  const next = new Map(prev);
  for (const r of rows) {
    if (!on) next.delete(r.id);
    else if (!next.has(r.id) && next.size < MAX_BULK_SELECTION) {
      next.set(r.id, { id: r.id, offerName: r.offerName, customerName: r.customer.name });
    }
  }
  return next;
}
