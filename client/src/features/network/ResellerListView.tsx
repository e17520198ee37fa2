import { useState } from "react";
import { Link } from "react-router";
import { dashboardUrl } from "../dashboard/urls";
import {
  PARTNERSHIP_SORT_FIELD_VALUES,
  useNetworkEndPartnershipMutation,
  useNetworkInviteResellerMutation,
  useNetworkResellersQuery,
} from "../../graphql/generated";
import { PagedList } from "../../components/PagedList";
import { ExportButton, listExportUrl } from "../../components/ExportButton";
import { formatSort, pageVariables, parseSort } from "../../lib/list-paging";
import { refetchOnSuccess } from "../../lib/graphql";
import { useI18n } from "../../lib/i18n";
import { useMutationForm, useRowMutations } from "../../lib/mutation-form";
import { useUrlParams } from "../../lib/url-params";
import { SavedViews } from "../../components/SavedViews";
import { canSaveViews, isProvider, useViewer } from "../shell/viewer";
import { InviteResellerForm } from "./components/InviteResellerForm";
import { PartnershipFilters } from "./components/PartnershipFilters";
import { ResellerTable, type ResellerRow } from "./components/ResellerTable";
import { partnershipFilter, RESELLER_FILTER_KEYS, resellerListParams } from "./urls";
import "./messages";
import "../subscriptions/subscriptions.css";
import "./network.css";

const PAGE_SIZE = 20;
/** Lists that change when a partnership does; the dashboard's panels fetch again on their own when shown. */
const REFETCH = ["NetworkResellers"];

/** /resellers (providers): the reseller network with compliance flags and counts; invite and end partnerships. */
export function ResellerListView() {
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
  return <ResellerNetwork />;
}

function ResellerNetwork() {
  const { t } = useI18n();
  const viewer = useViewer();
  const [url, setUrl] = useUrlParams(resellerListParams);
  const readOnlyReason = viewer.permissions.canManageNetwork
    ? null
    : t("network.role.readOnly", { role: t(`role.${viewer.user.role}`) });

  const sort = parseSort(url.sort, PARTNERSHIP_SORT_FIELD_VALUES);
  const filter = partnershipFilter(url.status, url.search, url.issues);
  const { data, previousData, loading, error, refetch } = useNetworkResellersQuery({
    variables: { ...pageVariables(url, PAGE_SIZE), filter, orderBy: sort },
  });
  const connection = (data ?? previousData)?.resellers;

  // Refetch only when something changed: a refusal (userErrors) leaves the list as it is.
  const [invite] = useNetworkInviteResellerMutation({
    refetchQueries: refetchOnSuccess((d) => d.inviteReseller, REFETCH),
  });
  const inviteForm = useMutationForm();
  const [invited, setInvited] = useState<string | null>(null);

  const [end] = useNetworkEndPartnershipMutation({
    refetchQueries: refetchOnSuccess((d) => d.endResellerPartnership, REFETCH),
  });
  const rows = useRowMutations<"end">();
  const [notice, setNotice] = useState<string | null>(null);

  async function onInvite(resellerPartnerId: string): Promise<boolean> {
    setInvited(null);
    const payload = await inviteForm.submit(
      async () => (await invite({ variables: { input: { resellerPartnerId } } })).data?.inviteReseller,
    );
    if (!payload?.partnership) return false;
    setInvited(t("network.invite.done", { name: payload.partnership.reseller.name }));
    return true;
  }

  async function onEnd(row: ResellerRow) {
    setNotice(null);
    const variables = { input: { partnershipId: row.id } };
    const done = await rows.run(row.id, "end", async () => (await end({ variables })).data?.endResellerPartnership);
    if (done) {
      const key = row.status === "INVITED" ? "network.withdraw.done" : "network.end.done";
      setNotice(t(key, { name: row.reseller.name }));
    }
  }

  return (
    <section className="network-page" aria-labelledby="resellers-title">
      <h1 id="resellers-title">{t("network.resellers.title")}</h1>
      <p className="sub-lead">{t("network.resellers.intro")}</p>

      <div className="panel">
        <InviteResellerForm form={inviteForm} onInvite={onInvite} done={invited} disabledReason={readOnlyReason} />
      </div>

      <PartnershipFilters
        values={{ status: url.status, search: url.search, issues: url.issues }}
        onChange={(changes) => setUrl(changes)}
      />
      <p role="status" className={notice ? "success" : "sr-only"}>
        {notice ?? ""}
      </p>
      <div className="list-tools">
        <SavedViews list="RESELLERS" filterKeys={RESELLER_FILTER_KEYS} canSave={canSaveViews(viewer)} />
        <ExportButton url={listExportUrl("resellers", filter, url.sort)} filename="resellers.csv" />
      </div>

      <PagedList
        connection={connection}
        loading={loading}
        error={error}
        onRetry={() => void refetch()}
        emptyText={t("network.resellers.empty")}
        after={url.after || url.before || url.last}
        onPage={(after) => setUrl({ after }, { keepCursor: true })}
        paging={{ values: url, onMove: (move) => setUrl(move, { keepCursor: true }) }}
      >
        {(page) => (
          <>
            <ResellerTable
              rows={page.nodes}
              pendingId={rows.pending?.id ?? null}
              rowErrors={rows.rowErrors}
              readOnlyReason={readOnlyReason}
              onEnd={(row) => void onEnd(row)}
              sort={sort}
              onSort={(next) => setUrl({ sort: formatSort(next) })}
            />
            <p className="hint net-flags-legend">{t("network.flags.legend")}</p>
          </>
        )}
      </PagedList>
    </section>
  );
}
