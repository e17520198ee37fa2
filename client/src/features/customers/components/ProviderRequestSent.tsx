import { Link } from "react-router";
import { useI18n } from "../../../lib/i18n";
import { EligibilityBadge, ReasonList, type DecisionView } from "../../../components/Reasons";
import { requestListUrl } from "../../requests/urls";
import "../messages";

/** A request the reseller just sent, and the provider's own decision for it (requestProviderAction). */
export interface SentRequest {
  providerName: string;
  /** "Order Microsoft 365 E3 (10)", "Cancel Microsoft 365 E3". */
  what: string;
  decision: DecisionView | null;
}

/**
 * "Sent": what was asked of whom, a link to the requests page, and whether the provider will be able to do it
 * as things stand today (its eligibility, with every reason when not). The request is open either way.
 */
export function ProviderRequestSent({ sent }: { sent: SentRequest }) {
  const { t } = useI18n();
  const { decision } = sent;
  return (
    <div className={decision && !decision.eligible ? "notice" : "success"} role="status">
      <p>
        {t("customers.ask.sent", { provider: sent.providerName, what: sent.what })}{" "}
        <Link to={requestListUrl({ direction: "SENT" })}>{t("customers.ask.seeRequests")}</Link>
      </p>
      {decision && (
        <>
          <p>
            {t("customers.ask.willProvider", { provider: sent.providerName })} <EligibilityBadge decision={decision} />{" "}
            {decision.eligible
              ? t("customers.ask.providerCan")
              : t("customers.ask.providerCannot", { provider: sent.providerName })}
          </p>
          <ReasonList decision={decision} />
        </>
      )}
    </div>
  );
}
