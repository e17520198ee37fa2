import { Link } from "react-router";
import {
  useDashboardMultiChannelQuery,
  useDashboardPendingTransfersQuery,
  useDashboardProvidersQuery,
  useDashboardResellersQuery,
  useDashboardSummaryQuery,
  useDashboardTermsEndingQuery,
  type EligibilityAction,
} from "../../graphql/generated";
import { DataState } from "../../components/DataState";
import { useI18n } from "../../lib/i18n";
import { useUrlParams } from "../../lib/url-params";
import { useViewer } from "../shell/viewer";
import { SALES_CHANNEL_VALUES, SUBSCRIPTION_STATUS_VALUES } from "../../graphql/generated";
import { subscriptionListUrl } from "../subscriptions/urls";
import { CHANNEL_COLORS, STATUS_COLORS } from "./chart-colors";
import { addDays, todayUtc } from "./dates";
import { customerListUrl } from "../customers/urls";
import { resellerListUrl } from "../network/urls";
import { requestListUrl } from "../requests/urls";
import { transferListUrl } from "../transfers/urls";
import { dashboardParams } from "./urls";
import { AskProviderPanel, type ProviderRule } from "./components/AskProviderPanel";
import { CountChart } from "./components/CountChart";
import { MultiChannelTable } from "./components/MultiChannelTable";
import { PendingTransfersTable } from "./components/PendingTransfersTable";
import { ResellerSummaryTable } from "./components/ResellerSummaryTable";
import { StatCards, type StatItem } from "./components/StatCards";
import { TermWindowToggle, TermsEndingTable } from "./components/TermsEnding";
import "../subscriptions/messages";
import "./messages";

// The dashboard's panels: each fetches its own data (so each loads, fails and retries on its own) and hands it
// to a pure component. Totals change under the user's feet (other screens, other users): the panels show what
// the cache has and fetch again every time the dashboard opens.
const FRESH = { fetchPolicy: "cache-and-network" } as const;

export type DashboardVariant = "provider" | "direct" | "reseller";

function PanelHeading({ id, title, children }: { id: string; title: string; children?: React.ReactNode }) {
  return (
    <div className="dash-panel-head">
      <h2 id={id}>{title}</h2>
      {children}
    </div>
  );
}

/** Headline numbers: which cards depends on who is looking. */
export function StatsSection({ variant }: { variant: DashboardVariant }) {
  const { t, formatDate } = useI18n();
  const viewer = useViewer();
  const { data: fresh, previousData, loading, error, refetch } = useDashboardSummaryQuery(FRESH);
  // A failed refresh keeps the last answer on screen, under a stale-data banner (DataState hasData).
  const data = fresh ?? previousData;
  const s = data?.networkSummary;

  const items: StatItem[] = [];
  if (s) {
    const today = s.asOf;
    const termsUrl = (days: number) =>
      subscriptionListUrl({ status: ["ACTIVE"], termEndsAfter: today, termEndsBefore: addDays(today, days) });
    items.push(
      { key: "customers", label: t("dashboard.stat.customers"), value: s.customerCount, to: customerListUrl() },
      {
        key: "subscriptions",
        label: t("dashboard.stat.subscriptions"),
        value: s.subscriptionCount,
        to: subscriptionListUrl({ status: [] }),
      },
    );
    if (variant === "provider") {
      items.push(
        {
          key: "resellers",
          label: t("dashboard.stat.resellers"),
          value: s.activeResellerCount,
          to: resellerListUrl({ status: "ACTIVE" }),
        },
        {
          key: "compliance",
          label: t("dashboard.stat.compliance"),
          value: s.resellersWithComplianceIssues,
          to: resellerListUrl({ status: "ACTIVE", issues: true }),
          tone: "warn",
        },
        {
          key: "requests",
          label: t("dashboard.stat.requests"),
          value: s.openProviderRequests,
          to: requestListUrl({ direction: "RECEIVED", status: "OPEN" }),
          tone: "warn",
        },
      );
    }
    items.push(
      {
        key: "multiChannel",
        label: t("dashboard.stat.multiChannel"),
        value: s.multiChannelCustomerCount,
        to: customerListUrl({ nonCsp: "yes" }),
      },
      { key: "terms30", label: t("dashboard.stat.terms30"), value: s.termsEndingIn30Days, to: termsUrl(30) },
      { key: "terms60", label: t("dashboard.stat.terms60"), value: s.termsEndingIn60Days, to: termsUrl(60) },
      {
        key: "transfersIn",
        label: t("dashboard.stat.transfersIn"),
        value: s.incomingTransfersPending,
        to: transferListUrl({ status: ["PENDING"], direction: "INCOMING" }),
      },
    );
    if (variant !== "reseller") {
      items.push(
        {
          key: "transfersOut",
          label: t("dashboard.stat.transfersOut"),
          value: s.outgoingTransfersPending,
          to: transferListUrl({ status: ["PENDING"], direction: "OUTGOING" }),
        },
        {
          key: "transfersUrgent",
          label: t("dashboard.stat.transfersUrgent"),
          value: s.transfersExpiringWithin7Days,
          to: transferListUrl({ status: ["PENDING"], expires: addDays(today, 7) }),
          tone: "warn",
        },
      );
    }
    items.push({
      key: "relationships",
      label: t("dashboard.stat.relationships"),
      value: s.relationshipsRequested,
      to: customerListUrl({ requested: true }),
    });
  }

  return (
    <DataState loading={loading && !s} error={error} hasData={Boolean(s)} onRetry={() => void refetch()}>
      {s && (
        <>
          <p className="sub-lead">
            {t("dashboard.welcome", { partner: viewer.partner.name, date: formatDate(s.asOf) })}
          </p>
          <StatCards items={items} label={t("dashboard.stats")} />
        </>
      )}
    </DataState>
  );
}

