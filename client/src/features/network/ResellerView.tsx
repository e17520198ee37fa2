import { useState } from "react";
import { Link, useParams } from "react-router";
import {
  CUSTOMER_SORT_FIELD_VALUES,
  useCustomerListQuery,
  useNetworkEndPartnershipMutation,
  useRequestsListQuery,
  useResellerPageQuery,
  useSubscriptionsListQuery,
  type ResellerPageQuery,
} from "../../graphql/generated";
import { DataState } from "../../components/DataState";
import { PagedList } from "../../components/PagedList";
import { ExportButton, listExportUrl } from "../../components/ExportButton";
import { refetchOnSuccess } from "../../lib/graphql";
import { isNotFound } from "../../lib/errors";
import { useI18n } from "../../lib/i18n";
import { formatSort, pageVariables, parseSort } from "../../lib/list-paging";
import { useRowMutations } from "../../lib/mutation-form";
import { useUrlParams } from "../../lib/url-params";
import { FormErrors } from "../../components/FormField";
import { CustomerTable } from "../customers/components/CustomerTable";
import { RequestTable } from "../requests/components/RequestTable";
import { requestListUrl } from "../requests/urls";
import { SubscriptionTable } from "../subscriptions/components/SubscriptionTable";
import { subscriptionListUrl } from "../subscriptions/urls";
import { dashboardUrl } from "../dashboard/urls";
import { ResellerActivity } from "../activity/ResellerActivity";
import { isProvider, useViewer } from "../shell/viewer";
import { FactsProvenance } from "../partner-facts/components/FactsProvenance";
import { RecordFactsPanel } from "../partner-facts/components/RecordFactsPanel";
import { ComplianceFlags } from "./components/ComplianceFlags";
import { PartnershipSince, PartnershipStatusBadge } from "./components/PartnershipStatusBadge";
import { PartnershipActionButton } from "./components/ResellerTable";
import { resellerListUrl, resellerPageParams } from "./urls";
import "./messages";
import "./network-page-messages";
import "./reseller-page-messages";
import "../customers/messages";
import "../customers/customers.css";
import "../subscriptions/messages";
import "../subscriptions/subscriptions.css";
import "../requests/messages";
import "../requests/requests.css";
import "./network.css";

/** How many of the reseller's subscriptions and open requests the page shows; the full lists are a link away. */
const PREVIEW = 10;
const CUSTOMER_PAGE = 20;

type Partnership = ResellerPageQuery["reseller"];

/**
 * /resellers/:resellerId (providers): one reseller — its facts and compliance, its customers (sortable, paged), its
 * subscriptions as reseller of record and the requests it sent that are still open (the first ones, with links to the
 * full filtered lists), and ending the partnership (or withdrawing the invitation) with what it affects.
 */
export function ResellerView() {
  const { t } = useI18n();
  const viewer = useViewer();
  if (!isProvider(viewer)) {
    return (
      <section>
        <h1>{t("network.resellers.title")}</h1>
        <p className="notice">{t("network.resellers.notProvider")}</p>
        <Link to={dashboardUrl()}>{t("network.backToDashboard")}</Link>
      </section>
    );
  }
  return <ResellerPage />;
}

function ResellerPage() {
  const { t } = useI18n();
  const { resellerId = "" } = useParams();
  const page = useResellerPageQuery({ variables: { id: resellerId } });
  const partnership = page.data?.reseller ?? null;
  const back = (
    <p>
      <Link to={resellerListUrl()}>{t("reseller.back")}</Link>
    </p>
  );

  // Not one of the viewer's resellers (another provider's, a malformed id): a page that says so, with its heading.
  if (!page.loading && !partnership && (!page.error || isNotFound(page.error))) {
    return (
      <section aria-labelledby="reseller-heading" className="network-page">
        {back}
        <h1 id="reseller-heading">{t("reseller.notFound.title")}</h1>
        <p>{t("reseller.notFound.text")}</p>
      </section>
    );
  }

  return (
    <section aria-labelledby="reseller-heading" className="network-page reseller-page">
      {back}
      {!partnership && <h1 id="reseller-heading">{t("network.col.reseller")}</h1>}
      <DataState
        loading={page.loading && !partnership}
        error={partnership ? null : page.error}
        onRetry={() => void page.refetch()}
      >
        {partnership && <ResellerContent partnership={partnership} />}
      </DataState>
    </section>
  );
}

