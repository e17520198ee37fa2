import { useState } from "react";
import type { SettingsUserRowFragment, UserRole } from "../../../graphql/generated";
import type { UserErrorLike } from "../../../lib/user-errors";
import { useI18n } from "../../../lib/i18n";
import { ConfirmButton } from "../../../components/ConfirmButton";
import { RowErrors } from "./SettingsListPanel";
import "../messages";

export type UserRow = SettingsUserRowFragment;

/** The partner's users, with "change role" and "deactivate" per active user, each confirmed with its impact. */
export function UserTable({
  users,
  viewerId,
  viewerRole,
  grantable,
  pending,
  rowErrors,
  onChangeRole,
  onDeactivate,
}: {
  users: readonly UserRow[];
  viewerId: string;
  viewerRole: UserRole;
  /** The roles the viewer may grant. */
  grantable: readonly UserRole[];
  /** The row whose mutation is running. */
  pending: { id: string; kind: "role" | "deactivate" } | null;
  rowErrors: Readonly<Record<string, readonly UserErrorLike[]>>;
  onChangeRole(user: UserRow, role: UserRole): void;
  onDeactivate(user: UserRow): void;
}) {
  const { t } = useI18n();
  return (
    <table className="settings-table">
      <caption className="sr-only">{t("users.caption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("users.col.name")}</th>
          <th scope="col">{t("users.col.email")}</th>
          <th scope="col">{t("users.col.role")}</th>
          <th scope="col">{t("users.col.status")}</th>
          <th scope="col">{t("users.col.actions")}</th>
        </tr>
      </thead>
      <tbody>
        {users.map((u) => (
          <UserTableRow
            key={u.id}
            user={u}
            self={u.id === viewerId}
            // Only a global admin touches a global admin (server: mayManageRole).
            locked={u.role === "GLOBAL_ADMIN" && viewerRole !== "GLOBAL_ADMIN"}
            grantable={grantable}
            pending={pending?.id === u.id ? pending.kind : null}
            busy={pending !== null && pending.id !== u.id}
            errors={rowErrors[u.id]}
            onChangeRole={(role) => onChangeRole(u, role)}
            onDeactivate={() => onDeactivate(u)}
          />
        ))}
      </tbody>
    </table>
  );
}

function UserTableRow({
  user,
  self,
  locked,
  grantable,
  pending,
  busy,
  errors,
  onChangeRole,
  onDeactivate,
}: {
  user: UserRow;
  self: boolean;
  locked: boolean;
  grantable: readonly UserRole[];
  pending: "role" | "deactivate" | null;
  busy: boolean;
  errors: readonly UserErrorLike[] | undefined;
  onChangeRole(role: UserRole): void;
  onDeactivate(): void;
}) {
  const { t, formatDate } = useI18n();
  const [role, setRole] = useState<UserRole>(user.role);
  const active = !user.deactivatedAt;
  const name = user.displayName;
  const lockedReason = locked ? t("users.role.onlyGlobal") : null;
  return (
    <tr data-testid="user-row">
      <td>
        {name} {self && <span className="muted">{t("users.you")}</span>}
      </td>
      <td className="break-all">{user.email}</td>
      <td>
        {active && !locked && !self ? (
          <select
            aria-label={t("users.role.label", { name })}
            value={role}
            disabled={pending !== null || busy}
            onChange={(e) => setRole(e.target.value as UserRole)}
          >
            {/* The current role stays listed even if the viewer could not grant it. */}
            {[...new Set<UserRole>([user.role, ...grantable])].map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        ) : (
          t(`role.${user.role}`)
        )}
      </td>
      <td>
        {active ? t("users.status.active") : t("users.status.deactivated", { date: formatDate(user.deactivatedAt) })}
      </td>
      <td className="settings-actions">
        {active && !self && !locked && (
          <span className="form-actions">
            {role !== user.role && (
              <ConfirmButton
                label={t("users.role.change")}
                accessibleLabel={t("users.role.changeLabel", { name })}
                question={t("users.role.confirm", { name, role: t(`role.${role}`) })}
                confirmLabel={t("users.role.confirmButton")}
                pendingLabel={t("users.role.pending")}
                pending={pending === "role"}
                disabled={busy}
                layout="swap"
                onConfirm={() => onChangeRole(role)}
              />
            )}
            <ConfirmButton
              label={t("users.deactivate")}
              accessibleLabel={t("users.deactivateLabel", { name })}
              question={t("users.deactivate.confirm", { name })}
              confirmLabel={t("users.deactivate.confirmButton")}
              pendingLabel={t("users.deactivate.pending")}
              pending={pending === "deactivate"}
              danger
              disabled={busy}
              layout="swap"
              onConfirm={onDeactivate}
            />
          </span>
        )}
        {active && self && <small className="muted">{t("users.deactivate.self")}</small>}
        {active && locked && !self && <small className="muted">{lockedReason}</small>}
        <RowErrors errors={errors} />
      </td>
    </tr>
  );
}
