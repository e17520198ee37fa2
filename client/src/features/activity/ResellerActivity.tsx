import { useI18n } from "../../lib/i18n";
import { ActivityList } from "./ActivityList";
import "./messages";

/**
 * The reseller page's activity section: the viewer's own audit events about one of its resellers (its partnership,
 * requests, subscriptions as reseller of record, and the customers it serves), as `auditEvents(filter: { resellerId })`.
 */
export function ResellerActivity({ resellerId }: { resellerId: string }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="reseller-activity">
      <h2 id="reseller-activity">{t("activity.resellerTitle")}</h2>
      <p className="hint">{t("activity.resellerIntro")}</p>
      <ActivityList filter={{ resellerId }} />
    </section>
  );
}
