import { useCallback, useId, useLayoutEffect, useState } from "react";
import { runMutation } from "./graphql";
import type { UserErrorLike } from "./user-errors";

/** What a form component needs from its mutation: the errors to show, whether it runs, and its form element. */
export interface MutationFormState {
  errors: readonly UserErrorLike[];
  pending: boolean;
  /**
   * The id to put on the <form> (or on the element around the controls and their errors): after a refusal, focus
   * goes to its first invalid field, or to its list of errors.
   */
  id: string;
}

export interface MutationForm extends MutationFormState {
  /**
   * Checks the values (`validate`: errors found before sending), runs the mutation, and resolves with the payload
   * when it did what was asked — otherwise null, with its userErrors (or the one error a failed call becomes)
   * shown on the form.
   */
  submit<P extends { userErrors: readonly UserErrorLike[] }>(
    call: () => Promise<P | null | undefined>,
    options?: { validate?: () => readonly UserErrorLike[] },
  ): Promise<P | null>;
  /** Clears the errors (e.g. when the form closes). */
  reset(): void;
}

/** Puts the focus on the first control marked invalid in the form, else on the form's list of errors. */
function focusFirstError(form: HTMLElement | null) {
  const target =
    form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>(".form-errors");
  target?.focus();
}

/**
 * One mutation behind one form: maps the payload's userErrors to the form's fields, tracks the pending state,
 * moves the focus to the first invalid field, and turns a thrown error (network, FORBIDDEN…) into one form-level
 * error. The form component renders `errors` (see formErrors in user-errors.ts) and puts `id` on its <form>.
 */
export function useMutationForm(): MutationForm {
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [pending, setPending] = useState(false);
  const id = useId();
  // Bumped on every refusal, so the effect below runs once the errors are in the DOM. A layout effect: the focus
  // moves in the same commit that shows the errors, never a frame later (a passive effect could run after a
  // screen reader or a test had already read the errors with the focus still on the submit button).
  const [refusals, setRefusals] = useState(0);

  useLayoutEffect(() => {
    if (refusals > 0) focusFirstError(document.getElementById(id));
  }, [refusals, id]);

  const show = useCallback((next: readonly UserErrorLike[]) => {
    setErrors(next);
    if (next.length) setRefusals((n) => n + 1);
  }, []);

  const submit = useCallback<MutationForm["submit"]>(
    async (call, options) => {
      const local = options?.validate?.() ?? [];
      if (local.length) {
        show(local);
        return null;
      }
      setErrors([]);
      setPending(true);
      const outcome = await runMutation(call);
      setPending(false);
      show(outcome.errors);
      return outcome.done;
    },
    [show],
  );

  const reset = useCallback(() => setErrors([]), []);
  return { errors, pending, id, submit, reset };
}

/**
 * Mutations run from a list's rows (end a partnership, cancel a subscription…): which row (and which of its
 * actions) is running, and each row's errors from its last attempt, thrown errors included (runMutation).
 */
export function useRowMutations<K extends string = string>() {
  const [pending, setPending] = useState<{ id: string; kind: K } | null>(null);
  const [rowErrors, setRowErrors] = useState<Readonly<Record<string, readonly UserErrorLike[]>>>({});

  const run = useCallback(
    async <P extends { userErrors: readonly UserErrorLike[] }>(
      id: string,
      kind: K,
      call: () => Promise<P | null | undefined>,
    ): Promise<P | null> => {
      setPending({ id, kind });
      setRowErrors(({ [id]: _dropped, ...rest }) => rest);
      const outcome = await runMutation(call);
      if (outcome.errors.length) setRowErrors((prev) => ({ ...prev, [id]: outcome.errors }));
      setPending(null);
      return outcome.done;
    },
    [],
  );
  return { pending, rowErrors, run };
}
