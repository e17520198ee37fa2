import { useState, type FormEvent } from "react";
import { useI18n } from "../../../lib/i18n";
import { FormErrors, FormField } from "../../../components/FormField";
import { formErrors } from "../../../lib/user-errors";
import type { MutationFormState } from "../../../lib/mutation-form";
import { OFFER_KIND_VALUES, type OfferKind, type SalesChannel } from "../../../graphql/generated";
import { EXTERNAL_CHANNELS } from "./options";
import "../messages";

export interface RegisterExternalValues {
  channel: SalesChannel;
  offerName: string;
  offerKind: OfferKind;
  quantity: string;
  purchaseDate: string;
  commitmentEndDate: string;
}

const FIELDS = ["channel", "offerName", "offerKind", "quantity", "purchaseDate", "commitmentEndDate"];

/** Multi-channel support: record a subscription the customer bought outside CSP (registerExternalSubscription). */
export function RegisterExternalForm({
  form,
  onSubmit,
}: {
  form: MutationFormState;
  onSubmit(values: RegisterExternalValues): void;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState<RegisterExternalValues>({
    channel: "MICROSOFT_DIRECT",
    offerName: "",
    offerKind: "LICENSE_BASED",
    quantity: "1",
    purchaseDate: "",
    commitmentEndDate: "",
  });
  const { byField, general } = formErrors(form.errors, FIELDS);
  const set = <K extends keyof RegisterExternalValues>(k: K, v: RegisterExternalValues[K]) =>
    setValues((prev) => ({ ...prev, [k]: v }));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!form.pending) onSubmit(values);
  }

  return (
    <form id={form.id} onSubmit={submit} aria-labelledby="register-heading" noValidate>
      <h3 id="register-heading">{t("customers.register.title")}</h3>
      <p className="hint">{t("customers.register.intro")}</p>
      <FormErrors errors={general} />
      <div className="form-grid">
        <FormField label={t("customers.register.channel")} errors={byField.channel}>
          <select value={values.channel} onChange={(e) => set("channel", e.target.value as SalesChannel)}>
            {EXTERNAL_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`customers.channel.${c}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t("customers.register.offerName")} errors={byField.offerName}>
          <input value={values.offerName} onChange={(e) => set("offerName", e.target.value)} required />
        </FormField>
        <FormField label={t("customers.register.offerKind")} errors={byField.offerKind}>
          <select value={values.offerKind} onChange={(e) => set("offerKind", e.target.value as OfferKind)}>
            {OFFER_KIND_VALUES.map((k) => (
              <option key={k} value={k}>
                {t(`customers.kind.${k}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t("customers.register.quantity")} errors={byField.quantity}>
          <input
            type="number"
            inputMode="numeric"
            min={1}
            value={values.quantity}
            onChange={(e) => set("quantity", e.target.value)}
            required
          />
        </FormField>
        <FormField label={t("customers.register.purchaseDate")} errors={byField.purchaseDate}>
          <input
            type="date"
            value={values.purchaseDate}
            onChange={(e) => set("purchaseDate", e.target.value)}
            required
          />
        </FormField>
        <FormField label={t("customers.register.commitmentEnd")} errors={byField.commitmentEndDate}>
          <input
            type="date"
            value={values.commitmentEndDate}
            onChange={(e) => set("commitmentEndDate", e.target.value)}
            required
          />
        </FormField>
      </div>
      <div className="form-actions">
        <button type="submit" disabled={form.pending} aria-busy={form.pending || undefined}>
          {form.pending ? t("common.saving") : t("customers.register.submit")}
        </button>
      </div>
    </form>
  );
}
