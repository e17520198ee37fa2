import { Link, useParams } from "react-router";
import { DataState } from "../../components/DataState";
import { FormErrors } from "../../components/FormField";
import { EligibilityBadge, ReasonList } from "../../components/Reasons";
import { useSubscriptionPanelQuery } from "../../graphql/generated";
import { useI18n } from "../../lib/i18n";
import { customerUrl } from "../customers/urls";
import { providerListUrl } from "../network/urls";
import { isResellerOnly, useViewer } from "../shell/viewer";
import { statusBadgeClass } from "./subscription-status";
import { subscriptionListUrl } from "./urls";
import { AutoRenewSection } from "./sections/AutoRenewSection";
import { describePlan, type PanelSubscription } from "./sections/lifecycle";
import { RenewalPlanner } from "./sections/RenewalPlanner";
import { SeatsSection } from "./sections/SeatsSection";
import { useLifecycleActions, type AskValues, type LifecycleOutcome } from "./sections/use-lifecycle-actions";
import { requestListUrl } from "../requests/urls";
import "./lifecycle-messages";
import "./messages";
import "./subscriptions.css";
import "./lifecycle.css";
import { ResellerLink } from "../network/components/ResellerLink";

/** /subscriptions/:subscriptionId — one subscription: seats and their windows, auto-renew, the renewal planner. */
export function SubscriptionPanelView() {
  const { t } = useI18n();
  const { subscriptionId = "" } = useParams();
  const { data, loading, error, refetch } = useSubscriptionPanelQuery({
    variables: { id: subscriptionId },
    fetchPolicy: "cache-and-network",
  });
  const node = data?.node;
  const s = node?.__typename === "CustomerSubscription" ? node : null;
  return (
    <section aria-labelledby="lc-title" className="lc-panel">
      <p>
        <Link to={subscriptionListUrl()}>{t("lifecycle.back")}</Link>
      </p>
      <DataState loading={loading && !data} error={data ? null : error} onRetry={() => void refetch()}>
        {s ? <SubscriptionPanel subscription={s} /> : <p className="state state-empty">{t("lifecycle.notFound")}</p>}
      </DataState>
    </section>
  );
}

function SubscriptionPanel({ subscription: s }: { subscription: PanelSubscription }) {
  const { t, formatDate } = useI18n();
  const viewer = useViewer();
  const resellerOnly = isResellerOnly(viewer);
  // The lifecycle mutations' permission rows are the subscription writers (Global admin, Admin agent, Sales agent),
  // the same roles as canOrder; the partner must bill the subscription itself (canActForCustomers).
  const canAct = viewer.permissions.canActForCustomers && viewer.permissions.canOrder;
  const actions = useLifecycleActions(s);
  const pending = actions.pending;
  // An indirect reseller credited with the subscription asks the provider that bills it (requestProviderAction),
  // when its role may (the same writers' roles).
  const provider = s.transactingPartner;
  const ask =
    resellerOnly && viewer.permissions.canOrder && s.resellerOfRecord?.id === viewer.partner.id && provider
      ? { providerName: provider.name }
      : null;
  const askFor = (values: AskValues) => provider && void actions.ask(values, provider.id, null);

  return (
    <>
      <h1 id="lc-title">{s.offerName}</h1>
      <p className="sub-lead">
        <Link to={customerUrl(s.customer.id)}>{s.customer.name}</Link>{" "}
        <span className={statusBadgeClass(s.status)}>{t(`subscriptions.status.${s.status}`)}</span>{" "}
        {s.termDuration ? `${t(`subscriptions.term.${s.termDuration}`)} · ` : ""}
        {t("subscriptions.col.termEnd")}: {formatDate(s.commitmentEndDate)}
        {s.transactingPartner && (
          <small className="sub-meta">
            {t("lifecycle.billedBy", { partner: s.transactingPartner.name })}
            {s.resellerOfRecord && (
              <>
                {" · "}
                <ResellerLink
                  reseller={s.resellerOfRecord}
                  sentence={(partner) => t("lifecycle.reseller", { partner })}
                />
              </>
            )}
          </small>
        )}
      </p>

      {ask ? (
        <p className="notice" role="note">
          <strong>{t("lifecycle.ask.title")}:</strong> {t("lifecycle.ask.intro", { provider: ask.providerName })}
        </p>
      ) : resellerOnly ? (
        <p className="notice" role="note">
          {t("lifecycle.resellerOnly")} <Link to={providerListUrl()}>{t("lifecycle.providersLink")}</Link>
        </p>
      ) : (
        !canAct && (
          <p className="notice" role="note">
            {t("lifecycle.readOnly")}
          </p>
        )
      )}

      {actions.outcome && <Outcome outcome={actions.outcome} subscription={s} />}

      <div className="lc-grid">
        <SeatsSection
          key={`seats-${s.quantity}`}
          subscription={s}
          canAct={canAct}
          ask={ask}
          pending={pending === "QUANTITY"}
          onChange={(q) => (ask ? askFor({ action: "CHANGE_QUANTITY", quantity: q }) : void actions.changeQuantity(q))}
        />
        <AutoRenewSection
          subscription={s}
          canAct={canAct}
          ask={ask}
          pending={pending === "AUTO_RENEW"}
          onSet={(v) => (ask ? askFor({ action: "SET_AUTO_RENEW", autoRenew: v }) : void actions.setAutoRenew(v))}
        />
        {s.termDuration && (
          <RenewalPlanner
            key={`plan-${s.quantity}-${JSON.stringify(s.scheduledChange)}`}
            subscription={s}
            term={s.termDuration}
            canAct={canAct}
            ask={ask}
            pending={pending === "SCHEDULE" || pending === "UNSCHEDULE" ? pending : null}
            onSchedule={(change) =>
              ask ? askFor({ action: "SCHEDULE_CHANGE", change }) : void actions.schedule(change)
            }
            onRemove={() => (ask ? askFor({ action: "CANCEL_SCHEDULED_CHANGE" }) : void actions.cancelScheduled())}
          />
        )}
      </div>
    </>
  );
}

/** The last change's result: done (and what it deleted), or every reason it was refused. */
function Outcome({ outcome, subscription: s }: { outcome: LifecycleOutcome; subscription: PanelSubscription }) {
  const { t, locale } = useI18n();
  if (!outcome.done) return <FormErrors errors={outcome.errors} />;
  return (
    <div className="success" role="status">
      <p>{outcome.done}</p>
      {outcome.deleted && <p>{t("lifecycle.deleted", { what: describePlan(t, locale, s, outcome.deleted) })}</p>}
      {outcome.advisories && <ReasonList decision={outcome.advisories} />}
      {outcome.sent && (
        <>
          <p>
            <Link to={requestListUrl({ direction: "SENT" })}>{t("lifecycle.ask.seeRequests")}</Link>
          </p>
          {outcome.sent.decision && (
            <>
              <p>
                {t("lifecycle.ask.willProvider", { provider: outcome.sent.providerName })}{" "}
                <EligibilityBadge decision={outcome.sent.decision} />
              </p>
              <ReasonList decision={outcome.sent.decision} />
            </>
          )}
        </>
      )}
    </div>
  );
}
