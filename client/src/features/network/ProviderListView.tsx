import { useState } from "react";
import { Link } from "react-router";
import {
  useNetworkAcceptInvitationMutation,
  useNetworkEndPartnershipMutation,
  useNetworkProvidersQuery,
} from "../../graphql/generated";
import { DataState } from "../../components/DataState";
import { Pager } from "../../components/Pager";
import { useI18n } from "../../lib/i18n";
import { useUrlState } from "../../lib/url-state";
import type { UserErrorLike } from "../../lib/user-errors";
import { useViewer } from "../shell/viewer";
import { PartnershipFilters } from "./components/PartnershipFilters";
import { ProviderTable, type ProviderRow } from "./components/ProviderTable";
import { thrownAsUserErrors } from "./mutation-errors";
import { parseStatusChoice, partnershipFilter } from "./partnership-filter";
import "./messages";
import "../subscriptions/subscriptions.css";
import "./network.css";

const PAGE_SIZE = 20;
const KEYS = ["status", "search", "after"] as const;
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
        <Link to="/">{t("network.backToDashboard")}</Link>
      </section>
    );
  }
  return <ProviderNetwork />;
}

function ProviderNetwork() {
  const { t } = useI18n();
  const viewer = useViewer();
  const [url, setUrl] = useUrlState(KEYS);
  const status = parseStatusChoice(url.status);
  const readOnlyReason = viewer.permissions.canManageNetwork
    ? null
    : t("network.role.readOnly", { role: t(`role.${viewer.user.role}`) });

  const { data, previousData, loading, error, refetch } = useNetworkProvidersQuery({
    variables: { first: PAGE_SIZE, after: url.after || null, filter: partnershipFilter(status, url.search) },
  });
  const connection = (data ?? previousData)?.providers;

  // Refetch only when something changed: a refusal (userErrors) leaves the list as it is.
  const [accept] = useNetworkAcceptInvitationMutation({
    refetchQueries: ({ data }) => (data?.acceptResellerInvitation.userErrors.length ? [] : REFETCH),
    awaitRefetchQueries: true,
  });
  const [end] = useNetworkEndPartnershipMutation({
    refetchQueries: ({ data }) => (data?.endResellerPartnership.userErrors.length ? [] : REFETCH),
    awaitRefetchQueries: true,
  });
  const [pending, setPending] = useState<{ id: string; kind: "accept" | "end" } | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<string, readonly UserErrorLike[]>>({});
  const [notice, setNotice] = useState<string | null>(null);

  async function run(row: ProviderRow, kind: "accept" | "end") {
    setPending({ id: row.id, kind });
    setNotice(null);
    setRowErrors(({ [row.id]: _dropped, ...rest }) => rest);
    const variables = { input: { partnershipId: row.id } };
    try {
      const errors =
        kind === "accept"
          ? ((await accept({ variables })).data?.acceptResellerInvitation.userErrors ?? [])
          : ((await end({ variables })).data?.endResellerPartnership.userErrors ?? []);
      if (errors.length) setRowErrors((prev) => ({ ...prev, [row.id]: errors }));
      else
        setNotice(
          kind === "accept"
            ? t("network.accept.done", { name: row.provider.name })
            : t("network.end.done", { name: row.provider.name }),
        );
    } catch (e) {
      setRowErrors((prev) => ({ ...prev, [row.id]: thrownAsUserErrors(e) }));
    } finally {
      setPending(null);
    }
  }

  return (
    <section className="network-page" aria-labelledby="providers-title">
      <h1 id="providers-title">{t("network.providers.title")}</h1>
      <p className="sub-lead">{t("network.providers.intro")}</p>
      {readOnlyReason && <p className="notice">{readOnlyReason}</p>}

      <PartnershipFilters values={{ status, search: url.search }} onChange={(changes) => setUrl(changes)} />
      <p role="status" className={notice ? "success" : "sr-only"}>
        {notice ?? ""}
      </p>

      <DataState
        loading={loading && !connection}
        error={error}
        empty={!!connection && connection.nodes.length === 0}
        emptyText={t("network.providers.empty", { partnerId: viewer.partner.partnerId })}
        onRetry={() => void refetch()}
      >
        {connection && (
          <div aria-busy={loading || undefined} className={loading ? "sub-refreshing" : undefined}>
            <ProviderTable
              rows={connection.nodes}
              pending={pending}
              rowErrors={rowErrors}
              readOnlyReason={readOnlyReason}
              onAccept={(row) => void run(row, "accept")}
              onEnd={(row) => void run(row, "end")}
            />
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
