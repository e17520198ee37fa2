import { Link } from "react-router";
import { useI18n } from "../../../lib/i18n";
import { subscriptionListUrl } from "../../subscriptions/urls";
import { customerListUrl } from "../../customers/urls";
import "../messages";

/** An indirect reseller's own powers: multi-channel support, registering other channels, relationship requests. */
export function SelfServicePanel() {
  const { t } = useI18n();
  const items = [
    {
      key: "support",
      text: t("dashboard.self.support"),
      to: subscriptionListUrl({ action: "SUPPORT" }),
      link: t("dashboard.self.supportLink"),
    },
    {
      key: "register",
      text: t("dashboard.self.register"),
      to: customerListUrl({ nonCsp: "yes" }),
      link: t("dashboard.self.registerLink"),
    },
    {
      key: "request",
      text: t("dashboard.self.request"),
      to: customerListUrl({ panel: "request" }),
      link: t("dashboard.self.requestLink"),
    },
  ];
  return (
    <section className="panel self-panel" aria-labelledby="self-title">
      <h2 id="self-title">{t("dashboard.self.title")}</h2>
      <ul className="dash-todo-list">
        {items.map((i) => (
          <li key={i.key}>
            <span className="dash-todo-mark dash-todo-yes" aria-hidden="true">
              ✓
            </span>
            <span>
              {i.text} <Link to={i.to}>{i.link}</Link>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
