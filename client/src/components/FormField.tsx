import { useId, type ReactElement, type ReactNode, cloneElement } from "react";
import type { UserErrorLike } from "../lib/user-errors";

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
  const notes = (
    <>
      {hint && (
        <small id={hintId} className="hint">
          {hint}
        </small>
      )}
      {invalid && (
        <ul id={errorId} className="field-errors" role="alert">
          {errors!.map((e, i) => (
            <li key={i} data-code={e.code}>
              {e.message}
              {e.ruleId ? ` (${e.ruleId})` : ""}
            </li>
          ))}
        </ul>
      )}
    </>
  );
  return {
    id,
    invalid,
    controlProps: { id, "aria-invalid": invalid || undefined, "aria-describedby": describedBy },
    notes,
  };
}

/** Errors not tied to a field, shown at the top of a form. */
export function FormErrors({ errors }: { errors?: readonly UserErrorLike[] }) {
  if (!errors?.length) return null;
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
    </div>
  );
}
