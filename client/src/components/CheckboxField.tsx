import type { ReactNode } from "react";
import type { UserErrorLike } from "../lib/user-errors";
import { useFieldNotes } from "./FormField";

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
  const field = useFieldNotes(errors, hint);
  return (
    <div className={`field field-check${field.invalid ? " field-invalid" : ""}`}>
      <label htmlFor={field.id} className="check">
        <input {...field.controlProps} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
        <span>{label}</span>
      </label>
      {field.notes}
    </div>
  );
}
