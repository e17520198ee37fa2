import { useState, type FormEvent } from "react";
import { useI18n } from "../../../lib/i18n";
import { FormErrors, FormField } from "../../../components/FormField";
import { formErrors } from "../../../lib/user-errors";
import type { MutationFormState } from "../../../lib/mutation-form";
import { CheckboxField } from "../../../components/CheckboxField";
import "../messages";

export interface AcceptValues {
  token: string;
  acceptedBy: string;
  consent: boolean;
}

/**
 * What accepting means, the global admin's UPN and the consent box. The token field only shows when the link
 * came without one (otherwise its errors are shown at the top).
 */
export function AcceptRelationshipForm({
  initialToken,
  domain = null,
  form,
  onSubmit,
}: {
  initialToken: string;
  /** The customer's domain, from the link's preview: the UPN must be in it. */
  domain?: string | null;
  form: MutationFormState;
  onSubmit(values: AcceptValues): void;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState<AcceptValues>({ token: initialToken, acceptedBy: "", consent: false });
  const showToken = !initialToken;
  const { byField, general } = formErrors(form.errors, ["acceptedBy", "consent", ...(showToken ? ["token"] : [])]);
  const set = <K extends keyof AcceptValues>(k: K, v: AcceptValues[K]) => setValues((prev) => ({ ...prev, [k]: v }));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!form.pending) onSubmit(values);
  }

  return (
    <form id={form.id} onSubmit={submit} aria-labelledby="accept-form-heading" noValidate>
      <h2 id="accept-form-heading">{t("accept.form.title")}</h2>
      <FormErrors errors={general} />
      {showToken && (
        <FormField label={t("accept.token")} errors={byField.token} hint={t("accept.tokenHint")}>
          <input value={values.token} onChange={(e) => set("token", e.target.value.trim())} spellCheck={false} />
        </FormField>
      )}
      <FormField
        label={t("accept.upn")}
        errors={byField.acceptedBy}
        hint={domain ? t("accept.upnHintDomain", { domain }) : t("accept.upnHint")}
      >
        <input
          type="email"
          value={values.acceptedBy}
          onChange={(e) => set("acceptedBy", e.target.value)}
          autoComplete="username"
          spellCheck={false}
          placeholder={`admin@${domain ?? "fabrikam.onmicrosoft.com"}`}
          required
        />
      </FormField>
      <CheckboxField
        label={t("accept.consent")}
        errors={byField.consent}
        checked={values.consent}
        onChange={(v) => set("consent", v)}
      />
      <div className="form-actions">
        <button type="submit" disabled={form.pending} aria-busy={form.pending || undefined}>
          {form.pending ? t("accept.accepting") : t("accept.submit")}
        </button>
      </div>
    </form>
  );
}