/** Subscriptions by channel and by status (recharts, with the numbers in hidden tables). */
export function ChartsSection() {
  const { t } = useI18n();
  const { data: fresh, previousData, loading, error, refetch } = useDashboardSummaryQuery(FRESH);
  // A failed refresh keeps the last answer on screen, under a stale-data banner (DataState hasData).
  const data = fresh ?? previousData;
  const s = data?.networkSummary;
  const byChannel = new Map(s?.subscriptionsByChannel.map((c) => [c.channel, c.count]));
  const byStatus = new Map(s?.subscriptionsByStatus.map((c) => [c.status, c.count]));
  return (
    <section className="panel" aria-labelledby="charts-title">
      <PanelHeading id="charts-title" title={t("dashboard.charts")}>
        <Link to={subscriptionListUrl({ status: [] })}>{t("dashboard.viewAll")}</Link>
      </PanelHeading>
      {/* The same query as the headline numbers, whose panel already says when it is stale. */}
      <DataState
        loading={loading && !s}
        error={s ? null : error}
        empty={s?.subscriptionCount === 0}
        emptyText={t("dashboard.charts.empty")}
        onRetry={() => void refetch()}
      >
        <div className="dash-chart-grid">
          <CountChart
            title={t("dashboard.chart.channel")}
            categoryLabel={t("dashboard.chart.channelCol")}
            countLabel={t("dashboard.chart.countCol")}
            rows={SALES_CHANNEL_VALUES.map((c) => ({
              key: c,
              label: t(`subscriptions.channel.${c}`),
              count: byChannel.get(c) ?? 0,
              color: CHANNEL_COLORS[c],
            }))}
          />
          <CountChart
            title={t("dashboard.chart.status")}
            categoryLabel={t("dashboard.chart.statusCol")}
            countLabel={t("dashboard.chart.countCol")}
            rows={SUBSCRIPTION_STATUS_VALUES.map((st) => ({
              key: st,
              label: t(`subscriptions.status.${st}`),
              count: byStatus.get(st) ?? 0,
              color: STATUS_COLORS[st],
            }))}
          />
        </div>
      </DataState>
    </section>
  );
}

const TOP_RESELLERS = 10;

