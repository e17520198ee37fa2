import { useState, type FormEvent } from "react";
import { useI18n } from "../../../lib/i18n";
import { FormErrors, FormField } from "../../../components/FormField";
import { formErrors } from "../../../lib/user-errors";
import type { MutationFormState } from "../../../lib/mutation-form";
import type { ProviderOption, ResellerOption } from "./options";
import { ResellerOptions } from "./ResellerOptions";
import { AcceptanceLink } from "./AcceptanceLink";
import { CheckboxField } from "../../../components/CheckboxField";
import "../messages";

export interface RequestRelationshipValues {
  customerDomain: string;
  includesDelegatedAdmin: boolean;
  resellerId: string;
  providerId: string;
}

export interface RequestRelationshipResult {
  acceptanceUrl: string;
  customerName: string | null;
  partnerNames: readonly string[];
}

const FIELDS = ["customerDomain", "includesDelegatedAdmin", "resellerId", "providerId"];

/**
 * requestCustomerRelationship by the customer's domain. A provider may name a reseller and a reseller picks the
 * provider to include (two-tier: the customer accepts both at once). On success: the link to send.
 */
export function RequestRelationshipForm({
  resellers,
  providers,
  form,
  result,
  onSubmit,
  onCancel,
}: {
  /** Provider: its resellers; otherwise null. */
  resellers: readonly ResellerOption[] | null;
  /** Reseller: its providers; otherwise null. */
  providers: readonly ProviderOption[] | null;
  form: MutationFormState;
  result: RequestRelationshipResult | null;
  onSubmit(values: RequestRelationshipValues): void;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState<RequestRelationshipValues>({
    customerDomain: "",
    includesDelegatedAdmin: true,
    resellerId: "",
    providerId: providers?.length === 1 ? providers[0]!.id : "",
  });
  const { byField, general } = formErrors(form.errors, FIELDS);
  const set = <K extends keyof RequestRelationshipValues>(k: K, v: RequestRelationshipValues[K]) =>
    setValues((prev) => ({ ...prev, [k]: v }));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!form.pending) onSubmit(values);
  }

  return (
    <form id={form.id} onSubmit={submit} aria-labelledby="request-rel-heading" noValidate>
      <h2 id="request-rel-heading">{t("customers.request.title")}</h2>
      <p className="hint">{providers ? t("customers.request.introReseller") : t("customers.request.intro")}</p>
      {result && (
        <div className="success" role="status">
          <p>
            {t("customers.request.done", {
              customer: result.customerName ?? values.customerDomain,
              partners: result.partnerNames.join(", "),
            })}
          </p>
          <AcceptanceLink path={result.acceptanceUrl} />
          <p className="hint">{t("customers.request.sendIt")}</p>
        </div>
      )}
      <FormErrors errors={general} />
      <div className="form-grid">
        <FormField
          label={t("customers.request.domain")}
          errors={byField.customerDomain}
          hint={t("customers.request.domainHint")}
        >
          <input
            value={values.customerDomain}
            onChange={(e) => set("customerDomain", e.target.value)}
            required
            autoComplete="off"
            spellCheck={false}
            placeholder="fabrikam.onmicrosoft.com"
          />
        </FormField>
        {resellers && (
          <FormField
            label={t("customers.request.reseller")}
            errors={byField.resellerId}
            hint={t("customers.request.resellerHint")}
          >
            <select value={values.resellerId} onChange={(e) => set("resellerId", e.target.value)}>
              <option value="">{t("customers.request.noReseller")}</option>
              <ResellerOptions resellers={resellers} />
            </select>
          </FormField>
        )}
        {providers && (
          <FormField
            label={t("customers.request.provider")}
            errors={byField.providerId}
            hint={t("customers.request.providerHint")}
          >
            <select value={values.providerId} onChange={(e) => set("providerId", e.target.value)}>
              {providers.length !== 1 && <option value="">{t("customers.request.chooseProvider")}</option>}
              {providers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </FormField>
        )}
      </div>
      <CheckboxField
        label={t("customers.request.dap")}
        errors={byField.includesDelegatedAdmin}
        hint={t("customers.request.dapHint")}
        checked={values.includesDelegatedAdmin}
        onChange={(v) => set("includesDelegatedAdmin", v)}
      />
      <div className="form-actions">
        <button type="submit" disabled={form.pending} aria-busy={form.pending || undefined}>
          {form.pending ? t("customers.request.sending") : t("customers.request.submit")}
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            {t("customers.close")}
          </button>
        )}
      </div>
    </form>
  );
}
