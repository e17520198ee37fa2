import { useState, type FormEvent } from "react";
import { FormActions, FormErrors, FormField } from "../../../components/FormField";
import type { MutationFormState } from "../../../lib/mutation-form";
import { formErrors } from "../../../lib/user-errors";
import { useI18n } from "../../../lib/i18n";
import type { UserRole } from "../../../graphql/generated";
import "../messages";

export interface InviteUserValues {
  email: string;
  displayName: string;
  role: UserRole;
}

const FIELDS = ["email", "displayName", "role"];

/**
 * inviteUser's fields. Nothing is checked before sending: the server checks every field at once, so all the
 * errors arrive in one round, each beside its field.
 */
export function InviteUserForm({
  roles,
  form,
  onSubmit,
  onCancel,
}: {
  /** The roles the viewer may grant. */
  roles: readonly UserRole[];
  form: MutationFormState;
  onSubmit(values: InviteUserValues): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState<InviteUserValues>({
    email: "",
    displayName: "",
    role: roles.includes("SALES_AGENT") ? "SALES_AGENT" : roles[0]!,
  });
  const { byField, general } = formErrors(form.errors, FIELDS);
  const set = <K extends keyof InviteUserValues>(k: K, v: InviteUserValues[K]) =>
    setValues((prev) => ({ ...prev, [k]: v }));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!form.pending) onSubmit(values);
  }

  return (
    <form id={form.id} onSubmit={submit} aria-labelledby="invite-user-heading" noValidate>
      <h2 id="invite-user-heading">{t("users.invite.title")}</h2>
      <p className="hint">{t("users.invite.intro")}</p>
      <FormErrors errors={general} />
      <div className="form-grid">
        <FormField label={t("users.invite.email")} errors={byField.email}>
          <input
            type="email"
            value={values.email}
            onChange={(e) => set("email", e.target.value)}
            autoComplete="off"
            spellCheck={false}
            required
          />
        </FormField>
        <FormField label={t("users.invite.name")} errors={byField.displayName}>
          <input value={values.displayName} onChange={(e) => set("displayName", e.target.value)} required />
        </FormField>
        <FormField label={t("users.invite.role")} errors={byField.role}>
          <select value={values.role} onChange={(e) => set("role", e.target.value as UserRole)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <FormActions
        pending={form.pending}
        submitLabel={t("users.invite.submit")}
        pendingLabel={t("users.invite.pending")}
        cancelLabel={t("common.cancel")}
        onCancel={onCancel}
      />
    </form>
  );
}