/** Providers: the ten largest resellers (by subscriptions) with their compliance flags. */
export function ResellersSection() {
  const { t } = useI18n();
  const { data: fresh, previousData, loading, error, refetch } = useDashboardResellersQuery(FRESH);
  // A failed refresh keeps the last answer on screen, under a stale-data banner (DataState hasData).
  const data = fresh ?? previousData;
  const connection = data?.resellers;
  const rows = [...(connection?.nodes ?? [])]
    .sort(
      (a, b) =>
        (b.counts?.subscriptions ?? -1) - (a.counts?.subscriptions ?? -1) ||
        a.reseller.name.localeCompare(b.reseller.name),
    )
    .slice(0, TOP_RESELLERS);
  const flagged = (connection?.nodes ?? []).filter(
    (n) => n.status === "ACTIVE" && (n.complianceFlags?.length ?? 0) > 0,
  ).length;
  return (
    <section className="panel" aria-labelledby="resellers-title">
      <PanelHeading id="resellers-title" title={t("dashboard.resellers.title")}>
        <Link to={resellerListUrl()}>{t("dashboard.resellers.all")}</Link>
      </PanelHeading>
      <DataState
        loading={loading && !connection}
        error={error}
        hasData={Boolean(connection)}
        empty={!!connection && rows.length === 0}
        emptyText={t("dashboard.resellers.empty")}
        onRetry={() => void refetch()}
      >
        {flagged > 0 && (
          <p className="dash-panel-note">
            <Link to={resellerListUrl({ issues: true })}>
              {t("dashboard.resellers.issuesLink", { count: flagged })}
            </Link>
          </p>
        )}
        <ResellerSummaryTable rows={rows} total={connection?.totalCount ?? 0} />
      </DataState>
    </section>
  );
}

const SHOWN_TRANSFERS = 8;

/** Pending transfers (incoming and outgoing), the ones expiring soonest first. */
export function TransfersSection() {
  const { t } = useI18n();
  const { data: fresh, previousData, loading, error, refetch } = useDashboardPendingTransfersQuery(FRESH);
  // A failed refresh keeps the last answer on screen, under a stale-data banner (DataState hasData).
  const data = fresh ?? previousData;
  const connection = data?.transfers;
  const rows = [...(connection?.nodes ?? [])]
    .sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity))
    .slice(0, SHOWN_TRANSFERS);
  const total = connection?.totalCount ?? 0;
  return (
    <section className="panel" aria-labelledby="transfers-title">
      <PanelHeading id="transfers-title" title={t("dashboard.transfers.title")}>
        <Link to={transferListUrl({ status: ["PENDING"] })}>{t("dashboard.transfers.all")}</Link>
      </PanelHeading>
      <DataState
        loading={loading && !connection}
        error={error}
        hasData={Boolean(connection)}
        empty={!!connection && rows.length === 0}
        emptyText={t("dashboard.transfers.empty")}
        onRetry={() => void refetch()}
      >
        <PendingTransfersTable rows={rows} />
        {total > rows.length && (
          <p className="dash-panel-note">{t("dashboard.transfers.more", { shown: rows.length, total })}</p>
        )}
      </DataState>
    </section>
  );
}

/** Active subscriptions whose term ends in the next 30 or 60 days (the window is `terms` in the URL). */
export function TermsSection({ showReseller }: { showReseller: boolean }) {
  const { t, formatNumber } = useI18n();
  const [url, setUrl] = useUrlParams(dashboardParams);
  const days = url.terms;
  const from = todayUtc();
  const to = addDays(from, days);
  const { data, previousData, loading, error, refetch } = useDashboardTermsEndingQuery({
    ...FRESH,
    variables: { from, to },
  });
  const connection = (data ?? previousData)?.subscriptions;
  const allUrl = subscriptionListUrl({ status: ["ACTIVE"], termEndsAfter: from, termEndsBefore: to });
  return (
    <section className="panel" aria-labelledby="terms-title">
      <PanelHeading id="terms-title" title={t("dashboard.terms.title")}>
        <TermWindowToggle days={days} onChange={(terms) => setUrl({ terms })} />
      </PanelHeading>
      <DataState
        loading={loading && !connection}
        error={error}
        hasData={Boolean(connection)}
        empty={!!connection && connection.nodes.length === 0}
        emptyText={t("dashboard.terms.empty", { days })}
        onRetry={() => void refetch()}
      >
        {connection && (
          <div aria-busy={loading || undefined} className={loading ? "refreshing" : undefined}>
            <TermsEndingTable rows={connection.nodes} from={from} to={to} showReseller={showReseller} />
            <p className="dash-panel-note">
              <Link to={allUrl}>{t("dashboard.terms.all", { count: formatNumber(connection.totalCount) })}</Link>
            </p>
          </div>
        )}
      </DataState>
    </section>
  );
}

