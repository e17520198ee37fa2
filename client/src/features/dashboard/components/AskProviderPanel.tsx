import type { ReactNode } from "react";
import { Link } from "react-router";
import { providerListUrl } from "../../network/urls";
import type { ComplianceFlag, EligibilityAction, PartnershipStatus } from "../../../graphql/generated";
import { useI18n } from "../../../lib/i18n";
import { ComplianceFlags } from "../../network/components/ComplianceFlags";
import "../../../components/components-messages";
import "../messages";

export interface ProviderContact {
  partnershipId: string;
  status: PartnershipStatus;
  /** Null while the partnership is an invitation. */
  complianceFlags: readonly ComplianceFlag[] | null;
  provider: { id: string; name: string; partnerId: string; country: string | null };
}

/** The rule that sends resellers to their provider (R22), as the API states it in the user's language. */
export interface ProviderRule {
  id: string;
  code: string;
  message: string;
  actions: readonly EligibilityAction[];
}

const ACTION_ORDER: readonly EligibilityAction[] = ["ORDER", "CANCEL", "SUSPEND", "REACTIVATE", "TRANSFER"];

/**
 * "Ask your provider": what an indirect reseller cannot do itself (the actions of rule R22), its providers, and
 * the path to them. `renderRequest` adds to each provider's card (its open requests); `requests` links to the
 * requests page with the number still open.
 */
export function AskProviderPanel({
  rule,
  providers,
  viewerPartnerId,
  renderRequest,
  requests,
}: {
  rule: ProviderRule | null;
  providers: readonly ProviderContact[];
  viewerPartnerId: string;
  renderRequest?: (provider: ProviderContact) => ReactNode;
  requests?: { open: number; to: string };
}) {
  const { t } = useI18n();
  const actions = ACTION_ORDER.filter((a) => (rule ? rule.actions.includes(a) : true));
  const active = providers.filter((p) => p.status === "ACTIVE");
  return (
    <section className="panel dash-ask-panel" aria-labelledby="ask-title">
      <h2 id="ask-title">{t("dashboard.ask.title")}</h2>
      <p>{t("dashboard.ask.intro", { rule: rule?.id ?? "R22" })}</p>
      <ul className="dash-todo-list">
        {actions.map((a) => (
          <li key={a} data-action={a}>
            <span className="dash-todo-mark dash-todo-ask" aria-hidden="true">
              →
            </span>
            <span>{t(`dashboard.action.${a}`)}</span>
          </li>
        ))}
      </ul>
      {rule && (
        <blockquote className="dash-rule-quote">
          <p>{rule.message}</p>
          <footer>
            <small>
              {t("common.rule", { id: rule.id })} · <code>{rule.code}</code>
            </small>
          </footer>
        </blockquote>
      )}

      <h3>{t("dashboard.ask.providers")}</h3>
      {providers.length === 0 ? (
        <p className="notice">{t("dashboard.ask.none", { partnerId: viewerPartnerId })}</p>
      ) : (
        <ul className="dash-provider-cards">
          {providers.map((p) => (
            <li key={p.partnershipId} className="dash-provider-card" data-testid="ask-provider">
              <strong>{p.provider.name}</strong>
              <small className="sub-meta">
                {t("dashboard.ask.partnerId", { id: p.provider.partnerId })} · {p.provider.country}
              </small>
              {p.status === "INVITED" && <p className="hint">{t("dashboard.ask.invited")}</p>}
              {p.status === "ACTIVE" && p.complianceFlags && p.complianceFlags.length > 0 && (
                <div className="hint">
                  {t("dashboard.ask.flagged")} <ComplianceFlags flags={p.complianceFlags} />
                </div>
              )}
              <Link to={providerListUrl({ search: p.provider.partnerId })} className="dash-provider-link">
                {t("dashboard.ask.open", { name: p.provider.name })}
              </Link>
              {renderRequest?.(p)}
            </li>
          ))}
        </ul>
      )}
      {active.length > 0 && <p>{t("dashboard.ask.how")}</p>}
      <p className="dash-ask-links">
        {requests && (
          <>
            <Link to={requests.to}>{t("dashboard.ask.requests", { count: requests.open })}</Link>
            {" · "}
          </>
        )}
        <Link to={providerListUrl()}>{t("dashboard.ask.manage")}</Link>
      </p>
    </section>
  );
}
