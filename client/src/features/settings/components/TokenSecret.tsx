import { useI18n } from "../../../lib/i18n";
import { OneTimeSecret } from "./OneTimeSecret";
import "../messages";

/** The secret of a token just created, shown this once (the server keeps only its hash). */
export function TokenSecret({ name, secret, onDone }: { name: string; secret: string; onDone(): void }) {
  const { t } = useI18n();
  return (
    <OneTimeSecret
      kind="token"
      secret={secret}
      onDone={onDone}
      texts={{
        title: t("tokens.secret.title"),
        warning: t("tokens.secret.warning", { name }),
        label: t("tokens.secret.label"),
        copy: t("tokens.secret.copy"),
        done: t("tokens.secret.done"),
        copied: t("tokens.secret.copied"),
        copyFailed: t("tokens.secret.copyFailed"),
      }}
    />
  );
}
