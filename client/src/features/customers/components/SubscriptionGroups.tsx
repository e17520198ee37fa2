import { Fragment, useState } from "react";
import { useI18n } from "../../../lib/i18n";
import { FormErrors } from "../../../components/FormField";
import { ReasonList } from "../../../components/Reasons";
import { SALES_CHANNEL_VALUES, type SalesChannel } from "../../../graphql/generated";
import { statusBadgeClass } from "../../subscriptions/subscription-status";
import { ProviderRequestSent } from "./ProviderRequestSent";
import type { ActOptions, ActionOutcome, AskProviderOptions, SubscriptionRow } from "./subscription-actions";
import { SubscriptionActionsPanel } from "./SubscriptionActionsPanel";
import "../messages";
import "../page-messages";
import { ResellerLink } from "../../network/components/ResellerLink";

export type {
  ActOptions,
  ActionOutcome,
  AskAction,
  AskProviderOptions,
  SubscriptionAction,
  SubscriptionRow,
} from "./subscription-actions";

export function groupByChannel(subscriptions: readonly SubscriptionRow[]): [SalesChannel, SubscriptionRow[]][] {
  return SALES_CHANNEL_VALUES.map(
    (c) => [c, subscriptions.filter((s) => s.channel === c)] as [SalesChannel, SubscriptionRow[]],
  ).filter(([, rows]) => rows.length > 0);
}

/**
 * The customer's subscriptions grouped by channel: one row each with its status and an actions menu that opens
 * under the row. The menu lists what the viewer can do (each action enabled, or disabled with its reasons in
 * plain words, the rule and the Partner Center page); a role that cannot change anything sees the decisions only.
 */
export function SubscriptionGroups({
  subscriptions,
  outcomes,
  act,
  askProvider,
  targetId,
}: {
  subscriptions: readonly SubscriptionRow[];
  outcomes: Readonly<Record<string, ActionOutcome>>;
  /** Providers and direct-bill partners. */
  act?: ActOptions | null;
  /** Indirect resellers. */
  askProvider?: AskProviderOptions | null;
  /** The subscription a link points at (`#sub-<id>`): highlighted. */
  targetId?: string | null;
}) {
  const { t, formatDate } = useI18n();
  const [open, setOpen] = useState<string | null>(null);
  const readOnly = !(act?.canChange || act?.transferUrl || askProvider?.canAskChanges || askProvider?.canAskTransfer);

  return (
    <>
      {groupByChannel(subscriptions).map(([channel, rows]) => (
        <section key={channel} aria-labelledby={`group-${channel}`}>
          <h3 id={`group-${channel}`} className="group-head">
            {t(`customers.channel.${channel}`)}{" "}
            <small className="muted">{t("customers.subs.countOf", { count: rows.length })}</small>
          </h3>
          {channel !== "CSP" && <p className="hint">{t("customers.subs.nonCspNote")}</p>}
          <div className="table-wrap">
            <table className="stack subs-table">
              <thead>
                <tr>
                  <th scope="col">{t("customers.subs.offer")}</th>
                  <th scope="col">{t("customers.subs.status")}</th>
                  <th scope="col">{t("customers.subs.quantity")}</th>
                  <th scope="col">{t("customers.subs.term")}</th>
                  <th scope="col">{t("customers.subs.billedBy")}</th>
                  <th scope="col">
                    <span className="sr-only">{t("customers.subs.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((s) => {
                  const panelId = `actions-${s.id}`;
                  const isOpen = open === s.id;
                  const outcome = outcomes[s.id];
                  return (
                    <Fragment key={s.id}>
                      <tr
                        id={`sub-${s.id}`}
                        className={targetId === s.id ? "row-target" : undefined}
                        aria-current={targetId === s.id ? "true" : undefined}
                      >
                        <td>
                          <strong>{s.offerName}</strong>
                          <small className="action-note">
                            {t(`customers.kind.${s.offerKind}`)} · {t(`customers.commerce.${s.commerceModel}`)}
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
                        <td data-label={t("customers.subs.quantity")}>
                          {s.offerKind === "USAGE_BASED"
                            ? t("customers.subs.usage")
                            : t("customers.subs.licences", { count: s.quantity })}
                        </td>
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
                              <ResellerLink
                                reseller={s.resellerOfRecord}
                                sentence={(name) => t("customers.subs.reseller", { name })}
                              />
                            </small>
                          )}
                        </td>
                        <td className="row-menu-cell">
                          <button
                            type="button"
                            className="secondary row-menu"
                            aria-expanded={isOpen}
                            aria-controls={panelId}
                            aria-label={`${readOnly ? t("customers.menu.details") : t("customers.subs.actions")} — ${s.offerName}`}
                            onClick={() => setOpen(isOpen ? null : s.id)}
                          >
                            {readOnly ? t("customers.menu.details") : t("customers.subs.actions")}
                          </button>
                        </td>
                      </tr>
                      {outcome && (outcome.errors.length > 0 || outcome.done || outcome.sent) && (
                        <tr className="reason-row">
                          <td colSpan={6} className="span-all">
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
                      <tr id={panelId} className="reason-row" hidden={!isOpen}>
                        <td colSpan={6} className="span-all">
                          {isOpen && (
                            <SubscriptionActionsPanel
                              subscription={s}
                              act={act ?? null}
                              askProvider={askProvider ?? null}
                              onClose={() => setOpen(null)}
                            />
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
