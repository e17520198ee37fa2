import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useI18n } from "../lib/i18n";
import { reasonsInWords, type DecisionView } from "./Reasons";
import "./components-messages";

/**
 * An action button that asks for confirmation inline: "yes" gets the focus, and Escape or the cancel button close
 * the question and give the focus back to the button. Disabled (with the reason) when the eligibility `decision`
 * says no or a `disabledReason` is given; the pending label shows while the action runs.
 *
 * Two layouts:
 * - `"below"` (default): the button stays (disabled) and the question opens under it; the reason it is disabled is
 *   shown next to it and linked with aria-describedby; "No, keep it" closes the question.
 * - `"swap"` (compact, e.g. a table's actions cell): the question takes the button's place, the reason is the
 *   button's title, and "Cancel" closes the question.
 */
export function ConfirmButton({
  label,
  accessibleLabel,
  question,
  confirmLabel,
  pendingLabel,
  pending,
  danger,
  decision = null,
  disabled,
  disabledReason,
  layout = "below",
  describedBy,
  onConfirm,
}: {
  label: string;
  /** The button's accessible name, when the visible label alone is ambiguous (e.g. one per table row). */
  accessibleLabel?: string;
  question: ReactNode;
  confirmLabel: string;
  /** Shown while `pending`; "Working…" by default. */
  pendingLabel?: string;
  pending: boolean;
  danger?: boolean;
  /** The eligibility decision: when it says no, the button is disabled with the blocking rules. */
  decision?: DecisionView | null;
  disabled?: boolean;
  /** Disables the button with this explanation (e.g. the user's role is read-only). */
  disabledReason?: string | null;
  layout?: "below" | "swap";
  /** The id of an element that explains the button (e.g. the reasons listed beside it). */
  describedBy?: string;
  onConfirm(): void;
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  const reasonId = useId();
  const blocked = decision ? !decision.eligible : false;
  const swap = layout === "swap";

  useEffect(() => {
    if (asking) yes.current?.focus();
    else if (refocus.current) {
      refocus.current = false;
      opener.current?.focus();
    }
  }, [asking]);

  /** Closes the question without acting: the focus goes back to the button. */
  function keep() {
    refocus.current = true;
    setAsking(false);
  }

  const confirmation = asking && (
    <div
      className={swap ? "net-confirm" : "confirm"}
      role="group"
      aria-label={swap ? String(question) : label}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          // Handled here: a form panel around the button (FormPanel) must not close too.
          e.preventDefault();
          keep();
        }
      }}
    >
      <p>{question}</p>
      <span className="form-actions">
        <button
          ref={yes}
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
          {swap ? t("common.cancel") : t("confirm.keep")}
        </button>
      </span>
    </div>
  );

  if (swap) {
    if (pending) {
      return (
        <button type="button" className="danger" disabled aria-live="polite">
          {pendingLabel ?? t("confirm.working")}
        </button>
      );
    }
    if (asking) return confirmation;
    const off = Boolean(disabled || disabledReason);
    return (
      <button
        ref={opener}
        type="button"
        className={`secondary${danger ? " net-danger-outline" : ""}`}
        aria-label={accessibleLabel}
        disabled={off}
        title={off ? (disabledReason ?? undefined) : undefined}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }

  const why = blocked
    ? t("confirm.notAllowedBecause", { reasons: reasonsInWords(decision!.blocking, t) })
    : (disabledReason ?? null);
  return (
    <div className="confirm-wrap">
      <button
        ref={opener}
        type="button"
        className={danger ? "danger" : "secondary"}
        aria-label={accessibleLabel}
        disabled={blocked || Boolean(disabled || disabledReason) || pending || asking}
        aria-describedby={[why ? reasonId : null, describedBy ?? null].filter(Boolean).join(" ") || undefined}
        onClick={() => setAsking(true)}
      >
        {pending ? (pendingLabel ?? t("confirm.working")) : label}
      </button>
      {why && (
        <small id={reasonId} className="action-note">
          {why}
        </small>
      )}
      {confirmation}
    </div>
  );
}
