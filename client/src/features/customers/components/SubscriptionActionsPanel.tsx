import { useId, type ReactNode } from "react";
import { Link } from "react-router";
import { useI18n } from "../../../lib/i18n";
import { ConfirmButton } from "../../../components/ConfirmButton";
import { EligibilityBadge, ReasonList, type DecisionView } from "../../../components/Reasons";
import { AskProviderAction } from "./AskProviderAction";
import type {
  ActOptions,
  AskAction,
  AskProviderOptions,
  SubscriptionAction,
  SubscriptionRow,
} from "./subscription-actions";
import "../messages";
import "../page-messages";

/** The status changes a subscription in this status offers (its decisions still say whether they are allowed). */
export function changeActions(status: string): SubscriptionAction[] {
  if (status === "ACTIVE") return ["SUSPEND", "CANCEL"];
  if (status === "SUSPENDED") return ["REACTIVATE", "CANCEL"];
  return [];
}

const isLive = (s: SubscriptionRow) => s.status === "ACTIVE" || s.status === "SUSPENDED";

function decisionOf(s: SubscriptionRow, action: SubscriptionAction | "TRANSFER"): DecisionView {
  if (action === "CANCEL") return s.cancel;
  if (action === "SUSPEND") return s.suspend;
  if (action === "REACTIVATE") return s.reactivate;
  return s.transfer;
}

/**
 * One subscription's actions menu (the row's "Actions"): whether the viewer's partner can support it, then each
 * action the viewer's role and partner type can ever take, enabled or disabled with its reasons (plain words, rule
 * id, Partner Center page). Actions the viewer can never take are not listed; a reseller gets the "ask your
 * provider" path instead; a read-only role sees the decisions without controls.
 */
export function SubscriptionActionsPanel({
  subscription: s,
  act,
  askProvider,
}: {
  subscription: SubscriptionRow;
  act: ActOptions | null;
  askProvider: AskProviderOptions | null;
  onClose?(): void;
}) {
  const { t } = useI18n();
  const items: ReactNode[] = [];

  if (act?.canChange) {
    for (const action of changeActions(s.status)) {
      items.push(<ChangeItem key={action} subscription={s} action={action} act={act} />);
    }
  }
  if (act?.transferUrl && isLive(s) && s.transactingPartner?.id !== act.viewerPartnerId) {
    items.push(<TransferItem key="TRANSFER" subscription={s} url={act.transferUrl} />);
  }
  if (askProvider) {
    const credited = s.resellerOfRecord?.id === askProvider.viewerPartnerId;
    if (credited && askProvider.canAskChanges) {
      for (const action of changeActions(s.status)) {
        items.push(<AskItem key={action} subscription={s} action={action} options={askProvider} />);
      }
    }
    if (!credited && askProvider.canAskTransfer && isLive(s) && s.channel === "CSP") {
      items.push(<AskItem key="TRANSFER" subscription={s} action="TRANSFER" options={askProvider} />);
    }
  }

  const readOnly = !act?.canChange && !act?.transferUrl && !askProvider?.canAskChanges && !askProvider?.canAskTransfer;
  return (
    <div className="actions-panel" role="group" aria-label={t("customers.menu.label", { name: s.offerName })}>
      <SupportLine decision={s.support} />
      {items.length > 0 && <ul className="action-items">{items}</ul>}
      {readOnly && <ReadOnlyDecisions subscription={s} />}
      {!readOnly && items.length === 0 && <p className="muted">{t("customers.menu.nothing")}</p>}
    </div>
  );
}

/** "You can support it", or why not; its notes. */
function SupportLine({ decision }: { decision: DecisionView }) {
  const { t } = useI18n();
  return (
    <div className="support-line">
      <p>{decision.eligible ? t("customers.menu.supportYes") : t("customers.menu.supportNo")}</p>
      <ReasonList decision={decision} />
    </div>
  );
}

