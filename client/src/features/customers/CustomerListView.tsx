import { useCallback, useState } from "react";
import { Link } from "react-router";
import { useI18n } from "../../lib/i18n";
import { refetchOnSuccess } from "../../lib/graphql";
import { useMutationForm } from "../../lib/mutation-form";
import { useUrlParams, type ParamChanges } from "../../lib/url-params";
import { PagedList } from "../../components/PagedList";
import { ExportButton, listExportUrl } from "../../components/ExportButton";
import { formatSort, pageVariables, parseSort } from "../../lib/list-paging";
import { FormPanel } from "../../components/FormPanel";
import { SavedViews } from "../../components/SavedViews";
import {
  CUSTOMER_SORT_FIELD_VALUES,
  useCustomerCreateMutation,
  useCustomerListQuery,
  useCustomerProviderOptionsQuery,
  useCustomerRequestRelationshipMutation,
  useCustomerResellerOptionsQuery,
  type CustomerFilter,
} from "../../graphql/generated";
import { canSaveViews, isProvider, isResellerOnly, useViewer } from "../shell/viewer";
import { CustomerFilters } from "./components/CustomerFilters";
import { CustomerTable } from "./components/CustomerTable";
import { CreateCustomerBlocked, CreateCustomerForm, type CreateCustomerValues } from "./components/CreateCustomerForm";
import {
  RequestRelationshipForm,
  type RequestRelationshipResult,
  type RequestRelationshipValues,
} from "./components/RequestRelationshipForm";
import type { ProviderOption, ResellerOption } from "./components/options";
import { CUSTOMER_FILTER_KEYS, customerListParams, customerUrl } from "./urls";
import "./messages";
import "./page-messages";
import "./customers.css";
import { NetworkSyncIndicator } from "../../components/SyncedIndicator";

const PAGE_SIZE = 25;

