import { useTransferWizardResellerQuery } from "../../../graphql/generated";
import { useI18n } from "../../../lib/i18n";
import "../messages";

/** The chosen reseller's name, loaded by id (the URL holds only the id). */
export function useResellerName(resellerId: string): string | null {
  const { data } = useTransferWizardResellerQuery({ variables: { id: resellerId }, skip: !resellerId });
  return data?.node?.__typename === "Partner" ? data.node.name : null;
}

export function ResellerName({ resellerId }: { resellerId: string }) {
  const { t } = useI18n();
  const name = useResellerName(resellerId);
  return <>{name ?? (resellerId ? t("transfers.wizard.resellerChosen") : "—")}</>;
}
