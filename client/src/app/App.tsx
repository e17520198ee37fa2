import { Suspense, useEffect, useMemo, useState, type ComponentType } from "react";
import { ApolloProvider } from "@apollo/client/react";
import { BrowserRouter, Link, matchPath, Navigate, Outlet, Route, Routes } from "react-router";
import { createApolloClient, reconnectLive } from "../lib/apollo";
import { afterFirstContent } from "../lib/first-content";
import { AuthProvider, isSignedIn, useAuth } from "../lib/auth";
import { I18nProvider, useI18n } from "../lib/i18n";
import { Home, Layout } from "../features/shell/Layout";
import { SignInView } from "../features/shell/SignInView";
import { DataState } from "../components/DataState";

// Each screen is its own chunk (recharts, the wizard… load when first needed); the shell loads up front.
const screenLoaders: (() => Promise<unknown>)[] = [];
const lazyView = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K, paths: string[] = []) => {
  let loaded: ComponentType | undefined;
  const loadAndKeep = async () => (loaded = (await load())[name]);
  screenLoaders.push(loadAndKeep);
  // The screen the app opens on starts loading now, beside the session and viewer requests, not after them.
  if (typeof window !== "undefined" && paths.some((path) => matchPath(path, window.location.pathname)))
    void loadAndKeep().catch(() => undefined);
  // The screen waits for its chunk without suspending: React shows content that suspended no sooner than 300 ms
  // after its fallback (measured: the dashboard's queries left ~360 ms after the viewer's answer although the chunk
  // was already here). A chunk already loaded renders at once.
  return function Screen() {
    const [view, setView] = useState<{ View?: ComponentType; error?: unknown }>(() => ({ View: loaded }));
    useEffect(() => {
      if (view.View) return;
      let live = true;
      loadAndKeep().then(
        (View) => live && setView({ View }),
        (error: unknown) => live && setView({ error }),
      );
      return () => {
        live = false;
      };
    }, [view.View]);
    // A chunk that failed to load goes to the error boundary, as React.lazy's rejection would.
    if (view.error) throw view.error;
    const { View } = view;
    return View ? <View /> : <DataState loading>{null}</DataState>;
  };
};

/**
 * Fetches every screen's chunk once the first screen has its content (its requests answered, then the browser
 * idle: lib/first-content.ts), so later navigation does not wait on the network and the preload never competes
 * with the first screen's own requests.
 */
function usePreloadScreens() {
  useEffect(() => afterFirstContent(() => screenLoaders.forEach((load) => void load().catch(() => undefined))), []);
}
const DashboardView = lazyView(() => import("../features/dashboard/DashboardView"), "DashboardView", ["/"]);
const CustomerListView = lazyView(() => import("../features/customers/CustomerListView"), "CustomerListView", [
  "/customers",
]);
const CustomerView = lazyView(() => import("../features/customers/CustomerView"), "CustomerView", [
  "/customers/:customerId",
]);
const SubscriptionListView = lazyView(
  () => import("../features/subscriptions/SubscriptionListView"),
  "SubscriptionListView",
  ["/subscriptions"],
);
const SubscriptionPanelView = lazyView(
  () => import("../features/subscriptions/SubscriptionPanelView"),
  "SubscriptionPanelView",
  ["/subscriptions/:subscriptionId"],
);
const RenewalsView = lazyView(() => import("../features/renewals/RenewalsView"), "RenewalsView", ["/renewals"]);
const ResellerListView = lazyView(() => import("../features/network/ResellerListView"), "ResellerListView", [
  "/resellers",
]);
const ResellerView = lazyView(() => import("../features/network/ResellerView"), "ResellerView", [
  "/resellers/:resellerId",
]);
const ProviderListView = lazyView(() => import("../features/network/ProviderListView"), "ProviderListView", [
  "/providers",
]);
const TransferListView = lazyView(() => import("../features/transfers/TransferListView"), "TransferListView", [
  "/transfers",
]);
const TransferWizardView = lazyView(() => import("../features/transfers/TransferWizardView"), "TransferWizardView", [
  "/transfers/new",
]);
const TransferDetailView = lazyView(() => import("../features/transfers/TransferDetailView"), "TransferDetailView", [
  "/transfers/:transferId",
]);
const AcceptRelationshipView = lazyView(
  () => import("../features/relationships/AcceptRelationshipView"),
  "AcceptRelationshipView",
  ["/relationships/accept"],
);
const ProviderRequestListView = lazyView(
  () => import("../features/requests/ProviderRequestListView"),
  "ProviderRequestListView",
  ["/requests"],
);
const UsersView = lazyView(() => import("../features/settings/UsersView"), "UsersView", ["/settings/users"]);
const ApiTokensView = lazyView(() => import("../features/settings/ApiTokensView"), "ApiTokensView", [
  "/settings/api-tokens",
]);
const WebhooksView = lazyView(() => import("../features/settings/WebhooksView"), "WebhooksView", [
  "/settings/webhooks",
]);
const PartnerFactsView = lazyView(() => import("../features/settings/PartnerFactsView"), "PartnerFactsView", [
  "/settings/partner-facts",
]);
const SyncView = lazyView(() => import("../features/settings/SyncView"), "SyncView", ["/settings/partner-center-sync"]);
import { ActivityView } from "../features/activity/ActivityView";
import "../features/shell/shell-messages";

