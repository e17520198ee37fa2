import { useState } from "react";
import {
  USER_ROLE_VALUES,
  useSettingsChangeUserRoleMutation,
  useSettingsDeactivateUserMutation,
  useSettingsInviteUserMutation,
  useSettingsUsersQuery,
  type UserRole,
} from "../../graphql/generated";
import { refetchOnSuccess } from "../../lib/graphql";
import { useI18n } from "../../lib/i18n";
import { useMutationForm, useRowMutations } from "../../lib/mutation-form";
import { useUrlParams } from "../../lib/url-params";
import { useViewer } from "../shell/viewer";
import { InviteUserForm, type InviteUserValues } from "./components/InviteUserForm";
import { SettingsGate, SettingsListPanel } from "./components/SettingsListPanel";
import { UserTable, type UserRow } from "./components/UserTable";
import { usersParams } from "./urls";
import "./messages";

const PAGE_SIZE = 25;
const REFETCH = ["SettingsUsers"];

/**
 * /settings/users — the partner's users for the roles that manage them (GLOBAL_ADMIN, USER_MANAGEMENT_ADMIN, the
 * "appropriate roles" of https://learn.microsoft.com/en-us/partner-center/account-settings/create-user-accounts-and-set-permissions):
 * invite, change role, deactivate.
 */
export function UsersView() {
  const { t } = useI18n();
  const viewer = useViewer();
  return (
    <SettingsGate
      allowed={viewer.permissions.canManageUsers}
      titleId="users-title"
      title={t("users.title")}
      notAllowed={t("settings.notAllowed", { role: t(`role.${viewer.user.role}`), what: t("settings.users") })}
    >
      <ManageUsers />
    </SettingsGate>
  );
}

function ManageUsers() {
  const { t } = useI18n();
  const viewer = useViewer();
  const [url, setUrl] = useUrlParams(usersParams);
  // Only a global admin grants the global admin role (server: mayManageRole).
  const grantable: UserRole[] = USER_ROLE_VALUES.filter(
    (r) => r !== "GLOBAL_ADMIN" || viewer.user.role === "GLOBAL_ADMIN",
  );

  const list = useSettingsUsersQuery({
    variables: { first: PAGE_SIZE, after: url.after || null },
    fetchPolicy: "cache-and-network",
  });
  const connection = (list.data ?? list.previousData)?.users;
  const [notice, setNotice] = useState<string | null>(null);

  const [invite] = useSettingsInviteUserMutation({ refetchQueries: refetchOnSuccess((d) => d.inviteUser, REFETCH) });
  const inviteForm = useMutationForm();
  const [changeRole] = useSettingsChangeUserRoleMutation();
  const [deactivate] = useSettingsDeactivateUserMutation();
  const rows = useRowMutations<"role" | "deactivate">();

  function openInvite(open: boolean) {
    inviteForm.reset();
    setUrl({ invite: open }, { keepCursor: true });
  }

  async function onInvite(values: InviteUserValues) {
    setNotice(null);
    const input = { email: values.email.trim(), displayName: values.displayName.trim(), role: values.role };
    const payload = await inviteForm.submit(async () => (await invite({ variables: { input } })).data?.inviteUser);
    if (payload?.user) {
      setNotice(t("users.invite.done", { name: payload.user.displayName, role: t(`role.${payload.user.role}`) }));
      openInvite(false);
    }
  }

  async function onChangeRole(user: UserRow, role: UserRole) {
    setNotice(null);
    const done = await rows.run(
      user.id,
      "role",
      async () => (await changeRole({ variables: { input: { userId: user.id, role } } })).data?.changeUserRole,
    );
    if (done?.user) setNotice(t("users.role.done", { name: user.displayName, role: t(`role.${done.user.role}`) }));
  }

  async function onDeactivate(user: UserRow) {
    setNotice(null);
    const done = await rows.run(
      user.id,
      "deactivate",
      async () => (await deactivate({ variables: { input: { userId: user.id } } })).data?.deactivateUser,
    );
    if (done) setNotice(t("users.deactivate.done", { name: user.displayName }));
  }

  return (
    <SettingsListPanel
      titleId="users-title"
      title={t("users.title")}
      intro={t("users.intro", { partner: viewer.partner.name })}
      panelId="invite-user-panel"
      openLabel={t("users.invite.open")}
      open={url.invite}
      onOpen={openInvite}
      form={
        <InviteUserForm
          roles={grantable}
          form={inviteForm}
          onSubmit={(v) => void onInvite(v)}
          onCancel={() => openInvite(false)}
        />
      }
      notice={notice}
      connection={connection}
      list={list}
      emptyText={t("users.empty")}
      after={url.after}
      onPage={(after) => setUrl({ after }, { keepCursor: true })}
    >
      {(page) => (
        <UserTable
          users={page.nodes}
          viewerId={viewer.user.id}
          viewerRole={viewer.user.role}
          grantable={grantable}
          pending={rows.pending}
          rowErrors={rows.rowErrors}
          onChangeRole={(u, r) => void onChangeRole(u, r)}
          onDeactivate={(u) => void onDeactivate(u)}
        />
      )}
    </SettingsListPanel>
  );
}
