import { Link } from "react-router";
import {
  useSubscriptionsListQuery,
  useSubscriptionsResellerOptionsQuery,
  type EligibilityAction,
  type SubscriptionFilter,
  type SubscriptionStatus,
} from "../../graphql/generated";
import { DataState } from "../../components/DataState";
import { FormField } from "../../components/FormField";
import { Pager } from "../../components/Pager";
import { useI18n } from "../../lib/i18n";
import { useUrlState } from "../../lib/url-state";
import { isProvider, isResellerOnly, useViewer } from "../shell/viewer";
import { OFFER_KINDS, ROW_ACTIONS, SALES_CHANNELS, SUBSCRIPTION_STATUSES, parseList, parseOne } from "./enums";
import { SUBSCRIPTION_LIST_KEYS } from "./urls";
import { SubscriptionFilters, type SubscriptionFilterValues } from "./components/SubscriptionFilters";
import { SubscriptionTable } from "./components/SubscriptionTable";
import "./messages";
import "./subscriptions.css";

const PAGE_SIZE = 20;
/** Without a status in the URL the list shows live subscriptions; `status=any` shows every status. */
const DEFAULT_STATUSES: SubscriptionStatus[] = ["ACTIVE", "SUSPENDED"];
const FILTER_KEYS = [
  "status",
  "channel",
  "offerKind",
  "termEndsAfter",
  "termEndsBefore",
  "search",
  "reseller",
  "customer",
] as const;
const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

/** /subscriptions: every subscription in the network, filtered from the URL, with a decision per row. */
export function SubscriptionListView() {
  const { t } = useI18n();
  const viewer = useViewer();
  const provider = isProvider(viewer);
  const resellerOnly = isResellerOnly(viewer);
  const [url, setUrl] = useUrlState(SUBSCRIPTION_LIST_KEYS);

  const values: SubscriptionFilterValues = {
    status: url.status === "any" ? [] : url.status ? parseList(url.status, SUBSCRIPTION_STATUSES) : DEFAULT_STATUSES,
    channel: parseList(url.channel, SALES_CHANNELS),
    offerKind: parseOne(url.offerKind, OFFER_KINDS),
    termEndsAfter: isDate(url.termEndsAfter) ? url.termEndsAfter : "",
    termEndsBefore: isDate(url.termEndsBefore) ? url.termEndsBefore : "",
    search: url.search,
    reseller: provider ? url.reseller : "",
    customer: url.customer,
  };
  const action: EligibilityAction = parseOne(url.action, ROW_ACTIONS) ?? "SUPPORT";
  const actingFor = provider && action === "TRANSFER" && url.for ? url.for : null;

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
    variables: { first: PAGE_SIZE, after: url.after || null, filter, action, resellerId: actingFor },
  });
  const options = useSubscriptionsResellerOptionsQuery({ skip: !provider });
  const resellerOptions = provider
    ? (options.data?.resellers.nodes ?? []).map((n) => ({ id: n.reseller.id, name: n.reseller.name }))
    : undefined;

  const connection = (data ?? previousData)?.subscriptions;
  const rows = connection?.nodes ?? [];
  const customerName = values.customer ? rows.find((r) => r.customer.id === values.customer)?.customer.name : undefined;

  return (
    <section aria-labelledby="subs-title">
      <h1 id="subs-title">{t("subscriptions.title")}</h1>
      <p className="sub-lead">{t("subscriptions.intro")}</p>

      <SubscriptionFilters
        values={values}
        onChange={(changes) => setUrl(changes)}
        resellerOptions={resellerOptions}
        customerName={customerName}
        filtered={FILTER_KEYS.some((k) => url[k] !== "")}
      />

      <div className="filters sub-action-bar">
        <FormField label={t("subscriptions.action.label")} hint={t("subscriptions.action.hint")}>
          <select
            value={action}
            onChange={(e) => setUrl({ action: e.target.value === "SUPPORT" ? null : e.target.value })}
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
          {t("subscriptions.resellerOnly.notice")} <Link to="/providers">{t("subscriptions.resellerOnly.link")}</Link>
        </p>
      )}

      <DataState
        loading={loading && !connection}
        error={error}
        empty={!!connection && rows.length === 0}
        emptyText={t("subscriptions.empty")}
        onRetry={() => void refetch()}
      >
        {connection && (
          <div aria-busy={loading || undefined} className={loading ? "sub-refreshing" : undefined}>
            <SubscriptionTable rows={rows} action={action} viewerPartnerId={viewer.partner.id} />
            <Pager
              totalCount={connection.totalCount}
              hasNextPage={connection.pageInfo.hasNextPage}
              endCursor={connection.pageInfo.endCursor}
              after={url.after}
              onPage={(after) => setUrl({ after }, { keepCursor: true })}
            />
          </div>
        )}
      </DataState>
    </section>
  );
}