function RequireAuth() {
  const { status } = useAuth();
  if (status === "loading") return <DataState loading>{null}</DataState>;
  return status === "signedIn" ? <Outlet /> : <Navigate to="/signin" replace />;
}

function NotFound() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t("notFound.title")}</h1>
      <Link to="/">{t("notFound.back")}</Link>
    </section>
  );
}

export function AppRoutes() {
  usePreloadScreens();
  return (
    <Suspense fallback={<DataState loading>{null}</DataState>}>
      <Routes>
        <Route path="/signin" element={<SignInView />} />
        <Route path="/relationships/accept" element={<AcceptRelationshipView />} />
        <Route element={<RequireAuth />}>
          <Route element={<Layout />}>
            <Route index element={<Home dashboard={<DashboardView />} />} />
            <Route path="customers" element={<CustomerListView />} />
            <Route path="customers/:customerId" element={<CustomerView />} />
            <Route path="subscriptions" element={<SubscriptionListView />} />
            <Route path="subscriptions/:subscriptionId" element={<SubscriptionPanelView />} />
            <Route path="renewals" element={<RenewalsView />} />
            <Route path="resellers" element={<ResellerListView />} />
            <Route path="resellers/:resellerId" element={<ResellerView />} />
            <Route path="providers" element={<ProviderListView />} />
            <Route path="transfers" element={<TransferListView />} />
            <Route path="transfers/new" element={<TransferWizardView />} />
            <Route path="transfers/:transferId" element={<TransferDetailView />} />
            <Route path="requests" element={<ProviderRequestListView />} />
            <Route path="activity" element={<ActivityView />} />
            <Route path="settings/users" element={<UsersView />} />
            <Route path="settings/api-tokens" element={<ApiTokensView />} />
            <Route path="settings/partner-center-sync" element={<SyncView />} />
            <Route path="settings/webhooks" element={<WebhooksView />} />
            <Route path="settings/partner-facts" element={<PartnerFactsView />} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Route>
      </Routes>
    </Suspense>
  );
}

export function App() {
  const client = useMemo(
    () =>
      createApolloClient({
        onUnauthenticated: () => {
          // The session expired or the user was deactivated: back to the sign-in screen (a fresh page, no state).
          if (isSignedIn()) window.location.assign("/signin");
        },
      }),
    [],
  );
  return (
    <I18nProvider>
      <AuthProvider
        onChange={() => {
          reconnectLive(client);
          void client.clearStore();
        }}
      >
        <ApolloProvider client={client}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </ApolloProvider>
      </AuthProvider>
    </I18nProvider>
  );
}
