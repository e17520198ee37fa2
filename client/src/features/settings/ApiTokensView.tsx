import { useState } from "react";
import {
  useSettingsApiTokensQuery,
  useSettingsCreateApiTokenMutation,
  useSettingsRevokeApiTokenMutation,
} from "../../graphql/generated";
import { refetchOnSuccess } from "../../lib/graphql";
import { useI18n } from "../../lib/i18n";
import { useMutationForm, useRowMutations } from "../../lib/mutation-form";
import { useUrlParams } from "../../lib/url-params";
import { useViewer } from "../shell/viewer";
import { ApiTokenTable, type ApiTokenRow } from "./components/ApiTokenTable";
import { CreateApiTokenForm, type CreateApiTokenValues } from "./components/CreateApiTokenForm";
import { SettingsGate, SettingsListPanel } from "./components/SettingsListPanel";
import { TokenSecret } from "./components/TokenSecret";
import { apiTokensParams } from "./urls";
import "./messages";

const PAGE_SIZE = 25;
const REFETCH = ["SettingsApiTokens"];
const DAY_MS = 86_400_000;
/** Kept off the 365-day limit, so that a clock slightly ahead of the server's is not refused. */
const CLOCK_MARGIN_MS = 3_600_000;

/**
 * /settings/api-tokens — tokens for third-party tools (GLOBAL_ADMIN, ADMIN_AGENT): create one (its secret shown
 * once), see when each was last used, revoke.
 */
export function ApiTokensView() {
  const { t } = useI18n();
  const viewer = useViewer();
  return (
    <SettingsGate
      allowed={viewer.permissions.canManageApiTokens}
      titleId="tokens-title"
      title={t("tokens.title")}
      notAllowed={t("settings.notAllowed", { role: t(`role.${viewer.user.role}`), what: t("settings.apiTokens") })}
    >
      <ManageApiTokens />
    </SettingsGate>
  );
}

function ManageApiTokens() {
  const { t } = useI18n();
  const viewer = useViewer();
  const [url, setUrl] = useUrlParams(apiTokensParams);
  const list = useSettingsApiTokensQuery({
    variables: { first: PAGE_SIZE, after: url.after || null },
    fetchPolicy: "cache-and-network",
  });
  const connection = (list.data ?? list.previousData)?.apiTokens;
  const [now] = useState(() => Date.now());
  const [notice, setNotice] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);

  // The answer carries the secret: not written to the cache, so it is nowhere once this screen lets it go.
  const [create] = useSettingsCreateApiTokenMutation({
    fetchPolicy: "no-cache",
    refetchQueries: refetchOnSuccess((d) => d.createApiToken, REFETCH),
  });
  const createForm = useMutationForm();
  const [revoke] = useSettingsRevokeApiTokenMutation();
  const rows = useRowMutations<"revoke">();

  function openCreate(open: boolean) {
    createForm.reset();
    if (open) setSecret(null);
    setUrl({ create: open }, { keepCursor: true });
  }

  async function onCreate(values: CreateApiTokenValues) {
    setNotice(null);
    const input = {
      name: values.name.trim(),
      scopes: values.scopes,
      expiresAt: new Date(Date.now() + values.days * DAY_MS - (values.days >= 365 ? CLOCK_MARGIN_MS : 0)).toISOString(),
    };
    const payload = await createForm.submit(async () => (await create({ variables: { input } })).data?.createApiToken);
    if (payload?.token && payload.apiToken) {
      setSecret({ name: payload.apiToken.name, token: payload.token });
      openCreate(false);
    }
  }

  async function onRevoke(token: ApiTokenRow) {
    setNotice(null);
    const done = await rows.run(
      token.id,
      "revoke",
      async () => (await revoke({ variables: { input: { id: token.id } } })).data?.revokeApiToken,
    );
    if (done) setNotice(t("tokens.revoke.done", { name: token.name }));
  }

  return (
    <SettingsListPanel
      titleId="tokens-title"
      title={t("tokens.title")}
      intro={t("tokens.intro", { partner: viewer.partner.name })}
      panelId="create-token-panel"
      openLabel={t("tokens.create.open")}
      open={url.create}
      onOpen={openCreate}
      form={
        <CreateApiTokenForm form={createForm} onSubmit={(v) => void onCreate(v)} onCancel={() => openCreate(false)} />
      }
      above={secret && <TokenSecret name={secret.name} secret={secret.token} onDone={() => setSecret(null)} />}
      notice={notice}
      connection={connection}
      list={list}
      emptyText={t("tokens.empty")}
      after={url.after}
      onPage={(after) => setUrl({ after }, { keepCursor: true })}
    >
      {(page) => (
        <ApiTokenTable
          tokens={page.nodes}
          now={now}
          pendingId={rows.pending?.id ?? null}
          rowErrors={rows.rowErrors}
          onRevoke={(tok) => void onRevoke(tok)}
        />
      )}
    </SettingsListPanel>
  );
}
