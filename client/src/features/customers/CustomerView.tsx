import { useCallback, useEffect, useMemo, useState } from "react";
import { Link, useLocation, useParams } from "react-router";
import { useI18n } from "../../lib/i18n";
import { useUrlState } from "../../lib/url-state";
import type { UserErrorLike } from "../../lib/user-errors";
import { DataState } from "../../components/DataState";
import { Pager } from "../../components/Pager";
import { FormField } from "../../components/FormField";
import { ReasonList } from "../../components/Reasons";
import {
  useCustomerCancelSubscriptionMutation,
  useCustomerOrderPreviewQuery,
  useCustomerOrderSubscriptionMutation,
  useCustomerOpenProviderRequestsQuery,
  useCustomerPageQuery,
  useCustomerProviderOptionsQuery,
  useCustomerReactivateSubscriptionMutation,
  useCustomerRegisterExternalSubscriptionMutation,
  useCustomerRemoveRelationshipMutation,
  useCustomerRequestProviderActionMutation,
  useCustomerResellerOptionsQuery,
  useCustomerSubscriptionsQuery,
  useCustomerSuspendSubscriptionMutation,
  type CustomerOrderSubscriptionMutation,
  type CustomerPageActionResultFragment,
  type CustomerRegisterExternalSubscriptionMutation,
  type CustomerRemoveRelationshipMutation,
  type CustomerRequestProviderActionMutation,
  type EligibilityDecisionFieldsFragment,
  type OfferKind,
  type SalesChannel,
  type TermDuration,
} from "../../graphql/generated";
import { isProvider, isResellerOnly, useViewer } from "../shell/viewer";
import { CustomerHeader } from "./components/CustomerHeader";
import { RelationshipsPanel } from "./components/RelationshipsPanel";
import {
  SubscriptionGroups,
  type ActionOutcome,
  type SubscriptionAction,
  type SubscriptionRow,
} from "./components/SubscriptionGroups";
import { RegisterExternalForm, type RegisterExternalValues } from "./components/RegisterExternalForm";
import { OrderSubscriptionForm, type OrderPreviewInput, type OrderValues } from "./components/OrderSubscriptionForm";
import { CHANNELS, OFFER_KINDS, TERMS, type ProviderOption, type ResellerOption } from "./components/options";
import { OrderThroughProvider, SENT_REQUEST_QUERIES } from "./OrderThroughProvider";
import { refetchOnSuccess, requestFailure } from "./request-failure";
import { customerListUrl, newTransferUrl } from "./urls";
import { HandlingRequest } from "../requests/components/HandlingRequest";
import "./messages";
import "./customers.css";

const PAGE_SIZE = 50;
/**
 * `panel=order` opens the order form, prefilled by `offerName`, `offerId`, `offerKind`, `quantity`, `term` and
 * `reseller` (a provider following a reseller's request); `request` is the provider request being handled.
 */
const KEYS = [
  "channel",
  "after",
  "transferReseller",
  "panel",
  "request",
  "offerName",
  "offerId",
  "offerKind",
  "quantity",
  "term",
  "reseller",
] as const;
const PREFILL_CLEARED = { offerName: null, offerId: null, offerKind: null, quantity: null, term: null, reseller: null };
/** Queries a change on this page can affect; refetched (and awaited) after every mutation. */
const PAGE_QUERIES = ["CustomerPage", "CustomerSubscriptions"];

function fieldError(field: string, message: string): UserErrorLike {
  return { field: ["input", field], message, code: "INVALID_INPUT", ruleId: null };
}

function isWholeNumber(value: string) {
  return /^\d+$/.test(value.trim()) && Number(value) >= 1;
}

