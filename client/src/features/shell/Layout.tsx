import { Suspense, type ReactNode } from "react";
import { Navigate, NavLink, Outlet, useNavigate } from "react-router";
import { useApolloClient } from "@apollo/client/react";
import { useAuth } from "../../lib/auth";
import { useLiveEvents } from "../../lib/live";
import { LOCALES, useI18n, type Locale } from "../../lib/i18n";
import { DataState } from "../../components/DataState";
import { useShellOpenRequestsQuery, useViewerQuery } from "../../graphql/generated";
import { isProvider, isResellerOnly, useViewer, usesProviderRequests, ViewerProvider } from "./viewer";
import { customerListUrl } from "../customers/urls";
import { dashboardUrl } from "../dashboard/urls";
import { providerListUrl, resellerListUrl } from "../network/urls";
import { requestListUrl } from "../requests/urls";
import { subscriptionListUrl } from "../subscriptions/urls";
import { renewalsUrl } from "../renewals/urls";
import { transferListUrl } from "../transfers/urls";
import { activityUrl } from "../activity/urls";
import { settingsHome } from "../settings/urls";
import { GlobalSearch } from "./GlobalSearch";
import "./shell-messages";

/** Signed-in frame: header with navigation, language switch and user; the page below. */
export function Layout() {
  const { t, locale, setLocale } = useI18n();
  const { signOut } = useAuth();
  const client = useApolloClient();
  const navigate = useNavigate();
  const { data, loading, error, refetch } = useViewerQuery();

  async function changeLocale(next: Locale) {
    setLocale(next);
    // Reasons and messages come from the API in the request's language: fetch them again.
    await client.refetchObservableQueries();
  }

  async function leave() {
    await signOut();
    await client.clearStore();
    navigate("/signin");
  }

  const viewer = data?.viewer;
  // Badge, dashboard, transfer and subscription pages follow live events once the viewer is known.
  useLiveEvents(viewer !== undefined);
  return (
    <>
      <a className="skip" href="#main">
        {t("app.skip")}
      </a>
      <header className="topbar">
        <span className="brand">{t("app.name")}</span>
        {viewer && (
          <nav aria-label={t("nav.main")}>
            {/* What the role cannot read is not offered (a user management admin reads no customer data). */}
            {viewer.permissions.canViewNetwork && (
              <>
                <NavLink to={dashboardUrl()} end>
                  {t("nav.dashboard")}
                </NavLink>
                <NavLink to={customerListUrl()}>{t("nav.customers")}</NavLink>
                <NavLink to={subscriptionListUrl()}>{t("nav.subscriptions")}</NavLink>
                {usesProviderRequests(viewer) && <NavLink to={renewalsUrl()}>{t("nav.renewals")}</NavLink>}
                {isProvider(viewer) && <NavLink to={resellerListUrl()}>{t("nav.resellers")}</NavLink>}
                {isResellerOnly(viewer) && <NavLink to={providerListUrl()}>{t("nav.providers")}</NavLink>}
                <NavLink to={transferListUrl()}>{t("nav.transfers")}</NavLink>
                {usesProviderRequests(viewer) && <RequestsNavLink />}
              </>
            )}
            {viewer.permissions.canViewAudit && <NavLink to={activityUrl()}>{t("nav.activity")}</NavLink>}
            <SettingsNavLink permissions={viewer.permissions} />
          </nav>
        )}
        <div className="topbar-end">
          {viewer?.permissions.canViewNetwork && <GlobalSearch />}
          <label className="lang">
            <span className="sr-only">{t("nav.language")}</span>
            <select
              value={locale}
              onChange={(e) => void changeLocale(e.target.value as Locale)}
              aria-label={t("nav.language")}
            >
              {LOCALES.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.label}
                </option>
              ))}
            </select>
          </label>
          {viewer && (
            <span
              className="whoami"
              title={`${viewer.user.displayName} · ${viewer.partner.name} (${t(`role.${viewer.user.role}`)}) — ${viewer.user.email}`}
            >
              {viewer.user.displayName} · {viewer.partner.name} ({t(`role.${viewer.user.role}`)})
            </span>
          )}
          <button type="button" onClick={() => void leave()}>
            {t("nav.signOut")}
          </button>
        </div>
      </header>
      <DataState loading={loading && !viewer} error={viewer ? null : error} onRetry={() => void refetch()}>
        {viewer && (
          <ViewerProvider viewer={viewer}>
            <main id="main" className="page">
              {/* Screens load as separate chunks: only the page area waits, the header stays. */}
              <Suspense fallback={<DataState loading>{null}</DataState>}>
                <Outlet />
              </Suspense>
            </main>
          </ViewerProvider>
        )}
      </DataState>
    </>
  );
}

/**
 * The start page: the dashboard, or for a role that reads no network data (a user management admin) its Settings
 * screen, instead of a dashboard that could only answer FORBIDDEN.
 */
export function Home({ dashboard }: { dashboard: ReactNode }) {
  const { permissions } = useViewer();
  const settings = settingsHome(permissions);
  return !permissions.canViewNetwork && settings ? <Navigate to={settings} replace /> : dashboard;
}

/** "Settings" (users, API tokens) for the roles that may use one of them; nothing for the others. */
function SettingsNavLink({
  permissions,
}: {
  permissions: { canManageUsers: boolean; canManageApiTokens: boolean; canViewSync: boolean };
}) {
  const { t } = useI18n();
  const home = settingsHome(permissions);
  return home ? <NavLink to={home}>{t("nav.settings")}</NavLink> : null;
}

/** "Requests" with the number of OPEN ones (received as a provider plus sent as a reseller) as a badge. */
function RequestsNavLink() {
  const { t } = useI18n();
  const { data } = useShellOpenRequestsQuery({ fetchPolicy: "cache-and-network" });
  const open = data?.providerRequests.totalCount ?? 0;
  return (
    <NavLink to={requestListUrl()}>
      {t("nav.requests")}
      {open > 0 && (
        <span className="nav-count">
          <span aria-hidden="true">{open}</span>
          <span className="sr-only"> ({t("nav.requestsOpen", { count: open })})</span>
        </span>
      )}
    </NavLink>
  );
}
