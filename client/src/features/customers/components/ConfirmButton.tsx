import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useI18n } from "../../../lib/i18n";
import type { DecisionView } from "../../../components/Reasons";
import "../messages";

/**
 * An action button that asks for confirmation inline, and is disabled — with the reason next to it — when the
 * eligibility decision says no. The reason is linked with aria-describedby so screen readers announce it.
 */
export function ConfirmButton({
  label,
  decision,
  question,
  confirmLabel,
  pending,
  danger,
  disabledReason,
  onConfirm,
}: {
  label: string;
  decision: DecisionView | null;
  question: ReactNode;
  confirmLabel: string;
  pending: boolean;
  danger?: boolean;
  /** Disables the button with this explanation (e.g. the user's role is read-only). */
  disabledReason?: string | null;
  onConfirm(): void;
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  const reasonId = useId();
  const blocked = decision ? !decision.eligible : false;

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (refocus.current) {
      refocus.current = false;
      triggerRef.current?.focus();
    }
  }, [asking]);

  function keep() {
    refocus.current = true;
    setAsking(false);
  }

  const why = blocked
    ? t("customers.action.notAllowedBecause", {
        reasons: decision!.blocking.map((r) => r.ruleId).join(", "),
      })
    : (disabledReason ?? null);

  return (
    <div className="confirm-wrap">
      <button
        ref={triggerRef}
        type="button"
        className={danger ? "danger" : "secondary"}
        disabled={blocked || Boolean(disabledReason) || pending || asking}
        aria-describedby={why ? reasonId : undefined}
        title={blocked ? decision!.blocking.map((r) => `${r.ruleId}: ${r.message}`).join("\n") : undefined}
        onClick={() => setAsking(true)}
      >
        {pending ? t("customers.action.working") : label}
      </button>
      {why && (
        <small id={reasonId} className="action-note">
          {why}
        </small>
      )}
      {asking && (
        <div
          className="confirm"
          role="group"
          aria-label={label}
          onKeyDown={(e) => {
            if (e.key === "Escape") keep();
          }}
        >
          <p>{question}</p>
          <span className="form-actions">
            <button
              ref={confirmRef}
              type="button"
              className={danger ? "danger" : undefined}
              onClick={() => {
                setAsking(false);
                onConfirm();
              }}
            >
              {confirmLabel}
            </button>
            <button type="button" className="secondary" onClick={keep}>
              {t("customers.action.keep")}
            </button>
          </span>
        </div>
      )}
    </div>
  );
}
