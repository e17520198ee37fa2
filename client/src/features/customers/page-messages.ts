import { defineMessages, type KeysOf } from "../../lib/i18n";

/**
 * Strings of the customer page's work layout: counts in plural forms (ICU plural messages), the
 * subscription actions menu, the MCA acceptance record, "manage relationship" and the page's sections.
 */
export const customerPageMessages = defineMessages({
  en: {
    "customers.subs.countOf": "{count, plural, one {# subscription} other {# subscriptions}}",
    "customers.subs.licences": "{count, plural, one {# licence} other {# licences}}",
    "customers.subs.usage": "Pay as you go",
    "customers.menu.details": "Details",
    "customers.menu.label": "What you can do with {name}",
    "customers.menu.nothing": "Nothing can be changed on this subscription in its present status.",
    "customers.menu.supportYes": "Your organization can support this subscription.",
    "customers.menu.supportNo": "Your organization cannot support this subscription:",
    "customers.menu.transfer": "Take over by transfer",
    "customers.ask.TRANSFER": "Ask provider to take it over (transfer)",
    "customers.ask.question.TRANSFER": "Ask {provider} to take {name} over by transfer, with you as the reseller?",
    "customers.ask.what.TRANSFER": "take {name} over by transfer",
    "customers.ask.confirmTitle": "Send this request?",
    "customers.ask.review": "Review request",
    "customers.ask.confirmOrder": "Ask {provider} to order {offer} ({quantity}) for this customer.",
    "customers.ask.duplicate":
      "You already asked {provider} for {offer} on {date} and it is still open: send another request only if this is a new order.",
    "customers.ask.back": "Back to the form",
    "customers.page.sections": "On this page",
    "customers.page.subscriptions": "Subscriptions",
    "customers.page.relationships": "Relationships",
    "customers.page.activity": "Activity",
    "customers.actions.newTransfer": "Take over subscriptions by transfer",
    "customers.mca.record": "Record acceptance",
    "customers.mca.title": "Record the customer's acceptance of the Microsoft Customer Agreement",
    "customers.mca.explain":
      "Orders need it (rule R3). Record it once a user of the customer has accepted the agreement: the date and who accepted.",
    "customers.mca.source": "Confirm customer acceptance of the Microsoft Customer Agreement",
    "customers.mca.date": "Date accepted",
    "customers.mca.name": "Accepted by (full name)",
    "customers.mca.email": "Their email address",
    "customers.mca.save": "Record acceptance",
    "customers.mca.saving": "Recording…",
    "customers.mca.cancel": "Cancel",
    "customers.mca.done": "The customer's acceptance is recorded: orders no longer wait for it.",
    "customers.mca.recordedOn": "Accepted on {date} by {name}",
    "customers.create.openReseller": "Add a customer",
    "customers.create.invite": "Send an invitation link (with your provider)",
    "customers.rel.manage": "Manage relationship",
    "customers.rel.manageHint":
      "Ending the relationship stops your access to this customer. It is possible only once nothing you bill is active.",
  },
  "pt-PT": {
    "customers.subs.countOf": "{count, plural, one {# subscrição} other {# subscrições}}",
    "customers.subs.licences": "{count, plural, one {# licença} other {# licenças}}",
    "customers.subs.usage": "Pagamento por utilização",
    "customers.menu.details": "Detalhes",
    "customers.menu.label": "O que pode fazer com {name}",
    "customers.menu.nothing": "Nada pode ser alterado nesta subscrição no estado atual.",
    "customers.menu.supportYes": "A sua organização pode dar suporte a esta subscrição.",
    "customers.menu.supportNo": "A sua organização não pode dar suporte a esta subscrição:",
    "customers.menu.transfer": "Assumir por transferência",
    "customers.ask.TRANSFER": "Pedir ao fornecedor que a assuma (transferência)",
    "customers.ask.question.TRANSFER":
      "Pedir a {provider} que assuma {name} por transferência, com a sua organização como revendedor?",
    "customers.ask.what.TRANSFER": "assumir {name} por transferência",
    "customers.ask.confirmTitle": "Enviar este pedido?",
    "customers.ask.review": "Rever pedido",
    "customers.ask.confirmOrder": "Pedir a {provider} que encomende {offer} ({quantity}) para este cliente.",
    "customers.ask.duplicate":
      "Já pediu {offer} a {provider} a {date} e o pedido continua aberto: envie outro pedido só se for uma nova encomenda.",
    "customers.ask.back": "Voltar ao formulário",
    "customers.page.sections": "Nesta página",
    "customers.page.subscriptions": "Subscrições",
    "customers.page.relationships": "Relações",
    "customers.page.activity": "Atividade",
    "customers.actions.newTransfer": "Assumir subscrições por transferência",
    "customers.mca.record": "Registar aceitação",
    "customers.mca.title": "Registar a aceitação do Contrato de Cliente Microsoft pelo cliente",
    "customers.mca.explain":
      "As encomendas precisam dela (regra R3). Registe-a quando um utilizador do cliente tiver aceitado o contrato: a data e quem aceitou.",
    "customers.mca.source": "Confirmar a aceitação do Contrato de Cliente Microsoft",
    "customers.mca.date": "Data de aceitação",
    "customers.mca.name": "Aceite por (nome completo)",
    "customers.mca.email": "O respetivo endereço de email",
    "customers.mca.save": "Registar aceitação",
    "customers.mca.saving": "A registar…",
    "customers.mca.cancel": "Cancelar",
    "customers.mca.done": "A aceitação do cliente está registada: as encomendas já não esperam por ela.",
    "customers.mca.recordedOn": "Aceite a {date} por {name}",
    "customers.create.openReseller": "Adicionar cliente",
    "customers.create.invite": "Enviar uma ligação de convite (com o seu fornecedor)",
    "customers.rel.manage": "Gerir relação",
    "customers.rel.manageHint":
      "Terminar a relação retira-lhe o acesso a este cliente. Só é possível quando nada do que fatura estiver ativo.",
  },
});

declare module "../../lib/i18n" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this file's keys to the catalog.
  interface MessageCatalog extends KeysOf<typeof customerPageMessages> {}
}
