import type { NetworkProvidersQuery } from "../../../graphql/generated";
import type { UserErrorLike } from "../../../lib/user-errors";
import { useI18n } from "../../../lib/i18n";
import { ConfirmButton } from "../../../components/ConfirmButton";
import { PartnershipTable } from "./PartnershipTable";
import "../messages";

export type ProviderRow = NetworkProvidersQuery["providers"]["nodes"][number];
export type ProviderAction = "accept" | "end";

/** A reseller's providers: accept an invitation, or end (decline) a partnership. */
export function ProviderTable({
  rows,
  pending,
  rowErrors,
  readOnlyReason,
  onAccept,
  onEnd,
}: {
  rows: readonly ProviderRow[];
  /** The partnership and the mutation running on it. */
  pending: { id: string; kind: ProviderAction } | null;
  rowErrors: Readonly<Record<string, readonly UserErrorLike[]>>;
  readOnlyReason?: string | null;
  onAccept(row: ProviderRow): void;
  onEnd(row: ProviderRow): void;
}) {
  const { t } = useI18n();
  const busy = pending !== null;
  return (
    <PartnershipTable
      rows={rows}
      partnerOf={(row) => row.provider}
      caption={t("network.providers.caption")}
      partnerHeading={t("network.col.provider")}
      complianceHeading={t("network.col.yourCompliance")}
      rowTestId="provider-row"
      rowErrors={rowErrors}
      actions={(row) => {
        const name = row.provider.name;
        return (
          <div className="form-actions">
            {row.status === "INVITED" && (
              <button
                type="button"
                aria-label={t("network.accept.label", { name })}
                disabled={busy || Boolean(readOnlyReason)}
                title={readOnlyReason ?? undefined}
                onClick={() => onAccept(row)}
              >
                {pending?.id === row.id && pending.kind === "accept"
                  ? t("network.accept.pending")
                  : t("network.accept.button")}
              </button>
            )}
            {row.status !== "REMOVED" && (
              <ConfirmButton
                label={row.status === "INVITED" ? t("network.end.decline") : t("network.end.button")}
                accessibleLabel={t("network.end.label", { name })}
                question={t("network.end.confirm", { name })}
                confirmLabel={t("network.end.confirmButton")}
                layout="swap"
                danger
                pendingLabel={t("network.end.pending")}
                pending={pending?.id === row.id && pending.kind === "end"}
                disabled={Boolean(readOnlyReason) || (busy && pending?.id !== row.id)}
                disabledReason={readOnlyReason ?? undefined}
                onConfirm={() => onEnd(row)}
              />
            )}
          </div>
        );
      }}
    />
  );
}