function ResellerContent({ partnership }: { partnership: Partnership }) {
  const { t, formatNumber } = useI18n();
  const viewer = useViewer();
  const r = partnership.reseller;
  const readOnlyReason = viewer.permissions.canManageNetwork
    ? null
    : t("network.role.readOnly", { role: t(`role.${viewer.user.role}`) });
  const [end] = useNetworkEndPartnershipMutation({
    refetchQueries: refetchOnSuccess((d) => d.endResellerPartnership, ["ResellerPage", "NetworkResellers"]),
  });
  const rows = useRowMutations<"end">();
  const [notice, setNotice] = useState<string | null>(null);
  const yes = t("reseller.yes");
  const no = t("reseller.no");
  // Live counts, compliance and the reseller's own facts are for an accepted partnership (auth/scope.ts).
  const active = partnership.status === "ACTIVE";
  // A provider records an ACTIVE reseller's program status only (recordPartnerFacts); its MPA comes from Partner Center.
  const mayRecordStatus = viewer.permissions.canRecordPartnerFacts && active;
  const [recording, setRecording] = useState(false);

  async function onEnd() {
    setNotice(null);
    const wasInvited = partnership.status === "INVITED";
    const done = await rows.run(
      partnership.id,
      "end",
      async () => (await end({ variables: { input: { partnershipId: partnership.id } } })).data?.endResellerPartnership,
    );
    if (done) setNotice(t(wasInvited ? "network.withdraw.done" : "network.end.done", { name: r.name }));
  }

  return (
    <>
      <header className="reseller-head">
        <h1 id="reseller-heading">{r.name}</h1>
        <PartnershipStatusBadge status={partnership.status} />
        <dl className="reseller-facts">
          <div>
            <dt>{t("reseller.fact.partnerId")}</dt>
            <dd>{r.partnerId}</dd>
          </div>
          <div>
            <dt>{t("reseller.fact.country")}</dt>
            <dd>{r.country ?? t("reseller.unknown")}</dd>
          </div>
          <div>
            <dt>{t("reseller.fact.programStatus")}</dt>
            <dd>
              {r.programStatus ? t(`reseller.program.${r.programStatus}`) : t("reseller.unknown")}
              {r.recordedFacts?.includes("PROGRAM_STATUS") && (
                <span className="reseller-fact-source"> · {t("reseller.fact.recorded")}</span>
              )}
              {mayRecordStatus && (
                <button
                  type="button"
                  className={`record-fact${recording ? "" : " secondary"}`}
                  aria-expanded={recording}
                  aria-controls="record-status-panel"
                  aria-label={t("facts.status.openLabel", { partner: r.name })}
                  onClick={() => {
                    setNotice(null);
                    setRecording(!recording);
                  }}
                >
                  {t("facts.status.open")}
                </button>
              )}
            </dd>
          </div>
          <div>
            <dt>{t("reseller.fact.mpa")}</dt>
            <dd>
              {r.mpaSigned === null || r.mpaSigned === undefined ? t("reseller.unknown") : r.mpaSigned ? yes : no}
              {r.recordedFacts?.includes("MPA_SIGNED") && (
                <span className="reseller-fact-source"> · {t("reseller.fact.recorded")}</span>
              )}
            </dd>
          </div>
          <div>
            <dt>{t("reseller.fact.since")}</dt>
            <dd>
              <PartnershipSince
                invitedAt={partnership.invitedAt}
                acceptedAt={partnership.acceptedAt}
                removedAt={partnership.removedAt}
              />
            </dd>
          </div>
          {active && (
            <div>
              <dt>{t("reseller.fact.recordedBy")}</dt>
              <dd>
                <FactsProvenance partnerName={r.name} provenance={r.factProvenance} />
              </dd>
            </div>
          )}
          {partnership.counts && (
            <div>
              <dt>{t("reseller.fact.counts")}</dt>
              <dd>
                {t("reseller.counts", {
                  customers: formatNumber(partnership.counts.customers),
                  subscriptions: formatNumber(partnership.counts.subscriptions),
                })}
              </dd>
            </div>
          )}
        </dl>
        <div id="record-status-panel">
          {recording && mayRecordStatus && (
            <RecordFactsPanel
              partnerId={r.id}
              partner={r}
              facts={["PROGRAM_STATUS"]}
              title={t("facts.status.title", { partner: r.name })}
              intro={t("facts.status.intro")}
              onClose={() => setRecording(false)}
              onDone={() => {
                setRecording(false);
                setNotice(t("facts.status.done", { partner: r.name }));
              }}
            />
          )}
        </div>
        <div className="reseller-actions">
          <PartnershipActionButton
            row={partnership}
            pending={rows.pending !== null}
            disabled={false}
            readOnlyReason={readOnlyReason}
            onConfirm={() => void onEnd()}
          />
          <FormErrors errors={rows.rowErrors[partnership.id]} />
        </div>
        <p role="status" className={notice ? "success" : "sr-only"}>
          {notice ?? ""}
        </p>
      </header>

      <section aria-labelledby="reseller-compliance" className="panel">
        <h2 id="reseller-compliance">{t("reseller.compliance.title")}</h2>
        <ComplianceFlags flags={partnership.complianceFlags ?? null} />
        <p className="hint">{t("network.flags.legend")}</p>
      </section>

      {active ? (
        <>
          <ResellerCustomers resellerId={r.id} />
          <ResellerSubscriptions resellerId={r.id} name={r.name} />
          <ResellerRequests resellerId={r.id} />
        </>
      ) : (
        <p className="notice">{t(partnership.status === "INVITED" ? "reseller.invitedOnly" : "reseller.endedOnly")}</p>
      )}
      {/* What the viewer's organization did about the reseller, in any partnership status (roles that read the log). */}
      {viewer.permissions.canViewAudit && (
        <div className="panel">
          <ResellerActivity resellerId={r.id} />
        </div>
      )}
    </>
  );
}

