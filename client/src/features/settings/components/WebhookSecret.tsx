import { useEffect, useRef, useState } from "react";
import { useI18n } from "../../../lib/i18n";
import "../webhook-messages";

/**
 * An endpoint's signing secret just made (created or rotated), shown this once: a read-only field, a copy button and
 * the warning. It lives in this component's state only (the mutation is not cached).
 */
export function WebhookSecret({ url, secret, onDone }: { url: string; secret: string; onDone(): void }) {
  const { t } = useI18n();
  const [copy, setCopy] = useState<"copied" | "failed" | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  async function copySecret() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy("copied");
    } catch {
      setCopy("failed");
    }
  }

  return (
    <section className="token-secret" aria-labelledby="webhook-secret-heading" data-testid="webhook-secret">
      <h2 id="webhook-secret-heading" ref={heading} tabIndex={-1}>
        {t("webhooks.secret.title")}
      </h2>
      <p id="webhook-secret-warning">
        <strong>{t("webhooks.secret.warning", { url })}</strong>
      </p>
      <div className="form-actions">
        <label className="sr-only" htmlFor="webhook-secret-value">
          {t("webhooks.secret.label")}
        </label>
        <input
          id="webhook-secret-value"
          readOnly
          value={secret}
          spellCheck={false}
          aria-describedby="webhook-secret-warning"
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" onClick={() => void copySecret()}>
          {t("webhooks.secret.copy")}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t("webhooks.secret.done")}
        </button>
      </div>
      <p role="status" className={copy === "copied" ? "success" : copy ? "notice" : "sr-only"}>
        {copy === "copied" ? t("webhooks.secret.copied") : copy === "failed" ? t("webhooks.secret.copyFailed") : ""}
      </p>
    </section>
  );
}
