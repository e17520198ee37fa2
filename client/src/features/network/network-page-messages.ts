import { defineMessages, type KeysOf } from "../../lib/i18n";

/** "Withdraw invitation" and the impact-stating "End partnership" question (counts as ICU plural messages). */
export const networkPageMessages = defineMessages({
  en: {
    "network.withdraw.button": "Withdraw invitation",
    "network.withdraw.label": "Withdraw invitation to {name}",
    "network.withdraw.confirm": "Withdraw the invitation to {name}? It can no longer accept it.",
    "network.withdraw.confirmButton": "Yes, withdraw it",
    "network.withdraw.done": "The invitation to {name} was withdrawn.",
    "network.end.impact":
      "End the partnership with {name}? It has {customers} and {subscriptions} in your network. They stay as they are, but you can no longer order or transfer for {name}, and customers only {name} holds leave your view.",
    "network.count.customers": "{count, plural, one {# customer} other {# customers}}",
    "network.count.subscriptions": "{count, plural, one {# subscription} other {# subscriptions}}",
  },
  "pt-PT": {
    "network.withdraw.button": "Retirar convite",
    "network.withdraw.label": "Retirar convite a {name}",
    "network.withdraw.confirm": "Retirar o convite a {name}? Deixará de o poder aceitar.",
    "network.withdraw.confirmButton": "Sim, retirar",
    "network.withdraw.done": "O convite a {name} foi retirado.",
    "network.end.impact":
      "Terminar a parceria com {name}? Tem {customers} e {subscriptions} na sua rede. Mantêm-se como estão, mas deixa de poder encomendar ou transferir para {name}, e os clientes que só {name} gere deixam de estar visíveis para si.",
    "network.count.customers": "{count, plural, one {# cliente} other {# clientes}}",
    "network.count.subscriptions": "{count, plural, one {# subscrição} other {# subscrições}}",
  },
});

declare module "../../lib/i18n" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this file's keys to the catalog.
  interface MessageCatalog extends KeysOf<typeof networkPageMessages> {}
}
