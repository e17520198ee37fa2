import { useId, type ReactElement, type ReactNode, cloneElement } from "react";
import type { UserErrorLike } from "../lib/user-errors";
import { useI18n } from "../lib/i18n";
import "./components-messages";

/**
 * A labelled control with its server-side errors beside it (aria-describedby links them for screen readers).
 * The child is the input/select; it receives id, aria-invalid and aria-describedby.
 */
export function FormField({
  label,
  errors,
  hint,
  children,
}: {
  label: string;
  errors?: readonly UserErrorLike[];
  hint?: ReactNode;
  children: ReactElement<Record<string, unknown>>;
}) {
  const field = useFieldNotes(errors, hint);
  return (
    <div className={`field${field.invalid ? " field-invalid" : ""}`}>
      <label htmlFor={field.id}>{label}</label>
      {cloneElement(children, field.controlProps)}
      {field.notes}
    </div>
  );
}

/**
 * A field's hint and server-side errors below its control, and the ids that link them: spread `controlProps`
 * (id, aria-invalid, aria-describedby) on the control and render `notes` after it.
 */
export function useFieldNotes(errors: readonly UserErrorLike[] | undefined, hint: ReactNode) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const invalid = Boolean(errors?.length);
  const describedBy = [invalid ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  // The errors are the control's description (aria-describedby) and sit in a polite live region, so they are read
  // with the field and announced when they appear, without turning a list into an alert (axe: list/listitem).
  const notes = (
    <>
      {hint && (
        <small id={hintId} className="hint">
          {hint}
        </small>
      )}
      <div id={errorId} className={invalid ? "field-errors" : undefined} aria-live="polite">
        {invalid &&
          errors!.map((e, i) => (
            <span key={i} data-code={e.code} className="field-error">
              {e.message}
              {e.ruleId ? ` (${e.ruleId})` : ""}
            </span>
          ))}
      </div>
    </>
  );
  return {
    id,
    invalid,
    controlProps: { id, "aria-invalid": invalid || undefined, "aria-describedby": describedBy },
    notes,
  };
}

/**
 * Errors not tied to a field, shown at the top of a form (focused after a refusal: useMutationForm). A failed call
 * that may succeed on a second try (server unavailable, network, lib/errors.ts) gets "Try again", which submits
 * the form again.
 */
export function FormErrors({ errors }: { errors?: readonly UserErrorLike[] }) {
  const { t } = useI18n();
  if (!errors?.length) return null;
  const retryable = errors.some((e) => e.retryable);
  return (
    <div role="alert" className="form-errors" tabIndex={-1}>
      <ul>
        {errors.map((e, i) => (
          <li key={i} data-code={e.code}>
            {e.message}
            {e.ruleId ? ` (${e.ruleId})` : ""}
          </li>
        ))}
      </ul>
      {retryable && (
        <button type="button" className="secondary" onClick={(e) => e.currentTarget.closest("form")?.requestSubmit()}>
          {t("common.retry")}
        </button>
      )}
    </div>
  );
}

/** A form's submit button (busy while the mutation runs, with its own label then) and its cancel button. */
export function FormActions({
  pending,
  submitLabel,
  pendingLabel,
  cancelLabel,
  onCancel,
}: {
  pending: boolean;
  submitLabel: string;
  pendingLabel: string;
  cancelLabel: string;
  onCancel(): void;
}) {
  return (
    <div className="form-actions">
      <button type="submit" disabled={pending} aria-busy={pending || undefined}>
        {pending ? pendingLabel : submitLabel}
      </button>
      <button type="button" className="secondary" onClick={onCancel}>
        {cancelLabel}
      </button>
    </div>
  );
}
