import { useId, useState, type FormEvent } from "react";
import { useI18n } from "../../../lib/i18n";
import { FormErrors, FormField } from "../../../components/FormField";
import { fieldError, formErrors, type UserErrorLike } from "../../../lib/user-errors";
import type { CustomerAdminSession } from "../customer-admin-sign-in";
import "../messages";

export interface SignInValues {
  token: string;
  upn: string;
}

/**
 * Step one of the acceptance page: the customer's global admin signs in to their organisation (the API shows and
 * accepts the request only for that tenant's global admin). The token field only shows when the link came without
 * one. `signIn` returns null when the sign-in is refused.
 */
export function CustomerAdminSignInForm({
  initialToken,
  signIn,
  onSignedIn,
}: {
  initialToken: string;
  signIn(upn: string): Promise<CustomerAdminSession | null>;
  onSignedIn(session: CustomerAdminSession, token: string): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [values, setValues] = useState<SignInValues>({ token: initialToken, upn: "" });
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [pending, setPending] = useState(false);
  const showToken = !initialToken;
  const { byField, general } = formErrors(errors, ["upn", ...(showToken ? ["token"] : [])]);
  const set = <K extends keyof SignInValues>(k: K, v: SignInValues[K]) => setValues((prev) => ({ ...prev, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (pending) return;
    const upn = values.upn.trim();
    const local: UserErrorLike[] = [];
    if (!values.token) local.push(fieldError("token", t("accept.noToken")));
    if (!upn) local.push(fieldError("upn", t("accept.upnRequired")));
    if (local.length) return setErrors(local);
    setErrors([]);
    setPending(true);
    // A network failure is a refused sign-in too: the admin can try again.
    const session = await signIn(upn).catch(() => null);
    setPending(false);
    if (!session) return setErrors([fieldError("upn", t("accept.signIn.failed"))]);
    onSignedIn(session, values.token);
  }

  return (
    <form id={id} onSubmit={(e) => void submit(e)} aria-labelledby="accept-sign-in-heading" noValidate>
      <h2 id="accept-sign-in-heading">{t("accept.signIn.title")}</h2>
      <p>{t("accept.signIn.text")}</p>
      <FormErrors errors={general} />
      {showToken && (
        <FormField label={t("accept.token")} errors={byField.token} hint={t("accept.tokenHint")}>
          <input value={values.token} onChange={(e) => set("token", e.target.value.trim())} spellCheck={false} />
        </FormField>
      )}
      <FormField label={t("accept.upn")} errors={byField.upn} hint={t("accept.upnHint")}>
        <input
          type="email"
          value={values.upn}
          onChange={(e) => set("upn", e.target.value)}
          autoComplete="username"
          spellCheck={false}
          placeholder="admin@fabrikam.onmicrosoft.com"
          required
        />
      </FormField>
      <p className="hint">{t("accept.signIn.sandbox")}</p>
      <div className="form-actions">
        <button type="submit" disabled={pending} aria-busy={pending || undefined}>
          {pending ? t("accept.signIn.signingIn") : t("accept.signIn.submit")}
        </button>
      </div>
    </form>
  );
}
