import { useState, type FormEvent } from "react";
import { useI18n } from "../../../lib/i18n";
import { FormErrors, FormField } from "../../../components/FormField";
import { formErrors } from "../../../lib/user-errors";
import type { MutationFormState } from "../../../lib/mutation-form";
import type { ProviderOption, ResellerOption } from "./options";
import { ResellerOptions } from "./ResellerOptions";
import { CheckboxField } from "../../../components/CheckboxField";
import "../messages";
import "../page-messages";

export interface CreateCustomerValues {
  name: string;
  domain: string;
  country: string;
  mcaAccepted: boolean;
  resellerId: string;
}

const FIELDS = ["name", "domain", "country", "mcaAccepted", "resellerId"];

/** createCustomer's fields, with the server's errors beside each one. */
export function CreateCustomerForm({
  defaultCountry,
  resellers,
  form,
  onSubmit,
  onCancel,
}: {
  defaultCountry: string;
  /** A provider's resellers (it may create the customer for one); null for direct-bill partners. */
  resellers: readonly ResellerOption[] | null;
  form: MutationFormState;
  onSubmit(values: CreateCustomerValues): void;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState<CreateCustomerValues>({
    name: "",
    domain: "",
    country: defaultCountry,
    mcaAccepted: false,
    resellerId: "",
  });
  const { byField, general } = formErrors(form.errors, FIELDS);
  const set = <K extends keyof CreateCustomerValues>(k: K, v: CreateCustomerValues[K]) =>
    setValues((prev) => ({ ...prev, [k]: v }));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!form.pending) onSubmit(values);
  }

  return (
    <form id={form.id} onSubmit={submit} aria-labelledby="create-customer-heading" noValidate>
      <h2 id="create-customer-heading">{t("customers.create.title")}</h2>
      <p className="hint">{t("customers.create.intro")}</p>
      <FormErrors errors={general} />
      <div className="form-grid">
        <FormField label={t("customers.create.name")} errors={byField.name}>
          <input
            value={values.name}
            onChange={(e) => set("name", e.target.value)}
            required
            autoComplete="organization"
          />
        </FormField>
        <FormField label={t("customers.create.domain")} errors={byField.domain} hint={t("customers.create.domainHint")}>
          <input
            value={values.domain}
            onChange={(e) => set("domain", e.target.value)}
            required
            autoComplete="off"
            spellCheck={false}
            placeholder="fabrikam.onmicrosoft.com"
          />
        </FormField>
        <FormField
          label={t("customers.create.country")}
          errors={byField.country}
          hint={t("customers.create.countryHint", { country: defaultCountry })}
        >
          <input
            value={values.country}
            onChange={(e) => set("country", e.target.value.toUpperCase().slice(0, 2))}
            required
            maxLength={2}
            size={4}
          />
        </FormField>
        {resellers && (
          <FormField
            label={t("customers.create.reseller")}
            errors={byField.resellerId}
            hint={t("customers.create.resellerHint")}
          >
            <select value={values.resellerId} onChange={(e) => set("resellerId", e.target.value)}>
              <option value="">{t("customers.create.noReseller")}</option>
              <ResellerOptions resellers={resellers} />
            </select>
          </FormField>
        )}
      </div>
      <CheckboxField
        label={t("customers.create.mca")}
        errors={byField.mcaAccepted}
        hint={t("customers.create.mcaHint")}
        checked={values.mcaAccepted}
        onChange={(v) => set("mcaAccepted", v)}
      />
      <div className="form-actions">
        <button type="submit" disabled={form.pending} aria-busy={form.pending || undefined}>
          {form.pending ? t("common.saving") : t("customers.create.submit")}
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}

/** What an indirect reseller sees instead: it cannot create tenants (R22); its provider does, naming it. */
export function CreateCustomerBlocked({
  providers,
  loading,
  onInvite,
}: {
  providers: readonly ProviderOption[] | null;
  loading: boolean;
  /** Opens the relationship request (an invitation link that includes the provider): the path that exists. */
  onInvite?(): void;
}) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="create-blocked-heading">
      <h2 id="create-blocked-heading">{t("customers.create.title")}</h2>
      <div className="notice">
        <p>{t("customers.create.resellerCannot")}</p>
        {loading ? (
          <p role="status">{t("common.loading")}</p>
        ) : providers && providers.length > 0 ? (
          <>
            <p>{t("customers.create.askProvider")}</p>
            <ul>
              {providers.map((p) => (
                <li key={p.id}>
                  <strong>{p.name}</strong>{" "}
                  <span className="muted">
                    {t("customers.partnerIdCountry", { id: p.partnerId, country: p.country ?? "—" })}
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t("customers.noProvider")}</p>
        )}
        <p>{t("customers.create.orRequest")}</p>
        {onInvite && (
          <p>
            <button type="button" onClick={onInvite}>
              {t("customers.create.invite")}
            </button>
          </p>
        )}
      </div>
    </section>
  );
}
