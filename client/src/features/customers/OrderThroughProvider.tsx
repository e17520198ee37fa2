import { useId, useState } from "react";
import { useI18n } from "../../lib/i18n";
import { FormField } from "../../components/FormField";
import { DataState } from "../../components/DataState";
import { useCustomerProviderOptionsQuery } from "../../graphql/generated";
import { CATALOG, type ProviderOption } from "./components/options";
import "./messages";

export interface OrderThroughProviderCustomer {
  name: string;
  domain: string;
  tenantId: string;
}

export interface OrderThroughProviderReseller {
  name: string;
  partnerId: string;
}

/**
 * An indirect reseller's ordering path: its provider orders (and cancels, suspends, transfers) for it (R22).
 * Lists the reseller's providers and prepares a request to send them. Kept separate so a reseller → provider
 * request API can replace the copy-and-send step later.
 */
export function OrderThroughProvider({
  customer,
  reseller,
}: {
  customer: OrderThroughProviderCustomer;
  reseller: OrderThroughProviderReseller;
}) {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useCustomerProviderOptionsQuery();
  const providers: ProviderOption[] = (data?.providers.nodes ?? []).map((p) => ({ ...p.provider }));
  return (
    <section className="panel" aria-labelledby="through-provider-heading">
      <h3 id="through-provider-heading">{t("customers.provider.title")}</h3>
      <p>{t("customers.provider.explain")}</p>
      <DataState loading={loading} error={error} onRetry={() => void refetch()}>
        <ProviderRequest customer={customer} reseller={reseller} providers={providers} />
      </DataState>
    </section>
  );
}

/** The providers to ask and a ready-to-send request (pure: easy to test and to swap for an API call). */
export function ProviderRequest({
  customer,
  reseller,
  providers,
}: {
  customer: OrderThroughProviderCustomer;
  reseller: OrderThroughProviderReseller;
  providers: readonly ProviderOption[];
}) {
  const { t } = useI18n();
  const textId = useId();
  const [offerId, setOfferId] = useState(CATALOG[0]!.offerId);
  const [quantity, setQuantity] = useState("1");
  const [copied, setCopied] = useState(false);
  if (providers.length === 0) return <p className="notice">{t("customers.noProvider")}</p>;
  const offer = CATALOG.find((o) => o.offerId === offerId) ?? CATALOG[0]!;
  const text = t("customers.provider.template", {
    offer: `${offer.offerName} (${offer.offerId})`,
    quantity: offer.offerKind === "USAGE_BASED" ? "1" : quantity || "1",
    customer: customer.name,
    domain: customer.domain,
    tenant: customer.tenantId,
    reseller: reseller.name,
    partnerId: reseller.partnerId,
  });

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      (document.getElementById(textId) as HTMLTextAreaElement | null)?.select();
    }
  }

  return (
    <>
      <p>{providers.length === 1 ? t("customers.provider.one") : t("customers.provider.several")}</p>
      <ul>
        {providers.map((p) => (
          <li key={p.id}>
            <strong>{p.name}</strong>{" "}
            <span className="muted">{t("customers.partnerIdCountry", { id: p.partnerId, country: p.country })}</span>
          </li>
        ))}
      </ul>
      <div className="form-grid">
        <FormField label={t("customers.provider.offer")}>
          <select value={offerId} onChange={(e) => setOfferId(e.target.value)}>
            {CATALOG.map((o) => (
              <option key={o.offerId} value={o.offerId}>
                {o.offerName}
              </option>
            ))}
          </select>
        </FormField>
        {offer.offerKind === "LICENSE_BASED" && (
          <FormField label={t("customers.order.quantity")}>
            <input type="number" min={1} value={quantity} onChange={(e) => setQuantity(e.target.value)} />
          </FormField>
        )}
      </div>
      <div className="field">
        <label htmlFor={textId}>{t("customers.provider.message")}</label>
        <textarea id={textId} readOnly rows={6} value={text} />
      </div>
      <div className="form-actions">
        <button type="button" className="secondary" onClick={() => void copy()}>
          {t("customers.provider.copy")}
        </button>
        <small role="status" aria-live="polite" className="muted">
          {copied ? t("customers.link.copied") : ""}
        </small>
      </div>
    </>
  );
}
