import { useEffect, useRef, useState } from "react";
import { useI18n } from "../../../lib/i18n";
import "../messages";

/**
 * The secret of a token just created, shown this once (the server keeps only its hash): a read-only field to
 * select, a copy button and the warning. It lives in this component's state only (the mutation is not cached), so
 * it is gone when dismissed or when the page is left.
 */
export function TokenSecret({ name, secret, onDone }: { name: string; secret: string; onDone(): void }) {
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
    <section className="token-secret" aria-labelledby="token-secret-heading" data-testid="token-secret">
      <h2 id="token-secret-heading" ref={heading} tabIndex={-1}>
        {t("tokens.secret.title")}
      </h2>
      <p id="token-secret-warning">
        <strong>{t("tokens.secret.warning", { name })}</strong>
      </p>
      <div className="form-actions">
        <label className="sr-only" htmlFor="token-secret-value">
          {t("tokens.secret.label")}
        </label>
        <input
          id="token-secret-value"
          readOnly
          value={secret}
          spellCheck={false}
          aria-describedby="token-secret-warning"
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" onClick={() => void copySecret()}>
          {t("tokens.secret.copy")}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t("tokens.secret.done")}
        </button>
      </div>
      <p role="status" className={copy === "copied" ? "success" : copy ? "notice" : "sr-only"}>
        {copy === "copied" ? t("tokens.secret.copied") : copy === "failed" ? t("tokens.secret.copyFailed") : ""}
      </p>
    </section>
  );
}
