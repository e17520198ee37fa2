/** The shape every mutation payload returns (the UserErrorFields fragment, lib/fragments.graphql). */
export interface UserErrorLike {
  field: readonly string[] | null;
  message: string;
  code: string;
  ruleId: string | null;
  /** Set on the one error a failed call becomes (lib/graphql.ts): "Try again" may help. */
  retryable?: boolean;
}

/** Groups user errors by input field name (the path after "input"); errors with no field go under "". */
export function errorsByField(errors: readonly UserErrorLike[] | null | undefined): Record<string, UserErrorLike[]> {
  const out: Record<string, UserErrorLike[]> = {};
  for (const e of errors ?? []) {
    const key = e.field ? e.field.filter((p) => p !== "input").join(".") : "";
    (out[key] ??= []).push(e);
  }
  return out;
}

/**
 * A form's errors split in two: those of the fields it shows (beside each field) and the rest (at the top of the
 * form: no field, or a field the form does not show).
 */
export function formErrors(errors: readonly UserErrorLike[] | null | undefined, fields: readonly string[]) {
  const byField = errorsByField(errors);
  const general = Object.entries(byField)
    .filter(([key]) => !fields.includes(key))
    .flatMap(([, list]) => list);
  return { byField, general };
}

/** An error the form finds itself before sending (e.g. a required field), in the server's shape. */
export function fieldError(field: string, message: string): UserErrorLike {
  return { field: ["input", field], message, code: "INVALID_INPUT", ruleId: null };
}
