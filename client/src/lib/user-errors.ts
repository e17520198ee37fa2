/** The shape every mutation payload returns. */
export interface UserErrorLike {
  field: readonly string[] | null;
  message: string;
  code: string;
  ruleId: string | null;
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
