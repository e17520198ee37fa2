import { useI18n } from "../../lib/i18n";
import { isProvider, isResellerOnly, useViewer } from "../shell/viewer";
import { SelfServicePanel } from "./components/SelfServicePanel";
import {
  AskProviderSection,
  ChartsSection,
  MultiChannelSection,
  ResellersSection,
  StatsSection,
  TermsSection,
  TransfersSection,
  type DashboardVariant,
} from "./sections";
import "../subscriptions/subscriptions.css";
import "../network/network.css";
import "./dashboard.css";
import "./messages";
import { NetworkSyncIndicator } from "../../components/SyncedIndicator";

/**
 * The index route. Indirect providers see their network (totals, charts, resellers and their compliance, pending
 * transfers, terms ending, multi-channel customers); direct-bill partners the same without resellers; indirect
 * resellers their customers, what they can do themselves and what goes through their provider.
 */
export function DashboardView() {
  const { t } = useI18n();
  const viewer = useViewer();
  const variant: DashboardVariant = isProvider(viewer) ? "provider" : isResellerOnly(viewer) ? "reseller" : "direct";

  if (variant === "reseller") {
    return (
      <section className="dashboard" aria-labelledby="dashboard-title">
        <h1 id="dashboard-title">{t("dashboard.title.reseller")}</h1>
        <NetworkSyncIndicator block />
        <StatsSection variant={variant} />
        <div className="dash-grid">
          <SelfServicePanel />
          <AskProviderSection />
        </div>
        <TermsSection showReseller={false} />
        <MultiChannelSection showThrough={false} />
        <ChartsSection />
      </section>
    );
  }

  return (
    <section className="dashboard" aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">
        {variant === "provider" ? t("dashboard.title.provider") : t("dashboard.title.direct")}
      </h1>
      <NetworkSyncIndicator block />
      <StatsSection variant={variant} />
      <ChartsSection />
      <div className="dash-grid">
        {variant === "provider" && <ResellersSection />}
        <TransfersSection />
      </div>
      <TermsSection showReseller={variant === "provider"} />
      <MultiChannelSection showThrough={variant === "provider"} />
    </section>
  );
}
