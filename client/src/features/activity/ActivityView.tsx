import { FormField } from "../../components/FormField";
import { useI18n } from "../../lib/i18n";
import { useUrlParams } from "../../lib/url-params";
import { activityParams } from "./urls";
import { ActivityList } from "./ActivityList";
import "./messages";
import "../customers/customers.css";

/** /activity — the audit log of the viewer's partner, filtered by operation and dates (kept in the URL). */
export function ActivityView() {
  const { t } = useI18n();
  const [url, setUrl] = useUrlParams(activityParams);
  return (
    <section className="cust" aria-labelledby="activity-title">
      <h1 id="activity-title">{t("activity.title")}</h1>
      <p className="hint">{t("activity.intro")}</p>
      <div className="filters">
        <FormField label={t("activity.filter.operation")}>
          <input value={url.operation} onChange={(e) => setUrl({ operation: e.target.value })} />
        </FormField>
        <FormField label={t("activity.filter.from")}>
          <input type="date" value={url.from} onChange={(e) => setUrl({ from: e.target.value })} />
        </FormField>
        <FormField label={t("activity.filter.to")}>
          <input type="date" value={url.to} onChange={(e) => setUrl({ to: e.target.value })} />
        </FormField>
      </div>
      <ActivityList filter={{ operation: url.operation, from: url.from, to: url.to }} />
    </section>
  );
}
