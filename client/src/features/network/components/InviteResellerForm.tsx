import { useState, type FormEvent } from "react";
import { FormErrors, FormField } from "../../../components/FormField";
import type { MutationFormState } from "../../../lib/mutation-form";
import { formErrors } from "../../../lib/user-errors";
import { useI18n } from "../../../lib/i18n";
import "../messages";

/**
 * Invite an indirect reseller by Partner ID. `onInvite` runs the mutation through `form` and resolves true on
 * success, when the field is cleared; the server's userErrors show beside the field.
 */
export function InviteResellerForm({
  form,
  onInvite,
  done,
  disabledReason,
}: {
  form: MutationFormState;
  onInvite(resellerPartnerId: string): Promise<boolean>;
  /** The success message of the last invitation. */
  done: string | null;
  /** Set when the viewer may not invite (role): the form is disabled and says why. */
  disabledReason?: string | null;
}) {
  const { t } = useI18n();
  const [partnerId, setPartnerId] = useState("");
  const { byField, general } = formErrors(form.errors, ["resellerPartnerId"]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (form.pending || disabledReason) return;
    if (await onInvite(partnerId.trim())) setPartnerId("");
  }

  return (
    <form
      id={form.id}
      className="net-invite-form"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="invite-title"
      noValidate
    >
      <h2 id="invite-title">{t("network.invite.title")}</h2>
      {disabledReason && <p className="notice">{disabledReason}</p>}
      <FormErrors errors={general} />
      <div className="net-invite-row">
        <FormField label={t("network.invite.label")} hint={t("network.invite.hint")} errors={byField.resellerPartnerId}>
          <input
            name="resellerPartnerId"
            inputMode="numeric"
            autoComplete="off"
            required
            value={partnerId}
            disabled={Boolean(disabledReason)}
            onChange={(e) => setPartnerId(e.target.value)}
          />
        </FormField>
        <button type="submit" disabled={form.pending || Boolean(disabledReason) || !partnerId.trim()}>
          {form.pending ? t("network.invite.pending") : t("network.invite.submit")}
        </button>
      </div>
      <p role="status" className={done ? "success" : "sr-only"}>
        {done ?? ""}
      </p>
    </form>
  );
}
