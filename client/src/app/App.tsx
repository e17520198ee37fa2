import { useMemo } from "react";
import { ApolloProvider } from "@apollo/client/react";
import { BrowserRouter, Link, Navigate, Outlet, Route, Routes } from "react-router";
import { createApolloClient } from "../lib/apollo";
import { AuthProvider, readToken, useAuth } from "../lib/auth";
import { I18nProvider, useI18n } from "../lib/i18n";
import { Layout } from "../features/shell/Layout";
import { SignInView } from "../features/shell/SignInView";
import { DashboardView } from "../features/dashboard/DashboardView";
import { CustomerListView } from "../features/customers/CustomerListView";
import { CustomerView } from "../features/customers/CustomerView";
import { SubscriptionListView } from "../features/subscriptions/SubscriptionListView";
import { ResellerListView } from "../features/network/ResellerListView";
import { ProviderListView } from "../features/network/ProviderListView";
import { TransferListView } from "../features/transfers/TransferListView";
import { TransferWizardView } from "../features/transfers/TransferWizardView";
import { TransferDetailView } from "../features/transfers/TransferDetailView";
import { AcceptRelationshipView } from "../features/relationships/AcceptRelationshipView";
import { ProviderRequestListView } from "../features/requests/ProviderRequestListView";
import "../features/shell/shell-messages";

function RequireAuth() {
  const { token } = useAuth();
  return token ? <Outlet /> : <Navigate to="/signin" replace />;
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
  return (
    <Routes>
      <Route path="/signin" element={<SignInView />} />
      <Route path="/relationships/accept" element={<AcceptRelationshipView />} />
      <Route element={<RequireAuth />}>
        <Route element={<Layout />}>
          <Route index element={<DashboardView />} />
          <Route path="customers" element={<CustomerListView />} />
          <Route path="customers/:customerId" element={<CustomerView />} />
          <Route path="subscriptions" element={<SubscriptionListView />} />
          <Route path="resellers" element={<ResellerListView />} />
          <Route path="providers" element={<ProviderListView />} />
          <Route path="transfers" element={<TransferListView />} />
          <Route path="transfers/new" element={<TransferWizardView />} />
          <Route path="transfers/:transferId" element={<TransferDetailView />} />
          <Route path="requests" element={<ProviderRequestListView />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Route>
    </Routes>
  );
}

export function App() {
  const client = useMemo(
    () =>
      createApolloClient({
        onUnauthenticated: () => {
          if (readToken()) {
            localStorage.removeItem("channelgate.token");
            window.location.assign("/signin");
          }
        },
      }),
    [],
  );
  return (
    <I18nProvider>
      <AuthProvider onChange={() => void client.clearStore()}>
        <ApolloProvider client={client}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </ApolloProvider>
      </AuthProvider>
    </I18nProvider>
  );
}
