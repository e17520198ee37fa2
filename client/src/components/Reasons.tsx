import { useI18n, type Translate } from "../lib/i18n";
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

/** "message (Rule R30)" for each reason: plain words with the rule id, for titles and descriptions. */
export function reasonsInWords(reasons: readonly ReasonView[], t: Translate) {
  return reasons.map((r) => `${r.message} (${t("common.rule", { id: r.ruleId })})`).join(" ");
}

/**
 * A compact allowed / not allowed badge; its title gives the blocking reasons in plain words. A decision with
 * advisories carries the word "note" (a text mark: symbol glyphs such as U+24D8 render as empty boxes on Linux
 * without a symbol font).
 */
export function EligibilityBadge({ decision, label }: { decision: DecisionView; label?: string }) {
  const { t } = useI18n();
  const text = decision.eligible ? t("common.eligible") : t("common.notEligible");
  return (
    <span
      className={`badge ${decision.eligible ? "badge-ok" : "badge-no"}${decision.advisories.length ? " badge-note" : ""}`}
      title={reasonsInWords(decision.blocking, t) || undefined}
    >
      {label ? `${label}: ` : ""}
      {text}
      {decision.advisories.length > 0 && <span className="badge-mark"> · {t("common.noteMark")}</span>}
    </span>
  );
}

/** The rule id and the Partner Center page it comes from, one click away. */
export function ReasonSource({ reason }: { reason: ReasonView }) {
  const { t } = useI18n();
  return (
    <small className="reason-meta">
      {" "}
      ({t("common.rule", { id: reason.ruleId })}
      {reason.source && (
        <>
          {" · "}
          {t("common.source")}{" "}
          <a href={reason.source} target="_blank" rel="noreferrer">
            {reason.sourceTitle || reason.source}
          </a>
        </>
      )}
      )
    </small>
  );
}

/**
 * Every reason in plain words: the message (in the UI's language, from the API), then the rule id and the source
 * page. Reason codes stay out of the text (they are on `data-code` for tools and tests).
 */
export function ReasonList({ decision }: { decision: DecisionView }) {
  const { t } = useI18n();
  if (!decision.blocking.length && !decision.advisories.length) return null;
  return (
    <ul className="reasons">
      {decision.blocking.map((r) => (
        <li key={`b-${r.ruleId}`} className="reason reason-blocking" data-code={r.code}>
          {r.message}
          <ReasonSource reason={r} />
        </li>
      ))}
      {decision.advisories.map((r) => (
        <li key={`a-${r.ruleId}`} className="reason reason-advisory" data-code={r.code}>
          <strong>{t("common.advisory")}:</strong> {r.message}
          <ReasonSource reason={r} />
        </li>
      ))}
    </ul>
  );
}
