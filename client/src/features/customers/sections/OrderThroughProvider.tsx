import { useEffect, useRef, useState, type FormEvent } from "react";
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
import "../page-messages";

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
  // The values waiting for the user's confirmation: nothing is sent before "Send request" in the confirmation.
  const [confirming, setConfirming] = useState<ProviderOrderValues | null>(null);

  function localErrors(values: ProviderOrderValues): UserErrorLike[] {
    const local: UserErrorLike[] = [];
    if (!values.providerId) local.push(fieldError("providerId", t("customers.error.required")));
    if (values.offerKind !== "USAGE_BASED" && !/^\d+$/.test(values.quantity.trim())) {
      local.push(fieldError("quantity", t("customers.error.wholeNumber")));
    }
    return local;
  }

  /** The form's submit: check the values, then ask for confirmation. */
  function review(values: ProviderOrderValues) {
    setSent(null);
    if (localErrors(values).length) {
      void form.submit(async () => null, { validate: () => localErrors(values) });
      return;
    }
    form.reset();
    setConfirming(values);
  }

  async function submit(values: ProviderOrderValues) {
    setConfirming(null);
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
      { validate: () => localErrors(values) },
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
          <>
            <ProviderOrderForm
              key={formKey}
              providers={providers}
              form={form}
              locked={Boolean(confirming)}
              onSubmit={review}
            />
            {confirming && (
              <ConfirmOrderRequest
                values={confirming}
                providers={providers}
                openOrders={openOrders}
                onSend={() => void submit(confirming)}
                onBack={() => setConfirming(null)}
              />
            )}
          </>
        )}
      </DataState>
    </section>
  );
}

/**
 * "Send this request?": what will be asked of whom, and a flag when an open request already asks the provider for
 * the same offer. The focus goes to "Send request"; "Back to the form" (or Escape) returns to the form.
 */
function ConfirmOrderRequest({
  values,
  providers,
  openOrders,
  onSend,
  onBack,
}: {
  values: ProviderOrderValues;
  providers: readonly ProviderOption[];
  openOrders: readonly OpenProviderRequest[];
  onSend(): void;
  onBack(): void;
}) {
  const { t, formatDate } = useI18n();
  const send = useRef<HTMLButtonElement>(null);
  useEffect(() => send.current?.focus(), []);
  const provider = providers.find((p) => p.id === values.providerId);
  const offer = values.offerName.trim();
  const quantity = values.offerKind === "USAGE_BASED" ? 1 : Number(values.quantity);
  const duplicate = openOrders.find(
    (r) => r.provider.id === values.providerId && (r.offerName ?? "").toLowerCase() === offer.toLowerCase(),
  );
  return (
    <div
      className="confirm"
      role="group"
      aria-labelledby="confirm-order-heading"
      onKeyDown={(e) => {
        if (e.key === "Escape") onBack();
      }}
    >
      <h4 id="confirm-order-heading">{t("customers.ask.confirmTitle")}</h4>
      <p>{t("customers.ask.confirmOrder", { provider: provider?.name ?? "", offer, quantity })}</p>
      {duplicate && (
        <p className="notice" role="note">
          {t("customers.ask.duplicate", {
            provider: duplicate.provider.name,
            offer: duplicate.offerName ?? offer,
            date: formatDate(duplicate.createdAt),
          })}
        </p>
      )}
      <span className="form-actions">
        <button ref={send} type="button" onClick={onSend}>
          {t("customers.ask.send")}
        </button>
        <button type="button" className="secondary" onClick={onBack}>
          {t("customers.ask.back")}
        </button>
      </span>
    </div>
  );
}

/** Provider, offer (the order form's catalogue, or another one typed in), kind, quantity, term and a note. */
export function ProviderOrderForm({
  providers,
  form,
  locked = false,
  onSubmit,
}: {
  providers: readonly ProviderOption[];
  form: MutationFormState;
  /** A confirmation is open: the form's own submit waits. */
  locked?: boolean;
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
    if (!form.pending && !locked) onSubmit(values);
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
        <button type="submit" disabled={form.pending || locked} aria-busy={form.pending || undefined}>
          {form.pending ? t("customers.ask.sending") : t("customers.ask.review")}
        </button>
      </div>
    </form>
  );
}
