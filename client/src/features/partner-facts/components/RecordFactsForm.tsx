import { useId, useState, type FormEvent } from "react";
import { CheckboxField } from "../../../components/CheckboxField";
import { FormActions, FormErrors, FormField } from "../../../components/FormField";
import {
  PROGRAM_STATUS_VALUES,
  type PartnerFact,
  type PartnerType,
  type ProgramStatus,
} from "../../../graphql/generated";
import { useI18n } from "../../../lib/i18n";
import type { MutationFormState } from "../../../lib/mutation-form";
import { formErrors } from "../../../lib/user-errors";
import "../messages";

/** recordPartnerFacts' fact fields (the input's names). */
export interface RecordFactsValues {
  programStatus: ProgramStatus;
  mpaSigned: boolean;
  advisorOnly: boolean;
}

/** The fields a form of these facts shows, by input field name. */
const FIELD_OF: Record<PartnerFact, keyof RecordFactsValues> = {
  PROGRAM_STATUS: "programStatus",
  MPA_SIGNED: "mpaSigned",
  ADVISOR_ONLY: "advisorOnly",
};

/** The partner's current facts, as the form starts from them. */
export interface FactsOfPartner {
  name: string;
  types: readonly PartnerType[];
  programStatus: ProgramStatus | null;
  mpaSigned: boolean | null;
}

/** Advisor-only holds no CSP type (what recordPartnerFacts writes for advisorOnly: true). */
export const isAdvisorOnly = (types: readonly PartnerType[]) => types.length > 0 && types.every((t) => t === "ADVISOR");

/**
 * The facts the user changed go into the input, each then recorded with its own provenance; the others keep their
 * record. Only facts the form shows: the others are not the viewer's to record (NOT_ALLOWED).
 */
export function factsInput(
  values: RecordFactsValues,
  initial: RecordFactsValues,
  facts: readonly PartnerFact[],
): Partial<RecordFactsValues> {
  return Object.fromEntries(
    facts.filter((f) => values[FIELD_OF[f]] !== initial[FIELD_OF[f]]).map((f) => [FIELD_OF[f], values[FIELD_OF[f]]]),
  );
}

/**
 * recordPartnerFacts' fields for `facts`, starting from the partner's current values. Nothing is checked before
 * sending: the server decides who may record what and refuses with an error beside the field it is about.
 */
export function RecordFactsForm({
  partner,
  facts,
  title,
  intro,
  form,
  onSubmit,
  onCancel,
}: {
  partner: FactsOfPartner;
  facts: readonly PartnerFact[];
  title: string;
  intro: string;
  form: MutationFormState;
  onSubmit(values: Partial<RecordFactsValues>): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const [initial] = useState<RecordFactsValues>(() => ({
    programStatus: partner.programStatus ?? "ACTIVE",
    mpaSigned: partner.mpaSigned ?? false,
    advisorOnly: isAdvisorOnly(partner.types),
  }));
  const [values, setValues] = useState<RecordFactsValues>(initial);
  const [unchanged, setUnchanged] = useState(false);
  const { byField, general } = formErrors(
    form.errors,
    facts.map((f) => FIELD_OF[f]),
  );
  const set = <K extends keyof RecordFactsValues>(k: K, v: RecordFactsValues[K]) => {
    setUnchanged(false);
    setValues((prev) => ({ ...prev, [k]: v }));
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    if (form.pending) return;
    const input = factsInput(values, initial, facts);
    // Nothing to record: sending no fact would only be refused (INVALID_INPUT).
    if (Object.keys(input).length === 0) setUnchanged(true);
    else onSubmit(input);
  }

  return (
    <form id={form.id} onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h2 id={headingId}>{title}</h2>
      <p className="hint">{intro}</p>
      <FormErrors errors={general} />
      {unchanged && (
        <div role="alert" className="form-errors">
          <ul>
            <li>{t("facts.record.unchanged")}</li>
          </ul>
        </div>
      )}
      <div className="form-grid">
        {facts.includes("PROGRAM_STATUS") && (
          <FormField label={t("facts.programStatus")} errors={byField.programStatus}>
            <select
              value={values.programStatus}
              onChange={(e) => set("programStatus", e.target.value as ProgramStatus)}
            >
              {PROGRAM_STATUS_VALUES.map((s) => (
                <option key={s} value={s}>
                  {t(`reseller.program.${s}`)}
                </option>
              ))}
            </select>
          </FormField>
        )}
        {facts.includes("MPA_SIGNED") && (
          <CheckboxField
            label={t("facts.mpaSigned")}
            checked={values.mpaSigned}
            onChange={(v) => set("mpaSigned", v)}
            errors={byField.mpaSigned}
          />
        )}
        {facts.includes("ADVISOR_ONLY") && (
          <CheckboxField
            label={t("facts.advisorOnly")}
            checked={values.advisorOnly}
            onChange={(v) => set("advisorOnly", v)}
            errors={byField.advisorOnly}
            hint={t("facts.advisorOnly.hint")}
          />
        )}
      </div>
      <FormActions
        pending={form.pending}
        submitLabel={t("facts.record.submit")}
        pendingLabel={t("facts.record.pending")}
        cancelLabel={t("common.cancel")}
        onCancel={onCancel}
      />
    </form>
  );
}
