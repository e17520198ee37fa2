import { useId, useState } from "react";
import { ConfirmButton } from "../../../components/ConfirmButton";
import {
  TERM_DURATION_VALUES,
  useSubscriptionScheduleDecisionQuery,
  type BillingCycle,
  type ScheduledChangeInput,
  type TermDuration,
} from "../../../graphql/generated";
import { useI18n } from "../../../lib/i18n";
import { DecisionLine } from "./DecisionLine";
import { BILLING_FOR_TERM, currentPlan, describePlan, type PanelSubscription } from "./lifecycle";
import "../lifecycle-messages";

interface Draft {
  quantity: string;
  termDuration: TermDuration;
  billingCycle: BillingCycle;
}

/** The planner starts from what is scheduled, else from the current plan. */
function draftOf(s: PanelSubscription, term: TermDuration): Draft {
  const c = s.scheduledChange;
  const termDuration = c?.termDuration ?? term;
  const billing = c?.billingCycle ?? s.billingCycle;
  return {
    quantity: String(c?.quantity ?? s.quantity),
    termDuration,
    billingCycle: BILLING_FOR_TERM[termDuration].includes(billing) ? billing : BILLING_FOR_TERM[termDuration][0]!,
  };
}

/**
 * The renewal planner: seats, term and billing plan for the next term, saved as the subscription's scheduled
 * change (Partner Center's scheduled changes: https://learn.microsoft.com/en-us/partner-center/developer/create-scheduled-changes).
 * Shows what is scheduled and removes it; notes that a mid-term seat change or turning auto-renew off would delete
 * it (the seats and auto-renew controls warn again before they do).
 */
export function RenewalPlanner({
  subscription: s,
  term,
  canAct,
  ask = null,
  pending,
  onSchedule,
  onRemove,
}: {
  subscription: PanelSubscription;
  term: TermDuration;
  canAct: boolean;
  /** An indirect reseller asks this provider instead (R22), to schedule a change or to remove the saved one. */
  ask?: { providerName: string } | null;
  pending: "SCHEDULE" | "UNSCHEDULE" | null;
  onSchedule(change: ScheduledChangeInput): void;
  onRemove(): void;
}) {
  const { t, locale, formatDate } = useI18n();
  const baseId = useId();
  // The panel remounts the planner when what is scheduled changes (saved, removed, deleted by a mid-term change).
  const [draft, setDraft] = useState<Draft>(() => draftOf(s, term));

  const quantity = /^\d{1,6}$/.test(draft.quantity.trim()) ? Number(draft.quantity.trim()) : null;
  const change: ScheduledChangeInput = {
    quantity: quantity ?? s.quantity,
    termDuration: draft.termDuration,
    billingCycle: draft.billingCycle,
  };
  const { data, loading } = useSubscriptionScheduleDecisionQuery({
    variables: { id: s.id, change, current: currentPlan(s) },
  });
  const node = data?.node?.__typename === "CustomerSubscription" ? data.node : null;
  const end = formatDate(s.commitmentEndDate);
  const what = describePlan(t, locale, s, change);

  function setTerm(termDuration: TermDuration) {
    const allowed = BILLING_FOR_TERM[termDuration];
    setDraft((d) => ({
      ...d,
      termDuration,
      billingCycle: allowed.includes(d.billingCycle) ? d.billingCycle : allowed[0]!,
    }));
  }

  return (
    <section className="lc-section" aria-labelledby={`${baseId}-title`}>
      <h2 id={`${baseId}-title`}>{t("lifecycle.planner.title")}</h2>
      <p className="sub-meta">{t("lifecycle.planner.intro", { date: end })}</p>
      {s.scheduledChange ? (
        <div className="lc-scheduled">
          <p>
            <strong>{t("lifecycle.planner.scheduled", { what: describePlan(t, locale, s, s.scheduledChange) })}</strong>
          </p>
          <p className="sub-meta">{t("lifecycle.planner.midTermNote")}</p>
          {canAct && (
            <ConfirmButton
              label={t("lifecycle.planner.remove")}
              question={t("lifecycle.planner.confirmRemove", { name: s.offerName })}
              confirmLabel={t("lifecycle.planner.confirmRemoveDo")}
              pending={pending === "UNSCHEDULE"}
              decision={node?.keepCurrent ?? null}
              disabled={loading || pending !== null}
              onConfirm={onRemove}
            />
          )}
          {!canAct && ask && (
            <ConfirmButton
              label={t("lifecycle.ask.unschedule")}
              question={t("lifecycle.ask.unscheduleQuestion", { provider: ask.providerName, name: s.offerName })}
              confirmLabel={t("lifecycle.ask.confirmDo")}
              pending={pending === "UNSCHEDULE"}
              decision={null}
              disabled={pending !== null}
              onConfirm={onRemove}
            />
          )}
        </div>
      ) : (
        <p>{t("lifecycle.planner.none")}</p>
      )}

      {(canAct || ask) && (
        <div className="lc-planner">
          <div className="field">
            <label htmlFor={`${baseId}-q`}>{t("lifecycle.planner.quantity")}</label>
            <input
              id={`${baseId}-q`}
              type="number"
              inputMode="numeric"
              min={1}
              value={draft.quantity}
              onChange={(e) => setDraft((d) => ({ ...d, quantity: e.target.value }))}
            />
          </div>
          <div className="field">
            <label htmlFor={`${baseId}-t`}>{t("lifecycle.planner.term")}</label>
            <select
              id={`${baseId}-t`}
              value={draft.termDuration}
              onChange={(e) => setTerm(e.target.value as TermDuration)}
            >
              {TERM_DURATION_VALUES.map((v) => (
                <option key={v} value={v}>
                  {t(`subscriptions.term.${v}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${baseId}-b`}>{t("lifecycle.planner.billing")}</label>
            <select
              id={`${baseId}-b`}
              value={draft.billingCycle}
              onChange={(e) => setDraft((d) => ({ ...d, billingCycle: e.target.value as BillingCycle }))}
            >
              {BILLING_FOR_TERM[draft.termDuration].map((v) => (
                <option key={v} value={v}>
                  {t(`lifecycle.billing.${v}`)}
                </option>
              ))}
            </select>
          </div>
          <ConfirmButton
            label={t(
              ask
                ? "lifecycle.ask.schedule"
                : s.scheduledChange
                  ? "lifecycle.planner.replace"
                  : "lifecycle.planner.save",
            )}
            question={
              ask
                ? t("lifecycle.ask.scheduleQuestion", {
                    date: end,
                    name: s.offerName,
                    what,
                    provider: ask.providerName,
                  })
                : t("lifecycle.planner.confirm", { date: end, name: s.offerName, what })
            }
            confirmLabel={t(ask ? "lifecycle.ask.confirmDo" : "lifecycle.planner.confirmDo")}
            pending={pending === "SCHEDULE"}
            decision={quantity === null || ask ? null : (node?.scheduleChange ?? null)}
            disabled={loading || pending !== null}
            disabledReason={quantity === null ? t("lifecycle.seats.invalid") : null}
            onConfirm={() => onSchedule(change)}
          />
        </div>
      )}
      {node && <DecisionLine decision={node.scheduleChange} label={t("subscriptions.action.SCHEDULE_CHANGE")} />}
    </section>
  );
}
