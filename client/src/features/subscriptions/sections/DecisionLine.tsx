import { EligibilityBadge, ReasonList } from "../../../components/Reasons";
import type { LifecycleDecisionFieldsFragment } from "../../../graphql/generated";
import { useI18n } from "../../../lib/i18n";
import { formatInstant } from "../instants";
import "../lifecycle-messages";

/**
 * A V2 decision in words: allowed or not, until when it stays allowed ("Allowed until 4 Dec 14:03") or from when
 * it becomes possible ("Possible from …"), and every reason with its rule and Partner Center page.
 */
export function DecisionLine({
  decision,
  label,
  id,
}: {
  decision: LifecycleDecisionFieldsFragment;
  label: string;
  /** The element's id, for the control it explains (aria-describedby). */
  id?: string;
}) {
  const { t, locale } = useI18n();
  return (
    <div className="lc-decision" id={id}>
      <EligibilityBadge decision={decision} label={label} />
      {decision.eligible && decision.eligibleUntil && (
        <span className="lc-when">
          {t("lifecycle.allowedUntil", { when: formatInstant(locale, decision.eligibleUntil) })}
        </span>
      )}
      {!decision.eligible && decision.becomesEligibleAt && (
        <span className="lc-when">
          {t("lifecycle.possibleFrom", { when: formatInstant(locale, decision.becomesEligibleAt) })}
        </span>
      )}
      <ReasonList decision={decision} />
    </div>
  );
}
