import { useI18n } from "../../../lib/i18n";
import "../messages";

export interface CustomerHeaderData {
  name: string;
  domain: string;
  country: string;
  mcaAccepted: boolean;
  tenantId: string;
  channels: readonly string[];
  partnerTenantOf: { name: string } | null;
}

/** The customer's identity: name, domain, country, MCA, tenant id and channels. */
export function CustomerHeader({ customer }: { customer: CustomerHeaderData }) {
  const { t } = useI18n();
  return (
    <header className="panel">
      <h1 id="customer-heading">{customer.name}</h1>
      <dl className="facts">
        <div>
          <dt>{t("customers.header.domain")}</dt>
          <dd>{customer.domain}</dd>
        </div>
        <div>
          <dt>{t("customers.header.country")}</dt>
          <dd>{customer.country}</dd>
        </div>
        <div>
          <dt>{t("customers.header.mca")}</dt>
          <dd>
            {customer.mcaAccepted ? (
              <span className="badge badge-ok">{t("customers.header.mcaYes")}</span>
            ) : (
              <span className="badge badge-no">{t("customers.header.mcaNo")}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t("customers.header.tenant")}</dt>
          <dd>
            <code>{customer.tenantId}</code>
          </dd>
        </div>
        <div>
          <dt>{t("customers.header.channels")}</dt>
          <dd className="chips">
            {customer.channels.length === 0
              ? t("customers.channels.none")
              : customer.channels.map((c) => (
                  <span key={c} className={`badge ${c === "CSP" ? "badge-neutral" : "badge-warn"}`}>
                    {t(`customers.channel.${c}`)}
                  </span>
                ))}
          </dd>
        </div>
        {customer.partnerTenantOf && (
          <div>
            <dt>{t("customers.header.partnerTenant")}</dt>
            <dd>{customer.partnerTenantOf.name}</dd>
          </div>
        )}
      </dl>
    </header>
  );
}