/** /customers/:customerId — the customer, its relationships and its subscriptions from every channel. */
export function CustomerView() {
  const { t } = useI18n();
  const { customerId = "" } = useParams();
  const viewer = useViewer();
  const provider = isProvider(viewer);
  const resellerOnly = isResellerOnly(viewer);
  const roleReadOnly = t("customers.readOnly", { role: t(`role.${viewer.user.role}`) });
  // Relationships and other channels' subscriptions: canManageCustomers. Orders and subscription changes (and a
  // reseller's requests for them): canOrder.
  const readOnlyReason = viewer.permissions.canManageCustomers ? null : roleReadOnly;
  const orderReadOnlyReason = viewer.permissions.canOrder ? null : roleReadOnly;
  const [url, setUrl] = useUrlState(KEYS);
  const { hash } = useLocation();
  const targetId = hash.startsWith("#sub-") ? decodeURIComponent(hash.slice(5)) : null;
  const orderPrefill = useMemo(
    () => ({
      ...(url.offerName ? { offerName: url.offerName } : {}),
      ...(url.offerId ? { offerId: url.offerId } : {}),
      ...((OFFER_KINDS as readonly string[]).includes(url.offerKind) ? { offerKind: url.offerKind as OfferKind } : {}),
      ...(/^\d+$/.test(url.quantity) ? { quantity: url.quantity } : {}),
      ...((TERMS as readonly string[]).includes(url.term) ? { termDuration: url.term as TermDuration } : {}),
      ...(url.reseller ? { resellerId: url.reseller } : {}),
    }),
    [url.offerName, url.offerId, url.offerKind, url.quantity, url.term, url.reseller],
  );

  const page = useCustomerPageQuery({ variables: { id: customerId } });
  const channel = (CHANNELS as readonly string[]).includes(url.channel) ? (url.channel as SalesChannel) : null;
  const subs = useCustomerSubscriptionsQuery({
    variables: {
      filter: { customerId, ...(channel ? { channel: [channel] } : {}) },
      first: PAGE_SIZE,
      after: url.after || null,
      transferResellerId: provider && url.transferReseller ? url.transferReseller : null,
    },
    notifyOnNetworkStatusChange: true,
  });
  const resellersQ = useCustomerResellerOptionsQuery({ skip: !provider });
  const resellers: ResellerOption[] | null = provider
    ? (resellersQ.data?.resellers.nodes ?? []).map((p) => ({
        id: p.reseller.id,
        name: p.reseller.name,
        partnerId: p.reseller.partnerId,
        complianceFlags: p.complianceFlags,
      }))
    : null;

  // Resellers: their providers (whom to ask, R22) and what they already asked for this customer.
  const providersQ = useCustomerProviderOptionsQuery({ skip: !resellerOnly });
  const providers: ProviderOption[] = (providersQ.data?.providers.nodes ?? []).map((p) => ({ ...p.provider }));
  const openQ = useCustomerOpenProviderRequestsQuery({
    variables: { customerId },
    skip: !resellerOnly,
    fetchPolicy: "cache-and-network",
  });
  const openRequests = openQ.data?.providerRequests.nodes ?? [];

  // ORDER preview, live while the order form changes (not for resellers: their provider orders).
  const [previewInput, setPreviewInput] = useState<OrderPreviewInput>({ offerKind: "LICENSE_BASED", resellerId: "" });
  const onPreviewChange = useCallback((input: OrderPreviewInput) => setPreviewInput(input), []);
  const previewQ = useCustomerOrderPreviewQuery({
    variables: {
      input: {
        action: "ORDER",
        customerId,
        offerKind: previewInput.offerKind,
        resellerId: previewInput.resellerId || null,
      },
    },
    skip: resellerOnly || url.panel !== "order",
    notifyOnNetworkStatusChange: true,
  });

  // Remove relationship
  const [removeRelationship, removeState] = useCustomerRemoveRelationshipMutation({
    refetchQueries: refetchOnSuccess(
      (d: CustomerRemoveRelationshipMutation) => d.removeCustomerRelationship,
      PAGE_QUERIES,
    ),
    awaitRefetchQueries: true,
  });
  const [removeErrors, setRemoveErrors] = useState<UserErrorLike[]>([]);
  const [removed, setRemoved] = useState(false);
  async function remove() {
    setRemoved(false);
    try {
      const { data } = await removeRelationship({ variables: { input: { customerId } } });
      const payload = data?.removeCustomerRelationship;
      setRemoveErrors(payload?.userErrors ?? []);
      if (payload?.relationship && !payload.userErrors.length) setRemoved(true);
    } catch (error) {
      setRemoveErrors(requestFailure(error));
    }
  }

  // Cancel / suspend / reactivate: refetch even when refused (the version or the decisions may have moved on).
  const actionOptions = { refetchQueries: PAGE_QUERIES, awaitRefetchQueries: true };
  const [cancelSubscription] = useCustomerCancelSubscriptionMutation(actionOptions);
  const [suspendSubscription] = useCustomerSuspendSubscriptionMutation(actionOptions);
  const [reactivateSubscription] = useCustomerReactivateSubscriptionMutation(actionOptions);
  const [pending, setPending] = useState<{ id: string; action: SubscriptionAction } | null>(null);
  const [outcomes, setOutcomes] = useState<Record<string, ActionOutcome>>({});

  async function runAction(s: SubscriptionRow, action: SubscriptionAction) {
    setPending({ id: s.id, action });
    const variables = { input: { subscriptionId: s.id, expectedVersion: s.version } };
    try {
      let payload: CustomerPageActionResultFragment | undefined;
      if (action === "CANCEL") payload = (await cancelSubscription({ variables })).data?.cancelSubscription;
      else if (action === "SUSPEND") payload = (await suspendSubscription({ variables })).data?.suspendSubscription;
      else payload = (await reactivateSubscription({ variables })).data?.reactivateSubscription;
      const errors = payload?.userErrors ?? [];
      const advisories = payload?.decision?.advisories.length
        ? { eligible: true, blocking: [], advisories: payload.decision.advisories }
        : null;
      setOutcomes((prev) => ({
        ...prev,
        [s.id]: {
          errors,
          done: errors.length ? null : t(`customers.done.${action}`, { name: s.offerName }),
          advisories: errors.length ? null : advisories,
        },
      }));
    } catch (error) {
      setOutcomes((prev) => ({ ...prev, [s.id]: { errors: requestFailure(error), done: null, advisories: null } }));
    } finally {
      setPending(null);
    }
  }

  // A reseller's "Ask provider to cancel / suspend / reactivate" (requestProviderAction with the subscription).
  const [requestProviderAction] = useCustomerRequestProviderActionMutation({
    refetchQueries: refetchOnSuccess(
      (d: CustomerRequestProviderActionMutation) => d.requestProviderAction,
      SENT_REQUEST_QUERIES,
    ),
    awaitRefetchQueries: true,
  });
  async function askProvider(s: SubscriptionRow, action: SubscriptionAction, providerId: string, note: string) {
    setPending({ id: s.id, action });
    try {
      const { data } = await requestProviderAction({
        variables: { input: { action, customerId, providerId, subscriptionId: s.id, note: note || null } },
      });
      const payload = data?.requestProviderAction;
      const errors = payload?.userErrors ?? [];
      const sent =
        payload?.providerRequest && !errors.length
          ? {
              providerName: payload.providerRequest.provider.name,
              what: t(`customers.ask.what.${action}`, { name: s.offerName }),
              decision: payload.providerDecision,
            }
          : null;
      setOutcomes((prev) => ({ ...prev, [s.id]: { errors, done: null, advisories: null, sent } }));
    } catch (error) {
      setOutcomes((prev) => ({ ...prev, [s.id]: { errors: requestFailure(error), done: null, advisories: null } }));
    } finally {
      setPending(null);
    }
  }

  // Register a subscription from another channel
  const [registerExternal, registerState] = useCustomerRegisterExternalSubscriptionMutation({
    refetchQueries: refetchOnSuccess(
      (d: CustomerRegisterExternalSubscriptionMutation) => d.registerExternalSubscription,
      PAGE_QUERIES,
    ),
    awaitRefetchQueries: true,
  });
  const [registerErrors, setRegisterErrors] = useState<UserErrorLike[]>([]);
  const [registered, setRegistered] = useState<string | null>(null);
  const [registerKey, setRegisterKey] = useState(0);
  async function register(values: RegisterExternalValues) {
    setRegistered(null);
    const local: UserErrorLike[] = [];
    if (!isWholeNumber(values.quantity)) local.push(fieldError("quantity", t("customers.error.wholeNumber")));
    if (!values.purchaseDate) local.push(fieldError("purchaseDate", t("customers.error.required")));
    if (!values.commitmentEndDate) local.push(fieldError("commitmentEndDate", t("customers.error.required")));
    if (local.length) return setRegisterErrors(local);
    try {
      const { data } = await registerExternal({
        variables: {
          input: {
            customerId,
            channel: values.channel,
            offerName: values.offerName.trim(),
            offerKind: values.offerKind,
            quantity: Number(values.quantity),
            purchaseDate: values.purchaseDate,
            commitmentEndDate: values.commitmentEndDate,
          },
        },
      });
      const payload = data?.registerExternalSubscription;
      setRegisterErrors(payload?.userErrors ?? []);
      if (payload?.subscription) {
        setRegistered(
          t("customers.register.done", {
            name: payload.subscription.offerName,
            channel: t(`customers.channel.${payload.subscription.channel}`),
          }),
        );
        setRegisterKey((k) => k + 1);
      }
    } catch (error) {
      setRegisterErrors(requestFailure(error));
    }
  }

  // Order a CSP subscription
  const [orderSubscription, orderState] = useCustomerOrderSubscriptionMutation({
    refetchQueries: refetchOnSuccess(
      (d: CustomerOrderSubscriptionMutation) => d.orderSubscription,
      [...PAGE_QUERIES, "CustomerOrderPreview"],
    ),
    awaitRefetchQueries: true,
  });
  const [orderErrors, setOrderErrors] = useState<UserErrorLike[]>([]);
  const [ordered, setOrdered] = useState<{ name: string; decision: EligibilityDecisionFieldsFragment | null } | null>(
    null,
  );
  const [orderKey, setOrderKey] = useState(0);
  async function order(values: OrderValues) {
    setOrdered(null);
    const usage = values.offerKind === "USAGE_BASED";
    if (!usage && !isWholeNumber(values.quantity)) {
      return setOrderErrors([fieldError("quantity", t("customers.error.wholeNumber"))]);
    }
    try {
      const { data } = await orderSubscription({
        variables: {
          input: {
            customerId,
            offerName: values.offerName.trim(),
            offerId: values.offerId.trim(),
            offerKind: values.offerKind,
            isAzurePlan: usage && values.isAzurePlan,
            quantity: usage ? 1 : Number(values.quantity),
            termDuration: usage ? null : values.termDuration,
            billingCycle: values.billingCycle,
            resellerId: provider && values.resellerId ? values.resellerId : null,
          },
        },
      });
      const payload = data?.orderSubscription;
      setOrderErrors(payload?.userErrors ?? []);
      if (payload?.subscription) {
        setOrdered({ name: payload.subscription.offerName, decision: payload.decision });
        setOrderKey((k) => k + 1);
        // Done: the next order starts from the defaults (the request being handled, if any, stays on screen).
        setUrl(PREFILL_CLEARED, { keepCursor: true });
      }
    } catch (error) {
      setOrderErrors(requestFailure(error));
    }
  }

  function togglePanel(panel: "order" | "register") {
    setUrl({ panel: url.panel === panel ? null : panel }, { keepCursor: true });
    setOrdered(null);
    setRegistered(null);
  }

  const node = page.data?.node;
  const customer = node?.__typename === "Customer" ? node : null;
  const connection = (subs.data ?? subs.previousData)?.subscriptions;
  // A link to one subscription (`#sub-<id>`, e.g. a request's "Do it"): bring it into view once listed.
  const listed = Boolean(connection);
  useEffect(() => {
    if (targetId && listed) document.getElementById(`sub-${targetId}`)?.scrollIntoView?.({ block: "center" });
  }, [targetId, listed]);
  const backLink = (
    <p>
      <Link to={customerListUrl()}>{t("customers.back")}</Link>
    </p>
  );

  if (!page.loading && !page.error && !customer) {
    return (
      <section aria-labelledby="customer-heading" className="cust">
        {backLink}
        <h1 id="customer-heading">{removed ? t("customers.rel.remove") : t("customers.notFound.title")}</h1>
        <p className={removed ? "success" : undefined} role={removed ? "status" : undefined}>
          {removed ? t("customers.rel.removedGone") : t("customers.notFound.text")}
        </p>
      </section>
    );
  }

  return (
    <section aria-labelledby="customer-heading" className="cust">
      {backLink}
      <DataState
        loading={page.loading && !customer}
        error={customer ? null : page.error}
        onRetry={() => void page.refetch()}
      >
        {customer && (
          <>
            <CustomerHeader customer={customer} />
            {!resellerOnly && (
              <p>
                <Link to={newTransferUrl(customer.id)}>{t("customers.transfer.start")}</Link>{" "}
                <small className="muted">{t("customers.transfer.hint")}</small>
              </p>
            )}
            {readOnlyReason && <p className="notice">{readOnlyReason}</p>}
            <RelationshipsPanel
              customerName={customer.name}
              relationships={customer.relationships}
              viewerPartnerId={viewer.partner.id}
              removal={page.data?.removal ?? null}
              pending={removeState.loading}
              errors={removeErrors}
              removed={removed}
              readOnlyReason={readOnlyReason}
              onRemove={() => void remove()}
            />

            <section className="panel" aria-labelledby="subs-heading">
              <div className="page-head">
                <h2 id="subs-heading">
                  {t("customers.subs.title")}
                  {connection && <small className="muted"> ({connection.totalCount})</small>}
                </h2>
                <div className="form-actions">
                  <button
                    type="button"
                    className={url.panel === "order" ? undefined : "secondary"}
                    aria-expanded={url.panel === "order"}
                    aria-controls="add-panel"
                    onClick={() => togglePanel("order")}
                  >
                    {t("customers.order.open")}
                  </button>
                  <button
                    type="button"
                    className={url.panel === "register" ? undefined : "secondary"}
                    aria-expanded={url.panel === "register"}
                    aria-controls="add-panel"
                    onClick={() => togglePanel("register")}
                  >
                    {t("customers.register.open")}
                  </button>
                </div>
              </div>

              {url.request && <HandlingRequest requestId={url.request} scrollIntoView={!targetId} />}

              <div id="add-panel">
                {url.panel === "order" &&
                  (resellerOnly ? (
                    <OrderThroughProvider
                      customer={customer}
                      openOrders={openRequests.filter((r) => r.action === "ORDER")}
                      readOnlyReason={orderReadOnlyReason}
                    />
                  ) : (
                    <div className="panel">
                      {ordered && (
                        <div className="success" role="status">
                          <p>{t("customers.order.done", { name: ordered.name })}</p>
                          {ordered.decision && ordered.decision.advisories.length > 0 && (
                            <ReasonList
                              decision={{ eligible: true, blocking: [], advisories: ordered.decision.advisories }}
                            />
                          )}
                        </div>
                      )}
                      {orderReadOnlyReason ? (
                        <p>{orderReadOnlyReason}</p>
                      ) : (
                        <OrderSubscriptionForm
                          // A new prefill (a request's link, or cleared after ordering) starts the form again.
                          key={`${orderKey}:${JSON.stringify(orderPrefill)}`}
                          initial={orderPrefill}
                          resellers={resellers}
                          preview={(previewQ.data ?? previewQ.previousData)?.eligibility ?? null}
                          previewLoading={previewQ.loading}
                          previewError={previewQ.error?.message ?? null}
                          errors={orderErrors}
                          pending={orderState.loading}
                          onPreviewChange={onPreviewChange}
                          onSubmit={(v) => void order(v)}
                        />
                      )}
                    </div>
                  ))}
                {url.panel === "register" && (
                  <div className="panel">
                    {registered && (
                      <p className="success" role="status">
                        {registered}
                      </p>
                    )}
                    {readOnlyReason ? (
                      <p>{readOnlyReason}</p>
                    ) : (
                      <RegisterExternalForm
                        key={registerKey}
                        errors={registerErrors}
                        pending={registerState.loading}
                        onSubmit={(v) => void register(v)}
                      />
                    )}
                  </div>
                )}
              </div>

              <div className="filters">
                <FormField label={t("customers.subs.channelFilter")}>
                  <select value={channel ?? ""} onChange={(e) => setUrl({ channel: e.target.value })}>
                    <option value="">{t("customers.subs.allChannels")}</option>
                    {CHANNELS.map((c) => (
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

              <DataState
                loading={subs.loading && !connection}
                error={subs.error}
                empty={connection?.totalCount === 0}
                emptyText={channel ? t("customers.subs.emptyChannel") : t("customers.subs.empty")}
                onRetry={() => void subs.refetch()}
              >
                {connection && (
                  <div aria-busy={subs.loading || undefined}>
                    <SubscriptionGroups
                      subscriptions={connection.nodes}
                      pending={pending}
                      outcomes={outcomes}
                      readOnlyReason={orderReadOnlyReason}
                      targetId={targetId}
                      askProvider={
                        resellerOnly
                          ? {
                              viewerPartnerId: viewer.partner.id,
                              providers,
                              openRequests,
                              pending,
                              disabledReason:
                                orderReadOnlyReason ??
                                (providersQ.data && providers.length === 0 ? t("customers.ask.noProvider") : null),
                              onAsk: (s, a, providerId, note) => void askProvider(s, a, providerId, note),
                            }
                          : null
                      }
                      onAction={(s, a) => void runAction(s, a)}
                    />
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
          </>
        )}
      </DataState>
    </section>
  );
}
