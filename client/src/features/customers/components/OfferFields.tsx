import { useState, type Dispatch, type SetStateAction } from "react";
import { useI18n } from "../../../lib/i18n";
import { FormField } from "../../../components/FormField";
import type { UserErrorLike } from "../../../lib/user-errors";
import { OFFER_KIND_VALUES, TERM_DURATION_VALUES, type OfferKind, type TermDuration } from "../../../graphql/generated";
import { CATALOG } from "./options";
import "../messages";

/** The offer part of an order: what both the order form and the "ask your provider to order" form ask for. */
export interface OfferFieldValues {
  offerName: string;
  offerId: string;
  offerKind: OfferKind;
  quantity: string;
  termDuration: TermDuration;
  /** Only in forms that ask for it (ordering directly): follows the picked offer, cleared for licence-based. */
  isAzurePlan?: boolean;
}

const CUSTOM = "custom";

/** The catalogue entry the values are, else "custom" (another offer, typed in). */
function catalogChoice(values: OfferFieldValues): string {
  const known = CATALOG.find((o) => o.offerId === values.offerId);
  return known && known.offerName === values.offerName && known.offerKind === values.offerKind ? known.offerId : CUSTOM;
}

/**
 * Offer (from the short catalogue or typed in), kind, quantity and term, with their errors. A usage-based offer has
 * a quantity of 1 and no term. Renders the fields only: the caller places them (in its `.form-grid`).
 */
export function OfferFields<V extends OfferFieldValues>({
  values,
  errors,
  onChange,
}: {
  values: V;
  errors: Record<string, readonly UserErrorLike[] | undefined>;
  onChange: Dispatch<SetStateAction<V>>;
}) {
  const { t } = useI18n();
  const [choice, setChoice] = useState<string>(() => catalogChoice(values));
  const set = <K extends keyof OfferFieldValues>(k: K, v: V[K]) => onChange((prev) => ({ ...prev, [k]: v }));
  const usage = values.offerKind === "USAGE_BASED";

  function pick(offerId: string) {
    setChoice(offerId);
    const offer = CATALOG.find((o) => o.offerId === offerId);
    if (!offer) return;
    onChange((prev) => ({
      ...prev,
      offerName: offer.offerName,
      offerId: offer.offerId,
      offerKind: offer.offerKind,
      ...("isAzurePlan" in prev && { isAzurePlan: offer.isAzurePlan }),
      quantity: offer.offerKind === "USAGE_BASED" ? "1" : prev.quantity,
    }));
  }

  function changeKind(kind: OfferKind) {
    onChange((prev) => ({
      ...prev,
      offerKind: kind,
      ...("isAzurePlan" in prev && { isAzurePlan: kind === "USAGE_BASED" ? prev.isAzurePlan : false }),
      quantity: kind === "USAGE_BASED" ? "1" : prev.quantity,
    }));
  }

  return (
    <>
      <FormField label={t("customers.order.catalog")} hint={t("customers.order.catalogHint")}>
        <select value={choice} onChange={(e) => (e.target.value === CUSTOM ? setChoice(CUSTOM) : pick(e.target.value))}>
          {CATALOG.map((o) => (
            <option key={o.offerId} value={o.offerId}>
              {o.offerName} ({o.offerId})
            </option>
          ))}
          <option value={CUSTOM}>{t("customers.order.custom")}</option>
        </select>
      </FormField>
      <FormField label={t("customers.order.offerName")} errors={errors.offerName}>
        <input
          value={values.offerName}
          onChange={(e) => {
            setChoice(CUSTOM);
            set("offerName", e.target.value);
          }}
          required
        />
      </FormField>
      <FormField label={t("customers.order.offerId")} errors={errors.offerId} hint={t("customers.order.offerIdHint")}>
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
      <FormField label={t("customers.order.kind")} errors={errors.offerKind}>
        <select value={values.offerKind} onChange={(e) => changeKind(e.target.value as OfferKind)}>
          {OFFER_KIND_VALUES.map((k) => (
            <option key={k} value={k}>
              {t(`customers.kind.${k}`)}
            </option>
          ))}
        </select>
      </FormField>
      <FormField
        label={t("customers.order.quantity")}
        errors={errors.quantity}
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
      <FormField label={t("customers.order.term")} errors={errors.termDuration}>
        <select
          value={usage ? "" : values.termDuration}
          disabled={usage}
          onChange={(e) => set("termDuration", e.target.value as TermDuration)}
        >
          {usage && <option value="">{t("customers.order.noTerm")}</option>}
          {TERM_DURATION_VALUES.map((term) => (
            <option key={term} value={term}>
              {t(`customers.term.${term}`)}
            </option>
          ))}
        </select>
      </FormField>
    </>
  );
}
