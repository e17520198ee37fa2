import type { PartnershipStatus } from "../../../graphql/generated";
import { useI18n } from "../../../lib/i18n";
import "../messages";

const CLASS: Record<PartnershipStatus, string> = {
  ACTIVE: "badge-ok",
  INVITED: "badge-warn",
  REMOVED: "badge-neutral",
};

export function PartnershipStatusBadge({ status }: { status: PartnershipStatus }) {
  const { t } = useI18n();
  return <span className={`badge ${CLASS[status]}`}>{t(`network.status.${status}`)}</span>;
}

/** When the partnership last changed: ended, accepted or invited. */
export function PartnershipSince({
  invitedAt,
  acceptedAt,
  removedAt,
}: {
  invitedAt: string;
  acceptedAt: string | null;
  removedAt: string | null;
}) {
  const { t, formatDate } = useI18n();
  if (removedAt) return <>{t("network.since.removed", { date: formatDate(removedAt) })}</>;
  if (acceptedAt) return <>{t("network.since.accepted", { date: formatDate(acceptedAt) })}</>;
  return <>{t("network.since.invited", { date: formatDate(invitedAt) })}</>;
}
