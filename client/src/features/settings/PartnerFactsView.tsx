import { useState } from "react";
import { DataState } from "../../components/DataState";
import { useOwnPartnerFactsQuery, type PartnerFact } from "../../graphql/generated";
import { useI18n } from "../../lib/i18n";
import { useUrlParams } from "../../lib/url-params";
import { FactsProvenance } from "../partner-facts/components/FactsProvenance";
import { isAdvisorOnly } from "../partner-facts/components/RecordFactsForm";
import { RecordFactsPanel } from "../partner-facts/components/RecordFactsPanel";
import "../partner-facts/messages";
import { useViewer } from "../shell/viewer";
import { SettingsGate } from "./components/SettingsListPanel";
import { SettingsNav } from "./SettingsNav";
import { partnerFactsParams } from "./urls";
import "./messages";
import "./settings.css";

/** A partner records all three of its own facts (recordPartnerFacts: its global admin). */
const OWN_FACTS: readonly PartnerFact[] = ["PROGRAM_STATUS", "MPA_SIGNED", "ADVISOR_ONLY"];

/**
 * /settings/partner-facts — the home partner's own facts that Partner Center serves no read API for (program status,
 * MPA signature, advisor-only), with who recorded them last and when, and the form to record them (the roles that
 * may: viewer.permissions.canRecordPartnerFacts).
 */
export function PartnerFactsView() {
  const { t } = useI18n();
  const viewer = useViewer();
  return (
    <SettingsGate
      allowed={viewer.permissions.canRecordPartnerFacts}
      titleId="facts-title"
      title={t("facts.title")}
      notAllowed={t("facts.notAllowed", { role: t(`role.${viewer.user.role}`) })}
    >
      <OwnFacts />
    </SettingsGate>
  );
}

function OwnFacts() {
  const { t } = useI18n();
  const [url, setUrl] = useUrlParams(partnerFactsParams);
  const query = useOwnPartnerFactsQuery({ fetchPolicy: "cache-and-network" });
  const partner = (query.data ?? query.previousData)?.viewer.partner ?? null;
  const [notice, setNotice] = useState<string | null>(null);
  const recorded = new Set(partner?.recordedFacts ?? []);
  const mark = (fact: PartnerFact) =>
    recorded.has(fact) ? <span className="reseller-fact-source"> · {t("reseller.fact.recorded")}</span> : null;

  function open(next: boolean) {
    if (next) setNotice(null);
    setUrl({ record: next });
  }

  return (
    <section className="settings cust" aria-labelledby="facts-title">
      <SettingsNav />
      <div className="page-head">
        <h1 id="facts-title">{t("facts.title")}</h1>
        <button
          type="button"
          className={url.record ? undefined : "secondary"}
          aria-expanded={url.record}
          aria-controls="record-facts-panel"
          disabled={!partner}
          onClick={() => open(!url.record)}
        >
          {t("facts.record.open")}
        </button>
      </div>
      {partner && <p className="hint">{t("facts.intro", { partner: partner.name })}</p>}
      <div id="record-facts-panel">
        {url.record && partner && (
          <RecordFactsPanel
            partnerId={partner.id}
            partner={partner}
            facts={OWN_FACTS}
            title={t("facts.record.title", { partner: partner.name })}
            intro={t("facts.record.intro")}
            onClose={() => open(false)}
            onDone={() => {
              open(false);
              setNotice(t("facts.record.done", { partner: partner.name }));
            }}
          />
        )}
      </div>
      <p role="status" className={notice ? "success" : "sr-only"}>
        {notice ?? ""}
      </p>
      <DataState
        loading={query.loading && !partner}
        error={partner ? null : query.error}
        onRetry={() => void query.refetch()}
      >
        {partner && (
          <dl className="reseller-facts">
            <div>
              <dt>{t("facts.programStatus")}</dt>
              <dd>
                {partner.programStatus ? t(`reseller.program.${partner.programStatus}`) : "—"}
                {mark("PROGRAM_STATUS")}
              </dd>
            </div>
            <div>
              <dt>{t("facts.mpaSigned")}</dt>
              <dd>
                {partner.mpaSigned === null ? "—" : t(partner.mpaSigned ? "facts.yes" : "facts.no")}
                {mark("MPA_SIGNED")}
              </dd>
            </div>
            <div>
              <dt>{t("facts.advisorOnly")}</dt>
              <dd>
                {t(isAdvisorOnly(partner.types) ? "facts.advisor" : "facts.advisor.no")}
                {mark("ADVISOR_ONLY")}
              </dd>
            </div>
            <div>
              <dt>{t("reseller.fact.recordedBy")}</dt>
              <dd>
                <FactsProvenance partnerName={partner.name} provenance={partner.factProvenance} />
              </dd>
            </div>
          </dl>
        )}
      </DataState>
    </section>
  );
}
