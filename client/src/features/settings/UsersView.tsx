import { useState } from "react";
import { PagedList } from "../../components/PagedList";
import { FormPanel } from "../../components/FormPanel";
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
import { UserTable, type UserRow } from "./components/UserTable";
import { SettingsNav } from "./SettingsNav";
import { usersParams } from "./urls";
import "./messages";
import "./settings.css";

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
  if (!viewer.permissions.canManageUsers) {
    return (
      <section className="settings" aria-labelledby="users-title">
        <h1 id="users-title">{t("users.title")}</h1>
        <p className="notice">
          {t("settings.notAllowed", { role: t(`role.${viewer.user.role}`), what: t("settings.users") })}
        </p>
      </section>
    );
  }
  return <ManageUsers />;
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
    <section className="settings cust" aria-labelledby="users-title">
      <SettingsNav />
      <div className="page-head">
        <h1 id="users-title">{t("users.title")}</h1>
        <button
          type="button"
          className={url.invite ? undefined : "secondary"}
          aria-expanded={url.invite}
          aria-controls="invite-user-panel"
          onClick={() => openInvite(!url.invite)}
        >
          {t("users.invite.open")}
        </button>
      </div>
      <p className="hint">{t("users.intro", { partner: viewer.partner.name })}</p>
      <div id="invite-user-panel">
        {url.invite && (
          <FormPanel onClose={() => openInvite(false)}>
            <InviteUserForm
              roles={grantable}
              form={inviteForm}
              onSubmit={(v) => void onInvite(v)}
              onCancel={() => openInvite(false)}
            />
          </FormPanel>
        )}
      </div>
      <p role="status" className={notice ? "success" : "sr-only"}>
        {notice ?? ""}
      </p>
      <PagedList
        connection={connection}
        loading={list.loading}
        error={list.error}
        onRetry={() => void list.refetch()}
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
      </PagedList>
    </section>
  );
}
