import { defineMessages, type KeysOf } from "../../lib/i18n";

/** An indirect reseller's "transfer": TRANSFER requests to its provider (wizard/ResellerTransferAsk). */
export const transferAskMessages = defineMessages({
  en: {
    "transfers.ask.title": "Ask my provider to transfer",
    "transfers.ask.intro":
      "{partner} is an indirect reseller: it cannot request transfers itself (rule R22). Choose a customer and the subscriptions you want to take over; your provider files the transfer naming you as the reseller.",
    "transfers.ask.pickCustomer": "Which customer?",
    "transfers.ask.subscriptionsOf": "Subscriptions of {customer}",
    "transfers.ask.otherCustomer": "Choose another customer",
    "transfers.ask.none": "This customer has no CSP subscriptions to take over.",
    "transfers.ask.hint":
      "Tick the subscriptions to take over. {provider} gets one request per subscription and answers each one.",
    "transfers.ask.provider": "Provider to ask",
    "transfers.ask.legend": "Subscriptions to take over",
    "transfers.ask.billedBy": "Billed by {partner}",
    "transfers.ask.seats": "{count, plural, one {# licence} other {# licences}}",
    "transfers.ask.subscriptions": "{count, plural, one {# subscription} other {# subscriptions}}",
    "transfers.ask.alreadyOpen": "You already asked {provider} on {date}; that request is still open.",
    "transfers.ask.seeOpen": "See your open requests",
    "transfers.ask.yoursHidden":
      "{count, plural, one {# subscription already sold through you is not listed: nothing to take over.} other {# subscriptions already sold through you are not listed: nothing to take over.}}",
    "transfers.ask.addon": "Add-on: it moves with its base subscription, {base}.",
    "transfers.ask.note": "Note to your provider (optional)",
    "transfers.ask.send": "Ask my provider to transfer",
    "transfers.ask.pickOne": "Tick at least one subscription first.",
    "transfers.ask.confirm": "Ask {provider} to take over {what} of {customer} for you?",
    "transfers.ask.confirmYes": "Yes, send the request",
    "transfers.ask.sending": "Sending…",
    "transfers.ask.sent": "Sent to {provider}: transfer {offer}.",
    "transfers.ask.failed": "Not sent for {offer}:",
    "transfers.ask.toCustomer": "Back to the customer",
  },
  "pt-PT": {
    "transfers.ask.title": "Pedir ao meu fornecedor uma transferência",
    "transfers.ask.intro":
      "{partner} é um revendedor indireto: não pode pedir transferências (regra R22). Escolha um cliente e as subscrições que quer assumir; o seu fornecedor faz a transferência indicando-o como revendedor.",
    "transfers.ask.pickCustomer": "Que cliente?",
    "transfers.ask.subscriptionsOf": "Subscrições de {customer}",
    "transfers.ask.otherCustomer": "Escolher outro cliente",
    "transfers.ask.none": "Este cliente não tem subscrições CSP para assumir.",
    "transfers.ask.hint":
      "Marque as subscrições a assumir. {provider} recebe um pedido por subscrição e responde a cada um.",
    "transfers.ask.provider": "Fornecedor a quem pedir",
    "transfers.ask.legend": "Subscrições a assumir",
    "transfers.ask.billedBy": "Faturada por {partner}",
    "transfers.ask.seats": "{count, plural, one {# licença} other {# licenças}}",
    "transfers.ask.subscriptions": "{count, plural, one {# subscrição} other {# subscrições}}",
    "transfers.ask.alreadyOpen": "Já pediu a {provider} em {date}; esse pedido continua aberto.",
    "transfers.ask.seeOpen": "Ver os seus pedidos abertos",
    "transfers.ask.yoursHidden":
      "{count, plural, one {# subscrição já vendida por si não é mostrada: nada a assumir.} other {# subscrições já vendidas por si não são mostradas: nada a assumir.}}",
    "transfers.ask.addon": "Suplemento: muda com a subscrição base, {base}.",
    "transfers.ask.note": "Nota para o seu fornecedor (opcional)",
    "transfers.ask.send": "Pedir ao meu fornecedor a transferência",
    "transfers.ask.pickOne": "Marque primeiro pelo menos uma subscrição.",
    "transfers.ask.confirm": "Pedir a {provider} que assuma {what} de {customer} por si?",
    "transfers.ask.confirmYes": "Sim, enviar o pedido",
    "transfers.ask.sending": "A enviar…",
    "transfers.ask.sent": "Enviado a {provider}: transferir {offer}.",
    "transfers.ask.failed": "Não enviado para {offer}:",
    "transfers.ask.toCustomer": "Voltar ao cliente",
  },
});

declare module "../../lib/i18n" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this file's keys to the catalog.
  interface MessageCatalog extends KeysOf<typeof transferAskMessages> {}
}