/** Cancel, suspend or reactivate: confirmed before it runs; disabled with its reasons when not allowed. */
function ChangeItem({
  subscription: s,
  action,
  act,
}: {
  subscription: SubscriptionRow;
  action: SubscriptionAction;
  act: ActOptions;
}) {
  const { t } = useI18n();
  const reasonsId = useId();
  const decision = decisionOf(s, action);
  const hasReasons = decision.blocking.length + decision.advisories.length > 0;
  return (
    <li className={`action-item${decision.eligible ? "" : " action-blocked"}`}>
      <ConfirmButton
        label={t(`customers.do.${action}`)}
        accessibleLabel={`${t(`customers.do.${action}`)} — ${s.offerName}`}
        disabled={!decision.eligible}
        describedBy={hasReasons ? reasonsId : undefined}
        danger={action === "CANCEL"}
        pending={act.pending?.id === s.id && act.pending.action === action}
        question={t(`customers.confirm.${action}`, { name: s.offerName })}
        confirmLabel={t(`customers.confirmDo.${action}`)}
        onConfirm={() => act.onAction(s, action)}
      />
      {hasReasons && (
        <div id={reasonsId}>
          <ReasonList decision={decision} />
        </div>
      )}
    </li>
  );
}

/** A provider or direct-bill partner takes the subscription over: the transfer wizard, or why not. */
function TransferItem({ subscription: s, url }: { subscription: SubscriptionRow; url: string }) {
  const { t } = useI18n();
  const reasonsId = useId();
  const decision = s.transfer;
  return (
    <li className={`action-item${decision.eligible ? "" : " action-blocked"}`}>
      {decision.eligible ? (
        <Link className="button secondary" to={url}>
          {t("customers.menu.transfer")}
          <span className="sr-only"> — {s.offerName}</span>
        </Link>
      ) : (
        <button type="button" className="secondary" disabled aria-describedby={reasonsId}>
          {t("customers.menu.transfer")}
          <span className="sr-only"> — {s.offerName}</span>
        </button>
      )}
      <div id={reasonsId}>
        <ReasonList decision={decision} />
      </div>
    </li>
  );
}

/** "Ask provider to …": a confirmation names the provider before anything is sent; an open request is flagged. */
function AskItem({
  subscription: s,
  action,
  options,
}: {
  subscription: SubscriptionRow;
  action: AskAction;
  options: AskProviderOptions;
}) {
  const { t, formatDate } = useI18n();
  const waiting = options.openRequests.find((r) => r.subscription?.id === s.id && r.action === action);
  const billedBy = options.providers.find((p) => p.id === s.transactingPartner?.id);
  return (
    <li className="action-item">
      <AskProviderAction
        action={action}
        offerName={s.offerName}
        providers={options.providers}
        defaultProviderId={billedBy?.id ?? null}
        pending={options.pending?.id === s.id && options.pending.action === action}
        disabledReason={
          waiting
            ? t("customers.ask.waiting", { provider: waiting.provider.name, date: formatDate(waiting.createdAt) })
            : options.disabledReason
        }
        onSend={(providerId, note) => options.onAsk(s, action, providerId, note)}
      />
    </li>
  );
}

/** A role that cannot change subscriptions: what its partner may do, in words, and who can do it. */
function ReadOnlyDecisions({ subscription: s }: { subscription: SubscriptionRow }) {
  const { t } = useI18n();
  const actions: (SubscriptionAction | "TRANSFER")[] = [
    ...changeActions(s.status),
    ...(isLive(s) ? ["TRANSFER" as const] : []),
  ];
  if (actions.length === 0) return null;
  return (
    <ul className="action-items">
      {actions.map((a) => {
        const decision = decisionOf(s, a);
        return (
          <li key={a} className="action-item">
            <EligibilityBadge decision={decision} label={t(`customers.action.${a}`)} />
            <ReasonList decision={decision} />
          </li>
        );
      })}
    </ul>
  );
}
