import { FormField } from "../../../components/FormField";
import { useI18n } from "../../../lib/i18n";
import { SearchForm } from "../../../components/SearchForm";
import type { ParamChanges } from "../../../lib/url-params";
import { STATUS_CHOICES, type resellerListParams, type StatusChoice } from "../urls";
import "../messages";

export interface PartnershipFilterValues {
  status: StatusChoice;
  search: string;
  /** Resellers only: show the flagged ones. */
  issues?: boolean;
}

export type PartnershipFilterChange = ParamChanges<typeof resellerListParams>;

/** Partnership status, name / Partner ID search and (for resellers) "only compliance issues". */
export function PartnershipFilters({
  values,
  onChange,
}: {
  values: PartnershipFilterValues;
  onChange(changes: PartnershipFilterChange): void;
}) {
  const { t } = useI18n();
  const any = values.status !== "current" || values.search || values.issues;
  return (
    <section className="filters" aria-label={t("network.filters")}>
      <SearchForm
        label={t("network.filter.search")}
        buttonLabel={t("network.filter.searchButton")}
        value={values.search}
        onSearch={(search) => onChange({ search })}
      />
      <FormField label={t("network.filter.status")}>
        <select value={values.status} onChange={(e) => onChange({ status: e.target.value as StatusChoice })}>
          {STATUS_CHOICES.map((c) => (
            <option key={c} value={c}>
              {t(`network.filter.status.${c}`)}
            </option>
          ))}
        </select>
      </FormField>
      {values.issues !== undefined && (
        <label className="sub-check net-check-filter">
          <input type="checkbox" checked={values.issues} onChange={(e) => onChange({ issues: e.target.checked })} />
          {t("network.filter.issues")}
        </label>
      )}
      {any ? (
        <button
          type="button"
          className="secondary"
          onClick={() => onChange({ status: null, search: null, issues: null })}
        >
          {t("network.filter.clear")}
        </button>
      ) : null}
    </section>
  );
}
