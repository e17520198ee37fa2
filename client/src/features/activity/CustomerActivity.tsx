import { useI18n } from "../../lib/i18n";
import { ActivityList } from "./ActivityList";
import "./messages";

/** The customer page's activity section: the audit events that named this customer. */
export function CustomerActivity({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="customer-activity">
      <h2 id="customer-activity">{t("activity.customerTitle")}</h2>
      <ActivityList filter={{ customerId }} />
    </section>
  );
}
