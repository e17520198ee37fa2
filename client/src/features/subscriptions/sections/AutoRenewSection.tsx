import { useEffect, useId, useRef, useState } from "react";
import { reasonsInWords } from "../../../components/Reasons";
import { useSubscriptionAutoRenewDecisionQuery } from "../../../graphql/generated";
import { useI18n } from "../../../lib/i18n";
import { DecisionLine } from "./DecisionLine";
import { describePlan, type PanelSubscription } from "./lifecycle";
import "../lifecycle-messages";

/**
 * Auto-renew: what happens at the end of the term, and a switch that asks before it flips. Turning it off says
 * the subscription will expire and, when a change is scheduled for renewal, that it will be deleted. The switch is
 * disabled with the decision's reasons when the rule book says no (perpetual software, a term already over…).
 */
export function AutoRenewSection({
  subscription: s,
  canAct,
  ask = null,
  pending,
  onSet,
}: {
  subscription: PanelSubscription;
  canAct: boolean;
  /** An indirect reseller asks this provider instead (R22). */
  ask?: { providerName: string } | null;
  pending: boolean;
  onSet(autoRenew: boolean): void;
}) {
  const { t, locale, formatDate } = useI18n();
  const baseId = useId();
  const want = !s.autoRenew;
  const { data, loading } = useSubscriptionAutoRenewDecisionQuery({ variables: { id: s.id, autoRenew: want } });
  const decision = data?.node?.__typename === "CustomerSubscription" ? data.node.autoRenewChange : null;
  const [asking, setAsking] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) yes.current?.focus();
  }, [asking]);
  const end = formatDate(s.commitmentEndDate);
  // A reseller's own decision always says "ask your provider" (R22): it does not disable the request.
  const blocked = ask ? false : decision ? !decision.eligible : true;

  function close() {
    setAsking(false);
    toggle.current?.focus();
  }

  return (
    <section className="lc-section" aria-labelledby={`${baseId}-title`}>
      <h2 id={`${baseId}-title`}>{t("lifecycle.autoRenew.title")}</h2>
      <p>{t(s.autoRenew ? "lifecycle.autoRenew.on" : "lifecycle.autoRenew.off", { date: end })}</p>
      {(canAct || ask) && (
        <div className="lc-controls">
          <button
            ref={toggle}
            type="button"
            role="switch"
            aria-checked={s.autoRenew}
            className={`lc-switch${s.autoRenew ? " lc-switch-on" : ""}`}
            disabled={blocked || loading || pending || asking}
            aria-describedby={decision ? `${baseId}-decision` : undefined}
            title={decision && !decision.eligible ? reasonsInWords(decision.blocking, t) : undefined}
            onClick={() => setAsking(true)}
          >
            <span className="lc-switch-track" aria-hidden="true" />
            {t("lifecycle.autoRenew.switch")}
          </button>
          {asking && (
            <div
              className="confirm"
              role="group"
              aria-label={t("lifecycle.autoRenew.switch")}
              onKeyDown={(e) => {
                if (e.key === "Escape") {
                  e.preventDefault();
                  close();
                }
              }}
            >
              <p>
                {ask
                  ? t(want ? "lifecycle.ask.autoRenewQuestionOn" : "lifecycle.ask.autoRenewQuestionOff", {
                      name: s.offerName,
                      provider: ask.providerName,
                    })
                  : t(want ? "lifecycle.autoRenew.confirmOn" : "lifecycle.autoRenew.confirmOff", {
                      name: s.offerName,
                      date: end,
                    })}
                {!want && s.scheduledChange && (
                  <strong className="lc-warn">
                    {" "}
                    {t("lifecycle.warnDeletes", { what: describePlan(t, locale, s, s.scheduledChange) })}
                  </strong>
                )}
              </p>
              <span className="form-actions">
                <button
                  ref={yes}
                  type="button"
                  className={want ? undefined : "danger"}
                  onClick={() => {
                    setAsking(false);
                    onSet(want);
                  }}
                >
                  {ask
                    ? t("lifecycle.ask.confirmDo")
                    : t(want ? "lifecycle.autoRenew.confirmDoOn" : "lifecycle.autoRenew.confirmDoOff")}
                </button>
                <button type="button" className="secondary" onClick={close}>
                  {t("confirm.keep")}
                </button>
              </span>
            </div>
          )}
        </div>
      )}
      {decision && (
        <DecisionLine
          id={`${baseId}-decision`}
          decision={decision}
          label={t(want ? "lifecycle.autoRenew.turnOn" : "lifecycle.autoRenew.turnOff")}
        />
      )}
    </section>
  );
}
