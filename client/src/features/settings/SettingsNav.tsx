import { NavLink } from "react-router";
import { useI18n } from "../../lib/i18n";
import { useViewer } from "../shell/viewer";
import { apiTokensUrl, usersUrl } from "./urls";
import "./messages";

/** The settings screens the viewer's role may use (viewer.permissions), as tabs above each one. */
export function SettingsNav() {
  const { t } = useI18n();
  const { permissions } = useViewer();
  if (!permissions.canManageUsers || !permissions.canManageApiTokens) return null;
  return (
    <nav aria-label={t("settings.nav")} className="settings-tabs">
      <NavLink to={usersUrl()}>{t("settings.users")}</NavLink>
      <NavLink to={apiTokensUrl()}>{t("settings.apiTokens")}</NavLink>
    </nav>
  );
}
