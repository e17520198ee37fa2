import { NavLink } from "react-router";
import { useI18n } from "../../lib/i18n";
import { useViewer } from "../shell/viewer";
import { apiTokensUrl, partnerFactsUrl, syncUrl, usersUrl, webhooksUrl } from "./urls";
import "./messages";

/** The settings screens the viewer's role may use (viewer.permissions), as tabs above each one. */
export function SettingsNav() {
  const { t } = useI18n();
  const { permissions } = useViewer();
  const tabs = [
    permissions.canManageUsers && (
      <NavLink key="users" to={usersUrl()}>
        {t("settings.users")}
      </NavLink>
    ),
    permissions.canManageApiTokens && (
      <NavLink key="tokens" to={apiTokensUrl()}>
        {t("settings.apiTokens")}
      </NavLink>
    ),
    permissions.canManageWebhooks && (
      <NavLink key="webhooks" to={webhooksUrl()}>
        {t("settings.webhooks")}
      </NavLink>
    ),
    permissions.canViewSync && (
      <NavLink key="sync" to={syncUrl()}>
        {t("settings.sync")}
      </NavLink>
    ),
    permissions.canRecordPartnerFacts && (
      <NavLink key="facts" to={partnerFactsUrl()}>
        {t("settings.partnerFacts")}
      </NavLink>
    ),
  ].filter(Boolean);
  // Tabs only when there is somewhere else to go.
  if (tabs.length < 2) return null;
  return (
    <nav aria-label={t("settings.nav")} className="settings-tabs">
      {tabs}
    </nav>
  );
}