/** Customers that also buy outside CSP: multi-channel support and take-over opportunities. */
export function MultiChannelSection({ showThrough }: { showThrough: boolean }) {
  const { t } = useI18n();
  const viewer = useViewer();
  const { data: fresh, previousData, loading, error, refetch } = useDashboardMultiChannelQuery(FRESH);
  // A failed refresh keeps the last answer on screen, under a stale-data banner (DataState hasData).
  const data = fresh ?? previousData;
  const connection = data?.customers;
  return (
    <section className="panel" aria-labelledby="multi-title">
      <PanelHeading id="multi-title" title={t("dashboard.multi.title")}>
        <Link to={customerListUrl({ nonCsp: "yes" })}>{t("dashboard.multi.all")}</Link>
      </PanelHeading>
      <p className="dash-panel-intro">{t("dashboard.multi.intro")}</p>
      <DataState
        loading={loading && !connection}
        error={error}
        hasData={Boolean(connection)}
        empty={!!connection && connection.nodes.length === 0}
        emptyText={t("dashboard.multi.empty")}
        onRetry={() => void refetch()}
      >
        {connection && (
          <>
            <MultiChannelTable rows={connection.nodes} viewerPartnerId={viewer.partner.id} showThrough={showThrough} />
            {connection.totalCount > connection.nodes.length && (
              <p className="dash-panel-note">
                {t("dashboard.multi.more", { shown: connection.nodes.length, total: connection.totalCount })}
              </p>
            )}
          </>
        )}
      </DataState>
    </section>
  );
}

/** Indirect resellers: the providers that act for them, the rule (R22) that says so, and the requests still open. */
export function AskProviderSection() {
  const { t } = useI18n();
  const viewer = useViewer();
  const { data: fresh, previousData, loading, error, refetch } = useDashboardProvidersQuery(FRESH);
  // A failed refresh keeps the last answer on screen, under a stale-data banner (DataState hasData).
  const data = fresh ?? previousData;
  const found = data?.eligibilityRules.find((r) => r.code === "INDIRECT_RESELLER_MUST_USE_PROVIDER");
  const rule: ProviderRule | null = found
    ? { id: found.id, code: found.code, message: found.message, actions: found.actions as EligibilityAction[] }
    : null;
  const openUrl = requestListUrl({ direction: "SENT", status: "OPEN" });
  const openByProvider = new Map<string, number>();
  for (const r of data?.openRequests.nodes ?? []) {
    openByProvider.set(r.provider.id, (openByProvider.get(r.provider.id) ?? 0) + 1);
  }
  return (
    <DataState loading={loading && !data} error={error} hasData={Boolean(data)} onRetry={() => void refetch()}>
      {data && (
        <AskProviderPanel
          rule={rule}
          viewerPartnerId={viewer.partner.partnerId}
          providers={data.providers.nodes.map((n) => ({
            partnershipId: n.id,
            status: n.status,
            complianceFlags: n.complianceFlags,
            provider: n.provider,
          }))}
          renderRequest={(p) => {
            const open = openByProvider.get(p.provider.id) ?? 0;
            if (p.status !== "ACTIVE" && open === 0) return null;
            return (
              <p className="dash-provider-requests" data-testid="ask-provider-requests">
                {open > 0 ? (
                  <Link to={openUrl}>{t("dashboard.ask.openWith", { count: open })}</Link>
                ) : (
                  <small className="sub-meta">{t("dashboard.ask.noneOpen")}</small>
                )}
              </p>
            );
          }}
          requests={{ open: data.openRequests.totalCount, to: requestListUrl({ direction: "SENT" }) }}
        />
      )}
    </DataState>
  );
}
