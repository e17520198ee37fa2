import { useEffect, useId, useState, type FormEvent } from "react";
import { useI18n } from "../../../lib/i18n";
import { FormErrors, FormField } from "../../../components/FormField";
import { EligibilityBadge, ReasonList, type DecisionView } from "../../../components/Reasons";
import { formErrors } from "../../../lib/user-errors";
import type { MutationFormState } from "../../../lib/mutation-form";
import type { BillingCycle, OfferKind, TermDuration } from "../../../graphql/generated";
import { CATALOG, ORDER_BILLING_CYCLES, type ResellerOption } from "./options";
import { ResellerOptions } from "./ResellerOptions";
import { CheckboxField } from "../../../components/CheckboxField";
import { OfferFields } from "./OfferFields";
import "../messages";

export interface OrderValues {
  offerName: string;
  offerId: string;
  offerKind: OfferKind;
  isAzurePlan: boolean;
  quantity: string;
  termDuration: TermDuration;
  billingCycle: BillingCycle;
  resellerId: string;
}

export interface OrderPreviewInput {
  offerKind: OfferKind;
  resellerId: string;
}

const FIELDS = [
  "offerName",
  "offerId",
  "offerKind",
  "isAzurePlan",
  "quantity",
  "termDuration",
  "billingCycle",
  "resellerId",
];

const first = CATALOG[0]!;
const INITIAL: OrderValues = {
  offerName: first.offerName,
  offerId: first.offerId,
  offerKind: first.offerKind,
  isAzurePlan: first.isAzurePlan,
  quantity: "1",
  termDuration: "P1Y",
  billingCycle: "MONTHLY",
  resellerId: "",
};

/** The form's first values: the defaults, with what a link asked for (e.g. a reseller's request) on top. */
export function initialOrderValues(prefill: Partial<OrderValues> = {}): OrderValues {
  const values = { ...INITIAL, ...prefill };
  if (values.offerKind === "USAGE_BASED") values.quantity = "1";
  return values;
}

/**
 * orderSubscription: offer (from a short catalogue or typed in), kind, quantity, term, billing cycle and, for a
 * provider, the reseller of record. The ORDER decision is shown live above the button, which it can disable.
 * `initial` prefills it (the customer page reads it from the URL: `?panel=order&offerId=…&reseller=…`).
 */
export function OrderSubscriptionForm({
  initial,
  resellers,
  preview,
  previewLoading,
  previewError,
  form,
  onPreviewChange,
  onSubmit,
}: {
  initial?: Partial<OrderValues>;
  resellers: readonly ResellerOption[] | null;
  preview: DecisionView | null;
  previewLoading: boolean;
  previewError: string | null;
  form: MutationFormState;
  onPreviewChange(input: OrderPreviewInput): void;
  onSubmit(values: OrderValues): void;
}) {
  const { t } = useI18n();
  const previewId = useId();
  const [values, setValues] = useState<OrderValues>(() => initialOrderValues(initial));
  const { byField, general } = formErrors(form.errors, FIELDS);
  const set = <K extends keyof OrderValues>(k: K, v: OrderValues[K]) => setValues((prev) => ({ ...prev, [k]: v }));
  const usage = values.offerKind === "USAGE_BASED";

  useEffect(() => {
    onPreviewChange({ offerKind: values.offerKind, resellerId: values.resellerId });
  }, [values.offerKind, values.resellerId, onPreviewChange]);

  const blocked = preview ? !preview.eligible : false;
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!form.pending && !blocked) onSubmit(values);
  }

  return (
    <form id={form.id} onSubmit={submit} aria-labelledby="order-heading" noValidate>
      <h3 id="order-heading">{t("customers.order.title")}</h3>
      <FormErrors errors={general} />
      <div className="form-grid">
        <OfferFields values={values} errors={byField} onChange={setValues} />
        <FormField label={t("customers.order.billing")} errors={byField.billingCycle}>
          <select value={values.billingCycle} onChange={(e) => set("billingCycle", e.target.value as BillingCycle)}>
            {ORDER_BILLING_CYCLES.map((b) => (
              <option key={b} value={b}>
                {t(`customers.billing.${b}`)}
              </option>
            ))}
          </select>
        </FormField>
        {resellers && (
          <FormField
            label={t("customers.order.reseller")}
            errors={byField.resellerId}
            hint={t("customers.order.resellerHint")}
          >
            <select value={values.resellerId} onChange={(e) => set("resellerId", e.target.value)}>
              <option value="">{t("customers.order.noReseller")}</option>
              <ResellerOptions resellers={resellers} />
            </select>
          </FormField>
        )}
      </div>
      {usage && (
        <CheckboxField
          label={t("customers.order.azurePlan")}
          errors={byField.isAzurePlan}
          checked={values.isAzurePlan}
          onChange={(v) => set("isAzurePlan", v)}
        />
      )}

      <div id={previewId} className="order-preview" aria-live="polite">
        <h4>{t("customers.order.preview")}</h4>
        {previewError ? (
          <p className="state-error">{t("common.error", { message: previewError })}</p>
        ) : preview ? (
          <>
            <p>
              <EligibilityBadge decision={preview} label={t("customers.action.ORDER")} />{" "}
              {previewLoading && <small className="muted">{t("customers.order.checking")}</small>}
            </p>
            <ReasonList decision={preview} />
          </>
        ) : (
          <p className="muted">{t("customers.order.checking")}</p>
        )}
      </div>

      <div className="form-actions">
        <button
          type="submit"
          disabled={form.pending || blocked}
          aria-busy={form.pending || undefined}
          aria-describedby={blocked ? previewId : undefined}
        >
          {form.pending ? t("customers.order.ordering") : t("customers.order.submit")}
        </button>
        {blocked && <small className="action-note">{t("customers.order.blocked")}</small>}
      </div>
    </form>
  );
}
