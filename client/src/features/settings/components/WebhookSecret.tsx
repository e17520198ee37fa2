import { useI18n } from "../../../lib/i18n";
import { OneTimeSecret } from "./OneTimeSecret";
import "../webhook-messages";

/** An endpoint's signing secret just made (created or rotated), shown this once. */
export function WebhookSecret({ url, secret, onDone }: { url: string; secret: string; onDone(): void }) {
  const { t } = useI18n();
  return (
    <OneTimeSecret
      kind="webhook"
      secret={secret}
      onDone={onDone}
      texts={{
        title: t("webhooks.secret.title"),
        warning: t("webhooks.secret.warning", { url }),
        label: t("webhooks.secret.label"),
        copy: t("webhooks.secret.copy"),
        done: t("webhooks.secret.done"),
        copied: t("webhooks.secret.copied"),
        copyFailed: t("webhooks.secret.copyFailed"),
      }}
    />
  );
}
