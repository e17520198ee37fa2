import { useCallback, useState } from "react";
import { Link } from "react-router";
import { useI18n } from "../../lib/i18n";
import { useUrlState } from "../../lib/url-state";
import type { UserErrorLike } from "../../lib/user-errors";
import { DataState } from "../../components/DataState";
import { Pager } from "../../components/Pager";
import {
  useCustomerCreateMutation,
  useCustomerListQuery,
  useCustomerProviderOptionsQuery,
  useCustomerRequestRelationshipMutation,
  useCustomerResellerOptionsQuery,
  type CustomerCreateMutation,
  type CustomerFilter,
  type CustomerRequestRelationshipMutation,
} from "../../graphql/generated";
import { isProvider, isResellerOnly, useViewer } from "../shell/viewer";
import { CustomerFilters, parseChannels } from "./components/CustomerFilters";
import { CustomerTable } from "./components/CustomerTable";
import { CreateCustomerBlocked, CreateCustomerForm, type CreateCustomerValues } from "./components/CreateCustomerForm";
import {
  RequestRelationshipForm,
  type RequestRelationshipResult,
  type RequestRelationshipValues,
} from "./components/RequestRelationshipForm";
import type { ProviderOption, ResellerOption } from "./components/options";
import { customerUrl } from "./urls";
import { refetchOnSuccess, requestFailure } from "./request-failure";
import "./messages";
import "./customers.css";

const PAGE_SIZE = 25;
const KEYS = ["q", "country", "channels", "nonCsp", "reseller", "after", "panel"] as const;

