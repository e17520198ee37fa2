import type { FactsRecorder, PartnerFact } from "../../../graphql/generated";
import { useI18n } from "../../../lib/i18n";
import "../messages";
import "../partner-facts.css";

/** One recorded fact's provenance (Partner.factProvenance). */
export interface FactProvenance {
  fact: PartnerFact;
  recordedAt: string;
  recordedBy: FactsRecorder | null;
}

const LABEL = {
  PROGRAM_STATUS: "facts.programStatus",
  MPA_SIGNED: "facts.mpaSigned",
  ADVISOR_ONLY: "facts.advisorOnly",
} as const;

/**
 * Who recorded each of the partner's facts in channelgate and when (Partner.factProvenance), one line per recorded
 * fact, or that nobody did. Another partner stays unnamed: the API does not name a reseller's other providers.
 */
export function FactsProvenance({
  partnerName,
  provenance,
}: {
  partnerName: string;
  provenance: readonly FactProvenance[] | null | undefined;
}) {
  const { t, formatDate } = useI18n();
  if (!provenance || provenance.length === 0)
    return <small className="hint facts-provenance">{t("facts.never")}</small>;
  return (
    <ul className="facts-provenance">
      {provenance.map((p) => (
        <li key={p.fact}>
          <small className="hint">
            {t("facts.provenance", {
              fact: t(LABEL[p.fact]),
              by: p.recordedBy
                ? t(`facts.by.${p.recordedBy}`, { partner: partnerName, date: formatDate(p.recordedAt) })
                : t("facts.by.unknown", { date: formatDate(p.recordedAt) }),
            })}
          </small>
        </li>
      ))}
    </ul>
  );
}
