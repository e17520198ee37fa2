import { useState } from "react";
import { ConfirmButton } from "../../components/ConfirmButton";
import {
  useSettingsCreateWebhookEndpointMutation,
  useSettingsDeleteWebhookEndpointMutation,
  useSettingsRotateWebhookSecretMutation,
  useSettingsWebhookEndpointsQuery,
  type SettingsWebhookEndpointRowFragment,
} from "../../graphql/generated";
import { refetchOnSuccess } from "../../lib/graphql";
import { useI18n } from "../../lib/i18n";
import { useMutationForm, useRowMutations } from "../../lib/mutation-form";
import { useUrlParams } from "../../lib/url-params";
import { useViewer } from "../shell/viewer";
import { CreateWebhookForm, type CreateWebhookValues } from "./components/CreateWebhookForm";
import { RowErrors, rowActionState, SettingsGate, SettingsListPanel } from "./components/SettingsListPanel";
import { WebhookDeliveries } from "./components/WebhookDeliveries";
import { WebhookSecret } from "./components/WebhookSecret";
import { webhooksParams } from "./urls";
import "./webhook-messages";

const PAGE_SIZE = 25;
const REFETCH = ["SettingsWebhookEndpoints"];
type Row = SettingsWebhookEndpointRowFragment;

/**
 * /settings/webhooks — outbound webhooks (GLOBAL_ADMIN): add an endpoint (its signing secret shown once), rotate the
 * secret, delete, and read an endpoint's deliveries with each attempt's response code, replaying one.
 */
export function WebhooksView() {
  const { t } = useI18n();
  const viewer = useViewer();
  return (
    <SettingsGate
      allowed={viewer.permissions.canManageWebhooks}
      titleId="webhooks-title"
      title={t("webhooks.title")}
      notAllowed={t("settings.notAllowed", { role: t(`role.${viewer.user.role}`), what: t("settings.webhooks") })}
    >
      <ManageWebhooks />
    </SettingsGate>
  );
}