/** /customers: the network's customers, filtered through the URL, with "create" and "request relationship". */
export function CustomerListView() {
  const { t } = useI18n();
  const viewer = useViewer();
  const provider = isProvider(viewer);
  const resellerOnly = isResellerOnly(viewer);
  const [url, setUrl] = useUrlState(KEYS);
  const readOnlyReason = viewer.permissions.canManageCustomers
    ? null
    : t("customers.readOnly", { role: t(`role.${viewer.user.role}`) });

  const filter: CustomerFilter = {};
  if (url.q) filter.search = url.q;
  if (/^[A-Z]{2}$/.test(url.country)) filter.country = url.country;
  const channels = parseChannels(url.channels);
  if (channels.length) filter.channels = channels;
  if (url.nonCsp === "yes" || url.nonCsp === "no") filter.hasNonCspSubscriptions = url.nonCsp === "yes";
  if (provider && url.reseller) filter.resellerId = url.reseller;

  const list = useCustomerListQuery({
    variables: { filter, first: PAGE_SIZE, after: url.after || null },
    notifyOnNetworkStatusChange: true,
  });
  const resellersQ = useCustomerResellerOptionsQuery({ skip: !provider });
  const providersQ = useCustomerProviderOptionsQuery({ skip: !resellerOnly });

  const resellers: ResellerOption[] | null = provider
    ? (resellersQ.data?.resellers.nodes ?? []).map((p) => ({
        id: p.reseller.id,
        name: p.reseller.name,
        partnerId: p.reseller.partnerId,
        complianceFlags: p.complianceFlags,
      }))
    : null;
  const providers: ProviderOption[] | null = resellerOnly
    ? (providersQ.data?.providers.nodes ?? []).map((p) => ({ ...p.provider }))
    : null;

  const onFilter = useCallback((changes: Parameters<typeof setUrl>[0]) => setUrl(changes), [setUrl]);

  // Create customer
  const [createCustomer, createState] = useCustomerCreateMutation({
    refetchQueries: refetchOnSuccess((d: CustomerCreateMutation) => d.createCustomer, ["CustomerList"]),
    awaitRefetchQueries: true,
  });
  const [createErrors, setCreateErrors] = useState<UserErrorLike[]>([]);
  const [created, setCreated] = useState<{ id: string; name: string } | null>(null);
  const [createKey, setCreateKey] = useState(0);

  async function submitCreate(values: CreateCustomerValues) {
    setCreated(null);
    try {
      const { data } = await createCustomer({
        variables: {
          input: {
            name: values.name.trim(),
            domain: values.domain.trim(),
            country: values.country.trim().toUpperCase(),
            mcaAccepted: values.mcaAccepted,
            resellerId: values.resellerId || null,
          },
        },
      });
      const payload = data?.createCustomer;
      setCreateErrors(payload?.userErrors ?? []);
      if (payload?.customer) {
        setCreated(payload.customer);
        setCreateKey((k) => k + 1);
      }
    } catch (error) {
      setCreateErrors(requestFailure(error));
    }
  }

  // Request relationship
  const [requestRelationship, requestState] = useCustomerRequestRelationshipMutation({
    refetchQueries: refetchOnSuccess(
      (d: CustomerRequestRelationshipMutation) => d.requestCustomerRelationship,
      ["CustomerList"],
    ),
    awaitRefetchQueries: true,
  });
  const [requestErrors, setRequestErrors] = useState<UserErrorLike[]>([]);
  const [requested, setRequested] = useState<RequestRelationshipResult | null>(null);

  async function submitRequest(values: RequestRelationshipValues) {
    setRequested(null);
    try {
      const { data } = await requestRelationship({
        variables: {
          input: {
            customerDomain: values.customerDomain.trim(),
            includesDelegatedAdmin: values.includesDelegatedAdmin,
            resellerId: provider ? values.resellerId || null : null,
            providerId: resellerOnly ? values.providerId || null : null,
          },
        },
      });
      const payload = data?.requestCustomerRelationship;
      setRequestErrors(payload?.userErrors ?? []);
      if (payload?.acceptanceUrl) {
        const rels = payload.relationships ?? [];
        setRequested({
          acceptanceUrl: payload.acceptanceUrl,
          customerName: rels[0]?.customer.name ?? null,
          partnerNames: rels.map((r) => r.partner.name),
        });
      }
    } catch (error) {
      setRequestErrors(requestFailure(error));
    }
  }

  function openPanel(panel: "create" | "request" | null) {
    setUrl({ panel }, { keepCursor: true });
    setCreateErrors([]);
    setRequestErrors([]);
    setRequested(null);
    setCreated(null);
  }

  const data = list.data ?? list.previousData;
  const connection = data?.customers;
  return (
    <section aria-labelledby="customers-heading" className="cust">
      <div className="page-head">
        <h1 id="customers-heading">{t("customers.title")}</h1>
        <div className="form-actions">
          <button
            type="button"
            aria-expanded={url.panel === "create"}
            aria-controls="customer-panel"
            className={url.panel === "create" ? undefined : "secondary"}
            disabled={Boolean(readOnlyReason)}
            aria-describedby={readOnlyReason ? "customers-readonly" : undefined}
            onClick={() => openPanel(url.panel === "create" ? null : "create")}
          >
            {t("customers.create.open")}
          </button>
          <button
            type="button"
            aria-expanded={url.panel === "request"}
            aria-controls="customer-panel"
            className={url.panel === "request" ? undefined : "secondary"}
            disabled={Boolean(readOnlyReason)}
            aria-describedby={readOnlyReason ? "customers-readonly" : undefined}
            onClick={() => openPanel(url.panel === "request" ? null : "request")}
          >
            {t("customers.request.open")}
          </button>
        </div>
      </div>

      {readOnlyReason && (
        <p id="customers-readonly" className="notice">
          {readOnlyReason}
        </p>
      )}
      <div id="customer-panel">
        {created && (
          <p className="success" role="status">
            {t("customers.create.done", { name: created.name })}{" "}
            <Link to={customerUrl(created.id)}>{t("customers.open")}</Link>
          </p>
        )}
        {url.panel === "create" && !readOnlyReason && (
          <div className="panel">
            {resellerOnly ? (
              <CreateCustomerBlocked providers={providers} loading={providersQ.loading} />
            ) : (
              <CreateCustomerForm
                key={createKey}
                defaultCountry={viewer.partner.country}
                resellers={resellers}
                errors={createErrors}
                pending={createState.loading}
                onSubmit={(v) => void submitCreate(v)}
                onCancel={() => openPanel(null)}
              />
            )}
          </div>
        )}
        {url.panel === "request" && !readOnlyReason && (
          <div className="panel">
            {resellerOnly && providersQ.loading ? (
              <p role="status">{t("common.loading")}</p>
            ) : (
              <RequestRelationshipForm
                resellers={resellers}
                providers={providers}
                errors={requestErrors}
                pending={requestState.loading}
                result={requested}
                onSubmit={(v) => void submitRequest(v)}
                onCancel={() => openPanel(null)}
              />
            )}
          </div>
        )}
      </div>

      <CustomerFilters
        values={{ q: url.q, country: url.country, channels: url.channels, nonCsp: url.nonCsp, reseller: url.reseller }}
        resellers={resellers}
        onChange={onFilter}
      />

      <DataState
        loading={list.loading && !data}
        error={list.error}
        empty={connection?.totalCount === 0}
        emptyText={Object.values(filter).length ? t("customers.list.emptyFiltered") : t("customers.list.empty")}
        onRetry={() => void list.refetch()}
      >
        {connection && (
          <div aria-busy={list.loading || undefined}>
            <CustomerTable customers={connection.nodes} viewerPartnerId={viewer.partner.id} showResellers={provider} />
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
