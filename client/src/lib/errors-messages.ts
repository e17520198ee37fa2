import { defineMessages, type KeysOf } from "./i18n";

/** How failed requests read (lib/errors.ts). */
export const failureMessages = defineMessages({
  en: {
    "failure.unavailable":
      "The service is not available at the moment (it may be restarting). Try again in a few seconds.",
    "failure.network": "Cannot reach the server. Check your connection, then try again.",
    "failure.throttled": "Too many requests in a short time. Wait a moment, then try again.",
    "failure.forbidden": "Your role does not allow this.",
    "failure.unauthenticated": "Your session has ended. Sign in again.",
    "failure.server": "Something failed on the server. Try again; if it keeps failing, tell your administrator.",
    "failure.serverRef":
      "Something failed on the server (reference {ref}). Try again; if it keeps failing, tell your administrator the reference.",
    "failure.noAnswer": "The server sent no answer. Try again.",
    "stale.title": "This may be out of date.",
    "stale.text": "Refreshing failed, so you are seeing the data loaded earlier. {reason}",
  },
  "pt-PT": {
    "failure.unavailable":
      "O serviço não está disponível de momento (pode estar a reiniciar). Tente de novo dentro de alguns segundos.",
    "failure.network": "Não é possível contactar o servidor. Verifique a ligação e tente de novo.",
    "failure.throttled": "Demasiados pedidos em pouco tempo. Aguarde um momento e tente de novo.",
    "failure.forbidden": "A sua função não permite esta ação.",
    "failure.unauthenticated": "A sua sessão terminou. Inicie sessão de novo.",
    "failure.server": "Ocorreu uma falha no servidor. Tente de novo; se continuar a falhar, avise o administrador.",
    "failure.serverRef":
      "Ocorreu uma falha no servidor (referência {ref}). Tente de novo; se continuar a falhar, indique a referência ao administrador.",
    "failure.noAnswer": "O servidor não enviou resposta. Tente de novo.",
    "stale.title": "Estes dados podem estar desatualizados.",
    "stale.text": "A atualização falhou, por isso está a ver os dados carregados antes. {reason}",
  },
});

declare module "./i18n" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this file's keys to the catalog.
  interface MessageCatalog extends KeysOf<typeof failureMessages> {}
}
