import { useState, type FormEvent } from "react";
import { useI18n } from "../../../lib/i18n";
import { FormErrors } from "../../../components/FormField";
import { formErrors } from "../../../lib/user-errors";
import type { MutationFormState } from "../../../lib/mutation-form";
import { CheckboxField } from "../../../components/CheckboxField";
import "../messages";

export interface AcceptValues {
  consent: boolean;
}

/**
 * Step two, once the customer's global admin is signed in: who is signed in, the consent box and the button. The
 * server's errors (an expired session, a link that is not this tenant's…) show at the top.
 */
export function AcceptRelationshipForm({
  signedInAs,
  form,
  onSubmit,
}: {
  /** The signed-in admin's user name (from the sign-in, never typed here). */
  signedInAs: string;
  form: MutationFormState;
  onSubmit(values: AcceptValues): void;
}) {
  const { t } = useI18n();
  const [consent, setConsent] = useState(false);
  const { byField, general } = formErrors(form.errors, ["consent"]);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!form.pending) onSubmit({ consent });
  }

  return (
    <form id={form.id} onSubmit={submit} aria-labelledby="accept-form-heading" noValidate>
      <h2 id="accept-form-heading">{t("accept.form.title")}</h2>
      <p>{t("accept.signedInAs", { upn: signedInAs })}</p>
      <FormErrors errors={general} />
      <CheckboxField label={t("accept.consent")} errors={byField.consent} checked={consent} onChange={setConsent} />
      <div className="form-actions">
        <button type="submit" disabled={form.pending} aria-busy={form.pending || undefined}>
          {form.pending ? t("accept.accepting") : t("accept.submit")}
        </button>
      </div>
    </form>
  );
}
