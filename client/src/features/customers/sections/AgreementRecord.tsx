import { useEffect, useRef, useState, type FormEvent } from "react";
import { useCustomerRecordAgreementMutation } from "../../../graphql/generated";
import { FormActions, FormErrors, FormField } from "../../../components/FormField";
import { refetchOnSuccess } from "../../../lib/graphql";
import { useI18n } from "../../../lib/i18n";
import { useMutationForm } from "../../../lib/mutation-form";
import { formErrors } from "../../../lib/user-errors";
import { PAGE_QUERIES } from "./page-queries";
import "../page-messages";

const FIELDS = ["dateAgreed", "acceptedByName", "acceptedByEmail"];
// Partner Center's page for the same confirmation (the date and the customer's user who accepted).
const SOURCE = "https://learn.microsoft.com/en-us/partner-center/developer/confirm-customer-consent-customer-agreement";

/**
 * The form behind "Record acceptance" of the Microsoft Customer Agreement (recordCustomerAgreement), under the
 * customer's header: the date and the customer's user who accepted. Orders wait for it (R3). Escape or "Cancel"
 * close it (`onClose` gives the focus back to the button); `onDone` once recorded.
 */
export function AgreementRecord({
  customerId,
  onClose,
  onDone,
}: {
  customerId: string;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState({
    dateAgreed: new Date().toISOString().slice(0, 10),
    acceptedByName: "",
    acceptedByEmail: "",
  });
  const [record] = useCustomerRecordAgreementMutation({
    refetchQueries: refetchOnSuccess((d) => d.recordCustomerAgreement, PAGE_QUERIES),
    awaitRefetchQueries: true,
  });
  const form = useMutationForm();
  const first = useRef<HTMLInputElement>(null);
  const { byField, general } = formErrors(form.errors, FIELDS);

  useEffect(() => {
    first.current?.focus();
  }, []);

  function close() {
    form.reset();
    onClose();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (form.pending) return;
    const payload = await form.submit(
      async () => (await record({ variables: { input: { customerId, ...values } } })).data?.recordCustomerAgreement,
    );
    if (payload?.customer) onDone();
  }

  const set = (k: keyof typeof values, v: string) => setValues((prev) => ({ ...prev, [k]: v }));
  return (
    <form
      id={form.id}
      className="panel mca-form"
      aria-labelledby="mca-heading"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === "Escape") close();
      }}
      noValidate
    >
      <h2 id="mca-heading">{t("customers.mca.title")}</h2>
      <p className="hint">
        {t("customers.mca.explain")}{" "}
        <a href={SOURCE} target="_blank" rel="noreferrer">
          {t("customers.mca.source")}
        </a>
      </p>
      <FormErrors errors={general} />
      <div className="form-grid">
        <FormField label={t("customers.mca.date")} errors={byField.dateAgreed}>
          <input
            ref={first}
            type="date"
            value={values.dateAgreed}
            onChange={(e) => set("dateAgreed", e.target.value)}
            required
          />
        </FormField>
        <FormField label={t("customers.mca.name")} errors={byField.acceptedByName}>
          <input
            value={values.acceptedByName}
            onChange={(e) => set("acceptedByName", e.target.value)}
            required
            maxLength={200}
            autoComplete="off"
          />
        </FormField>
        <FormField label={t("customers.mca.email")} errors={byField.acceptedByEmail}>
          <input
            type="email"
            value={values.acceptedByEmail}
            onChange={(e) => set("acceptedByEmail", e.target.value)}
            required
            maxLength={254}
            autoComplete="off"
            spellCheck={false}
          />
        </FormField>
      </div>
      <FormActions
        pending={form.pending}
        submitLabel={t("customers.mca.save")}
        pendingLabel={t("customers.mca.saving")}
        cancelLabel={t("customers.mca.cancel")}
        onCancel={close}
      />
    </form>
  );
}
