import { useState } from "react";
import { useCustomerRegisterExternalSubscriptionMutation } from "../../../graphql/generated";
import { refetchOnSuccess } from "../../../lib/graphql";
import { useI18n } from "../../../lib/i18n";
import { useMutationForm } from "../../../lib/mutation-form";
import { fieldError, type UserErrorLike } from "../../../lib/user-errors";
import { RegisterExternalForm, type RegisterExternalValues } from "../components/RegisterExternalForm";
import { isWholeNumber } from "../components/options";
import { PAGE_QUERIES } from "./page-queries";

/** Multi-channel support: register a subscription the customer bought outside CSP. */
export function RegisterPanel({ customerId, readOnlyReason }: { customerId: string; readOnlyReason: string | null }) {
  const { t } = useI18n();
  const [registerExternal] = useCustomerRegisterExternalSubscriptionMutation({
    refetchQueries: refetchOnSuccess((d) => d.registerExternalSubscription, PAGE_QUERIES),
  });
  const form = useMutationForm();
  const [registered, setRegistered] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);

  async function register(values: RegisterExternalValues) {
    setRegistered(null);
    const input = {
      customerId,
      channel: values.channel,
      offerName: values.offerName.trim(),
      offerKind: values.offerKind,
      quantity: Number(values.quantity),
      purchaseDate: values.purchaseDate,
      commitmentEndDate: values.commitmentEndDate,
    };
    const payload = await form.submit(
      async () => (await registerExternal({ variables: { input } })).data?.registerExternalSubscription,
      {
        validate: () => {
          const local: UserErrorLike[] = [];
          if (!isWholeNumber(values.quantity)) local.push(fieldError("quantity", t("customers.error.wholeNumber")));
          if (!values.purchaseDate) local.push(fieldError("purchaseDate", t("customers.error.required")));
          if (!values.commitmentEndDate) local.push(fieldError("commitmentEndDate", t("customers.error.required")));
          return local;
        },
      },
    );
    if (!payload?.subscription) return;
    setRegistered(
      t("customers.register.done", {
        name: payload.subscription.offerName,
        channel: t(`customers.channel.${payload.subscription.channel}`),
      }),
    );
    setFormKey((k) => k + 1);
  }

  return (
    <div className="panel">
      {registered && (
        <p className="success" role="status">
          {registered}
        </p>
      )}
      {readOnlyReason ? (
        <p>{readOnlyReason}</p>
      ) : (
        <RegisterExternalForm key={formKey} form={form} onSubmit={(v) => void register(v)} />
      )}
    </div>
  );
}
