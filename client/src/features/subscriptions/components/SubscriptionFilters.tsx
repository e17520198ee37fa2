import { useState } from "react";
import {
  OFFER_KIND_VALUES,
  SALES_CHANNEL_VALUES,
  SUBSCRIPTION_STATUS_VALUES,
  type OfferKind,
} from "../../../graphql/generated";
import { FormField } from "../../../components/FormField";
import { useI18n } from "../../../lib/i18n";
import type { ParamChanges, ParamValues } from "../../../lib/url-params";
import type { subscriptionListParams } from "../urls";
import { CheckboxGroup } from "./CheckboxGroup";
import { SearchForm } from "../../../components/SearchForm";
import "../messages";

const NARROW = "(max-width: 600px)";

export type SubscriptionFilterValues = Pick<
  ParamValues<typeof subscriptionListParams>,
  "status" | "channel" | "offerKind" | "termEndsAfter" | "termEndsBefore" | "search" | "reseller" | "customer"
>;

export type SubscriptionFilterChange = ParamChanges<typeof subscriptionListParams>;

export interface PartnerOption {
  id: string;
  name: string;
}

/** The list's filters; every change goes to the URL through onChange (lists are joined with commas). */
export function SubscriptionFilters({
  values,
  onChange,
  resellerOptions,
  customerName,
  filtered,
}: {
  values: SubscriptionFilterValues;
  onChange(changes: SubscriptionFilterChange): void;
  /** Providers: filter by reseller of record. */
  resellerOptions?: readonly PartnerOption[];
  customerName?: string;
  /** Some filter differs from the defaults: offer "Clear filters". */
  filtered: boolean;
}) {
  const { t } = useI18n();
  // Open on wide screens; on a phone the extra filters start folded under the search box.
  const [open, setOpen] = useState(() => typeof window.matchMedia !== "function" || !window.matchMedia(NARROW).matches);
  return (
    <section className="filters subs-filters" aria-label={t("subscriptions.filters")}>
      <SearchForm
        label={t("subscriptions.filter.search")}
        buttonLabel={t("subscriptions.filter.searchButton")}
        value={values.search}
        onSearch={(search) => onChange({ search })}
      />
      <details className="sub-more-filters" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{t("subscriptions.filters.more")}</summary>
        <div className="filters">
          <FormField label={t("subscriptions.filter.offerKind")}>
            <select
              value={values.offerKind ?? ""}
              onChange={(e) => onChange({ offerKind: (e.target.value || null) as OfferKind | null })}
            >
              <option value="">{t("subscriptions.filter.any")}</option>
              {OFFER_KIND_VALUES.map((k) => (
                <option key={k} value={k}>
                  {t(`subscriptions.offerKind.${k}`)}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label={t("subscriptions.filter.termEndsAfter")}>
            <input
              type="date"
              value={values.termEndsAfter}
              max={values.termEndsBefore || undefined}
              onChange={(e) => onChange({ termEndsAfter: e.target.value })}
            />
          </FormField>
          <FormField label={t("subscriptions.filter.termEndsBefore")}>
            <input
              type="date"
              value={values.termEndsBefore}
              min={values.termEndsAfter || undefined}
              onChange={(e) => onChange({ termEndsBefore: e.target.value })}
            />
          </FormField>
          {resellerOptions && (
            <FormField label={t("subscriptions.filter.reseller")}>
              <select value={values.reseller} onChange={(e) => onChange({ reseller: e.target.value })}>
                <option value="">{t("subscriptions.filter.anyReseller")}</option>
                {resellerOptions.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            </FormField>
          )}
          <div className="sub-check-row">
            <CheckboxGroup
              legend={t("subscriptions.filter.status")}
              options={SUBSCRIPTION_STATUS_VALUES}
              selected={values.status}
              labelOf={(s) => t(`subscriptions.status.${s}`)}
              onChange={(status) => onChange({ status })}
            />
            <CheckboxGroup
              legend={t("subscriptions.filter.channel")}
              options={SALES_CHANNEL_VALUES}
              selected={values.channel}
              labelOf={(c) => t(`subscriptions.channel.${c}`)}
              onChange={(channel) => onChange({ channel })}
            />
          </div>
        </div>
      </details>
      {values.customer && (
        <p className="sub-chip">
          {t("subscriptions.filter.customer", { name: customerName ?? t("subscriptions.filter.customerUnknown") })}{" "}
          <button type="button" className="sub-link-button" onClick={() => onChange({ customer: null })}>
            {t("subscriptions.filter.clearCustomer")}
          </button>
        </p>
      )}
      {filtered ? (
        <button
          type="button"
          className="secondary"
          onClick={() =>
            onChange({
              status: null,
              channel: null,
              offerKind: null,
              termEndsAfter: null,
              termEndsBefore: null,
              search: null,
              reseller: null,
              customer: null,
            })
          }
        >
          {t("subscriptions.filter.clear")}
        </button>
      ) : null}
    </section>
  );
}
