import type { SalesChannel } from "../../../graphql/generated";
import type { ReactNode } from "react";
import { useI18n } from "../../../lib/i18n";
import "../messages";
import "../page-messages";

export interface CustomerHeaderData {
  name: string;
  domain: string;
  country: string;
  mcaAccepted: boolean;
  mcaAcceptedOn?: string | null;
  mcaAcceptedByName?: string | null;
  tenantId: string;
  channels: readonly SalesChannel[];
  partnerTenantOf: { name: string } | null;
}

/**
 * The customer's facts in one compact block: name, domain, country, Microsoft Customer Agreement (with "Record
 * acceptance" when `mcaAction` is given), tenant id, channels; `actions` are the page's main links.
 */
export function CustomerHeader({
  customer,
  mcaAction,
  actions,
}: {
  customer: CustomerHeaderData;
  mcaAction?: ReactNode;
  actions?: ReactNode;
}) {
  const { t, formatDate } = useI18n();
  return (
    <header className="panel cust-header">
      <div className="cust-header-top">
        <h1 id="customer-heading">{customer.name}</h1>
        {actions && <div className="form-actions">{actions}</div>}
      </div>
      <dl className="facts">
        <div>
          <dt>{t("customers.header.domain")}</dt>
          <dd className="breakable">{customer.domain}</dd>
        </div>
        <div>
          <dt>{t("customers.header.country")}</dt>
          <dd>{customer.country}</dd>
        </div>
        <div>
          <dt>{t("customers.header.mca")}</dt>
          <dd>
            {customer.mcaAccepted ? (
              <>
                <span className="badge badge-ok">{t("customers.header.mcaYes")}</span>
                {customer.mcaAcceptedOn && customer.mcaAcceptedByName && (
                  <small className="action-note">
                    {t("customers.mca.recordedOn", {
                      date: formatDate(customer.mcaAcceptedOn),
                      name: customer.mcaAcceptedByName,
                    })}
                  </small>
                )}
              </>
            ) : (
              <>
                <span className="badge badge-warn">{t("customers.header.mcaNo")}</span> {mcaAction}
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t("customers.header.tenant")}</dt>
          <dd>
            <code className="breakable">{customer.tenantId}</code>
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
