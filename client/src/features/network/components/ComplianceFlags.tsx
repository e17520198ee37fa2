import type { ComplianceFlag } from "../../../graphql/generated";
import { useI18n } from "../../../lib/i18n";
import "../messages";

/**
 * Why a provider cannot name this reseller on orders and transfers (R24–R26), or "Compliant". Null (an invitation
 * not accepted yet: the reseller's MPA, status and region are not shown to the other side) reads "Once accepted".
 */
export function ComplianceFlags({ flags }: { flags: readonly ComplianceFlag[] | null }) {
  const { t } = useI18n();
  if (!flags) return <span className="badge">{t("network.flag.unknown")}</span>;
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
