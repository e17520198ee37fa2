import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useI18n } from "../../../lib/i18n";
import { FormField } from "../../../components/FormField";
import type { ProviderOption } from "./options";
import "../messages";
import "../page-messages";

export type AskableAction = "CANCEL" | "SUSPEND" | "REACTIVATE" | "TRANSFER";

/**
 * A reseller's "Ask provider to cancel / suspend / reactivate" on a subscription (it cannot do it itself, R22):
 * opens a small inline form (provider, when it has several, and a note) and sends the request.
 */
export function AskProviderAction({
  action,
  offerName,
  providers,
  defaultProviderId,
  pending,
  disabledReason,
  onSend,
}: {
  action: AskableAction;
  offerName: string;
  providers: readonly ProviderOption[];
  /** The provider that bills the subscription, when it is one of the reseller's. */
  defaultProviderId: string | null;
  pending: boolean;
  /** Disables the button with this explanation (role, no provider, already asked). */
  disabledReason?: string | null;
  onSend(providerId: string, note: string): void;
}) {
  const { t } = useI18n();
  const reasonId = useId();
  const [open, setOpen] = useState(false);
  // The user's pick, else the provider that bills the subscription, else the first (providers may load later).
  const [picked, setPicked] = useState("");
  const providerId = picked || defaultProviderId || providers[0]?.id || "";
  const [note, setNote] = useState("");
  const selectRef = useRef<HTMLSelectElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const label = t(`customers.ask.${action}`);

  useEffect(() => {
    if (open) (selectRef.current ?? noteRef.current)?.focus();
  }, [open]);

  function close() {
    setOpen(false);
    triggerRef.current?.focus();
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (pending || !providerId) return;
    setOpen(false);
    onSend(providerId, note.trim());
    setNote("");
  }

  const only = providers.length === 1 ? providers[0]! : null;
  return (
    <div className="confirm-wrap">
      <button
        ref={triggerRef}
        type="button"
        className="secondary"
        disabled={Boolean(disabledReason) || pending || open || providers.length === 0}
        aria-describedby={disabledReason ? reasonId : undefined}
        aria-expanded={open}
        onClick={() => setOpen(true)}
      >
        {pending ? t("customers.ask.sending") : label}
        <span className="sr-only"> — {offerName}</span>
      </button>
      {disabledReason && (
        <small id={reasonId} className="action-note">
          {disabledReason}
        </small>
      )}
      {open && (
        <form
          className="confirm"
          aria-label={label}
          onSubmit={submit}
          onKeyDown={(e) => {
            if (e.key === "Escape") close();
          }}
          noValidate
        >
          {only ? (
            <p>{t(`customers.ask.question.${action}`, { provider: only.name, name: offerName })}</p>
          ) : (
            <FormField label={t("customers.ask.provider")}>
              <select ref={selectRef} value={providerId} onChange={(e) => setPicked(e.target.value)}>
                {providers.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </FormField>
          )}
          <FormField label={t("customers.ask.note")}>
            <textarea ref={noteRef} rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
          </FormField>
          <span className="form-actions">
            <button type="submit">{t("customers.ask.send")}</button>
            <button type="button" className="secondary" onClick={close}>
              {t("customers.ask.close")}
            </button>
          </span>
        </form>
      )}
    </div>
  );
}
