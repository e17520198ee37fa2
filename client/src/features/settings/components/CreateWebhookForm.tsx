import { useState, type FormEvent } from "react";
import { FormActions, FormErrors, FormField } from "../../../components/FormField";
import type { LiveEventType } from "../../../graphql/generated";
import type { MutationFormState } from "../../../lib/mutation-form";
import { formErrors } from "../../../lib/user-errors";
import { useI18n } from "../../../lib/i18n";
import "../webhook-messages";

/** The event types an endpoint can ask for (the API's LiveEventType; the names tools see in the payload). */
export const WEBHOOK_EVENT_TYPES: readonly LiveEventType[] = [
  "TRANSFER_CREATED",
  "TRANSFER_ACCEPTED",
  "TRANSFER_REJECTED",
  "TRANSFER_WITHDRAWN",
  "TRANSFER_EXPIRED",
  "TRANSFER_EXPIRING",
  "RELATIONSHIP_ACCEPTED",
  "SUBSCRIPTION_CHANGED",
  "PROVIDER_REQUEST_OPENED",
  "PROVIDER_REQUEST_RESOLVED",
  "CANCELLATION_WINDOW_CLOSING",
  "TERM_ENDING",
];

export interface CreateWebhookValues {
  url: string;
  description: string;
  eventTypes: LiveEventType[];
}

const FIELDS = ["url", "description", "eventTypes"];

/** createWebhookEndpoint's fields: the URL, what it is for, and the event types (none ticked: all). */
export function CreateWebhookForm({
  form,
  onSubmit,
  onCancel,
}: {
  form: MutationFormState;
  onSubmit(values: CreateWebhookValues): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [types, setTypes] = useState<LiveEventType[]>([]);
  const { byField, general } = formErrors(form.errors, FIELDS);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!form.pending) onSubmit({ url: url.trim(), description: description.trim(), eventTypes: types });
  }

  function toggle(type: LiveEventType, on: boolean) {
    setTypes((prev) => (on ? [...prev, type] : prev.filter((x) => x !== type)));
  }

  return (
    <form id={form.id} onSubmit={submit} aria-labelledby="create-webhook-heading" noValidate>
      <h2 id="create-webhook-heading">{t("webhooks.add.title")}</h2>
      <FormErrors errors={general} />
      <div className="form-grid">
        <FormField label={t("webhooks.add.url")} errors={byField.url} hint={t("webhooks.add.urlHint")}>
          <input
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            required
          />
        </FormField>
        <FormField label={t("webhooks.add.description")} errors={byField.description}>
          <input value={description} onChange={(e) => setDescription(e.target.value)} autoComplete="off" />
        </FormField>
      </div>
      <fieldset className="webhook-events">
        <legend>{t("webhooks.add.events")}</legend>
        <p className="hint">{t("webhooks.add.eventsHint")}</p>
        <FormErrors errors={byField.eventTypes ?? []} />
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <label key={type} className="checkbox">
            <input type="checkbox" checked={types.includes(type)} onChange={(e) => toggle(type, e.target.checked)} />
            <code>{type}</code>
          </label>
        ))}
      </fieldset>
      <FormActions
        pending={form.pending}
        submitLabel={t("webhooks.add.submit")}
        pendingLabel={t("webhooks.add.pending")}
        cancelLabel={t("common.cancel")}
        onCancel={onCancel}
      />
    </form>
  );
}
