import { useState } from "react";
import { PagedList } from "../../components/PagedList";
import { FormPanel } from "../../components/FormPanel";
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
import { TokenSecret } from "./components/TokenSecret";
import { SettingsNav } from "./SettingsNav";
import { apiTokensParams } from "./urls";
import "./messages";
import "./settings.css";

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
  if (!viewer.permissions.canManageApiTokens) {
    return (
      <section className="settings" aria-labelledby="tokens-title">
        <h1 id="tokens-title">{t("tokens.title")}</h1>
        <p className="notice">
          {t("settings.notAllowed", { role: t(`role.${viewer.user.role}`), what: t("settings.apiTokens") })}
        </p>
      </section>
    );
  }
  return <ManageApiTokens />;
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
    <section className="settings cust" aria-labelledby="tokens-title">
      <SettingsNav />
      <div className="page-head">
        <h1 id="tokens-title">{t("tokens.title")}</h1>
        <button
          type="button"
          className={url.create ? undefined : "secondary"}
          aria-expanded={url.create}
          aria-controls="create-token-panel"
          onClick={() => openCreate(!url.create)}
        >
          {t("tokens.create.open")}
        </button>
      </div>
      <p className="hint">{t("tokens.intro", { partner: viewer.partner.name })}</p>
      <div id="create-token-panel">
        {url.create && (
          <FormPanel onClose={() => openCreate(false)}>
            <CreateApiTokenForm
              form={createForm}
              onSubmit={(v) => void onCreate(v)}
              onCancel={() => openCreate(false)}
            />
          </FormPanel>
        )}
      </div>
      {secret && <TokenSecret name={secret.name} secret={secret.token} onDone={() => setSecret(null)} />}
      <p role="status" className={notice ? "success" : "sr-only"}>
        {notice ?? ""}
      </p>
      <PagedList
        connection={connection}
        loading={list.loading}
        error={list.error}
        onRetry={() => void list.refetch()}
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
      </PagedList>
    </section>
  );
}
