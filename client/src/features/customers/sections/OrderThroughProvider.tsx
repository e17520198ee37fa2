import { useState, type FormEvent } from "react";
import { useI18n } from "../../../lib/i18n";
import { fieldError, formErrors, type UserErrorLike } from "../../../lib/user-errors";
import { useMutationForm, type MutationFormState } from "../../../lib/mutation-form";
import { refetchOnSuccess } from "../../../lib/graphql";
import { FormErrors, FormField } from "../../../components/FormField";
import { DataState } from "../../../components/DataState";
import {
  useCustomerProviderOptionsQuery,
  useCustomerRequestProviderActionMutation,
  type CustomerOpenProviderRequestsQuery,
  type OfferKind,
  type TermDuration,
} from "../../../graphql/generated";
import { CATALOG, type ProviderOption } from "../components/options";
import { OfferFields } from "../components/OfferFields";
import { ProviderRequestSent, type SentRequest } from "../components/ProviderRequestSent";
import { SENT_REQUEST_QUERIES } from "./page-queries";
import "../messages";

export interface OrderThroughProviderCustomer {
  id: string;
  name: string;
}

export type OpenProviderRequest = CustomerOpenProviderRequestsQuery["providerRequests"]["nodes"][number];

export interface ProviderOrderValues {
  providerId: string;
  offerName: string;
  offerId: string;
  offerKind: OfferKind;
  quantity: string;
  termDuration: TermDuration;
  note: string;
}

const FIELDS = ["providerId", "offerName", "offerId", "offerKind", "quantity", "termDuration", "note"];

/**
 * An indirect reseller's ordering path: its provider orders for it (R22). The reseller asks one of its ACTIVE
 * providers with requestProviderAction (ORDER); the answer says whether the provider will be able to do it.
 */
export function OrderThroughProvider({
  customer,
  openOrders,
  readOnlyReason,
}: {
  customer: OrderThroughProviderCustomer;
  /** This customer's ORDER requests still open, so the reseller does not ask twice. */
  openOrders: readonly OpenProviderRequest[];
  readOnlyReason?: string | null;
}) {
  const { t, formatDate } = useI18n();
  const { data, loading, error, refetch } = useCustomerProviderOptionsQuery();
  const providers: ProviderOption[] = (data?.providers.nodes ?? []).map((p) => ({ ...p.provider }));
  const [send] = useCustomerRequestProviderActionMutation({
    refetchQueries: refetchOnSuccess((d) => d.requestProviderAction, SENT_REQUEST_QUERIES),
  });
  const form = useMutationForm();
  const [sent, setSent] = useState<SentRequest | null>(null);
  const [formKey, setFormKey] = useState(0);

  async function submit(values: ProviderOrderValues) {
    setSent(null);
    const usage = values.offerKind === "USAGE_BASED";
    const quantity = usage ? 1 : Number(values.quantity);
    const payload = await form.submit(
      async () =>
        (
          await send({
            variables: {
              input: {
                action: "ORDER",
                customerId: customer.id,
                providerId: values.providerId,
                offerName: values.offerName.trim(),
                offerId: values.offerId.trim(),
                offerKind: values.offerKind,
                quantity,
                termDuration: usage ? null : values.termDuration,
                note: values.note.trim() || null,
              },
            },
          })
        ).data?.requestProviderAction,
      {
        validate: () => {
          const local: UserErrorLike[] = [];
          if (!values.providerId) local.push(fieldError("providerId", t("customers.error.required")));
          if (!usage && !/^\d+$/.test(values.quantity.trim())) {
            local.push(fieldError("quantity", t("customers.error.wholeNumber")));
          }
          return local;
        },
      },
    );
    if (!payload?.providerRequest) return;
    setSent({
      providerName: payload.providerRequest.provider.name,
      what: t("customers.ask.whatOrder", { offer: values.offerName.trim(), quantity }),
      decision: payload.providerDecision,
    });
    setFormKey((k) => k + 1);
  }

  return (
    <section className="panel" aria-labelledby="through-provider-heading">
      <h3 id="through-provider-heading">{t("customers.provider.title")}</h3>
      <p>{t("customers.provider.explain")}</p>
      {sent && <ProviderRequestSent sent={sent} />}
      {openOrders.length > 0 && (
        <div className="notice">
          <p>{t("customers.ask.openOrders")}</p>
          <ul>
            {openOrders.map((r) => (
              <li key={r.id}>
                {t("customers.ask.openOrder", {
                  offer: r.offerName ?? "—",
                  quantity: r.quantity ?? 1,
                  provider: r.provider.name,
                  date: formatDate(r.createdAt),
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <DataState loading={loading} error={error} onRetry={() => void refetch()}>
        {readOnlyReason ? (
          <p>{readOnlyReason}</p>
        ) : providers.length === 0 ? (
          <p className="notice">{t("customers.noProvider")}</p>
        ) : (
          <ProviderOrderForm key={formKey} providers={providers} form={form} onSubmit={(v) => void submit(v)} />
        )}
      </DataState>
    </section>
  );
}

/** Provider, offer (the order form's catalogue, or another one typed in), kind, quantity, term and a note. */
export function ProviderOrderForm({
  providers,
  form,
  onSubmit,
}: {
  providers: readonly ProviderOption[];
  form: MutationFormState;
  onSubmit(values: ProviderOrderValues): void;
}) {
  const { t } = useI18n();
  const first = CATALOG[0]!;
  const [values, setValues] = useState<ProviderOrderValues>({
    providerId: providers.length === 1 ? providers[0]!.id : "",
    offerName: first.offerName,
    offerId: first.offerId,
    offerKind: first.offerKind,
    quantity: "1",
    termDuration: "P1Y",
    note: "",
  });
  const set = <K extends keyof ProviderOrderValues>(k: K, v: ProviderOrderValues[K]) =>
    setValues((prev) => ({ ...prev, [k]: v }));
  const { byField, general } = formErrors(form.errors, FIELDS);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!form.pending) onSubmit(values);
  }

  return (
    <form id={form.id} className="ask-provider-form" onSubmit={submit} aria-labelledby="ask-order-heading" noValidate>
      <h4 id="ask-order-heading">{t("customers.ask.orderTitle")}</h4>
      <FormErrors errors={general} />
      <FormField label={t("customers.ask.provider")} errors={byField.providerId}>
        <select value={values.providerId} onChange={(e) => set("providerId", e.target.value)} required>
          {providers.length > 1 && <option value="">{t("customers.request.chooseProvider")}</option>}
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.partnerId})
            </option>
          ))}
        </select>
      </FormField>
      <div className="form-grid">
        <OfferFields values={values} errors={byField} onChange={setValues} />
      </div>
      <FormField label={t("customers.ask.note")} errors={byField.note} hint={t("customers.ask.noteHint")}>
        <textarea rows={3} maxLength={1000} value={values.note} onChange={(e) => set("note", e.target.value)} />
      </FormField>
      <div className="form-actions">
        <button type="submit" disabled={form.pending} aria-busy={form.pending || undefined}>
          {form.pending ? t("customers.ask.sending") : t("customers.ask.send")}
        </button>
      </div>
    </form>
  );
}
