import { defineMessages } from "../../lib/i18n";

export const searchMessages = defineMessages({
  en: {
    "search.label": "Search customers and subscriptions",
    "search.placeholder": "Search ( / )",
    "search.results": "Search results",
    "search.customers": "Customers",
    "search.subscriptions": "Subscriptions",
    "search.none": "Nothing in your network matches “{query}”.",
    "search.loading": "Searching…",
    "search.tooShort": "Type at least 2 characters.",
    "search.customers.one": "{count} customer",
    "search.customers.other": "{count} customers",
    "search.subscriptions.one": "{count} subscription",
    "search.subscriptions.other": "{count} subscriptions",
    "search.count": "{customers}, {subscriptions}. Use the arrow keys and Enter.",
  },
  "pt-PT": {
    "search.label": "Pesquisar clientes e subscrições",
    "search.placeholder": "Pesquisar ( / )",
    "search.results": "Resultados da pesquisa",
    "search.customers": "Clientes",
    "search.subscriptions": "Subscrições",
    "search.none": "Nada na sua rede corresponde a “{query}”.",
    "search.loading": "A pesquisar…",
    "search.tooShort": "Escreva pelo menos 2 caracteres.",
    "search.customers.one": "{count} cliente",
    "search.customers.other": "{count} clientes",
    "search.subscriptions.one": "{count} subscrição",
    "search.subscriptions.other": "{count} subscrições",
    "search.count": "{customers}, {subscriptions}. Use as setas e Enter.",
  },
});
