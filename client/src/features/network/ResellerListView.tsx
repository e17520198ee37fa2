import { useState } from "react";
import { Link } from "react-router";
import {
  useNetworkEndPartnershipMutation,
  useNetworkInviteResellerMutation,
  useNetworkResellersQuery,
} from "../../graphql/generated";
import { DataState } from "../../components/DataState";
import { Pager } from "../../components/Pager";
import { useI18n } from "../../lib/i18n";
import { useUrlState } from "../../lib/url-state";
import type { UserErrorLike } from "../../lib/user-errors";
import { isProvider, useViewer } from "../shell/viewer";
import { InviteResellerForm } from "./components/InviteResellerForm";
import { PartnershipFilters } from "./components/PartnershipFilters";
import { ResellerTable, type ResellerRow } from "./components/ResellerTable";
import { thrownAsUserErrors } from "./mutation-errors";
import { parseStatusChoice, partnershipFilter } from "./partnership-filter";
import "./messages";
import "../subscriptions/subscriptions.css";
import "./network.css";

const PAGE_SIZE = 20;
const KEYS = ["status", "search", "issues", "after"] as const;
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
        <Link to="/">{t("network.backToDashboard")}</Link>
      </section>
    );
  }
  return <ResellerNetwork />;
}

function ResellerNetwork() {
  const { t } = useI18n();
  const viewer = useViewer();
  const [url, setUrl] = useUrlState(KEYS);
  const status = parseStatusChoice(url.status);
  const issues = url.issues === "1";
  const readOnlyReason = viewer.permissions.canManageNetwork
    ? null
    : t("network.role.readOnly", { role: t(`role.${viewer.user.role}`) });

  const { data, previousData, loading, error, refetch } = useNetworkResellersQuery({
    variables: { first: PAGE_SIZE, after: url.after || null, filter: partnershipFilter(status, url.search, issues) },
  });
  const connection = (data ?? previousData)?.resellers;

  // Refetch only when something changed: a refusal (userErrors) leaves the list as it is.
  const [invite, inviteState] = useNetworkInviteResellerMutation({
    refetchQueries: ({ data }) => (data?.inviteReseller.userErrors.length ? [] : REFETCH),
    awaitRefetchQueries: true,
  });
  const [inviteErrors, setInviteErrors] = useState<readonly UserErrorLike[]>([]);
  const [invited, setInvited] = useState<string | null>(null);

  const [end] = useNetworkEndPartnershipMutation({
    refetchQueries: ({ data }) => (data?.endResellerPartnership.userErrors.length ? [] : REFETCH),
    awaitRefetchQueries: true,
  });
  const [ending, setEnding] = useState<string | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<string, readonly UserErrorLike[]>>({});
  const [notice, setNotice] = useState<string | null>(null);

  async function onInvite(resellerPartnerId: string): Promise<boolean> {
    setInvited(null);
    try {
      const result = await invite({ variables: { input: { resellerPartnerId } } });
      const payload = result.data?.inviteReseller;
      const errors = payload?.userErrors ?? [];
      setInviteErrors(errors);
      if (errors.length || !payload?.partnership) return false;
      setInvited(t("network.invite.done", { name: payload.partnership.reseller.name }));
      return true;
    } catch (e) {
      setInviteErrors(thrownAsUserErrors(e));
      return false;
    }
  }

  async function onEnd(row: ResellerRow) {
    setEnding(row.id);
    setNotice(null);
    setRowErrors(({ [row.id]: _dropped, ...rest }) => rest);
    try {
      const result = await end({ variables: { input: { partnershipId: row.id } } });
      const errors = result.data?.endResellerPartnership.userErrors ?? [];
      if (errors.length) setRowErrors((prev) => ({ ...prev, [row.id]: errors }));
      else setNotice(t("network.end.done", { name: row.reseller.name }));
    } catch (e) {
      setRowErrors((prev) => ({ ...prev, [row.id]: thrownAsUserErrors(e) }));
    } finally {
      setEnding(null);
    }
  }

  return (
    <section className="network-page" aria-labelledby="resellers-title">
      <h1 id="resellers-title">{t("network.resellers.title")}</h1>
      <p className="sub-lead">{t("network.resellers.intro")}</p>

      <div className="panel">
        <InviteResellerForm
          onInvite={onInvite}
          pending={inviteState.loading}
          errors={inviteErrors}
          done={invited}
          disabledReason={readOnlyReason}
        />
      </div>

      <PartnershipFilters values={{ status, search: url.search, issues }} onChange={(changes) => setUrl(changes)} />
      <p role="status" className={notice ? "success" : "sr-only"}>
        {notice ?? ""}
      </p>

      <DataState
        loading={loading && !connection}
        error={error}
        empty={!!connection && connection.nodes.length === 0}
        emptyText={t("network.resellers.empty")}
        onRetry={() => void refetch()}
      >
        {connection && (
          <div aria-busy={loading || undefined} className={loading ? "sub-refreshing" : undefined}>
            <ResellerTable
              rows={connection.nodes}
              pendingId={ending}
              rowErrors={rowErrors}
              readOnlyReason={readOnlyReason}
              onEnd={(row) => void onEnd(row)}
            />
            <p className="hint net-flags-legend">{t("network.flags.legend")}</p>
            <Pager
              totalCount={connection.totalCount}
              hasNextPage={connection.pageInfo.hasNextPage}
              endCursor={connection.pageInfo.endCursor}
              after={url.after}
              onPage={(after) => setUrl({ after })}
            />
          </div>
        )}
      </DataState>
    </section>
  );
}
