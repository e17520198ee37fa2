import { defineMessages, type KeysOf } from "../../lib/i18n";
import "../../components/components-messages";
import "../network/reseller-page-messages";

/** Strings of the partner-facts forms (Settings → Partner facts, and the reseller page's program status). */
export const partnerFactsMessages = defineMessages({
  en: {
    "facts.title": "Partner facts",
    "facts.intro":
      "Partner Center serves no read API for {partner}'s CSP program status, its own Microsoft Partner Agreement signature or an Advisor-only standing, yet the rules read them. Record them here; a sync never overwrites what you record.",
    "facts.programStatus": "CSP program status",
    "facts.mpaSigned": "Microsoft Partner Agreement signed",
    "facts.advisorOnly": "Advisor program only (does not transact in CSP)",
    "facts.advisorOnly.hint":
      "An advisor-only partner cannot order or bill subscriptions. Refused for a partner with indirect providers or resellers.",
    "facts.yes": "Yes",
    "facts.no": "No",
    "facts.advisor": "Advisor only",
    "facts.advisor.no": "Transacts in CSP",
    "facts.record.open": "Record facts",
    "facts.record.title": "Record {partner}'s facts",
    "facts.record.intro":
      "The values you change replace the current ones, each marked as recorded by your organization today; the others keep their record. Partner Center is not changed.",
    "facts.record.submit": "Record",
    "facts.record.pending": "Recording…",
    "facts.record.done": "{partner}'s facts were recorded.",
    // The button's accessible name starts with its visible text (axe: label-content-name-mismatch).
    "facts.status.open": "Record program status",
    "facts.status.openLabel": "Record program status of {partner}",
    "facts.status.title": "Record {partner}'s program status",
    "facts.status.intro":
      "As its provider you record the reseller's CSP program status only; its Microsoft Partner Agreement comes from Partner Center.",
    "facts.status.done": "The program status of {partner} was recorded.",
    "facts.by.YOUR_ORGANIZATION": "Recorded by your organization on {date}",
    "facts.by.THIS_PARTNER": "Recorded by {partner} on {date}",
    "facts.by.ANOTHER_PARTNER": "Recorded by another partner on {date}",
    "facts.by.unknown": "Recorded on {date}",
    "facts.provenance": "{fact}: {by}",
    "facts.record.unchanged": "Nothing changed: change a fact to record it.",
    "facts.never": "Never recorded in channelgate: the values come from Partner Center or the sync's defaults.",
    "facts.notAllowed": "Your role ({role}) cannot record partner facts. A global admin can.",
  },
  "pt-PT": {
    "facts.title": "Factos do parceiro",
    "facts.intro":
      "O Partner Center não disponibiliza por API o estado de {partner} no programa CSP, a sua assinatura do Contrato de Parceiro Microsoft nem o estatuto de apenas Advisor, mas as regras leem-nos. Registe-os aqui; uma sincronização nunca substitui o que registar.",
    "facts.programStatus": "Estado no programa CSP",
    "facts.mpaSigned": "Contrato de Parceiro Microsoft assinado",
    "facts.advisorOnly": "Apenas programa Advisor (não transaciona no CSP)",
    "facts.advisorOnly.hint":
      "Um parceiro apenas Advisor não pode encomendar nem faturar subscrições. Recusado para um parceiro com fornecedores ou revendedores indiretos.",
    "facts.yes": "Sim",
    "facts.no": "Não",
    "facts.advisor": "Apenas Advisor",
    "facts.advisor.no": "Transaciona no CSP",
    "facts.record.open": "Registar factos",
    "facts.record.title": "Registar os factos de {partner}",
    "facts.record.intro":
      "Os valores que alterar substituem os atuais, cada um marcado como registado hoje pela sua organização; os outros mantêm o seu registo. O Partner Center não é alterado.",
    "facts.record.submit": "Registar",
    "facts.record.pending": "A registar…",
    "facts.record.done": "Os factos de {partner} foram registados.",
    "facts.status.open": "Registar estado no programa",
    "facts.status.openLabel": "Registar estado no programa de {partner}",
    "facts.status.title": "Registar o estado no programa de {partner}",
    "facts.status.intro":
      "Como fornecedor, regista apenas o estado do revendedor no programa CSP; o seu Contrato de Parceiro Microsoft vem do Partner Center.",
    "facts.status.done": "O estado no programa de {partner} foi registado.",
    "facts.by.YOUR_ORGANIZATION": "Registado pela sua organização em {date}",
    "facts.by.THIS_PARTNER": "Registado por {partner} em {date}",
    "facts.by.ANOTHER_PARTNER": "Registado por outro parceiro em {date}",
    "facts.by.unknown": "Registado em {date}",
    "facts.provenance": "{fact}: {by}",
    "facts.record.unchanged": "Nada mudou: altere um facto para o registar.",
    "facts.never":
      "Nunca registado no channelgate: os valores vêm do Partner Center ou das predefinições da sincronização.",
    "facts.notAllowed": "A sua função ({role}) não pode registar factos do parceiro. Um administrador global pode.",
  },
});

declare module "../../lib/i18n" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this file's keys to the catalog.
  interface MessageCatalog extends KeysOf<typeof partnerFactsMessages> {}
}
