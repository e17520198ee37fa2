import { useEffect, useRef, useState } from "react";

/** The texts of a one-time secret, already translated (each feature words its own). */
export interface OneTimeSecretTexts {
  title: string;
  warning: string;
  label: string;
  copy: string;
  done: string;
  copied: string;
  copyFailed: string;
}

/**
 * A secret just made (an API token, a webhook signing secret), shown this once: a read-only field to select, a copy
 * button and the warning. It lives in the caller's state only (the mutation is not cached), so it is gone when
 * dismissed or when the page is left. `kind` keeps the element ids and the test id apart ("token", "webhook").
 */
export function OneTimeSecret({
  kind,
  secret,
  texts,
  onDone,
}: {
  kind: string;
  secret: string;
  texts: OneTimeSecretTexts;
  onDone(): void;
}) {
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
    <section className="token-secret" aria-labelledby={`${kind}-secret-heading`} data-testid={`${kind}-secret`}>
      <h2 id={`${kind}-secret-heading`} ref={heading} tabIndex={-1}>
        {texts.title}
      </h2>
      <p id={`${kind}-secret-warning`}>
        <strong>{texts.warning}</strong>
      </p>
      <div className="form-actions">
        <label className="sr-only" htmlFor={`${kind}-secret-value`}>
          {texts.label}
        </label>
        <input
          id={`${kind}-secret-value`}
          readOnly
          value={secret}
          spellCheck={false}
          aria-describedby={`${kind}-secret-warning`}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" onClick={() => void copySecret()}>
          {texts.copy}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {texts.done}
        </button>
      </div>
      <p role="status" className={copy === "copied" ? "success" : copy ? "notice" : "sr-only"}>
        {copy === "copied" ? texts.copied : copy === "failed" ? texts.copyFailed : ""}
      </p>
    </section>
  );
}
