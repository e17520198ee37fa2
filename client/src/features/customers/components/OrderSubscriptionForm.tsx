import { useEffect, useId, useState, type FormEvent } from "react";
import { useI18n } from "../../../lib/i18n";
import { FormErrors, FormField } from "../../../components/FormField";
import { EligibilityBadge, ReasonList, type DecisionView } from "../../../components/Reasons";
import { errorsByField, type UserErrorLike } from "../../../lib/user-errors";
import type { BillingCycle, OfferKind, TermDuration } from "../../../graphql/generated";
import { BILLING_CYCLES, CATALOG, OFFER_KINDS, TERMS, type ResellerOption } from "./options";
import { ResellerOptions } from "./ResellerOptions";
import { CheckboxField } from "./CheckboxField";
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
const CUSTOM = "custom";

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
  errors,
  pending,
  onPreviewChange,
  onSubmit,
}: {
  initial?: Partial<OrderValues>;
  resellers: readonly ResellerOption[] | null;
  preview: DecisionView | null;
  previewLoading: boolean;
  previewError: string | null;
  errors: readonly UserErrorLike[];
  pending: boolean;
  onPreviewChange(input: OrderPreviewInput): void;
  onSubmit(values: OrderValues): void;
}) {
  const { t } = useI18n();
  const previewId = useId();
  const [values, setValues] = useState<OrderValues>(() => initialOrderValues(initial));
  const [choice, setChoice] = useState<string>(() => {
    const v = initialOrderValues(initial);
    const known = CATALOG.find((o) => o.offerId === v.offerId);
    return known && known.offerName === v.offerName && known.offerKind === v.offerKind ? known.offerId : CUSTOM;
  });
  const byField = errorsByField(errors);
  const general = Object.entries(byField)
    .filter(([k]) => !FIELDS.includes(k))
    .flatMap(([, v]) => v);
  const set = <K extends keyof OrderValues>(k: K, v: OrderValues[K]) => setValues((prev) => ({ ...prev, [k]: v }));
  const usage = values.offerKind === "USAGE_BASED";

  useEffect(() => {
    onPreviewChange({ offerKind: values.offerKind, resellerId: values.resellerId });
  }, [values.offerKind, values.resellerId, onPreviewChange]);

  function pick(offerId: string) {
    setChoice(offerId);
    const offer = CATALOG.find((o) => o.offerId === offerId);
    if (!offer) return;
    setValues((prev) => ({
      ...prev,
      offerName: offer.offerName,
      offerId: offer.offerId,
      offerKind: offer.offerKind,
      isAzurePlan: offer.isAzurePlan,
      quantity: offer.offerKind === "USAGE_BASED" ? "1" : prev.quantity,
    }));
  }

  function changeKind(kind: OfferKind) {
    setValues((prev) => ({
      ...prev,
      offerKind: kind,
      isAzurePlan: kind === "USAGE_BASED" ? prev.isAzurePlan : false,
      quantity: kind === "USAGE_BASED" ? "1" : prev.quantity,
    }));
  }

  const blocked = preview ? !preview.eligible : false;
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!pending && !blocked) onSubmit(values);
  }

  return (
    <form onSubmit={submit} aria-labelledby="order-heading" noValidate>
      <h3 id="order-heading">{t("customers.order.title")}</h3>
      <FormErrors errors={general} />
      <div className="form-grid">
        <FormField label={t("customers.order.catalog")} hint={t("customers.order.catalogHint")}>
          <select
            value={choice}
            onChange={(e) => (e.target.value === CUSTOM ? setChoice(CUSTOM) : pick(e.target.value))}
          >
            {CATALOG.map((o) => (
              <option key={o.offerId} value={o.offerId}>
                {o.offerName} ({o.offerId})
              </option>
            ))}
            <option value={CUSTOM}>{t("customers.order.custom")}</option>
          </select>
        </FormField>
        <FormField label={t("customers.order.offerName")} errors={byField.offerName}>
          <input
            value={values.offerName}
            onChange={(e) => {
              setChoice(CUSTOM);
              set("offerName", e.target.value);
            }}
            required
          />
        </FormField>
        <FormField
          label={t("customers.order.offerId")}
          errors={byField.offerId}
          hint={t("customers.order.offerIdHint")}
        >
          <input
            value={values.offerId}
            onChange={(e) => {
              setChoice(CUSTOM);
              set("offerId", e.target.value);
            }}
            required
            spellCheck={false}
          />
        </FormField>
        <FormField label={t("customers.order.kind")} errors={byField.offerKind}>
          <select value={values.offerKind} onChange={(e) => changeKind(e.target.value as OfferKind)}>
            {OFFER_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`customers.kind.${k}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField
          label={t("customers.order.quantity")}
          errors={byField.quantity}
          hint={usage ? t("customers.order.quantityUsage") : undefined}
        >
          <input
            type="number"
            inputMode="numeric"
            min={1}
            value={values.quantity}
            disabled={usage}
            onChange={(e) => set("quantity", e.target.value)}
            required
          />
        </FormField>
        <FormField label={t("customers.order.term")} errors={byField.termDuration}>
          <select
            value={usage ? "" : values.termDuration}
            disabled={usage}
            onChange={(e) => set("termDuration", e.target.value as TermDuration)}
          >
            {usage && <option value="">{t("customers.order.noTerm")}</option>}
            {TERMS.map((term) => (
              <option key={term} value={term}>
                {t(`customers.term.${term}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t("customers.order.billing")} errors={byField.billingCycle}>
          <select value={values.billingCycle} onChange={(e) => set("billingCycle", e.target.value as BillingCycle)}>
            {BILLING_CYCLES.map((b) => (
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
          disabled={pending || blocked}
          aria-busy={pending || undefined}
          aria-describedby={blocked ? previewId : undefined}
        >
          {pending ? t("customers.order.ordering") : t("customers.order.submit")}
        </button>
        {blocked && <small className="action-note">{t("customers.order.blocked")}</small>}
      </div>
    </form>
  );
}
