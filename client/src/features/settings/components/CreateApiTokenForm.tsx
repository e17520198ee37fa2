import { useState, type FormEvent } from "react";
import { FormActions, FormErrors, FormField } from "../../../components/FormField";
import type { MutationFormState } from "../../../lib/mutation-form";
import { formErrors } from "../../../lib/user-errors";
import { useI18n } from "../../../lib/i18n";
import type { ApiTokenScope } from "../../../graphql/generated";
import "../messages";

/** How long a new token lasts, in days; the server allows at most 365. */
export const EXPIRY_DAYS = [30, 90, 180, 365] as const;

export interface CreateApiTokenValues {
  name: string;
  scopes: ApiTokenScope[];
  days: number;
}

const FIELDS = ["name", "scopes", "expiresAt"];

/** createApiToken's fields: a name, read or read-and-write access, and a lifetime (errors beside each). */
export function CreateApiTokenForm({
  form,
  onSubmit,
  onCancel,
}: {
  form: MutationFormState;
  onSubmit(values: CreateApiTokenValues): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState("");
  const [write, setWrite] = useState(false);
  const [days, setDays] = useState<number>(90);
  const { byField, general } = formErrors(form.errors, FIELDS);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!form.pending) onSubmit({ name, scopes: write ? ["READ", "WRITE"] : ["READ"], days });
  }

  return (
    <form id={form.id} onSubmit={submit} aria-labelledby="create-token-heading" noValidate>
      <h2 id="create-token-heading">{t("tokens.create.title")}</h2>
      <FormErrors errors={general} />
      <div className="form-grid">
        <FormField label={t("tokens.create.name")} errors={byField.name} hint={t("tokens.create.nameHint")}>
          <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" required />
        </FormField>
        <FormField label={t("tokens.create.access")} errors={byField.scopes}>
          <select value={write ? "WRITE" : "READ"} onChange={(e) => setWrite(e.target.value === "WRITE")}>
            <option value="READ">{t("tokens.create.readOnly")}</option>
            <option value="WRITE">{t("tokens.create.readWrite")}</option>
          </select>
        </FormField>
        <FormField label={t("tokens.create.expiry")} errors={byField.expiresAt}>
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {EXPIRY_DAYS.map((d) => (
              <option key={d} value={d}>
                {d === 365 ? t("tokens.create.oneYear") : t("tokens.create.days", { count: d })}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <FormActions
        pending={form.pending}
        submitLabel={t("tokens.create.submit")}
        pendingLabel={t("tokens.create.pending")}
        cancelLabel={t("common.cancel")}
        onCancel={onCancel}
      />
    </form>
  );
}
