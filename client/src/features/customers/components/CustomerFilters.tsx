import { useEffect } from "react";
import { useDraft } from "../../../lib/use-draft";
import { useI18n } from "../../../lib/i18n";
import { FormField } from "../../../components/FormField";
import { SALES_CHANNEL_VALUES, type SalesChannel } from "../../../graphql/generated";
import type { ParamChanges, ParamValues } from "../../../lib/url-params";
import type { customerListParams } from "../urls";
import type { ResellerOption } from "./options";
import "../messages";

export type CustomerFilterValues = Pick<
  ParamValues<typeof customerListParams>,
  "q" | "country" | "channels" | "nonCsp" | "reseller"
>;

/** The list filters; every change goes to the URL through onChange (search is debounced). */
export function CustomerFilters({
  values,
  resellers,
  onChange,
}: {
  values: CustomerFilterValues;
  /** A provider's resellers; null hides the reseller filter. */
  resellers: readonly ResellerOption[] | null;
  onChange(changes: ParamChanges<typeof customerListParams>): void;
}) {
  const { t } = useI18n();
  // The boxes follow the URL (back button, "clear filters").
  const [search, setSearch] = useDraft(values.q);
  const [country, setCountry] = useDraft(values.country);

  useEffect(() => {
    if (search.trim() === values.q) return;
    const timer = setTimeout(() => onChange({ q: search.trim() }), 350);
    return () => clearTimeout(timer);
  }, [search, values.q, onChange]);

  const selected = values.channels;
  function toggleChannel(channel: SalesChannel, on: boolean) {
    onChange({ channels: on ? [...selected, channel] : selected.filter((c) => c !== channel) });
  }

  function changeCountry(value: string) {
    const upper = value
      .toUpperCase()
      .replace(/[^A-Z]/g, "")
      .slice(0, 2);
    setCountry(upper);
    // The API wants ISO 3166-1 alpha-2: apply two letters, or none.
    if (upper.length === 2 || upper.length === 0) onChange({ country: upper });
  }

  const anyFilter = Boolean(values.q || values.country || values.channels.length || values.nonCsp || values.reseller);
  return (
    <form className="filters" role="search" aria-label={t("customers.filters")} onSubmit={(e) => e.preventDefault()}>
      <FormField label={t("customers.filter.search")}>
        <input
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder={t("customers.filter.searchPlaceholder")}
        />
      </FormField>
      <FormField label={t("customers.filter.country")}>
        <input
          value={country}
          onChange={(e) => changeCountry(e.target.value)}
          maxLength={2}
          size={4}
          autoComplete="off"
          placeholder="US"
        />
      </FormField>
      <FormField label={t("customers.filter.nonCsp")}>
        <select
          value={values.nonCsp ?? ""}
          onChange={(e) => onChange({ nonCsp: (e.target.value || null) as CustomerFilterValues["nonCsp"] })}
        >
          <option value="">{t("customers.filter.any")}</option>
          <option value="yes">{t("customers.filter.nonCspYes")}</option>
          <option value="no">{t("customers.filter.nonCspNo")}</option>
        </select>
      </FormField>
      {resellers && (
        <FormField label={t("customers.filter.reseller")}>
          <select value={values.reseller} onChange={(e) => onChange({ reseller: e.target.value })}>
            <option value="">{t("customers.filter.anyReseller")}</option>
            {resellers.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </FormField>
      )}
      <fieldset>
        <legend>{t("customers.filter.channels")}</legend>
        {SALES_CHANNEL_VALUES.map((c) => (
          <label key={c} className="check">
            <input
              type="checkbox"
              checked={selected.includes(c)}
              onChange={(e) => toggleChannel(c, e.target.checked)}
            />
            {t(`customers.channel.${c}`)}
          </label>
        ))}
      </fieldset>
      {anyFilter && (
        <button
          type="button"
          className="secondary"
          onClick={() => onChange({ q: null, country: null, channels: null, nonCsp: null, reseller: null })}
        >
          {t("customers.filter.clear")}
        </button>
      )}
    </form>
  );
}
