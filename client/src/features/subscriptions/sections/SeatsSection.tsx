import { useId, useState } from "react";
import { ConfirmButton } from "../../../components/ConfirmButton";
import { useSubscriptionSeatDecisionsQuery } from "../../../graphql/generated";
import { useI18n } from "../../../lib/i18n";
import { formatInstant } from "../instants";
import { DecisionLine } from "./DecisionLine";
import { describePlan, hasSeatWindows, type PanelSubscription } from "./lifecycle";
import "../lifecycle-messages";

const MAX_SEATS = 300000;

function parseSeats(draft: string): number | null {
  if (!/^\d{1,6}$/.test(draft.trim())) return null;
  const n = Number(draft.trim());
  return n >= 1 && n <= MAX_SEATS ? n : null;
}

/**
 * Seats: the count, each open reduction window with its deadline in the viewer's time zone ("12 seats can be
 * removed until 4 Dec 14:03"), and a new total to set — add any time, remove only what the windows allow. The
 * decision for the typed total enables the button or says why not; a change that would delete the scheduled
 * one warns in its confirmation.
 */
export function SeatsSection({
  subscription: s,
  canAct,
  ask = null,
  pending,
  onChange,
}: {
  subscription: PanelSubscription;
  /** The viewer may change seats (role and partner); otherwise the decisions only. */
  canAct: boolean;
  /** An indirect reseller asks this provider instead (R22): same controls, the request is what is sent. */
  ask?: { providerName: string } | null;
  pending: boolean;
  onChange(quantity: number): void;
}) {
  const { t, locale, formatNumber } = useI18n();
  const inputId = useId();
  const decisionId = useId();
  // The panel remounts this section when the total changes, so the field starts again from the new total.
  const [draft, setDraft] = useState(String(s.quantity));
  const target = parseSeats(draft);

  const { data, previousData, loading } = useSubscriptionSeatDecisionsQuery({
    variables: { id: s.id, current: s.quantity, quantity: target ?? s.quantity },
  });
  const node = (data ?? previousData)?.node;
  const decisions = node?.__typename === "CustomerSubscription" ? node : null;
  const windows = decisions?.seatWindows ?? null;
  const change = data?.node?.__typename === "CustomerSubscription" ? data.node.seatChange : null;

  const refundable = windows?.refundableQuantity ?? 0;
  const floor = Math.max(1, s.quantity - refundable);
  const ceiling = Math.min(MAX_SEATS, s.maxQuantity ?? MAX_SEATS);
  const step = (delta: number) => setDraft(String(Math.min(ceiling, Math.max(floor, (target ?? s.quantity) + delta))));

  const disabledReason =
    target === null ? t("lifecycle.seats.invalid") : target === s.quantity ? t("lifecycle.seats.same") : null;
  const question = (
    <>
      {t("lifecycle.seats.confirm", {
        name: s.offerName,
        from: formatNumber(s.quantity),
        to: formatNumber(target ?? 0),
      })}
      {s.scheduledChange && (
        <strong className="lc-warn">
          {" "}
          {t("lifecycle.warnDeletes", { what: describePlan(t, locale, s, s.scheduledChange) })}
        </strong>
      )}
    </>
  );

  return (
    <section className="lc-section" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>{t("lifecycle.seats.title")}</h2>
      <p className="lc-big">{t("lifecycle.seats.count", { count: s.quantity })}</p>
      {s.maxQuantity !== null && (
        <p className="sub-meta">{t("lifecycle.seats.max", { max: formatNumber(s.maxQuantity) })}</p>
      )}

      {hasSeatWindows(s) && windows && (
        <div className="lc-windows">
          {s.commerceModel === "LEGACY" ? (
            <p>{t("lifecycle.seats.legacy")}</p>
          ) : windows.refundableDetails && windows.refundableDetails.length > 0 ? (
            <>
              <ul aria-label={t("lifecycle.seats.title")}>
                {windows.refundableDetails.map((w) => (
                  <li key={w.allowedUntil}>
                    {t("lifecycle.seats.window", { when: formatInstant(locale, w.allowedUntil), count: w.quantity })}
                  </li>
                ))}
              </ul>
              <p>{t("lifecycle.seats.removable", { count: refundable })}</p>
            </>
          ) : (
            <p>{t("lifecycle.seats.noWindow")}</p>
          )}
          {s.tranches.length > 1 && (
            <details>
              <summary>{t("lifecycle.seats.tranches")}</summary>
              <ul>
                {s.tranches.map((tr) => (
                  <li key={tr.purchasedAt}>
                    {t("lifecycle.seats.tranche", {
                      quantity: formatNumber(tr.quantity),
                      when: formatInstant(locale, tr.purchasedAt),
                    })}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}

      {(canAct || ask) && (
        <div className="lc-controls">
          <label htmlFor={inputId}>{t("lifecycle.seats.newTotal")}</label>
          <span className="lc-stepper">
            <button
              type="button"
              className="secondary"
              aria-label={t("lifecycle.seats.remove")}
              disabled={pending || (target ?? s.quantity) <= floor}
              onClick={() => step(-1)}
            >
              −
            </button>
            <input
              id={inputId}
              type="number"
              inputMode="numeric"
              min={1}
              max={ceiling}
              value={draft}
              aria-describedby={change ? decisionId : undefined}
              onChange={(e) => setDraft(e.target.value)}
            />
            <button
              type="button"
              className="secondary"
              aria-label={t("lifecycle.seats.add")}
              disabled={pending || (target ?? s.quantity) >= ceiling}
              onClick={() => step(1)}
            >
              +
            </button>
          </span>
          <ConfirmButton
            label={t(ask ? "lifecycle.ask.seats" : "lifecycle.seats.apply")}
            question={question}
            confirmLabel={t(ask ? "lifecycle.ask.confirmDo" : "lifecycle.seats.confirmDo")}
            pending={pending}
            // A reseller's own decision always says "ask your provider" (R22): it does not disable the request.
            decision={disabledReason || ask ? null : change}
            disabled={loading}
            disabledReason={disabledReason}
            onConfirm={() => target !== null && onChange(target)}
          />
        </div>
      )}
      {change && target !== null && target !== s.quantity ? (
        <DecisionLine
          id={decisionId}
          decision={change}
          label={t("lifecycle.seats.confirm.short", { to: formatNumber(target) })}
        />
      ) : (
        windows && <DecisionLine decision={windows} label={t("subscriptions.action.CHANGE_QUANTITY")} />
      )}
    </section>
  );
}
