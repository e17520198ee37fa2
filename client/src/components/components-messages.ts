import { defineMessages, type KeysOf } from "../lib/i18n";

export const componentMessages = defineMessages({
  en: {
    "common.loading": "Loading…",
    "common.error": "Something went wrong: {message}",
    "common.retry": "Try again",
    "common.empty": "Nothing here yet.",
    "common.next": "Next page",
    "common.first": "First page",
    "common.page.total": "{count} in total",
    "common.eligible": "Allowed",
    "common.notEligible": "Not allowed",
    "common.advisory": "Note",
    "common.noteMark": "note",
    "common.rule": "Rule {id}",
    "common.source": "Source:",
    "common.submit": "Save",
    "common.cancel": "Cancel",
    "common.saving": "Saving…",
    "confirm.keep": "No, keep it",
    "confirm.working": "Working…",
    "confirm.notAllowedBecause": "Not allowed: {reasons}",
  },
  "pt-PT": {
    "common.loading": "A carregar…",
    "common.error": "Algo correu mal: {message}",
    "common.retry": "Tentar de novo",
    "common.empty": "Ainda não há nada aqui.",
    "common.next": "Página seguinte",
    "common.first": "Primeira página",
    "common.page.total": "{count} no total",
    "common.eligible": "Permitido",
    "common.notEligible": "Não permitido",
    "common.advisory": "Nota",
    "common.noteMark": "nota",
    "common.rule": "Regra {id}",
    "common.source": "Fonte:",
    "common.submit": "Guardar",
    "common.cancel": "Cancelar",
    "common.saving": "A guardar…",
    "confirm.keep": "Não, manter",
    "confirm.working": "A processar…",
    "confirm.notAllowedBecause": "Não permitido: {reasons}",
  },
});

declare module "../lib/i18n" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this file's keys to the catalog.
  interface MessageCatalog extends KeysOf<typeof componentMessages> {}
}
