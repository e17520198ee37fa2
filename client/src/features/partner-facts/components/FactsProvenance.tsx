import type { FactsRecorder } from "../../../graphql/generated";
import { useI18n } from "../../../lib/i18n";
import "../messages";

/**
 * Who last recorded the partner's facts in channelgate and when (Partner.factsRecordedBy / factsRecordedAt), or that
 * nobody did. Another partner stays unnamed: the API does not name a reseller's other providers.
 */
export function FactsProvenance({
  partnerName,
  recordedAt,
  recordedBy,
}: {
  partnerName: string;
  recordedAt: string | null;
  recordedBy: FactsRecorder | null;
}) {
  const { t, formatDate } = useI18n();
  if (!recordedAt || !recordedBy) return <small className="hint facts-provenance">{t("facts.never")}</small>;
  return (
    <small className="hint facts-provenance">
      {t(`facts.by.${recordedBy}`, { partner: partnerName, date: formatDate(recordedAt) })}
    </small>
  );
}
