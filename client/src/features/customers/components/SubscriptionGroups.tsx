import { Fragment, useState } from "react";
import { useI18n } from "../../../lib/i18n";
import { FormErrors } from "../../../components/FormField";
import { EligibilityBadge, ReasonList, type DecisionView } from "../../../components/Reasons";
import type { UserErrorLike } from "../../../lib/user-errors";
import {
  SALES_CHANNEL_VALUES,
  type CustomerOpenProviderRequestsQuery,
  type CustomerPageSubscriptionFragment,
  type SalesChannel,
} from "../../../graphql/generated";
import { statusBadgeClass } from "../../subscriptions/subscription-status";
import { AskProviderAction } from "./AskProviderAction";
import { ConfirmButton } from "../../../components/ConfirmButton";
import type { ProviderOption } from "./options";
import { ProviderRequestSent, type SentRequest } from "./ProviderRequestSent";
import "../messages";

export type SubscriptionRow = CustomerPageSubscriptionFragment;
/** The actions the page can run on a subscription. */
export type SubscriptionAction = "CANCEL" | "SUSPEND" | "REACTIVATE";

/** The decisions shown per subscription, in this order. */
const DECISIONS = ["support", "cancel", "suspend", "reactivate", "transfer"] as const;
const ACTION_OF = {
  support: "SUPPORT",
  cancel: "CANCEL",
  suspend: "SUSPEND",
  reactivate: "REACTIVATE",
  transfer: "TRANSFER",
} as const;

export interface ActionOutcome {
  errors: readonly UserErrorLike[];
  done: string | null;
  advisories: DecisionView | null;
  /** A request sent to the provider (resellers), with the provider's decision. */
  sent?: SentRequest | null;
}

type OpenRequest = CustomerOpenProviderRequestsQuery["providerRequests"]["nodes"][number];

/**
 * For an indirect reseller (R22): instead of Cancel / Suspend / Reactivate, which it may not do, "Ask provider to
 * …" on the subscriptions sold through it, sent to one of its providers with a note.
 */
export interface AskProviderOptions {
  viewerPartnerId: string;
  providers: readonly ProviderOption[];
  /** Requests still open for this customer: an action already asked for is not offered again. */
  openRequests: readonly OpenRequest[];
  pending: { id: string; action: SubscriptionAction } | null;
  /** Set when the user's role cannot send requests, or there is no provider to ask. */
  disabledReason?: string | null;
  onAsk(subscription: SubscriptionRow, action: SubscriptionAction, providerId: string, note: string): void;
}

/** Which buttons a subscription in this status offers (the decisions still say whether they are allowed). */
function actionsFor(status: string): SubscriptionAction[] {
  if (status === "ACTIVE") return ["SUSPEND", "CANCEL"];
  if (status === "SUSPENDED") return ["REACTIVATE", "CANCEL"];
  return [];
}

export function groupByChannel(subscriptions: readonly SubscriptionRow[]): [SalesChannel, SubscriptionRow[]][] {
  return SALES_CHANNEL_VALUES.map(
    (c) => [c, subscriptions.filter((s) => s.channel === c)] as [SalesChannel, SubscriptionRow[]],
  ).filter(([, rows]) => rows.length > 0);
}

/**
 * The customer's subscriptions grouped by channel. Each shows its decisions as badges (SUPPORT, CANCEL, SUSPEND,
 * REACTIVATE, TRANSFER), every reason on demand, and the actions, disabled with the reason when not allowed.
 */
