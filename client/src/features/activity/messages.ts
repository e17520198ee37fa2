import { defineMessages, type KeysOf } from "../../lib/i18n";
import "../shell/shell-messages";
import "../../components/components-messages";

/** Strings of the activity (audit log) screens. */
export const activityMessages = defineMessages({
  en: {
    "activity.title": "Activity",
    "activity.intro":
      "Everything your users did, accepted or refused, with the reasons. Kept without a time limit (Partner Center keeps 90 days).",
    "activity.customerTitle": "Activity",
    "activity.resellerTitle": "Activity",
    "activity.resellerIntro":
      "What your organization did about this reseller: its partnership, its requests, the subscriptions it resells and the customers it serves now. The reseller's own actions are in its own log, not here.",
    "activity.filter.operation": "Operation",
    "activity.filter.from": "From",
    "activity.filter.to": "Until",
    "activity.download": "Download CSV",
    "activity.downloadFailed": "The download failed: {message}",
    "activity.empty": "No activity recorded yet.",
    "activity.caption": "Activity, newest first",
    "activity.col.when": "When",
    "activity.col.who": "Who",
    "activity.col.what": "What",
    "activity.col.outcome": "Outcome",
    "activity.col.why": "Changes and reasons",
    "activity.outcome.ACCEPTED": "Accepted",
    "activity.outcome.REFUSED": "Refused",
    "activity.outcome.FAILED": "Failed",
    "activity.actor.unknown": "Unknown",
  },
  "pt-PT": {
    "activity.title": "Atividade",
    "activity.intro":
      "Tudo o que os seus utilizadores fizeram, aceite ou recusado, com os motivos. Guardado sem limite de tempo (o Partner Center guarda 90 dias).",
    "activity.customerTitle": "Atividade",
    "activity.resellerTitle": "Atividade",
    "activity.resellerIntro":
      "O que a sua organização fez relativamente a este revendedor: a parceria, os pedidos, as subscrições que revende e os clientes que serve atualmente. As ações do próprio revendedor estão no registo dele, não aqui.",
    "activity.filter.operation": "Operação",
    "activity.filter.from": "Desde",
    "activity.filter.to": "Até",
    "activity.download": "Transferir CSV",
    "activity.downloadFailed": "A transferência falhou: {message}",
    "activity.empty": "Ainda não há atividade registada.",
    "activity.caption": "Atividade, mais recente primeiro",
    "activity.col.when": "Quando",
    "activity.col.who": "Quem",
    "activity.col.what": "O quê",
    "activity.col.outcome": "Resultado",
    "activity.col.why": "Alterações e motivos",
    "activity.outcome.ACCEPTED": "Aceite",
    "activity.outcome.REFUSED": "Recusado",
    "activity.outcome.FAILED": "Falhou",
    "activity.actor.unknown": "Desconhecido",
  },
});

declare module "../../lib/i18n" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this file's keys to the catalog.
  interface MessageCatalog extends KeysOf<typeof activityMessages> {}
}
