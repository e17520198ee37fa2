import { defineMessages, type KeysOf } from "../../lib/i18n";

export const searchMessages = defineMessages({
  en: {
    "search.label": "Search customers and subscriptions",
    "search.placeholder": "Customer, domain, tenant id, offer…",
    "search.shortcut": "Search (press /)",
    "search.results": "Search results",
    "search.customers": "Customers",
    "search.subscriptions": "Subscriptions",
    "search.none": "Nothing in your network matches “{query}”.",
    "search.loading": "Searching…",
    "search.tooShort": "Type at least 2 characters.",
    "search.countOf.customers": "{count, plural, one {# customer} other {# customers}}",
    "search.countOf.subscriptions": "{count, plural, one {# subscription} other {# subscriptions}}",
    "search.count": "{customers}, {subscriptions}. Use the arrow keys and Enter.",
  },
  "pt-PT": {
    "search.label": "Pesquisar clientes e subscrições",
    "search.placeholder": "Cliente, domínio, id do inquilino, oferta…",
    "search.shortcut": "Pesquisar (tecla /)",
    "search.results": "Resultados da pesquisa",
    "search.customers": "Clientes",
    "search.subscriptions": "Subscrições",
    "search.none": "Nada na sua rede corresponde a “{query}”.",
    "search.loading": "A pesquisar…",
    "search.tooShort": "Escreva pelo menos 2 caracteres.",
    "search.countOf.customers": "{count, plural, one {# cliente} other {# clientes}}",
    "search.countOf.subscriptions": "{count, plural, one {# subscrição} other {# subscrições}}",
    "search.count": "{customers}, {subscriptions}. Use as setas e Enter.",
  },
});

declare module "../../lib/i18n" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this file's keys to the catalog.
  interface MessageCatalog extends KeysOf<typeof searchMessages> {}
}
