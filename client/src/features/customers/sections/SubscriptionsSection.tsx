import { useEffect } from "react";
import { useLocation } from "react-router";
import {
  SALES_CHANNEL_VALUES,
  useCustomerOpenProviderRequestsQuery,
  useCustomerProviderOptionsQuery,
  useCustomerResellerOptionsQuery,
  useCustomerSubscriptionsQuery,
  type SalesChannel,
} from "../../../graphql/generated";
import { FormField } from "../../../components/FormField";
import { PagedList } from "../../../components/PagedList";
import { useI18n } from "../../../lib/i18n";
import { useUrlParams } from "../../../lib/url-params";
import { HandlingRequest } from "../../requests/components/HandlingRequest";
import { isProvider, isResellerOnly, useViewer } from "../../shell/viewer";
import { SubscriptionGroups } from "../components/SubscriptionGroups";
import { transferWizardUrl } from "../../transfers/urls";
import type { ProviderOption, ResellerOption } from "../components/options";
import { customerPageParams } from "../urls";
import { OrderPanel } from "./OrderPanel";
import { OrderThroughProvider } from "./OrderThroughProvider";
import { RegisterPanel } from "./RegisterPanel";
import { useSubscriptionActions } from "./use-subscription-actions";

const PAGE_SIZE = 50;

/**
 * The section's queries. They need only the customer's id (from the address), the URL's parameters and the viewer,
 * so CustomerView runs this too, beside the customer's own query: the subscriptions load at the same time as the
 * header instead of after it (Apollo sends one request for both callers and shares the answer). `early` leaves out
 * the open requests: they are fetched again whenever the section mounts (cache-and-network), so starting them
 * early would send them twice.
 */
export function useSubscriptionsSectionQueries(customerId: string, early = false) {
  const viewer = useViewer();
  const provider = isProvider(viewer);
  const resellerOnly = isResellerOnly(viewer);
  const [url] = useUrlParams(customerPageParams);
  const subs = useCustomerSubscriptionsQuery({
    variables: {
      filter: { customerId, ...(url.channel ? { channel: [url.channel] } : {}) },
      first: PAGE_SIZE,
      after: url.after || null,
      transferResellerId: provider && url.transferReseller ? url.transferReseller : null,
    },
  });
  const resellersQ = useCustomerResellerOptionsQuery({ skip: !provider });
  const providersQ = useCustomerProviderOptionsQuery({ skip: !resellerOnly });
  const openQ = useCustomerOpenProviderRequestsQuery({
    variables: { customerId },
    skip: early || !resellerOnly,
    fetchPolicy: "cache-and-network",
  });
  return { subs, resellersQ, providersQ, openQ };
}

/**
 * The customer's subscriptions from every channel: "Order subscription" and "Register from another channel"
 * panels, the provider request being handled, the channel filter (and, for providers, the reseller a transfer
 * decision is for), the subscriptions grouped by channel with their decisions and actions, and the pager.
 */