/** The reseller's customers: sortable and paged through the page's URL, exportable as CSV. */
function ResellerCustomers({ resellerId }: { resellerId: string }) {
  const { t } = useI18n();
  const viewer = useViewer();
  const [url, setUrl] = useUrlParams(resellerPageParams);
  const sort = parseSort(url.sort, CUSTOMER_SORT_FIELD_VALUES);
  const filter = { resellerId };
  const list = useCustomerListQuery({
    variables: { filter, ...pageVariables(url, CUSTOMER_PAGE), orderBy: sort },
  });
  const connection = (list.data ?? list.previousData)?.customers;
  return (
    <section aria-labelledby="reseller-customers">
      <h2 id="reseller-customers">{t("reseller.customers.title")}</h2>
      <p className="list-tools">
        <ExportButton url={listExportUrl("customers", filter, url.sort)} filename="customers.csv" />
      </p>
      <PagedList
        connection={connection}
        loading={list.loading}
        error={list.error}
        onRetry={() => void list.refetch()}
        emptyText={t("reseller.customers.empty")}
        after={url.after || url.before || url.last}
        onPage={(after) => setUrl({ after }, { keepCursor: true })}
        paging={{ values: url, onMove: (move) => setUrl(move, { keepCursor: true }) }}
      >
        {(page) => (
          <CustomerTable
            customers={page.nodes}
            viewerPartnerId={viewer.partner.id}
            showResellers={false}
            sort={sort}
            onSort={(next) => setUrl({ sort: formatSort(next) })}
          />
        )}
      </PagedList>
    </section>
  );
}

/** The first subscriptions the reseller is reseller of record for (soonest term end first) and the full list's link. */
function ResellerSubscriptions({ resellerId, name }: { resellerId: string; name: string }) {
  const { t } = useI18n();
  const viewer = useViewer();
  const list = useSubscriptionsListQuery({
    variables: {
      first: PREVIEW,
      after: null,
      last: null,
      before: null,
      orderBy: null,
      filter: { resellerId, status: ["ACTIVE", "SUSPENDED"] },
      action: "SUPPORT",
      resellerId: null,
    },
  });
  const connection = list.data?.subscriptions;
  return (
    <section aria-labelledby="reseller-subscriptions">
      <h2 id="reseller-subscriptions">{t("reseller.subscriptions.title")}</h2>
      <DataState
        loading={list.loading && !connection}
        error={connection ? null : list.error}
        empty={connection?.nodes.length === 0}
        emptyText={t("reseller.subscriptions.empty")}
        onRetry={() => void list.refetch()}
      >
        {connection && (
          <>
            <SubscriptionTable rows={connection.nodes} action="SUPPORT" viewerPartnerId={viewer.partner.id} />
            <p>
              <Link to={subscriptionListUrl({ reseller: resellerId })}>
                {t("reseller.subscriptions.all", { name, count: connection.totalCount })}
              </Link>
            </p>
          </>
        )}
      </DataState>
    </section>
  );
}

/** The reseller's requests still open (the provider answers them here as on /requests). */
function ResellerRequests({ resellerId }: { resellerId: string }) {
  const { t } = useI18n();
  const [notice, setNotice] = useState<string | null>(null);
  const list = useRequestsListQuery({
    variables: { filter: { resellerId, status: ["OPEN"], direction: "RECEIVED" }, first: PREVIEW, after: null },
    fetchPolicy: "cache-and-network",
  });
  const connection = list.data?.providerRequests;
  return (
    <section aria-labelledby="reseller-requests">
      <h2 id="reseller-requests">{t("reseller.requests.title")}</h2>
      <p role="status" className={notice ? "success" : "sr-only"}>
        {notice ?? ""}
      </p>
      <DataState
        loading={list.loading && !connection}
        error={connection ? null : list.error}
        empty={connection?.nodes.length === 0}
        emptyText={t("reseller.requests.empty")}
        onRetry={() => void list.refetch()}
      >
        {connection && (
          <>
            <RequestTable rows={connection.nodes} onDone={setNotice} />
            <p>
              <Link to={requestListUrl({ reseller: resellerId, status: "OPEN" })}>
                {t("reseller.requests.all", { count: connection.totalCount })}
              </Link>
            </p>
          </>
        )}
      </DataState>
    </section>
  );
}