/** /customers: the network's customers, filtered through the URL, with "create" and "request relationship". */
export function CustomerListView() {
  const { t } = useI18n();
  const viewer = useViewer();
  const provider = isProvider(viewer);
  const resellerOnly = isResellerOnly(viewer);
  const [url, setUrl] = useUrlParams(customerListParams);
  const readOnlyReason = viewer.permissions.canManageCustomers
    ? null
    : t("customers.readOnly", { role: t(`role.${viewer.user.role}`) });

  const filter: CustomerFilter = {};
  if (url.q) filter.search = url.q;
  if (/^[A-Z]{2}$/.test(url.country)) filter.country = url.country;
  if (url.channels.length) filter.channels = url.channels;
  if (url.nonCsp) filter.hasNonCspSubscriptions = url.nonCsp === "yes";
  if (provider && url.reseller) filter.resellerId = url.reseller;
  if (url.requested) filter.relationshipRequested = true;

  const sort = parseSort(url.sort, CUSTOMER_SORT_FIELD_VALUES);
  const list = useCustomerListQuery({ variables: { filter, ...pageVariables(url, PAGE_SIZE), orderBy: sort } });
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

  const onFilter = useCallback((changes: ParamChanges<typeof customerListParams>) => setUrl(changes), [setUrl]);

  // Create customer
  const [createCustomer] = useCustomerCreateMutation({
    refetchQueries: refetchOnSuccess((d) => d.createCustomer, ["CustomerList"]),
  });
  const createForm = useMutationForm();
  const [created, setCreated] = useState<{ id: string; name: string } | null>(null);
  const [createKey, setCreateKey] = useState(0);

  async function submitCreate(values: CreateCustomerValues) {
    setCreated(null);
    const input = {
      name: values.name.trim(),
      domain: values.domain.trim(),
      country: values.country.trim().toUpperCase(),
      mcaAccepted: values.mcaAccepted,
      resellerId: values.resellerId || null,
    };
    const payload = await createForm.submit(
      async () => (await createCustomer({ variables: { input } })).data?.createCustomer,
    );
    if (payload?.customer) {
      setCreated(payload.customer);
      setCreateKey((k) => k + 1);
    }
  }

  // Request relationship
  const [requestRelationship] = useCustomerRequestRelationshipMutation({
    refetchQueries: refetchOnSuccess((d) => d.requestCustomerRelationship, ["CustomerList"]),
  });
  const requestForm = useMutationForm();
  const [requested, setRequested] = useState<RequestRelationshipResult | null>(null);

  async function submitRequest(values: RequestRelationshipValues) {
    setRequested(null);
    const input = {
      customerDomain: values.customerDomain.trim(),
      includesDelegatedAdmin: values.includesDelegatedAdmin,
      resellerId: provider ? values.resellerId || null : null,
      providerId: resellerOnly ? values.providerId || null : null,
    };
    const payload = await requestForm.submit(
      async () => (await requestRelationship({ variables: { input } })).data?.requestCustomerRelationship,
    );
    if (payload?.acceptanceUrl) {
      const rels = payload.relationships ?? [];
      setRequested({
        acceptanceUrl: payload.acceptanceUrl,
        customerName: rels[0]?.customer.name ?? null,
        partnerNames: rels.map((r) => r.partner.name),
      });
    }
  }

  function openPanel(panel: "create" | "request" | null) {
    setUrl({ panel }, { keepCursor: true });
    createForm.reset();
    requestForm.reset();
    setRequested(null);
    setCreated(null);
  }

  const connection = (list.data ?? list.previousData)?.customers;
  return (
    <section aria-labelledby="customers-heading" className="cust">
      <div className="page-head">
        <h1 id="customers-heading">{t("customers.title")}</h1>
        <NetworkSyncIndicator />
        {/* A role that cannot manage customers is not offered the buttons (the notice below says why). */}
        {!readOnlyReason && (
          <div className="form-actions">
            <button
              type="button"
              aria-expanded={url.panel === "create"}
              aria-controls="customer-panel"
              className={url.panel === "create" ? undefined : "secondary"}
              onClick={() => openPanel(url.panel === "create" ? null : "create")}
            >
              {resellerOnly ? t("customers.create.openReseller") : t("customers.create.open")}
            </button>
            <button
              type="button"
              aria-expanded={url.panel === "request"}
              aria-controls="customer-panel"
              className={url.panel === "request" ? undefined : "secondary"}
              onClick={() => openPanel(url.panel === "request" ? null : "request")}
            >
              {t("customers.request.open")}
            </button>
          </div>
        )}
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
          <FormPanel onClose={() => openPanel(null)}>
            {resellerOnly ? (
              <CreateCustomerBlocked
                providers={providers}
                loading={providersQ.loading}
                onInvite={() => openPanel("request")}
              />
            ) : (
              <CreateCustomerForm
                key={createKey}
                defaultCountry={viewer.partner.country ?? ""}
                resellers={resellers}
                form={createForm}
                onSubmit={(v) => void submitCreate(v)}
                onCancel={() => openPanel(null)}
              />
            )}
          </FormPanel>
        )}
        {url.panel === "request" && !readOnlyReason && (
          <FormPanel onClose={() => openPanel(null)}>
            {resellerOnly && providersQ.loading ? (
              <p role="status">{t("common.loading")}</p>
            ) : (
              <RequestRelationshipForm
                resellers={resellers}
                providers={providers}
                form={requestForm}
                result={requested}
                onSubmit={(v) => void submitRequest(v)}
                onCancel={() => openPanel(null)}
              />
            )}
          </FormPanel>
        )}
      </div>

      {url.requested && (
        <p className="notice" role="note">
          {t("customers.list.requestedOnly")}{" "}
          <button type="button" className="secondary" onClick={() => setUrl({ requested: null })}>
            {t("customers.list.requestedOnly.clear")}
          </button>
        </p>
      )}

      <CustomerFilters
        values={{ q: url.q, country: url.country, channels: url.channels, nonCsp: url.nonCsp, reseller: url.reseller }}
        resellers={resellers}
        onChange={onFilter}
      />

      <div className="list-tools">
        <SavedViews list="CUSTOMERS" filterKeys={CUSTOMER_FILTER_KEYS} canSave={canSaveViews(viewer)} />
        <ExportButton url={listExportUrl("customers", filter, url.sort)} filename="customers.csv" />
      </div>

      <PagedList
        connection={connection}
        loading={list.loading}
        error={list.error}
        onRetry={() => void list.refetch()}
        emptyText={Object.values(filter).length ? t("customers.list.emptyFiltered") : t("customers.list.empty")}
        after={url.after || url.before || url.last}
        onPage={(after) => setUrl({ after }, { keepCursor: true })}
        paging={{ values: url, onMove: (move) => setUrl(move, { keepCursor: true }) }}
      >
        {(page) => (
          <CustomerTable
            customers={page.nodes}
            viewerPartnerId={viewer.partner.id}
            showResellers={provider}
            sort={sort}
            onSort={(next) => setUrl({ sort: formatSort(next) })}
          />
        )}
      </PagedList>
    </section>
  );
}