export function SubscriptionsSection({ customer }: { customer: { id: string; name: string } }) {
  const { t } = useI18n();
  const viewer = useViewer();
  const { canOrder, canManageCustomers, canTransfer } = viewer.permissions;
  const provider = isProvider(viewer);
  const resellerOnly = isResellerOnly(viewer);
  // What the role can ever do here: the controls it cannot use are not offered (viewer.permissions).
  const canOrderHere = canOrder;
  const canRegister = canManageCustomers;
  const [url, setUrl] = useUrlParams(customerPageParams);
  const { hash } = useLocation();
  const targetId = hash.startsWith("#sub-") ? decodeURIComponent(hash.slice(5)) : null;

  const { subs, resellersQ, providersQ, openQ } = useSubscriptionsSectionQueries(customer.id);
  const connection = (subs.data ?? subs.previousData)?.subscriptions;

  // Providers: their resellers (reseller of record on orders, "transfer for" decisions).
  const resellers: ResellerOption[] | null = provider
    ? (resellersQ.data?.resellers.nodes ?? []).map((p) => ({
        id: p.reseller.id,
        name: p.reseller.name,
        partnerId: p.reseller.partnerId,
        complianceFlags: p.complianceFlags,
      }))
    : null;

  // Resellers: their providers (whom to ask, R22) and what they already asked for this customer.
  const providers: ProviderOption[] = (providersQ.data?.providers.nodes ?? []).map((p) => ({ ...p.provider }));
  const openRequests = openQ.data?.providerRequests.nodes ?? [];

  const actions = useSubscriptionActions(customer.id);

  // A link to one subscription (`#sub-<id>`, e.g. a request's "Do it"): bring it into view once listed.
  const listed = Boolean(connection);
  useEffect(() => {
    if (targetId && listed) document.getElementById(`sub-${targetId}`)?.scrollIntoView?.({ block: "center" });
  }, [targetId, listed]);

  const togglePanel = (panel: "order" | "register") =>
    setUrl({ panel: url.panel === panel ? null : panel }, { keepCursor: true });

  return (
    <section className="panel" aria-labelledby="subs-heading">
      <div className="page-head">
        <h2 id="subs-heading">
          {t("customers.subs.title")}
          {connection && <small className="muted"> ({connection.totalCount})</small>}
        </h2>
        {(canOrderHere || canRegister) && (
          <div className="form-actions">
            {canOrderHere && (
              <button
                type="button"
                className={url.panel === "order" ? undefined : "secondary"}
                aria-expanded={url.panel === "order"}
                aria-controls="add-panel"
                onClick={() => togglePanel("order")}
              >
                {resellerOnly ? t("customers.ask.orderTitle") : t("customers.order.open")}
              </button>
            )}
            {canRegister && (
              <button
                type="button"
                className={url.panel === "register" ? undefined : "secondary"}
                aria-expanded={url.panel === "register"}
                aria-controls="add-panel"
                onClick={() => togglePanel("register")}
              >
                {t("customers.register.open")}
              </button>
            )}
          </div>
        )}
      </div>

      {url.request && <HandlingRequest requestId={url.request} scrollIntoView={!targetId} />}

      <div id="add-panel">
        {url.panel === "order" &&
          canOrderHere &&
          (resellerOnly ? (
            <OrderThroughProvider customer={customer} openOrders={openRequests.filter((r) => r.action === "ORDER")} />
          ) : (
            <OrderPanel customerId={customer.id} resellers={resellers} readOnlyReason={null} />
          ))}
        {url.panel === "register" && canRegister && <RegisterPanel customerId={customer.id} readOnlyReason={null} />}
      </div>

      <div className="filters">
        <FormField label={t("customers.subs.channelFilter")}>
          <select
            value={url.channel ?? ""}
            onChange={(e) => setUrl({ channel: (e.target.value || null) as SalesChannel | null })}
          >
            <option value="">{t("customers.subs.allChannels")}</option>
            {SALES_CHANNEL_VALUES.map((c) => (
              <option key={c} value={c}>
                {t(`customers.channel.${c}`)}
              </option>
            ))}
          </select>
        </FormField>
        {resellers && (
          <FormField label={t("customers.subs.transferFor")} hint={t("customers.subs.transferForHint")}>
            <select
              value={url.transferReseller}
              onChange={(e) => setUrl({ transferReseller: e.target.value }, { keepCursor: true })}
            >
              <option value="">{t("customers.subs.transferForNone")}</option>
              {resellers.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </FormField>
        )}
      </div>

      <PagedList
        connection={connection}
        loading={subs.loading}
        error={subs.error}
        onRetry={() => void subs.refetch()}
        emptyText={url.channel ? t("customers.subs.emptyChannel") : t("customers.subs.empty")}
        after={url.after}
        onPage={(after) => setUrl({ after }, { keepCursor: true })}
      >
        {(page) => (
          <SubscriptionGroups
            subscriptions={page.nodes}
            outcomes={actions.outcomes}
            targetId={targetId}
            act={
              resellerOnly
                ? null
                : {
                    canChange: canOrder,
                    transferUrl: canTransfer ? transferWizardUrl({ customerId: customer.id }) : null,
                    viewerPartnerId: viewer.partner.id,
                    pending: actions.pending,
                    onAction: (s, a) => void actions.run(s, a),
                  }
            }
            askProvider={
              resellerOnly
                ? {
                    viewerPartnerId: viewer.partner.id,
                    providers,
                    openRequests,
                    pending: actions.pending,
                    canAskChanges: canOrder,
                    canAskTransfer: canTransfer,
                    disabledReason: providersQ.data && providers.length === 0 ? t("customers.ask.noProvider") : null,
                    onAsk: (s, a, providerId, note) => void actions.ask(s, a, providerId, note),
                  }
                : null
            }
          />
        )}
      </PagedList>
    </section>
  );
}
