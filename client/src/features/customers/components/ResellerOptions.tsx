import { useI18n } from "../../../lib/i18n";
import type { ResellerOption } from "./options";
import "../messages";

/** <option>s for a provider's resellers; those it cannot name today say why (MPA, status, region). */
export function ResellerOptions({ resellers }: { resellers: readonly ResellerOption[] }) {
  const { t } = useI18n();
  return (
    <>
      {resellers.map((r) => (
        <option key={r.id} value={r.id}>
          {r.name}
          {r.complianceFlags?.length
            ? ` — ${r.complianceFlags.map((f) => t(`customers.compliance.${f}`)).join(", ")}`
            : ""}
        </option>
      ))}
    </>
  );
}
