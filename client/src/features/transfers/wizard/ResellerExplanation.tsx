import { Link } from "react-router";
import { useTransferWizardProvidersQuery } from "../../../graphql/generated";
import { useI18n } from "../../../lib/i18n";
import { useViewer } from "../../shell/viewer";
import { transferListUrl } from "../urls";
import "../messages";

/** R22: an indirect reseller does not request transfers; its provider does, naming it. */
export function ResellerExplanation() {
  const { t } = useI18n();
  const viewer = useViewer();
  const { data, loading } = useTransferWizardProvidersQuery();
  const names = data?.providers.nodes.map((p) => p.provider.name) ?? [];
  return (
    <section aria-labelledby="wizard-title">
      <h1 id="wizard-title">{t("transfers.wizard.title")}</h1>
      <div className="notice xfer-reseller-note" role="note">
        <p>
          <strong>{t("transfers.reseller.heading", { partner: viewer.partner.name })}</strong>
        </p>
        <p>{t("transfers.reseller.body")}</p>
        {!loading && (
          <p>
            {names.length
              ? t("transfers.reseller.providers", { names: names.join(", ") })
              : t("transfers.reseller.noProvider")}
          </p>
        )}
        <p>
          <Link to={transferListUrl()}>{t("transfers.reseller.seeTransfers")}</Link>
        </p>
      </div>
    </section>
  );
}
