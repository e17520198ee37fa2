import { defineMessages, type KeysOf } from "../../lib/i18n";

// The reseller page (/resellers/:id) and the list controls added to the resellers list.
export const resellerPageMessages = defineMessages({
  en: {
    "reseller.back": "← All resellers",
    "reseller.notFound.title": "Reseller not found",
    "reseller.notFound.text": "This partner is not one of your resellers, or the address is wrong.",
    "reseller.fact.partnerId": "Partner ID (MPN)",
    "reseller.fact.country": "Country / market",
    "reseller.fact.programStatus": "CSP program status",
    "reseller.fact.mpa": "Microsoft Partner Agreement signed",
    "reseller.fact.since": "Partnership",
    "reseller.fact.counts": "In your network",
    "reseller.counts": "{customers} customers, {subscriptions} live subscriptions",
    "reseller.unknown": "Shown once accepted",
    "reseller.yes": "Yes",
    "reseller.no": "No",
    "reseller.program.ACTIVE": "Active",
    "reseller.program.SUSPENDED": "Suspended",
    "reseller.program.DEAUTHORIZED": "Deauthorized",
    "reseller.fact.recorded": "recorded in channelgate (Partner Center does not serve it)",
    "reseller.fact.recordedBy": "Facts recorded here: last change",
    "reseller.compliance.title": "Compliance",
    "reseller.customers.title": "Customers",
    "reseller.customers.empty": "This reseller has no customers in your network.",
    "reseller.subscriptions.title": "Subscriptions as reseller of record",
    "reseller.subscriptions.empty": "No live subscription names this reseller as reseller of record.",
    "reseller.subscriptions.all":
      "{count, plural, one {The # subscription of {name}, with sorting, paging and export} other {All # subscriptions of {name}, with sorting, paging and export}}",
    "reseller.requests.title": "Open requests from this reseller",
    "reseller.requests.empty": "No open requests from this reseller.",
    "reseller.requests.all":
      "{count, plural, one {# open request in the requests list} other {All # open requests in the requests list}}",
    "reseller.invitedOnly":
      "The invitation is not accepted yet: the reseller's customers, subscriptions and requests show once it is.",
    "reseller.endedOnly": "This partnership has ended: its customers and subscriptions are no longer in your network.",
    "reseller.filter.chip": "Only requests from {name}",
    "reseller.filter.oneReseller": "one reseller",
    "reseller.filter.clear": "Show all resellers",
  },
  "pt-PT": {
    "reseller.back": "← Todos os revendedores",
    "reseller.notFound.title": "Revendedor não encontrado",
    "reseller.notFound.text": "Este parceiro não é um dos seus revendedores, ou o endereço está errado.",
    "reseller.fact.partnerId": "ID de parceiro (MPN)",
    "reseller.fact.country": "País / mercado",
    "reseller.fact.programStatus": "Estado no programa CSP",
    "reseller.fact.mpa": "Contrato de Parceiro Microsoft assinado",
    "reseller.fact.since": "Parceria",
    "reseller.fact.counts": "Na sua rede",
    "reseller.counts": "{customers} clientes, {subscriptions} subscrições ativas",
    "reseller.unknown": "Visível após a aceitação",
    "reseller.yes": "Sim",
    "reseller.no": "Não",
    "reseller.program.ACTIVE": "Ativo",
    "reseller.program.SUSPENDED": "Suspenso",
    "reseller.program.DEAUTHORIZED": "Desautorizado",
    "reseller.fact.recorded": "registado no channelgate (o Partner Center não o disponibiliza)",
    "reseller.fact.recordedBy": "Factos registados aqui: última alteração",
    "reseller.compliance.title": "Conformidade",
    "reseller.customers.title": "Clientes",
    "reseller.customers.empty": "Este revendedor não tem clientes na sua rede.",
    "reseller.subscriptions.title": "Subscrições como revendedor registado",
    "reseller.subscriptions.empty": "Nenhuma subscrição ativa indica este revendedor como revendedor registado.",
    "reseller.subscriptions.all":
      "{count, plural, one {A # subscrição de {name}, com ordenação, páginas e exportação} other {Todas as # subscrições de {name}, com ordenação, páginas e exportação}}",
    "reseller.requests.title": "Pedidos em aberto deste revendedor",
    "reseller.requests.empty": "Não há pedidos em aberto deste revendedor.",
    "reseller.requests.all":
      "{count, plural, one {# pedido em aberto na lista de pedidos} other {Todos os # pedidos em aberto na lista de pedidos}}",
    "reseller.invitedOnly":
      "O convite ainda não foi aceite: os clientes, subscrições e pedidos do revendedor aparecem quando o for.",
    "reseller.endedOnly": "Esta parceria terminou: os seus clientes e subscrições já não estão na sua rede.",
    "reseller.filter.chip": "Só pedidos de {name}",
    "reseller.filter.oneReseller": "um revendedor",
    "reseller.filter.clear": "Mostrar todos os revendedores",
  },
});

declare module "../../lib/i18n" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this file's keys to the catalog.
  interface MessageCatalog extends KeysOf<typeof resellerPageMessages> {}
}
