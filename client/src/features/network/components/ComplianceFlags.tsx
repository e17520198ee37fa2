import type { ComplianceFlag } from "../../../graphql/generated";
import { useI18n } from "../../../lib/i18n";
import "../messages";

/** Why a provider cannot name this reseller on orders and transfers (R24–R26), or "Compliant". */
export function ComplianceFlags({ flags }: { flags: readonly ComplianceFlag[] }) {
  const { t } = useI18n();
  if (!flags.length) return <span className="badge badge-ok">{t("network.flag.none")}</span>;
  return (
    <ul className="net-flag-list">
      {flags.map((f) => (
        <li key={f} className="badge badge-no" data-flag={f} title={t(`network.flag.${f}.title`)}>
          {t(`network.flag.${f}`)}
        </li>
      ))}
    </ul>
  );
}