export function SubscriptionGroups({
  subscriptions,
  pending,
  outcomes,
  readOnlyReason,
  askProvider,
  targetId,
  onAction,
}: {
  subscriptions: readonly SubscriptionRow[];
  askProvider?: AskProviderOptions | null;
  /** The subscription a link points at (`#sub-<id>`): highlighted. */
  targetId?: string | null;
  /** Set when the user's role cannot change subscriptions. */
  readOnlyReason?: string | null;
  pending: { id: string; action: SubscriptionAction } | null;
  outcomes: Readonly<Record<string, ActionOutcome>>;
  onAction(subscription: SubscriptionRow, action: SubscriptionAction): void;
}) {
  const { t, formatDate, formatNumber } = useI18n();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <>
      {groupByChannel(subscriptions).map(([channel, rows]) => (
        <section key={channel} aria-labelledby={`group-${channel}`}>
          <h3 id={`group-${channel}`} className="group-head">
            {t(`customers.channel.${channel}`)}{" "}
            <small className="muted">{t("customers.subs.count", { count: formatNumber(rows.length) })}</small>
          </h3>
          {channel !== "CSP" && <p className="hint">{t("customers.subs.nonCspNote")}</p>}
          <div className="table-wrap">
            <table className="stack">
              <thead>
                <tr>
                  <th scope="col">{t("customers.subs.offer")}</th>
                  <th scope="col">{t("customers.subs.status")}</th>
                  <th scope="col" className="hide-narrow">
                    {t("customers.subs.quantity")}
                  </th>
                  <th scope="col">{t("customers.subs.term")}</th>
                  <th scope="col">{t("customers.subs.billedBy")}</th>
                  <th scope="col">{t("customers.subs.eligibility")}</th>
                  <th scope="col">{t("customers.subs.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((s) => {
                  const reasonsId = `reasons-${s.id}`;
                  const isOpen = open.has(s.id);
                  const outcome = outcomes[s.id];
                  const decisions = {
                    support: s.support,
                    cancel: s.cancel,
                    suspend: s.suspend,
                    reactivate: s.reactivate,
                    transfer: s.transfer,
                  };
                  return (
                    <Fragment key={s.id}>
                      <tr
                        id={`sub-${s.id}`}
                        className={targetId === s.id ? "row-target" : undefined}
                        aria-current={targetId === s.id ? "true" : undefined}
                      >
                        <td>
                          <strong>{s.offerName}</strong>
                          <br />
                          <small className="muted">
                            {s.offerId} · {t(`customers.kind.${s.offerKind}`)} ·{" "}
                            {t(`customers.commerce.${s.commerceModel}`)}
                          </small>
                          {s.parentSubscription && (
                            <small className="action-note">
                              {t("customers.subs.addonOf", { name: s.parentSubscription.offerName })}
                            </small>
                          )}
                        </td>
                        <td data-label={t("customers.subs.status")}>
                          <span className={statusBadgeClass(s.status)}>{t(`customers.subStatus.${s.status}`)}</span>
                        </td>
                        <td className="hide-narrow">{formatNumber(s.quantity)}</td>
                        <td data-label={t("customers.subs.term")}>
                          <span className="nowrap">{formatDate(s.commitmentEndDate)}</span>
                          <small className="action-note">
                            {[
                              s.termDuration ? t(`customers.term.${s.termDuration}`) : null,
                              s.billingCycle !== "NONE" ? t(`customers.billing.${s.billingCycle}`) : null,
                            ]
                              .filter(Boolean)
                              .join(" · ")}
                          </small>
                        </td>
                        <td data-label={t("customers.subs.billedBy")}>
                          {s.transactingPartner?.name ?? (
                            <span className="muted">{t("customers.subs.outsideCsp")}</span>
                          )}
                          {s.resellerOfRecord && (
                            <small className="action-note">
                              {t("customers.subs.reseller", { name: s.resellerOfRecord.name })}
                            </small>
                          )}
                        </td>
                        <td data-label={t("customers.subs.eligibility")} className="span-all">
                          <span className="chips">
                            {DECISIONS.map((k) => (
                              <EligibilityBadge
                                key={k}
                                decision={decisions[k]}
                                label={t(`customers.action.${ACTION_OF[k]}`)}
                              />
                            ))}
                          </span>
                          <button
                            type="button"
                            className="link-button"
                            aria-expanded={isOpen}
                            aria-controls={reasonsId}
                            onClick={() => toggle(s.id)}
                          >
                            {isOpen ? t("customers.subs.hideReasons") : t("customers.subs.showReasons")}
                            <span className="sr-only"> — {s.offerName}</span>
                          </button>
                        </td>
                        <td
                          data-label={actionsFor(s.status).length ? t("customers.subs.actions") : undefined}
                          className="span-all"
                        >
                          <div className="sub-actions">
                            {askProvider && s.resellerOfRecord?.id === askProvider.viewerPartnerId
                              ? actionsFor(s.status).map((action) => (
                                  <AskButton key={action} subscription={s} action={action} options={askProvider} />
                                ))
                              : actionsFor(s.status).map((action) => {
                                  const key = action.toLowerCase() as "cancel" | "suspend" | "reactivate";
                                  const label = t(`customers.do.${action}`);
                                  return (
                                    <ConfirmButton
                                      key={action}
                                      label={label}
                                      decision={decisions[key]}
                                      danger={action === "CANCEL"}
                                      disabledReason={readOnlyReason}
                                      pending={pending?.id === s.id && pending.action === action}
                                      question={t(`customers.confirm.${action}`, { name: s.offerName })}
                                      confirmLabel={t(`customers.confirmDo.${action}`)}
                                      onConfirm={() => onAction(s, action)}
                                    />
                                  );
                                })}
                          </div>
                        </td>
                      </tr>
                      {outcome && (outcome.errors.length > 0 || outcome.done || outcome.sent) && (
                        <tr className="reason-row">
                          <td colSpan={7} className="span-all">
                            <FormErrors errors={outcome.errors} />
                            {outcome.done && (
                              <p className="success" role="status">
                                {outcome.done}
                              </p>
                            )}
                            {outcome.advisories && <ReasonList decision={outcome.advisories} />}
                            {outcome.sent && <ProviderRequestSent sent={outcome.sent} />}
                          </td>
                        </tr>
                      )}
                      <tr id={reasonsId} className="reason-row" hidden={!isOpen}>
                        <td colSpan={7} className="span-all">
                          {isOpen && (
                            <div className="decisions">
                              {DECISIONS.map((k) => (
                                <div key={k}>
                                  <h4>
                                    <EligibilityBadge
                                      decision={decisions[k]}
                                      label={t(`customers.action.${ACTION_OF[k]}`)}
                                    />
                                  </h4>
                                  {decisions[k].blocking.length + decisions[k].advisories.length === 0 ? (
                                    <small className="muted">{t("customers.subs.noReasons")}</small>
                                  ) : (
                                    <ReasonList decision={decisions[k]} />
                                  )}
                                </div>
                              ))}
                            </div>
                          )}
                        </td>
                      </tr>
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}

/** "Ask provider to …" for one action, or why not (already asked and still open, role, no provider). */
function AskButton({
  subscription: s,
  action,
  options,
}: {
  subscription: SubscriptionRow;
  action: SubscriptionAction;
  options: AskProviderOptions;
}) {
  const { t, formatDate } = useI18n();
  const waiting = options.openRequests.find((r) => r.subscription?.id === s.id && r.action === action);
  const billedBy = options.providers.find((p) => p.id === s.transactingPartner?.id);
  return (
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
  );
}
