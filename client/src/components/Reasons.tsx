import { useI18n } from "../lib/i18n";
import "./components-messages";

export interface ReasonView {
  code: string;
  ruleId: string;
  message: string;
  /** The address of the Partner Center page the rule comes from, and its title. */
  source?: string;
  sourceTitle?: string;
}

export interface DecisionView {
  eligible: boolean;
  blocking: readonly ReasonView[];
  advisories: readonly ReasonView[];
}

/** A compact allowed / not allowed badge; its title lists the blocking codes. */
export function EligibilityBadge({ decision, label }: { decision: DecisionView; label?: string }) {
  const { t } = useI18n();
  const text = decision.eligible ? t("common.eligible") : t("common.notEligible");
  return (
    <span
      className={`badge ${decision.eligible ? "badge-ok" : "badge-no"}${decision.advisories.length ? " badge-note" : ""}`}
      title={decision.blocking.map((r) => `${r.ruleId} ${r.code}`).join(", ") || undefined}
    >
      {label ? `${label}: ` : ""}
      {text}
      {decision.advisories.length > 0 && " ⓘ"}
    </span>
  );
}

/** The page a reason comes from, as a link titled with the page's title. */
function SourceLink({ reason }: { reason: ReasonView }) {
  const { t } = useI18n();
  if (!reason.source) return null;
  return (
    <small>
      {" "}
      ({t("common.source")}{" "}
      <a href={reason.source} target="_blank" rel="noreferrer">
        {reason.sourceTitle || reason.source}
      </a>
      )
    </small>
  );
}

/** Every reason spelled out: rule id, message (in the UI's language, from the API) and source page. */
export function ReasonList({ decision }: { decision: DecisionView }) {
  const { t } = useI18n();
  if (!decision.blocking.length && !decision.advisories.length) return null;
  return (
    <ul className="reasons">
      {decision.blocking.map((r) => (
        <li key={`b-${r.ruleId}`} className="reason reason-blocking" data-code={r.code}>
          <strong>{t("common.rule", { id: r.ruleId })}</strong> <code>{r.code}</code> — {r.message}
          <SourceLink reason={r} />
        </li>
      ))}
      {decision.advisories.map((r) => (
        <li key={`a-${r.ruleId}`} className="reason reason-advisory" data-code={r.code}>
          <strong>
            {t("common.advisory")} · {t("common.rule", { id: r.ruleId })}
          </strong>{" "}
          <code>{r.code}</code> — {r.message}
          <SourceLink reason={r} />
        </li>
      ))}
    </ul>
  );
}
