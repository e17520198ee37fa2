import { useId, useRef, useState } from "react";
import { useI18n } from "../../../lib/i18n";
import { absoluteUrl } from "../urls";
import "../messages";

/** The acceptance link as a full address the customer's global admin can open, with a copy button. */
export function AcceptanceLink({ path, label }: { path: string; label?: string }) {
  const { t } = useI18n();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const url = absoluteUrl(path);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("yes");
    } catch {
      // No clipboard permission (e.g. plain http): select the text so the user can copy it by hand.
      input.current?.select();
      setCopied("no");
    }
  }

  return (
    <div className="acceptance-link">
      <label htmlFor={id}>{label ?? t("customers.link.label")}</label>
      <div className="copy-row">
        <input id={id} ref={input} readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="secondary" onClick={() => void copy()}>
          {t("customers.link.copy")}
        </button>
      </div>
      <small className="hint" role="status" aria-live="polite">
        {copied === "yes" ? t("customers.link.copied") : copied === "no" ? t("customers.link.copyManually") : ""}
      </small>
    </div>
  );
}
