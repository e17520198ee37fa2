import { useState } from "react";
import { Link } from "react-router";
import { dashboardUrl } from "../dashboard/urls";
import {
  useNetworkAcceptInvitationMutation,
  useNetworkEndPartnershipMutation,
  useNetworkProvidersQuery,
} from "../../graphql/generated";
import { PagedList } from "../../components/PagedList";
import { refetchOnSuccess } from "../../lib/graphql";
import { useI18n } from "../../lib/i18n";
import { useRowMutations } from "../../lib/mutation-form";
import { useUrlParams } from "../../lib/url-params";
import { useViewer } from "../shell/viewer";
import { PartnershipFilters } from "./components/PartnershipFilters";
import { ProviderTable, type ProviderAction, type ProviderRow } from "./components/ProviderTable";
import { partnershipFilter, providerListParams } from "./urls";
import "./messages";
import "../subscriptions/subscriptions.css";
import "./network.css";

const PAGE_SIZE = 20;
const REFETCH = ["NetworkProviders"];

/** /providers (indirect resellers): the providers that transact for you; accept invitations, end partnerships. */
export function ProviderListView() {
  const { t } = useI18n();
  const viewer = useViewer();
  if (!viewer.partner.types.includes("INDIRECT_RESELLER")) {
    return (
      <section>
        <h1>{t("network.providers.title")}</h1>
        <p className="notice">{t("network.providers.notReseller")}</p>
        <Link to={dashboardUrl()}>{t("network.backToDashboard")}</Link>
      </section>
    );
  }
  return <ProviderNetwork />;
}

function ProviderNetwork() {
  const { t } = useI18n();
  const viewer = useViewer();
  const [url, setUrl] = useUrlParams(providerListParams);
  const readOnlyReason = viewer.permissions.canManageNetwork
    ? null
    : t("network.role.readOnly", { role: t(`role.${viewer.user.role}`) });

  const { data, previousData, loading, error, refetch } = useNetworkProvidersQuery({
    variables: { first: PAGE_SIZE, after: url.after || null, filter: partnershipFilter(url.status, url.search) },
  });
  const connection = (data ?? previousData)?.providers;

  // Refetch only when something changed: a refusal (userErrors) leaves the list as it is.
  const [accept] = useNetworkAcceptInvitationMutation({
    refetchQueries: refetchOnSuccess((d) => d.acceptResellerInvitation, REFETCH),
  });
  const [end] = useNetworkEndPartnershipMutation({
    refetchQueries: refetchOnSuccess((d) => d.endResellerPartnership, REFETCH),
  });
  const rows = useRowMutations<ProviderAction>();
  const [notice, setNotice] = useState<string | null>(null);

  async function run(row: ProviderRow, kind: ProviderAction) {
    setNotice(null);
    const variables = { input: { partnershipId: row.id } };
    const done = await rows.run(row.id, kind, async () =>
      kind === "accept"
        ? (await accept({ variables })).data?.acceptResellerInvitation
        : (await end({ variables })).data?.endResellerPartnership,
    );
    if (done) setNotice(t(kind === "accept" ? "network.accept.done" : "network.end.done", { name: row.provider.name }));
  }

  return (
    <section className="network-page" aria-labelledby="providers-title">
      <h1 id="providers-title">{t("network.providers.title")}</h1>
      <p className="sub-lead">{t("network.providers.intro")}</p>
      {readOnlyReason && <p className="notice">{readOnlyReason}</p>}

      <PartnershipFilters values={{ status: url.status, search: url.search }} onChange={(changes) => setUrl(changes)} />
      <p role="status" className={notice ? "success" : "sr-only"}>
        {notice ?? ""}
      </p>

      <PagedList
        connection={connection}
        loading={loading}
        error={error}
        onRetry={() => void refetch()}
        emptyText={t("network.providers.empty", { partnerId: viewer.partner.partnerId })}
        after={url.after}
        onPage={(after) => setUrl({ after })}
      >
        {(page) => (
          <ProviderTable
            rows={page.nodes}
            pending={rows.pending}
            rowErrors={rows.rowErrors}
            readOnlyReason={readOnlyReason}
            onAccept={(row) => void run(row, "accept")}
            onEnd={(row) => void run(row, "end")}
          />
        )}
      </PagedList>
    </section>
  );
}
