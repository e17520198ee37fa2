import type { SettingsApiTokenRowFragment } from "../../../graphql/generated";
import type { UserErrorLike } from "../../../lib/user-errors";
import { useI18n } from "../../../lib/i18n";
import { ConfirmButton } from "../../../components/ConfirmButton";
import { RowErrors } from "./SettingsListPanel";
import "../messages";

export type ApiTokenRow = SettingsApiTokenRowFragment;

/** A token is usable until revoked or past its expiry. */
export function tokenState(token: ApiTokenRow, now: number): "active" | "revoked" | "expired" {
  if (token.revokedAt) return "revoked";
  return Date.parse(token.expiresAt) <= now ? "expired" : "active";
}

/** The partner's API tokens: access, expiry, last use, creator; "Revoke" (confirmed) on the usable ones. */
export function ApiTokenTable({
  tokens,
  now,
  pendingId,
  rowErrors,
  onRevoke,
}: {
  tokens: readonly ApiTokenRow[];
  now: number;
  pendingId: string | null;
  rowErrors: Readonly<Record<string, readonly UserErrorLike[]>>;
  onRevoke(token: ApiTokenRow): void;
}) {
  const { t, formatDate } = useI18n();
  return (
    <table className="settings-table">
      <caption className="sr-only">{t("tokens.caption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("tokens.col.name")}</th>
          <th scope="col">{t("tokens.col.scopes")}</th>
          <th scope="col">{t("tokens.col.expires")}</th>
          <th scope="col">{t("tokens.col.lastUsed")}</th>
          <th scope="col">{t("tokens.col.createdBy")}</th>
          <th scope="col">{t("tokens.col.status")}</th>
          <th scope="col">{t("tokens.col.actions")}</th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((tok) => {
          const state = tokenState(tok, now);
          const errors = rowErrors[tok.id];
          return (
            <tr key={tok.id} data-testid="token-row">
              <td>
                {tok.name}
                <br />
                <code className="muted">{tok.prefix}…</code>
              </td>
              <td>{tok.scopes.map((s) => t(`tokens.scope.${s}`)).join(", ")}</td>
              <td>
                <time dateTime={tok.expiresAt}>{formatDate(tok.expiresAt)}</time>
              </td>
              <td>
                {tok.lastUsedAt ? (
                  <time dateTime={tok.lastUsedAt}>{formatDate(tok.lastUsedAt)}</time>
                ) : (
                  t("tokens.lastUsed.never")
                )}
              </td>
              <td className="break-all">
                {tok.createdBy.displayName}
                <br />
                <small className="muted">{tok.createdBy.email}</small>
              </td>
              <td>
                {state === "revoked"
                  ? t("tokens.status.revoked", { date: formatDate(tok.revokedAt) })
                  : t(`tokens.status.${state}`)}
              </td>
              <td>
                {state === "active" && (
                  <ConfirmButton
                    label={t("tokens.revoke")}
                    accessibleLabel={t("tokens.revokeLabel", { name: tok.name })}
                    question={t("tokens.revoke.confirm", { name: tok.name })}
                    confirmLabel={t("tokens.revoke.confirmButton")}
                    pendingLabel={t("tokens.revoke.pending")}
                    pending={pendingId === tok.id}
                    disabled={pendingId !== null && pendingId !== tok.id}
                    danger
                    layout="swap"
                    onConfirm={() => onRevoke(tok)}
                  />
                )}
                <RowErrors errors={errors} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
