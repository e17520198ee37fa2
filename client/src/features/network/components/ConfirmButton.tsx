import { useEffect, useRef, useState } from "react";
import { useI18n } from "../../../lib/i18n";
import "../../../components/components-messages";
import "../messages";

/**
 * A destructive action with an inline confirmation: the button turns into a question with "Yes" and "Cancel"
 * (focus moves to "Yes"; Escape or Cancel go back). While the mutation runs, the pending label shows.
 */
export function ConfirmButton({
  label,
  accessibleLabel,
  question,
  confirmLabel,
  pendingLabel,
  pending,
  disabled,
  disabledReason,
  onConfirm,
}: {
  label: string;
  accessibleLabel: string;
  question: string;
  confirmLabel: string;
  pendingLabel: string;
  pending: boolean;
  disabled?: boolean;
  disabledReason?: string;
  onConfirm(): void;
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) yes.current?.focus();
    else if (wasAsking.current) opener.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (pending) {
    return (
      <button type="button" className="danger" disabled aria-live="polite">
        {pendingLabel}
      </button>
    );
  }
  if (!asking) {
    return (
      <button
        ref={opener}
        type="button"
        className="secondary net-danger-outline"
        aria-label={accessibleLabel}
        disabled={disabled}
        title={disabled ? disabledReason : undefined}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <div
      className="net-confirm"
      role="group"
      aria-label={question}
      onKeyDown={(e) => {
        if (e.key === "Escape") setAsking(false);
      }}
    >
      <p>{question}</p>
      <div className="form-actions">
        <button
          ref={yes}
          type="button"
          className="danger"
          onClick={() => {
            setAsking(false);
            onConfirm();
          }}
        >
          {confirmLabel}
        </button>
        <button type="button" className="secondary" onClick={() => setAsking(false)}>
          {t("common.cancel")}
        </button>
      </div>
    </div>
  );
}
