import { useId, type ReactNode } from "react";
import type { UserErrorLike } from "../../../lib/user-errors";

/** A checkbox with its label beside it, a hint and the server's errors below (linked by aria-describedby). */
export function CheckboxField({
  label,
  checked,
  onChange,
  errors,
  hint,
}: {
  label: ReactNode;
  checked: boolean;
  onChange(checked: boolean): void;
  errors?: readonly UserErrorLike[];
  hint?: ReactNode;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const invalid = Boolean(errors?.length);
  const describedBy = [invalid ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field field-check${invalid ? " field-invalid" : ""}`}>
      <label htmlFor={id} className="check">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
        />
        <span>{label}</span>
      </label>
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
    </div>
  );
}
