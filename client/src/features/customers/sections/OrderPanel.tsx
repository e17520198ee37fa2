import { useCallback, useMemo, useState } from "react";
import {
  useCustomerOrderPreviewQuery,
  useCustomerOrderSubscriptionMutation,
  type EligibilityDecisionFieldsFragment,
} from "../../../graphql/generated";
import { ReasonList } from "../../../components/Reasons";
import { refetchOnSuccess } from "../../../lib/graphql";
import { useI18n } from "../../../lib/i18n";
import { useMutationForm } from "../../../lib/mutation-form";
import { useUrlParams } from "../../../lib/url-params";
import { fieldError } from "../../../lib/user-errors";
import { OrderSubscriptionForm, type OrderPreviewInput, type OrderValues } from "../components/OrderSubscriptionForm";
import { isWholeNumber, type ResellerOption } from "../components/options";
import { customerPageParams } from "../urls";
import { PAGE_QUERIES } from "./page-queries";

/** The URL's order prefill, removed once the order is placed (the next one starts from the defaults). */
const PREFILL_CLEARED = { offerName: null, offerId: null, offerKind: null, quantity: null, term: null, reseller: null };

/**
 * Order a CSP subscription (orderSubscription), with the ORDER decision live while the form changes. The form
 * starts from the URL's prefill (a provider following a reseller's request: `?panel=order&offerId=…&reseller=…`).
 */
export function OrderPanel({
  customerId,
  resellers,
  readOnlyReason,
}: {
  customerId: string;
  /** A provider's resellers (it may name the reseller of record); null for direct-bill partners. */
  resellers: readonly ResellerOption[] | null;
  readOnlyReason: string | null;
}) {
  const { t } = useI18n();
  const [url, setUrl] = useUrlParams(customerPageParams);
  const prefill = useMemo<Partial<OrderValues>>(
    () => ({
      ...(url.offerName ? { offerName: url.offerName } : {}),
      ...(url.offerId ? { offerId: url.offerId } : {}),
      ...(url.offerKind ? { offerKind: url.offerKind } : {}),
      ...(url.quantity ? { quantity: url.quantity } : {}),
      ...(url.term ? { termDuration: url.term } : {}),
      ...(url.reseller ? { resellerId: url.reseller } : {}),
    }),
    [url.offerName, url.offerId, url.offerKind, url.quantity, url.term, url.reseller],
  );

  const [previewInput, setPreviewInput] = useState<OrderPreviewInput>({ offerKind: "LICENSE_BASED", resellerId: "" });
  const onPreviewChange = useCallback((input: OrderPreviewInput) => setPreviewInput(input), []);
  const preview = useCustomerOrderPreviewQuery({
    variables: {
      input: {
        action: "ORDER",
        customerId,
        offerKind: previewInput.offerKind,
        resellerId: previewInput.resellerId || null,
      },
    },
  });

  const [orderSubscription] = useCustomerOrderSubscriptionMutation({
    refetchQueries: refetchOnSuccess((d) => d.orderSubscription, [...PAGE_QUERIES, "CustomerOrderPreview"]),
  });
  const form = useMutationForm();
  const [ordered, setOrdered] = useState<{ name: string; decision: EligibilityDecisionFieldsFragment | null } | null>(
    null,
  );
  const [formKey, setFormKey] = useState(0);

  async function order(values: OrderValues) {
    setOrdered(null);
    const usage = values.offerKind === "USAGE_BASED";
    const input = {
      customerId,
      offerName: values.offerName.trim(),
      offerId: values.offerId.trim(),
      offerKind: values.offerKind,
      isAzurePlan: usage && values.isAzurePlan,
      quantity: usage ? 1 : Number(values.quantity),
      termDuration: usage ? null : values.termDuration,
      billingCycle: values.billingCycle,
      resellerId: resellers && values.resellerId ? values.resellerId : null,
    };
    const payload = await form.submit(
      async () => (await orderSubscription({ variables: { input } })).data?.orderSubscription,
      {
        validate: () =>
          !usage && !isWholeNumber(values.quantity) ? [fieldError("quantity", t("customers.error.wholeNumber"))] : [],
      },
    );
    if (!payload?.subscription) return;
    setOrdered({ name: payload.subscription.offerName, decision: payload.decision });
    setFormKey((k) => k + 1);
    // Done: the next order starts from the defaults (the request being handled, if any, stays on screen).
    setUrl(PREFILL_CLEARED, { keepCursor: true });
  }

  return (
    <div className="panel">
      {ordered && (
        <div className="success" role="status">
          <p>{t("customers.order.done", { name: ordered.name })}</p>
          {ordered.decision && ordered.decision.advisories.length > 0 && (
            <ReasonList decision={{ eligible: true, blocking: [], advisories: ordered.decision.advisories }} />
          )}
        </div>
      )}
      {readOnlyReason ? (
        <p>{readOnlyReason}</p>
      ) : (
        <OrderSubscriptionForm
          // A new prefill (a request's link, or cleared after ordering) starts the form again.
          key={`${formKey}:${JSON.stringify(prefill)}`}
          initial={prefill}
          resellers={resellers}
          preview={(preview.data ?? preview.previousData)?.eligibility ?? null}
          previewLoading={preview.loading}
          previewError={preview.error?.message ?? null}
          form={form}
          onPreviewChange={onPreviewChange}
          onSubmit={(v) => void order(v)}
        />
      )}
    </div>
  );
}