function ManageWebhooks() {
  const { t } = useI18n();
  const viewer = useViewer();
  const [url, setUrl] = useUrlParams(webhooksParams);
  const list = useSettingsWebhookEndpointsQuery({
    variables: { first: PAGE_SIZE, after: url.after || null },
    fetchPolicy: "cache-and-network",
  });
  const connection = (list.data ?? list.previousData)?.webhookEndpoints;
  const [notice, setNotice] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);

  // The answers carry the secret: not written to the cache, so it is nowhere once this screen lets it go.
  const [create] = useSettingsCreateWebhookEndpointMutation({
    fetchPolicy: "no-cache",
    refetchQueries: refetchOnSuccess((d) => d.createWebhookEndpoint, REFETCH),
  });
  const [rotate] = useSettingsRotateWebhookSecretMutation({ fetchPolicy: "no-cache" });
  const [remove] = useSettingsDeleteWebhookEndpointMutation({
    refetchQueries: refetchOnSuccess((d) => d.deleteWebhookEndpoint, REFETCH),
  });
  const createForm = useMutationForm();
  const rows = useRowMutations<"rotate" | "delete">();
  const open = connection?.nodes.find((n) => n.id === url.endpoint) ?? null;

  function openCreate(show: boolean) {
    createForm.reset();
    if (show) setSecret(null);
    setUrl({ create: show }, { keepCursor: true });
  }

  async function onCreate(values: CreateWebhookValues) {
    setNotice(null);
    const input = { url: values.url, description: values.description || null, eventTypes: values.eventTypes };
    const payload = await createForm.submit(
      async () => (await create({ variables: { input } })).data?.createWebhookEndpoint,
    );
    if (payload?.secret && payload.webhookEndpoint) {
      setSecret({ url: payload.webhookEndpoint.url, secret: payload.secret });
      openCreate(false);
    }
  }

  async function onRotate(row: Row) {
    setNotice(null);
    const done = await rows.run(
      row.id,
      "rotate",
      async () => (await rotate({ variables: { input: { id: row.id } } })).data?.rotateWebhookSecret,
    );
    if (done?.secret) setSecret({ url: row.url, secret: done.secret });
  }

  async function onDelete(row: Row) {
    setNotice(null);
    const done = await rows.run(
      row.id,
      "delete",
      async () => (await remove({ variables: { input: { id: row.id } } })).data?.deleteWebhookEndpoint,
    );
    if (done) {
      setNotice(t("webhooks.delete.done", { url: row.url }));
      if (url.endpoint === row.id) setUrl({ endpoint: "" }, { keepCursor: true });
    }
  }

  return (
    <SettingsListPanel
      titleId="webhooks-title"
      title={t("webhooks.title")}
      intro={t("webhooks.intro", { partner: viewer.partner.name })}
      panelId="create-webhook-panel"
      openLabel={t("webhooks.add.open")}
      open={url.create}
      onOpen={openCreate}
      form={
        <CreateWebhookForm form={createForm} onSubmit={(v) => void onCreate(v)} onCancel={() => openCreate(false)} />
      }
      above={secret && <WebhookSecret url={secret.url} secret={secret.secret} onDone={() => setSecret(null)} />}
      notice={notice}
      connection={connection}
      list={list}
      emptyText={t("webhooks.empty")}
      after={url.after}
      onPage={(after) => setUrl({ after }, { keepCursor: true })}
      below={
        open && (
          <WebhookDeliveries
            key={open.id}
            endpointId={open.id}
            url={open.url}
            onClose={() => setUrl({ endpoint: "" }, { keepCursor: true })}
          />
        )
      }
    >
      {(page) => (
        <table className="settings-table">
          <caption className="sr-only">{t("webhooks.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("webhooks.col.url")}</th>
              <th scope="col">{t("webhooks.col.events")}</th>
              <th scope="col">{t("webhooks.col.status")}</th>
              <th scope="col">{t("webhooks.col.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {page.nodes.map((row) => (
              <tr key={row.id} data-testid="webhook-row">
                <td className="break-all">
                  {row.url}
                  {row.description && (
                    <>
                      <br />
                      <small className="muted">{row.description}</small>
                    </>
                  )}
                  <br />
                  <code className="muted">{row.secretPrefix}…</code>
                </td>
                <td>
                  {row.eventTypes.length === 0 ? (
                    t("webhooks.events.all")
                  ) : (
                    <ul className="plain">
                      {row.eventTypes.map((type) => (
                        <li key={type}>
                          <code>{type}</code>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  {row.active ? t("webhooks.status.active") : t("webhooks.status.off")}
                  {row.disabledReason && (
                    <>
                      <br />
                      <small className="muted">{row.disabledReason}</small>
                    </>
                  )}
                </td>
                <td>
                  <div className="form-actions">
                    <button
                      type="button"
                      className="secondary"
                      aria-label={t("webhooks.deliveries.showLabel", { url: row.url })}
                      aria-pressed={url.endpoint === row.id}
                      onClick={() => setUrl({ endpoint: url.endpoint === row.id ? "" : row.id }, { keepCursor: true })}
                    >
                      {t("webhooks.deliveries.show")}
                    </button>
                    <ConfirmButton
                      label={t("webhooks.rotate")}
                      accessibleLabel={t("webhooks.rotateLabel", { url: row.url })}
                      question={t("webhooks.rotate.confirm", { url: row.url })}
                      confirmLabel={t("webhooks.rotate.confirmButton")}
                      pendingLabel={t("webhooks.rotate.pending")}
                      {...rowActionState(rows.pending, row.id, "rotate")}
                      layout="swap"
                      onConfirm={() => void onRotate(row)}
                    />
                    <ConfirmButton
                      label={t("webhooks.delete")}
                      accessibleLabel={t("webhooks.deleteLabel", { url: row.url })}
                      question={t("webhooks.delete.confirm", { url: row.url })}
                      confirmLabel={t("webhooks.delete.confirmButton")}
                      pendingLabel={t("webhooks.delete.pending")}
                      {...rowActionState(rows.pending, row.id, "delete")}
                      danger
                      layout="swap"
                      onConfirm={() => void onDelete(row)}
                    />
                  </div>
                  <RowErrors errors={rows.rowErrors[row.id]} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </SettingsListPanel>
  );
}
